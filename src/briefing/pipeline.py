"""Ingest and extract runs over many inputs: the library behind `brief ingest` and `brief extract`.

Each document is cleaned, extracted and stored in one transaction, so that a failure in one
article never leaves a partial document and never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BriefingError, InputError
from .ingest import DEFAULT_MAX_BYTES, discover, prepare, read_path
from .models import Document, Fact
from .store import Store

Progress = Callable[[str], None]


@dataclass
class IngestReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # ids of new or changed documents

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        text = f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged"
        return text + (f", {self.failed} failed" if self.failed else "")

    def to_json(self) -> dict[str, object]:
        return {"new": self.new, "changed": self.changed, "unchanged": self.unchanged,
                "failed": self.failed, "errors": self.errors}


def _extract(doc: Document) -> list[Fact]:
    from .extract import extract_document

    return extract_document(doc)


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    day_first: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extract: bool = True,
    on_file: Progress | None = None,
) -> IngestReport:
    """Ingest files and folders into ``store``; unchanged documents are skipped by content hash."""
    from .extract import extractor_version
    from .ingest import document_id

    report = IngestReport()
    version = extractor_version() if extract else ""
    for item in discover(paths):
        if isinstance(item, InputError):
            report.errors.append(str(item))
            continue
        if on_file:
            on_file(str(item))
        for raw in read_path(item, max_bytes=max_bytes):
            if isinstance(raw, InputError):
                report.errors.append(str(raw))
                continue
            path = f"{raw.path}:{raw.line}" if raw.line is not None else raw.path
            status = store.document_status(path, document_id(raw))
            if status == "unchanged":
                report.unchanged += 1
                continue
            try:
                doc = prepare(raw, day_first=day_first)
                facts = _extract(doc) if extract else []
                store.put_document(doc, facts, version)
            except BriefingError as exc:
                report.errors.append(str(exc))
                continue
            except Exception as exc:  # an extractor bug must not stop the other articles
                report.errors.append(f"{raw.source_name}: internal error while processing: {exc!r}")
                continue
            report.documents.append(doc.id)
            if status == "new":
                report.new += 1
            else:
                report.changed += 1
    if extract and (report.new or report.changed):
        refresh_corpus_facts(store)
    return report


@dataclass
class ExtractReport:
    documents: int = 0
    facts: int = 0
    errors: list[str] = field(default_factory=list)


def extract_all(store: Store, *, force: bool = False, people_file: str | None = None,
                on_doc: Progress | None = None) -> ExtractReport:
    """(Re-)extract documents whose facts are stale (or all with ``force``), then merge persons."""
    from .extract import extractor_version

    version = extractor_version()
    ids = store.document_ids() if force else store.stale_documents(version)
    report = ExtractReport()
    for doc_id in ids:
        doc = store.document(doc_id)
        if doc is None:
            continue
        if on_doc:
            on_doc(doc.file)
        try:
            facts = _extract(doc)
        except Exception as exc:
            report.errors.append(f"{doc.file}: internal error while extracting: {exc!r}")
            continue
        store.replace_doc_facts(doc.id, facts, version)
        report.documents += 1
        report.facts += len(facts)
    if ids or force or people_file:
        refresh_corpus_facts(store, people_file)
    return report


def refresh_corpus_facts(store: Store, people_file: str | None = None) -> None:
    from .extract import corpus_facts

    store.replace_corpus_facts(corpus_facts(store.facts(), people_file))
