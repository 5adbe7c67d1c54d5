"""The examples of ``lists.yaml`` and ``figures.yaml`` hold, run through the extractors."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from briefing.extract import DocContext, enumerations, figures
from briefing.models import Document, PublishedDate


def _examples(name: str) -> list[dict[str, Any]]:
    text = resources.files("briefing.resources").joinpath("en", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)["examples"]


def _ctx(text: str) -> DocContext:
    return DocContext(Document(id="t", file="t.txt", path="t.txt", raw=text, text=text, title=None,
                               published=PublishedDate("2024-03-01", "day")))


@pytest.mark.parametrize("ex", _examples("lists.yaml"), ids=lambda ex: ex["text"][:40])
def test_list_examples(ex: dict[str, Any]) -> None:
    (e,) = enumerations.extract(_ctx(ex["text"]))
    assert len(e.items) == len(ex["items"])
    for item, start in zip(e.items, ex["items"], strict=True):
        assert item.text.startswith(start), (item.text, start)


@pytest.mark.parametrize("ex", _examples("figures.yaml"), ids=lambda ex: ex["text"][:40])
def test_figure_examples(ex: dict[str, Any]) -> None:
    found = figures.extract(_ctx(ex["text"]))
    if ex["value"] is None:
        assert found == []
        return
    (f,) = found
    assert f.value == float(ex["value"]) and f.unit == ex["unit"]
