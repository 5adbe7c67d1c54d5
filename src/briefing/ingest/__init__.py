"""Ingestion: files -> raw articles -> cleaned :class:`Document` records with metadata.

    >>> from briefing.models import RawArticle
    >>> doc = prepare(RawArticle(path="a.txt", raw="Title\\n\\n13/12/2021| 16:40\\n\\nBody text here.", fmt="txt"))
    >>> doc.title, doc.published.value, doc.text
    ('Title', '2021-12-13', 'Body text here.')
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..models import Document, RawArticle, short_hash
from .readers import DEFAULT_MAX_BYTES, discover, read_path

__all__ = ["DEFAULT_MAX_BYTES", "discover", "load_file", "prepare", "read_path"]


def document_id(raw: RawArticle) -> str:
    """Content hash of the text and the metadata that came with it."""
    return short_hash(raw.raw, raw.title or "", raw.published or "", raw.url or "", raw.outlet or "",
                      raw.author or "")


def prepare(raw: RawArticle, day_first: bool = True) -> Document:
    """Clean one raw article and work out its metadata."""
    # Imported on first use: cleaning loads the vocabulary and compiles its patterns (half a
    # second), which a run that finds every file unchanged (`build --all` on cron) never needs.
    from .clean import clean
    from .infer import infer_published
    from .metadata import (
        meta_line,
        outlet_of,
        published_from_given,
        published_from_url,
        real_date,
        stamp_date,
    )

    cleaned = clean(raw.raw, title=raw.title)
    if not cleaned.text.strip() and raw.title is None and cleaned.title:
        # A single paragraph with no headline (a short JSONL item): it is the body, not a title.
        cleaned.text, cleaned.title = cleaned.title, None
    if not cleaned.text.strip():
        raise InputError("no article text left after cleaning", path=raw.path, line=raw.line)
    published = (published_from_given(raw.published) or stamp_date(cleaned, day_first)
                 or published_from_url(raw.url))
    if published is None:
        published = infer_published(cleaned.text)
    if published is not None and not real_date(published.value):
        published = None  # stated, stamped or inferred: never a date that does not exist
    # Every field that reaches a report: one clean line (no bidi override hiding a name).
    return Document(
        id=document_id(raw),
        file=raw.source_name,
        path=f"{raw.path}:{raw.line}" if raw.line is not None else raw.path,
        raw=raw.raw,
        text=cleaned.text,
        title=meta_line(cleaned.title),
        published=published,
        outlet=meta_line(outlet_of(cleaned, raw.outlet)),
        author=meta_line(raw.author or cleaned.author),
        dateline=meta_line(cleaned.dateline),
        url=meta_line(raw.url),
        fmt=raw.fmt,
    )


def load_file(path: str | Path, day_first: bool = True) -> list[Document]:
    """Documents of one file (raises the first input error; for scripts and tests)."""
    docs = []
    for item in read_path(Path(path)):
        if isinstance(item, InputError):
            raise item
        docs.append(prepare(item, day_first))
    return docs
