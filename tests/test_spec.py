"""Brief specs: typed result, defaults, and errors that name file, line and field."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from briefing.errors import SpecError
from briefing.spec import (
    DEFAULT_SECTIONS,
    MAX_SPEC_BYTES,
    SECTION_OPTIONS,
    BriefSpec,
    Period,
    json_schema,
    load_spec,
    parse_spec,
)

ROOT = Path(__file__).resolve().parent.parent

FULL = """\
title: Fed watch
subtitle: Rates and the people who set them
audience: executive
period: {from: 2022-03, to: 2024}
people: [Jerome Powell]
keywords: [rate]
sections:
  - cover: {handling: "Internal only."}
  - summary
  - timeline: {max_items: 20, evidence: false}
  - goals: {categories: [goals], title: Priorities}
include: [a10e51bd0d7a3300]
exclude: [5081dd8a]
formats: [md, html]
output: fed-watch
"""


def test_full_spec_is_typed_and_frozen() -> None:
    spec = parse_spec(FULL, "briefs/fed.yaml")
    assert spec.title == "Fed watch" and spec.audience == "executive" and spec.name == "fed-watch"
    assert spec.period == Period("2022-03", "2024")
    assert [s.name for s in spec.sections] == ["cover", "summary", "timeline", "goals"]
    tl = spec.section("timeline")
    assert tl is not None and tl.option("max_items") == 20 and tl.option("evidence") is False
    goals = spec.section("goals")
    assert goals is not None and goals.title == "Priorities" and goals.option("categories") == ("goals",)
    assert goals.option("full_text") is True  # default filled in
    assert spec.formats == ("md", "html") and spec.exclude == ("5081dd8a",)
    with pytest.raises(AttributeError):
        spec.title = "x"  # type: ignore[misc]


def test_defaults_and_output_name_from_file() -> None:
    spec = parse_spec("title: Minimal\n", "briefs/weekly-digest.yaml")
    assert spec.name == "weekly-digest" and spec.audience == "analyst"
    assert [s.name for s in spec.sections] == list(DEFAULT_SECTIONS)
    assert "new" in SECTION_OPTIONS and "new" not in DEFAULT_SECTIONS  # opt-in
    assert spec.formats == ("md", "html", "pdf") and spec.period.is_open


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("title: a\ntitle: b\n", 2, "duplicate key 'title'"),
        ("title: !!python/object/apply:os.system [ls]\n", 1, "not allowed"),
        ("title: x\ntitel: y\n", 2, "did you mean 'title'"),
        ("title: x\nsections:\n  - cover\n  - timelin\n", 4, "unknown section 'timelin' (did you mean 'timeline'?)"),
        ("title: x\nsections:\n  - timeline:\n      max_items: many\n", 4, "max_items must be a whole number"),
        ("title: x\nsections:\n  - timeline: {limit: 3}\n", 3, "unknown option timeline.limit"),
        ("title: x\nsections: [cover, cover]\n", 2, "listed twice"),
        ("title: x\nperiod:\n  from: 2019-13\n", 3, "period.from"),
        ("title: x\nperiod: {from: 2020, to: 2019}\n", 2, "after period.to"),
        ("title: x\nperiod: {since: 2020}\n", 2, "unknown field 'period.since'"),
        ("title: x\nformats: [md, docx]\n", 2, "formats[1] 'docx'"),
        ("title: x\noutput: ../../etc/passwd\n", 2, "plain file name"),
        ("title: x\naudience: ../secret\n", 2, "template set name"),
        ("title: x\ninclude: [not-an-id]\n", 2, "not a fact id"),
        ("title: x\npeople: Powell\n", 2, "must be a list"),
        ("subtitle: no title\n", 1, "'title' is required"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        ("title: [unclosed\n", 2, "invalid YAML"),
        ("title: x\nsections: []\n", 2, "at least one section"),
    ],
)
def test_errors_name_file_line_and_field(text: str, line: int | None, needle: str) -> None:
    with pytest.raises(SpecError) as info:
        parse_spec(text, "briefs/bad.yaml")
    assert needle in str(info.value)
    assert str(info.value).startswith("briefs/bad.yaml:" + (f"{line}:" if line else ""))
    assert info.value.line == line


def test_alias_bomb_is_refused() -> None:
    layers = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    layers += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 9)]
    with pytest.raises(SpecError, match="alias expansion"):
        parse_spec("title: x\n" + "\n".join(layers) + "\n", "bomb.yaml")


def test_file_size_cap_and_encoding(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("title: x\n# " + "x" * MAX_SPEC_BYTES + "\n", encoding="utf-8")
    with pytest.raises(SpecError, match="over"):
        load_spec(big)
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("title: Hà Nội\n".encode("latin-1", "replace") + b"\xff\n")
    with pytest.raises(SpecError, match="UTF-8"):
        load_spec(bad)
    with pytest.raises(SpecError, match="cannot read"):
        load_spec(tmp_path / "missing.yaml")


def test_bom_and_unicode_title(tmp_path: Path) -> None:
    path = tmp_path / "vn.yaml"
    path.write_bytes("\ufefftitle: Quan hệ đối ngoại\n".encode())
    assert load_spec(path).title == "Quan hệ đối ngoại"


@pytest.mark.parametrize(
    ("period", "value", "end", "inside"),
    [
        (Period("2018", "2020-06"), "2020", None, True),
        (Period("2018", "2020-06"), "2020-07-01", None, False),
        (Period("2018"), "2017-12-31", None, False),
        (Period("2018"), "2017", "2019", True),  # a range overlapping the window
        (Period(None, "2019-05"), "2019-05-31", None, True),
        (Period("2019-05-02"), "2019-05", None, True),  # a month that contains the start day
        (Period("2019"), None, None, False),  # undated facts drop out of a dated window
    ],
)
def test_period_contains_at_precision(period: Period, value: str | None, end: str | None, inside: bool) -> None:
    assert period.contains(value, end) is inside


def test_json_schema_accepts_repo_specs_and_rejects_typos() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted((ROOT / "briefs").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        assert isinstance(load_spec(path), BriefSpec)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "sections": [{"timeline": {"max_item": 3}}]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "formats": ["doc"]}, schema)
