"""Selection and rendering: dates at precision, filters, search path, overrides, sandbox, sanitising,
verification. Uses the hand-made corpus in brief_fixtures (independent of the extractors)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.errors import SpecError, TemplateError, VerificationError
from briefing.render import make_env, render_markdown, render_sections
from briefing.render.charts import chart_svg
from briefing.render.env import BUILTIN_TEMPLATES, md_escape
from briefing.render.html import render_html
from briefing.render.markdown import to_html
from briefing.render.verify import verify
from briefing.select import BriefContext, date_label, select
from briefing.spec import load_spec, parse_spec
from briefing.store import Store

from .brief_fixtures import DOCS, make_store

ROOT = Path(__file__).resolve().parent.parent

BUILT = "2024-02-01"


@pytest.fixture
def store() -> Iterator[Store]:
    st = make_store(":memory:")
    yield st
    st.close()


def ctx_for(store: Store, spec_text: str = "title: Fed watch\n") -> BriefContext:
    return select(parse_spec(spec_text, "fed.yaml"), store, built=BUILT)


def markdown_for(ctx: BriefContext, user_dirs: tuple[Path, ...] = ()) -> str:
    return render_markdown(render_sections(ctx, make_env(ctx.audience, user_dirs)))


# --------------------------------------------------------------------------- selection


@pytest.mark.parametrize(
    ("value", "end", "shown"),
    [("2017", None, "2017"), ("2017-08", None, "Aug 2017"), ("2021-07-06", None, "6 Jul 2021"),
     ("2011", "2021", "2011–2021"), (None, None, "undated"), ("2021-07-06", "2021-07-06", "6 Jul 2021")],
)
def test_dates_shown_at_their_precision(value: str | None, end: str | None, shown: str) -> None:
    assert date_label(value, end) == shown


def test_context_numbers_sources_and_sorts_the_timeline(store: Store) -> None:
    ctx = ctx_for(store)
    assert [s.file for s in ctx.sources] == ["hostile.html", "reuters-fed.txt", "ap-fed.txt"]  # by date
    assert [e.date for e in ctx.timeline] == ["2020", "6 Jul 2021", "Mar 2022", "22 Mar 2023", "31 Jan 2024"]
    by_doc = {s.doc_id: s.number for s in ctx.sources}
    assert all(item.source == by_doc[item.doc_id] for item in ctx.cited_items())
    powell = ctx.profiles[0]
    assert powell.name == "Jerome Powell" and powell.current_title == "Chair"
    assert [t.title for t in powell.titles] == ["Fed Chair", "Chair"] and len(powell.quotes) == 2
    assert [s.id for s in ctx.series] == ["fed-rate"]
    assert [p.value for p in ctx.series[0].points] == ["4.75", "5.25"]  # ordered by as_of
    assert any("Three priorities" in k.text for k in ctx.summary)
    assert ctx.fact_ids and len(ctx.fact_ids) == len(set(ctx.fact_ids))


@pytest.mark.parametrize(
    ("spec", "expected_dates"),
    [
        ("period: {from: 2022, to: 2023}", ["Mar 2022", "22 Mar 2023"]),
        ("period: {to: 2021-07}", ["2020", "6 Jul 2021"]),
        ("keywords: [holds]", ["31 Jan 2024"]),
        ("sections: [timeline: {max_items: 2}]", ["22 Mar 2023", "31 Jan 2024"]),
    ],
)
def test_timeline_filters(store: Store, spec: str, expected_dates: list[str]) -> None:
    ctx = ctx_for(store, f"title: t\n{spec}\n")
    assert [e.date for e in ctx.timeline] == expected_dates


def test_goals_cap_keeps_the_most_recent_lists_and_says_so(seeds_store: Path) -> None:
    with Store(seeds_store) as st:
        full = ctx_for(st, "title: t\nsections: [goals, notes]\n")
        ctx = ctx_for(st, "title: t\nsections: [goals: {max_items: 3}, notes]\n")
        lists = {f.id: f for f in st.facts(["enumeration"])}
        pub = {d.id: d.published.value if d.published else "" for d in st.documents()}
    assert len(full.lists) > 3 and len(ctx.lists) == 3
    when = {li.fact_id: lists[li.fact_id].data.get("as_of") or pub[li.doc_id] for li in full.lists}
    kept = {li.fact_id for li in ctx.lists}
    assert min(when[i] for i in kept) >= max(when[i] for i in when if i not in kept)
    assert any(f"show the 3 most recent of {len(full.lists)} lists" in n.text for n in ctx.notes)
    assert not any("lists." in n.text for n in full.notes)


def test_summary_alone_cites_only_the_sources_of_its_points(seeds_store: Path) -> None:
    with Store(seeds_store) as st:
        ctx = ctx_for(st, "title: t\nsections: [summary: {max_points: 2}, sources]\n")
        doc_of = {f.id: f.doc_id for f in st.facts()}
    assert len(ctx.summary) == 2
    assert sorted(s.number for s in ctx.sources) == sorted({p.source for p in ctx.summary})
    by_number = {s.number: s.doc_id for s in ctx.sources}
    assert all(by_number[p.source] == doc_of[p.fact_id] for p in ctx.summary)
    assert not ctx.figures and not ctx.lists  # sections the brief does not show are not filled


@pytest.mark.parametrize("spec", ["briefs/default.yaml", "briefs/executive.yaml"])
def test_every_listed_source_is_cited_by_something_the_brief_shows(seeds_store: Path, spec: str) -> None:
    with Store(seeds_store) as st:
        ctx = select(load_spec(ROOT / spec), st)
    used = {item.source for item in ctx.cited_items()} | {p.source for p in ctx.summary}
    used |= {t.source for p in ctx.profiles for t in p.titles if t.source}
    assert {s.number for s in ctx.sources} == used


def test_include_exclude_by_id_prefix_and_people(store: Store) -> None:
    full = ctx_for(store)
    first, last = full.timeline[0], full.timeline[-1]
    ctx = ctx_for(store, f"title: t\nperiod: {{from: 2023}}\ninclude: [{first.fact_id[:8]}]\n"
                         f"exclude: [{last.fact_id}]\npeople: [Yellen]\n")
    assert [e.fact_id for e in ctx.timeline] == [first.fact_id, full.timeline[-2].fact_id]
    assert [p.name for p in ctx.profiles] == ["Janet Yellen"]


def test_empty_store_renders_every_section_gracefully() -> None:
    ctx = ctx_for(Store(":memory:"))
    md = markdown_for(ctx)
    for heading in ("## Timeline", "## Goals and focuses", "## Leader profiles", "## Key figures", "## Sources"):
        assert heading in md
    assert "No dated events found" in md and "No figures found" in md


# --------------------------------------------------------------------------- templates


def test_search_path_order_user_then_audience_then_base(tmp_path: Path) -> None:
    env = make_env("executive", [tmp_path])
    assert env.search_path == [tmp_path, BUILTIN_TEMPLATES / "executive", BUILTIN_TEMPLATES / "base"]
    assert env.which("sections/timeline.md.j2").endswith("executive/sections/timeline.md.j2")
    assert env.which("sections/notes.md.j2").endswith("base/sections/notes.md.j2")
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "notes.md.j2").write_text("mine\n")
    assert make_env("executive", [tmp_path]).which("sections/notes.md.j2") == str(tmp_path / "sections/notes.md.j2")


def test_unknown_audience_is_a_usage_error() -> None:
    with pytest.raises(SpecError, match="unknown audience 'board'.*analyst") as info:
        make_env("board")
    assert info.value.exit_code == 2  # as README's exit-code table says for an invalid spec


def test_override_extends_what_it_replaces(tmp_path: Path, store: Store) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "timeline.md.j2").write_text(
        '{% extends "default:sections/timeline.md.j2" %}\n'
        "{% block intro %}*Desk note: dates are UTC.*\n\n{% endblock %}\n",
        encoding="utf-8",
    )
    md = markdown_for(ctx_for(store), (tmp_path,))
    assert "*Desk note: dates are UTC.*" in md
    assert "**22 Mar 2023** — Fed raises its benchmark rate to 4.75%" in md  # the rest of the original
    assert re.search(r"`[0-9a-f]{16}`\{\.fact\}", md)  # ... including the analyst block it extends


def test_strict_undefined_names_template_file_and_line(tmp_path: Path, store: Store) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "notes.md.j2").write_text("## Notes\n\nok\n{{ brief.titel }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        markdown_for(ctx_for(store, "title: t\nsections: [notes]\n"), (tmp_path,))
    assert info.value.path == str(tmp_path / "sections" / "notes.md.j2") and info.value.line == 4
    assert "titel" in str(info.value)


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ brief.__class__ }}",
        "{{ (brief|attr('__class__')).__init__.__globals__ }}",
        "{{ brief.title.format.__globals__ }}",
        "{% include '../../../../etc/passwd' %}",
        "{% for x in range(10**9) %}{% endfor %}",
    ],
)
def test_sandbox_escapes_fail_with_the_template_name(tmp_path: Path, store: Store, payload: str) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "notes.md.j2").write_text(f"## Notes\n\n{payload}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        markdown_for(ctx_for(store, "title: t\nsections: [notes]\n"), (tmp_path,))
    message = str(info.value)
    assert "notes.md.j2" in message or "passwd" in message


def test_template_syntax_error_has_file_and_line(tmp_path: Path, store: Store) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "notes.md.j2").write_text("## Notes\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        markdown_for(ctx_for(store, "title: t\nsections: [notes]\n"), (tmp_path,))
    assert info.value.line == 2 and str(info.value.path).endswith("notes.md.j2")


# --------------------------------------------------------------------------- escaping and sanitising


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("a*b_c", "a\\*b\\_c"), ("<script>", "&lt;script\\>"), ("Q&A &amp; x", "Q&A &amp;amp; x"),
     ("[x](javascript:y)", "\\[x\\](javascript:y)"), ("line\nbreak  # not heading", "line break \\# not heading"),
     ("col | col", "col \\| col"), ("Hà Nội “quoted”", "Hà Nội “quoted”")],
)
def test_markdown_escaping(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


@pytest.mark.parametrize(
    "hostile",
    ['<script>alert(1)</script>', '<img src="x" onerror="alert(1)">', '[a](javascript:alert(1))',
     '<iframe src="http://127.0.0.1/"></iframe>', '<a href="data:text/html,<script>x</script>">d</a>',
     '![x](file:///etc/passwd)', '<link rel="attachment" href="file:///etc/passwd">',
     '<div style="background:url(file:///etc/passwd)">s</div>', '<svg onload="alert(1)"></svg>'],
)
def test_sanitiser_removes_active_content(hostile: str) -> None:
    html = to_html(f"text {hostile} more")
    assert not re.search(r"<(script|iframe|link|svg|style)\b", html)
    assert not re.search(r"\s(on\w+|style)=", html)
    assert "javascript:" not in html and "file:" not in html.split("alt=")[0]
    assert 'src="data:text' not in html and 'href="data:' not in html


def test_hostile_article_is_shown_as_text_in_html(store: Store) -> None:
    ctx = ctx_for(store)
    env = make_env("analyst")
    html = render_html(ctx, env, render_sections(ctx, env))
    assert "&lt;script&gt;alert(" in html  # visible as text ...
    tags = re.findall(r"<[a-zA-Z][^>]*>", html)
    assert not [t for t in tags if re.match(r"<(script|iframe|object|embed|link)\b", t)]  # ... never as markup
    assert not [t for t in tags if re.search(r"\son\w+=|javascript:|file:", t)]
    assert "Hà Nội" in html and "Nguyễn Thị Hương" in html


def test_chart_svg_escapes_labels() -> None:
    from briefing.select import FigureItem, Series

    pts = tuple(FigureItem(f"f{i}", 1, "d", (0, 1), "x", value=v, number=float(v), unit="<b>u</b>", date=d,
                           date_iso=d) for i, (v, d) in enumerate([("3", "2019"), ("5", "2020")]))
    svg = chart_svg(Series("s", "<script>x</script>", pts))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and ">2020<" in svg


# --------------------------------------------------------------------------- verification


def test_verify_passes_on_a_real_brief(store: Store) -> None:
    ctx = ctx_for(store)
    verify(ctx, {d.id: d for d in DOCS}, {"md": markdown_for(ctx)})


def test_verify_rejects_a_quote_that_differs_from_its_source(store: Store) -> None:
    ctx = ctx_for(store)
    powell = ctx.profiles[0]
    bad_quote = dataclasses.replace(powell.quotes[0], evidence="We will cut rates next month")
    bad = dataclasses.replace(ctx, profiles=(dataclasses.replace(powell, quotes=(bad_quote,)),))
    with pytest.raises(VerificationError, match="quote .* does not match its source text"):
        verify(bad, {d.id: d for d in DOCS}, {})


def test_verify_rejects_a_citation_outside_the_sources(store: Store) -> None:
    ctx = ctx_for(store)
    with pytest.raises(VerificationError, match=r"cites source \[9\]"):
        verify(ctx, {d.id: d for d in DOCS}, {"md": "A claim [[9]](#src-9)."})
    wrong = dataclasses.replace(ctx, timeline=(dataclasses.replace(ctx.timeline[0], source=1),))
    with pytest.raises(VerificationError, match="which is not its document"):
        verify(wrong, {d.id: d for d in DOCS}, {})
