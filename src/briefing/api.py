"""The Python API: what the ``brief`` command does, for notebooks and scripts.

The CLI is a thin layer over these calls (sqlite-utils style)::

    >>> import briefing
    >>> with briefing.Corpus(":memory:") as corpus:
    ...     corpus.ingest_text("Hanoi, 3 May 2024. The ministry opened a new office on 2 May 2024.",
    ...                        title="A new office", published="2024-05-03")
    ...     [f.kind for f in corpus.facts("event")][:1]
    ...     "# Office watch" in corpus.render({"title": "Office watch", "sections": ["cover", "timeline"]})
    1
    ['event']
    True
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from .build import BuildResult, build
from .models import Document, StoredFact
from .pipeline import IngestReport, extract_all, ingest
from .select import BriefContext, select
from .spec import BriefSpec, load_spec, parse_spec
from .store import Store

SpecLike = BriefSpec | str | Path | Mapping[str, Any]


def as_spec(spec: SpecLike) -> BriefSpec:
    """A spec from a file path, a mapping (the YAML's content as a dict) or a BriefSpec.

        >>> as_spec({"title": "T", "sections": ["timeline"]}).sections[0].name
        'timeline'
    """
    if isinstance(spec, BriefSpec):
        return spec
    if isinstance(spec, Mapping):
        # Through the same validation as a file, so a dict gets the same errors.
        return parse_spec(json.dumps(dict(spec), ensure_ascii=False), "<spec>")
    return load_spec(spec)


class Corpus:
    """A store of articles and their facts (a SQLite file, or ``":memory:"``)."""

    def __init__(self, path: str | Path = ".briefing/corpus.db") -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.store = Store(path)

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def ingest(self, *paths: str | Path, day_first: bool = True, jobs: int | None = None) -> IngestReport:
        """Ingest files or folders (``.txt .md .html .htm .jsonl``) and extract their facts."""
        return ingest(self.store, list(paths), day_first=day_first, jobs=jobs)

    def ingest_text(self, text: str, *, title: str | None = None, published: str | None = None,
                    url: str | None = None, outlet: str | None = None) -> int:
        """Ingest one article given as text (through a one-line JSONL file); returns documents added."""
        row = {k: v for k, v in {"text": text, "title": title, "published": published, "url": url,
                                 "outlet": outlet}.items() if v is not None}
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "article.jsonl"
            path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
            report = ingest(self.store, [path], jobs=1)
        if report.errors:
            from .errors import InputError

            raise InputError(report.errors[0])
        return report.new + report.changed

    def extract(self, *, force: bool = False, people_file: str | Path | None = None) -> None:
        """Re-extract stale documents (all with ``force``), optionally with a people file."""
        extract_all(self.store, force=force, people_file=str(people_file) if people_file else None)

    def documents(self) -> list[Document]:
        return self.store.documents()

    def facts(self, kinds: str | Iterable[str] | None = None) -> list[StoredFact]:
        """Facts of one kind (``"event"``), several, or all."""
        wanted = [kinds] if isinstance(kinds, str) else list(kinds) if kinds is not None else None
        return self.store.facts(wanted)

    def select(self, spec: SpecLike, built: str | dt.date | None = None) -> BriefContext:
        """What a brief would show: the typed, numbered facts its templates read."""
        return select(as_spec(spec), self.store, built=built)

    def render(self, spec: SpecLike, fmt: str = "md", templates: Sequence[str | Path] = (),
               built: str | dt.date | None = None) -> str:
        """One brief rendered in memory (``md`` or ``html``), nothing written."""
        from .build import render_outputs

        if fmt not in ("md", "html"):
            raise ValueError("render() makes md or html; build() writes PDFs")
        ctx = self.select(spec, built=built)
        return render_outputs(ctx, [fmt], [Path(t) for t in templates])[fmt].decode("utf-8")

    def build(self, spec: SpecLike, out_dir: str | Path = "reports", formats: Sequence[str] | None = None,
              templates: Sequence[str | Path] = ()) -> BuildResult:
        """Build a brief into ``out_dir`` (verified, written atomically), like ``brief build``."""
        return build(as_spec(spec), self.store, Path(out_dir), formats=formats,
                     template_dirs=[Path(t) for t in templates])


def build_brief(spec: SpecLike, corpus: Corpus | str | Path = ".briefing/corpus.db",
                out_dir: str | Path = "reports", formats: Sequence[str] | None = None,
                templates: Sequence[str | Path] = ()) -> BuildResult:
    """Build one brief from a corpus (or the path of its store) in one call."""
    if isinstance(corpus, Corpus):
        return corpus.build(spec, out_dir, formats, templates)
    with Corpus(corpus) as c:
        return c.build(spec, out_dir, formats, templates)
