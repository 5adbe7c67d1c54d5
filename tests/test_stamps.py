"""Publication dates from the stamps news sites print: the set in fixtures/stamps/stamps.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.extract import extract_document
from briefing.ingest import prepare
from briefing.models import RawArticle

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "stamps" / "stamps.yaml").read_text(encoding="utf-8"))["cases"]


def test_the_set_is_large_enough() -> None:
    assert len(CASES) >= 30 and len({c["date"] for c in CASES}) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c["form"] for c in CASES])
def test_publication_date_from_the_stamp(case: dict[str, Any]) -> None:
    url = case.get("url")
    raw = RawArticle(path="a.jsonl" if url else "a.txt", raw=case["raw"], fmt="jsonl" if url else "txt", url=url,
                     line=1 if url else None)
    doc = prepare(raw, day_first=case.get("day_first", True))
    assert doc.published is not None and (doc.published.value, doc.published.inferred) == (case["date"], False)
    body = case.get("body") or (case["raw"] if url else case["raw"].split("\n")[-1])
    assert doc.text == body  # the stamp is not left in the body
    year = case["date"][:4]
    for fact in extract_document(doc):  # ... so it never becomes an event or a figure
        assert year not in fact.text
