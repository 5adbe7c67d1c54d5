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

import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import text as textutil
from ..models import Document, Fact

if TYPE_CHECKING:
    from .people.tokens import Tokens


def extractor_version() -> str:
    """Changes whenever an extractor, the shared text helpers or the resource pack change, so
    that `brief extract` redoes stale facts (a new speech verb in a YAML file counts too)."""
    package = Path(__file__).parent
    sources = [*package.glob("*.py"), *package.glob("*/*.py"), package.parent / "text.py",
               package.parent / "lexicon.py", *(package.parent / "resources").rglob("*.yaml")]
    h = hashlib.sha256()
    for path in sorted(sources):
        h.update(path.relative_to(package.parent).as_posix().encode())
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
    def lowered(self) -> str | None:
        """The text in lower case for case-folding scans (see :func:`briefing.text.lowered`)."""
        return textutil.lowered(self.text)

    @cached_property
    def tokens(self) -> Tokens:
        """The word tokens with their offsets and the gaps between them (see
        :func:`briefing.extract.people.tokens.tokens`): people, quotes and the date scan read them."""
        from .people.tokens import tokens

        return tokens(self.text)

    @cached_property
    def numbers(self) -> list[textutil.Span]:
        """Runs of digits and number words: where figures and counted lists start."""
        return textutil.number_spans(self.text, self.lowered)

    @cached_property
    def timexes(self) -> list[Any]:
        from . import dates

        return dates.tag(self.text, self.reference_date, words=self.tokens)


@dataclass(frozen=True)
class Extractor:
    """One extractor: the fact kinds it makes and the function that makes them from a document.
    Extractors run in registry order; a later one may read the facts of earlier ones
    (``ctx.facts``: quotes read the person mentions)."""

    name: str
    kinds: tuple[str, ...]
    run: Callable[[DocContext], Sequence[Fact]]


@functools.cache
def extractors() -> tuple[Extractor, ...]:
    """The registry, in running order. Imported on first use: `brief --help` needs none of it.
    The patterns the extractors compile as they load come from the cache of compiled patterns."""
    from ..regex_cache import cached_compiles

    with cached_compiles():
        from . import enumerations, events, figures, people, quotes

    return (
        Extractor("events", ("event",), events.extract),
        Extractor("people", ("mention", "name"), people.extract),
        Extractor("quotes", ("quote", "phrase"), quotes.extract),
        Extractor("enumerations", ("enumeration",), enumerations.extract),
        Extractor("figures", ("figure",), figures.extract),
    )


def preload() -> None:
    """Import every extractor and compile what they would compile on first use: done before
    worker processes fork, so that they inherit it instead of each compiling it again."""
    from . import date_scan

    extractors()
    date_scan.compile_all()


def extract_document(doc: Document) -> list[Fact]:
    """All per-document facts of ``doc``, in registry order."""
    ctx = DocContext(doc)
    out: list[Fact] = []
    for extractor in extractors():
        found = extractor.run(ctx)
        for fact in found:
            ctx.facts.setdefault(fact.kind, []).append(fact)
        out.extend(found)
    return out
