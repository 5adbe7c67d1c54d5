"""docs/templates.md is generated from the code and must not drift from it (issue #17)."""

from __future__ import annotations

from pathlib import Path

from briefing.render.env import FILTERS
from briefing.render.reference import CLASSES, missing, reference

DOC = Path(__file__).resolve().parent.parent / "docs" / "templates.md"


def test_every_context_field_has_a_meaning_and_an_example() -> None:
    assert missing() == []


def test_docs_templates_md_is_what_the_code_generates() -> None:
    assert DOC.read_text(encoding="utf-8") == reference(), \
        "docs/templates.md is stale: run `make docs` (python -m briefing.render.reference > docs/templates.md)"


def test_reference_names_every_filter_and_context_type() -> None:
    text = reference()
    for name in FILTERS:
        assert f"| `{name}` |" in text
    for cls in CLASSES:
        assert f"## {cls.__name__}\n" in text
    for block in ("head", "header", "cover", "section", "footer"):
        assert f"`{block}`" in text
