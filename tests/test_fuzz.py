"""Property tests (issue #8 item 7): ingestion, the date tagger, extraction and rendering on
generated article-like text. Short runs here; the long run is tests/fuzz/fuzz_extract.py
(see SECURITY.md). Every crash the fuzzers found is pinned below as a regression test.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.extract.dates import tag
from briefing.models import RawArticle
from briefing.pipeline import _process

from .fuzz import properties as prop
from .fuzz.strategies import any_text, article_text, file_bytes, ordinary_references

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


@FAST
@given(any_text, st.sampled_from(["txt", "md", "html", "jsonl"]))
def test_ingestion_raises_only_input_errors(text: str, fmt: str) -> None:
    prop.check_prepare_and_extract(text, fmt, extract=False)


@FAST
@given(file_bytes())
def test_readers_from_bytes_raise_only_input_errors(case: tuple[bytes, str, bytes]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        prop.check_read_bytes(*case, folder)


@FAST
@given(any_text, ordinary_references, st.booleans())
def test_tagger_offsets_are_valid_and_exact(text: str, reference: str | None, day_first: bool) -> None:
    prop.check_tagger(text, reference, day_first)


@FAST
@given(article_text(), ordinary_references)
def test_every_fact_quotes_its_source_span(text: str, published: str | None) -> None:
    prop.check_extract(text, published)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.lists(article_text(max_tokens=80), min_size=1, max_size=2), st.sampled_from(["analyst", "executive"]))
def test_rendered_brief_is_verified_and_inert(texts: list[str], audience: str) -> None:
    docs = [prop.document(t, doc_id=f"{i:016x}") for i, t in enumerate(texts) if t.strip()]
    if docs:
        prop.check_render(docs, f"title: Fuzz\naudience: {audience}\nformats: [md, html]\n")


# --------------------------------------------------------------------------- regressions found by fuzzing


# Found by tests/fuzz/fuzz_extract.py: relative days against a reference at the calendar's edge.
@pytest.mark.parametrize(("text", "reference"), [("The The yesterday ", "0001-01-01"),
                                                 ("It opens tomorrow.", "9999-12-31")])
def test_relative_day_at_the_edge_of_the_calendar(text: str, reference: str) -> None:
    prop.check_tagger(text, reference)


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_edge_of_calendar_article_is_ingested(published: str) -> None:
    # The same crash reached through ingestion: a JSONL line with an absurd date (fixed in cd5b190).
    raw = RawArticle(path="feed.jsonl", line=3, raw="Headline\n\nIt rained yesterday; it clears tomorrow.",
                     fmt="jsonl", published=published)
    result = _process(raw, True, True)
    assert isinstance(result, tuple), result
    doc, rows = result  # facts come back from the worker as store rows
    assert doc.published is None  # outside 1000-2100: refused (#19), the article still ingested
    assert all(doc.text[start:end] == text for _id, _kind, start, end, text, *_rest in rows)


def test_tagger_on_ordinary_relative_days_still_works() -> None:
    (t,) = tag("It rained yesterday.", "2024-01-31")
    assert (t.text, t.value) == ("yesterday", "2024-01-30")
