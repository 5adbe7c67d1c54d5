"""The properties the fuzzers check, as plain functions (shared by the suite and the long fuzz).

Each raises AssertionError (or the unexpected exception) on a violation and returns quietly
otherwise::

    >>> check_tagger("Since 2011, it has grown.", "2024")
    >>> _ = check_prepare_and_extract("Headline\\n\\nThe minister said on Monday: “We will act.”")
"""

from __future__ import annotations

import re

from briefing.errors import InputError
from briefing.extract import extract_document
from briefing.extract.dates import tag
from briefing.ingest import prepare
from briefing.models import Document, Fact, PublishedDate, RawArticle
from briefing.pipeline import refresh_corpus_facts

_ACTIVE = re.compile(r"<\s*(script|iframe|object|embed|link|meta|base|form|svg|math|style)\b"
                     r"|\son\w+\s*=|javascript:|vbscript:|file:", re.IGNORECASE)


def check_tagger(text: str, reference: str | None, day_first: bool = True) -> None:
    """The tagger never raises; every expression is its exact source span, in order."""
    timexes = tag(text, reference, day_first=day_first)
    last = 0
    for t in timexes:
        assert 0 <= t.start < t.end <= len(text), (t.start, t.end, len(text))
        assert t.text == text[t.start:t.end], (t.text, text[t.start:t.end])
        assert t.start >= last, "timexes out of order or overlapping"
        last = t.end


def check_facts(doc: Document, facts: list[Fact]) -> None:
    """Every fact quotes its document exactly: ``fact.text == doc.text[span]``."""
    for f in facts:
        start, end = f.span
        assert f.doc_id == doc.id
        assert 0 <= start <= end <= len(doc.text), (f.kind, f.span, len(doc.text))
        assert f.text == doc.text[start:end], (f.kind, f.text, doc.text[start:end])


def check_prepare_and_extract(raw_text: str, fmt: str = "txt", extract: bool = True) -> Document | None:
    """Ingestion raises nothing but InputError; extraction of what it makes keeps its spans."""
    try:
        doc = prepare(RawArticle(path=f"fuzz.{fmt}", raw=raw_text, fmt=fmt))
    except InputError:
        return None
    assert doc.text.strip()
    if extract:
        check_facts(doc, extract_document(doc))
    return doc


_HIDDEN = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\x00-\x1f]")


def check_read_bytes(content: bytes, suffix: str, name: bytes, folder: str) -> list[Document]:
    """From bytes on disk to documents, as ``brief ingest`` goes: the readers and cleaning
    raise nothing but InputError (one per bad file or line), and every document they make is
    valid text with one-line, control-free metadata and a real publication date."""
    import os

    from briefing.ingest import discover, read_path
    from briefing.ingest.metadata import real_date

    path = os.path.join(os.fsencode(folder), name + suffix.encode())
    with open(path, "wb") as fh:
        fh.write(content)
    docs = []
    try:
        for found in discover([folder]):
            if isinstance(found, InputError):
                str(found).encode("utf-8")  # an error about a bad name can be printed
                continue
            for raw in read_path(found):
                if isinstance(raw, InputError):
                    continue
                try:
                    docs.append(prepare(raw))
                except InputError:
                    continue
    finally:
        os.unlink(path)
    for doc in docs:
        doc.text.encode("utf-8")
        for value in (doc.title, doc.author, doc.outlet, doc.url, doc.file, doc.path):
            assert value is None or (value.encode("utf-8") and not _HIDDEN.search(value)), value
        assert doc.published is None or real_date(doc.published.value), doc.published
    return docs


def document(text: str, published: str | None = "2024-01-31", doc_id: str = "f" * 16) -> Document:
    """A Document whose cleaned text is ``text`` as given (no ingest), for extractor fuzzing."""
    return Document(id=doc_id, file=f"{doc_id}.txt", path=f"/fuzz/{doc_id}.txt", raw=text, text=text, title="Fuzz",
                    published=PublishedDate(published, "day") if published else None)


def check_extract(text: str, published: str | None = "2024-01-31") -> list[Fact]:
    """Extraction on raw (uncleaned) text: spans valid, quotes equal to their source."""
    doc = document(text, published)
    facts = extract_document(doc)
    check_facts(doc, facts)
    return facts


def check_render(docs: list[Document], spec_text: str = "title: Fuzz\nformats: [md, html]\n") -> str:
    """Extract, store, select and render a brief from ``docs``: no exception, verified, and no
    active content in the HTML report."""
    from briefing.render import make_env, render_sections
    from briefing.render.html import render_html
    from briefing.render.verify import verify
    from briefing.select import select
    from briefing.spec import parse_spec
    from briefing.store import Store

    with Store(":memory:") as st:
        for doc in docs:
            facts = extract_document(doc)
            check_facts(doc, facts)
            st.put_document(doc, facts, "fuzz")
        refresh_corpus_facts(st)
        ctx = select(parse_spec(spec_text, "fuzz.yaml"), st, built="2024-02-01")
        env = make_env(ctx.audience)
        sections = render_sections(ctx, env)
        html = render_html(ctx, env, sections)
        markdown = "\n".join(s.markdown for s in sections)
        verify(ctx, {d.id: d for d in st.documents()}, {"md": markdown, "html": html})
    body = html.split("</style>", 1)[-1]  # the inlined CSS is ours
    for tag_text in re.findall(r"<[^>]*>", body):
        assert not _ACTIVE.search(tag_text), tag_text
    return html
