"""Extraction: pure functions from a document's text to typed facts. No I/O here.

The per-document pipeline runs each extractor in order over one :class:`DocContext`, which
caches what several extractors need (sentences, temporal expressions, person mentions).
The corpus stage then merges what only makes sense across documents (persons).

    >>> from briefing.models import Document
    >>> doc = Document(id="d", file="a.txt", path="a.txt", raw="", text="Hello.", title=None,
    ...                published=None)
    >>> isinstance(extract_document(doc), list)
    True
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import text as textutil
from ..models import Document, Fact

if TYPE_CHECKING:
    from ..models import StoredFact


def extractor_version() -> str:
    """Changes whenever any extractor's source changes, so `brief extract` redoes stale facts."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


class DocContext:
    """Per-document scratch shared by the extractors (computed lazily, once)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        # Facts produced so far in this run, by kind (later extractors may read earlier ones).
        self.facts: dict[str, list[Fact]] = {}

    @cached_property
    def reference_date(self) -> str | None:
        """The article's own date (ISO, any precision), used to resolve relative dates."""
        return self.doc.published.value if self.doc.published else None

    @cached_property
    def sentences(self) -> list[textutil.Span]:
        return textutil.sentences(self.text)

    @cached_property
    def paragraphs(self) -> list[textutil.Span]:
        return textutil.paragraphs(self.text)

    @cached_property
    def timexes(self) -> list[Any]:
        from . import dates

        return dates.tag(self.text, self.reference_date)


def extract_document(doc: Document) -> list[Fact]:
    """All per-document facts of ``doc``, in extractor order."""
    from . import enumerations, events, figures, people, quotes

    ctx = DocContext(doc)
    out: list[Fact] = []
    for module in (events, people, quotes, enumerations, figures):
        found = module.extract(ctx)
        for fact in found:
            ctx.facts.setdefault(fact.kind, []).append(fact)
        out.extend(found)
    return out


def corpus_facts(facts: list[StoredFact], people_file: str | None = None) -> list[Fact]:
    """Facts that need the whole corpus: persons merged across documents."""
    from . import people

    return people.merge(facts, people_file)
