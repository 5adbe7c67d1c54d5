"""Audiences as first-class template sets, customising without copying, custom sections, page fit
and filters that match nothing (issue #17)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from briefing.build import build
from briefing.cli import app
from briefing.errors import SpecError
from briefing.render.env import make_env
from briefing.spec import json_schema, parse_spec
from briefing.store import Store

ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


def _templates(tmp_path: Path) -> Path:
    """A user folder: a shared override, and board/ and desk/ audience subfolders."""
    root = tmp_path / "my-templates"
    (root / "board" / "sections").mkdir(parents=True)
    (root / "desk").mkdir()
    (root / "sections").mkdir()
    (root / "sections" / "notes.md.j2").write_text("{{ section.title|heading(2, 'notes') }} shared\n", encoding="utf-8")
    (root / "board" / "logo.png").write_bytes(PNG)
    (root / "board" / "audience.yaml").write_text(
        "extends: executive\nlayout: compact\nfooter: Board only\nassets: {logo: logo.png}\n", encoding="utf-8")
    (root / "desk" / "audience.yaml").write_text("footer: Desk copy\n", encoding="utf-8")
    return root


def test_an_audience_sees_only_its_own_subfolder_and_the_shared_part(tmp_path: Path) -> None:
    root = _templates(tmp_path)
    board = make_env("board", [root])
    assert board.search_path[:2] == [root / "board", root]
    assert board.search_path[2].name == "executive"  # `extends` in its audience.yaml
    assert board.look.footer == "Board only" and "logo" in board.look.assets
    desk = make_env("desk", [root])
    assert desk.look.footer == "Desk copy" and not desk.look.assets  # the board's logo does not leak
    assert desk.which("sections/notes.md.j2") == str(root / "sections" / "notes.md.j2")
    analyst = make_env("analyst", [root])
    assert root / "board" not in analyst.search_path and analyst.look.footer is None


def test_templates_command_shows_which_file_wins_per_audience(cli: CliRunner, tmp_path: Path) -> None:
    root = _templates(tmp_path)
    (root / "board" / "sections" / "notes.md.j2").write_text("board notes\n", encoding="utf-8")
    shown = cli.invoke(app, ["templates", "--audience", "board", "--templates", str(root), "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert data["templates"]["sections/notes.md.j2"] == str(root / "board" / "sections" / "notes.md.j2")
    assert data["templates"]["sections/timeline.md.j2"].endswith("executive/sections/timeline.md.j2")
    assert data["look"]["footer"] == "Board only"
    desk = json.loads(cli.invoke(app, ["templates", "-a", "desk", "-t", str(root), "--json"]).output)
    assert desk["templates"]["sections/notes.md.j2"] == str(root / "sections" / "notes.md.j2")
    assert not any(name.startswith("board/") for name in desk["templates"])
    printed = cli.invoke(app, ["templates", "--print", "document.html.j2"])
    assert printed.exit_code == 0 and "{% block footer %}" in printed.output
    unknown = cli.invoke(app, ["templates", "--audience", "bord", "-t", str(root)])
    assert unknown.exit_code == 2 and "unknown audience 'bord'" in unknown.output and "board" in unknown.output


def test_init_scaffolds_a_one_page_board_brief_with_logo_footer_and_custom_section(
        cli: CliRunner, tmp_path: Path, seeds_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "proj"
    done = cli.invoke(app, ["init", str(project)])
    assert done.exit_code == 0, done.output
    assert (project / "briefing.toml").is_file() and (project / "articles").is_dir()
    again = cli.invoke(app, ["init", str(project)])
    assert "kept" in again.output and "created" not in again.output  # never overwrites
    shutil.copy(seeds_store, project / "corpus.db")
    monkeypatch.chdir(project)
    built = cli.invoke(app, ["--store", "corpus.db", "build", "briefs/board.yaml"])
    assert built.exit_code == 0, built.output
    html = (project / "reports" / "board.html").read_text(encoding="utf-8")
    assert '<img class="logo" src="data:image/svg+xml;base64,' in html
    assert "Board of Directors · confidential" in html and "For the board meeting" in html
    assert 'class="section section-recommendations"' in html and "Requirements and key tasks" in html
    assert "--accent: #7a1f3d" in html  # the extra stylesheet, after style.css
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    pdf = PdfReader(project / "reports" / "board.pdf")
    assert len(pdf.pages) == 1
    page = pdf.pages[0].extract_text()
    assert "Board of Directors" in page and "Tasks on the table" in page


def test_executive_brief_fits_one_page_and_shows_no_fact_ids(seeds_store: Path, tmp_path: Path) -> None:
    with Store(seeds_store) as st:
        result = build(ROOT / "briefs" / "executive.yaml", st, tmp_path, formats=("md", "pdf"))
    assert len(PdfReader(result.outputs["pdf"]).pages) == 1
    assert "{.fact}" not in result.outputs["md"].read_text(encoding="utf-8")


def test_without_a_cover_section_the_title_block_still_shows(seeds_store: Path, tmp_path: Path) -> None:
    spec = parse_spec("title: No cover here\nlayout: compact\nsections: [summary]\nformats: [html]\n", "t.yaml")
    with Store(seeds_store) as st:
        html = build(spec, st, tmp_path).outputs["html"].read_text(encoding="utf-8")
    assert '<h1 id="cover">No cover here</h1>' in html and 'class="layout-compact"' in html


@pytest.mark.parametrize(("assets", "message"), [
    ("{logo: https://example.com/logo.png}", "local file, not a URL"),
    ("{logo: missing.png}", "file not found"),
    ("{logo: notes.txt}", "not a PNG, JPEG, GIF or SVG"),
    ("{logo: big.png}", "images are limited"),
    ("{logo: evil.svg}", "SVG with scripts"),
    ("{Logo: logo.png}", "lower-case"),
])
def test_assets_are_local_checked_images(tmp_path: Path, assets: str, message: str) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(PNG)
    (tmp_path / "big.png").write_bytes(PNG + bytes(600_000))
    (tmp_path / "evil.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                       encoding="utf-8")
    with pytest.raises(SpecError, match=message) as info:
        parse_spec(f"title: t\nassets: {assets}\n", str(tmp_path / "b.yaml"))
    assert info.value.line == 2


def test_extra_css_cannot_fetch_anything(tmp_path: Path, seeds_store: Path) -> None:
    (tmp_path / "evil.css").write_text("body { background: url(https://example.com/x.png) }", encoding="utf-8")
    spec = parse_spec("title: t\nextra_css: [evil.css]\nformats: [html]\n", str(tmp_path / "b.yaml"))
    with Store(seeds_store) as st, pytest.raises(Exception, match="external resource"):
        build(spec, st, tmp_path / "out")


CUSTOM = """title: t
people: [Aurora Wiliams]
keywords: [zeppelin]
sections:
  - summary
  - quotes-of-note:
      title: Quotes of note
      query: {kinds: [quote], people: [Le Hoai Trung], max_items: 2}
  - nothing-here: {query: {kinds: [figure], keywords: [unobtainium]}}
  - notes
"""


def test_custom_section_selects_its_facts_and_empty_filters_warn(seeds_store: Path, tmp_path: Path,
                                                                 cli: CliRunner) -> None:
    tpl = tmp_path / "tpl" / "sections"
    tpl.mkdir(parents=True)
    (tpl / "quotes-of-note.md.j2").write_text(
        "{{ section.title|heading(2, 'quotes') }}\n\n{% for q in items %}- {{ q.speaker }}: {{ q.text }} "
        "{{ q|cite }}\n{% endfor %}\n", encoding="utf-8")
    (tpl / "nothing-here.md.j2").write_text("{{ 'Nothing'|heading(2, 'nothing') }}\n\n{{ items|length }} items\n", encoding="utf-8")
    spec_path = tmp_path / "custom.yaml"
    spec_path.write_text(CUSTOM, encoding="utf-8")
    out = cli.invoke(app, ["--store", str(seeds_store), "build", str(spec_path), "-t", str(tmp_path / "tpl"),
                           "-f", "md", "-o", str(tmp_path / "out"), "--json"])
    assert out.exit_code == 0, out.output
    md = (tmp_path / "out" / "custom.md").read_text(encoding="utf-8")
    quotes = md.split("## Quotes of note")[1].split("## Nothing")[0]
    assert quotes.count("- Le Hoai Trung:") == 2 and "[[" in quotes  # cited, capped at 2
    assert "0 items" in md
    for text in ("'Aurora Wiliams' matched no person", "'zeppelin' matched no event",
                 "section 'nothing-here': its query matched no fact"):
        assert text in out.stderr and text in md  # on stderr and in the brief's notes


def test_custom_sections_in_schema_and_validation() -> None:
    schema = json_schema()
    spec = yaml.safe_load(CUSTOM)
    jsonschema.validate(spec, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "sections": [{"recs": {"query": {"kinds": ["rumour"]}}}]}, schema)
    with pytest.raises(SpecError, match=r"recs.query.kinds\[0\] 'rumour'"):
        parse_spec("title: x\nsections: [{recs: {query: {kinds: [rumour]}}}]\n")
    with pytest.raises(SpecError, match="a custom section needs a 'query'"):
        parse_spec("title: x\nsections: [recommendations]\n")
    with pytest.raises(SpecError, match="must be a template name"):
        parse_spec("title: x\nsections: [{recs: {template: ../../etc/passwd}}]\n")
