"""Building briefs end to end: golden Markdown/HTML for the seeds, one PDF checked by content,
the same facts in every format, atomic writes, and the CLI commands."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from briefing.build import BuildResult, build
from briefing.cli import app
from briefing.errors import VerificationError
from briefing.spec import parse_spec
from briefing.store import Store

from .brief_fixtures import make_store
from .regen_golden import FORMATS, GOLDEN_BUILT, GOLDEN_DIR, SPECS, build_golden

ROOT = Path(__file__).resolve().parent.parent
FACT_ID = re.compile(r"\b[0-9a-f]{16}\b")
SPEC = "title: Fed watch — Hà Nội desk\nsubtitle: Rates, people, priorities\noutput: fed\n"


@pytest.fixture(scope="session")
def fed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fed") / "corpus.db"
    make_store(path).close()
    return path


@pytest.fixture(scope="session")
def fed_build(fed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The one PDF render of the suite (slow): all three formats of the analyst brief."""
    with Store(fed_store) as st:
        return build(parse_spec(SPEC, "fed.yaml"), st, tmp_path_factory.mktemp("reports"), built="2024-02-01")


# --------------------------------------------------------------------------- golden


@pytest.fixture(scope="module")
def golden_build(seeds_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden")
    build_golden(seeds_store, out)
    return out


@pytest.mark.parametrize("name", SPECS)
def test_seed_briefs_match_golden(golden_build: Path, name: str) -> None:
    tmp_path = golden_build
    for fmt in FORMATS:
        golden = GOLDEN_DIR / f"{name}.{fmt}"
        assert golden.exists(), f"missing {golden}: run `make golden`"
        got = (tmp_path / f"{name}.{fmt}").read_text(encoding="utf-8")
        assert got == golden.read_text(encoding="utf-8"), f"{name}.{fmt} differs from golden: `make golden`, review"


def test_golden_has_no_build_date_of_today() -> None:
    import datetime as dt

    today = dt.date.today().isoformat()
    for path in GOLDEN_DIR.glob("*.*"):
        text = path.read_text(encoding="utf-8")
        assert today not in text and GOLDEN_BUILT in text


# --------------------------------------------------------------------------- one build, three formats


def test_outputs_written_with_spec_name(fed_build: BuildResult) -> None:
    assert sorted(p.name for p in fed_build.outputs.values()) == ["fed.html", "fed.md", "fed.pdf"]
    folder = fed_build.outputs["md"].parent
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temp files left
    assert fed_build.refused_urls == []  # nothing in the brief even tried to fetch


def test_pdf_text_pages_and_outline(fed_build: BuildResult) -> None:
    reader = PdfReader(fed_build.outputs["pdf"])
    assert 4 <= len(reader.pages) <= 12
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Fed watch — Hà Nội desk" in text and "Nguyễn Thị Hương" in text  # Vietnamese survives
    assert f"Page 2 of {len(reader.pages)}" in text and "Analyst brief" in text
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    for title in ("Executive summary", "Timeline", "Goals and focuses", "Leader profiles", "Key figures", "Sources"):
        assert title in outline
    raw = fed_build.outputs["pdf"].read_bytes()
    assert b"/EmbeddedFile" not in raw and b"/JavaScript" not in raw


def test_three_formats_carry_the_same_fact_ids(fed_build: BuildResult) -> None:
    md = fed_build.outputs["md"].read_text(encoding="utf-8")
    html = fed_build.outputs["html"].read_text(encoding="utf-8")
    pdf_text = "".join(p.extract_text() for p in PdfReader(fed_build.outputs["pdf"]).pages)
    in_md = set(re.findall(r"`([0-9a-f]{16})`\{\.fact\}", md))
    in_html = set(re.findall(r'<code class="fact">([0-9a-f]{16})</code>', html))
    in_pdf = set(FACT_ID.findall(pdf_text))
    assert in_md and in_md == in_html == in_pdf
    shown = {i.fact_id for i in fed_build.context.cited_items()}
    assert in_md == shown
    # every citation link carries its fact id, in Markdown and HTML alike
    assert set(re.findall(r'"fact ([0-9a-f]{16})"', md)) == set(re.findall(r'title="fact ([0-9a-f]{16})"', html))


def test_hostile_urls_are_refused_by_the_pdf_fetcher() -> None:
    from briefing.render.pdf import ASSETS, render_pdf

    refused: list[str] = []
    html = ('<html><head><link rel="attachment" href="file:///etc/passwd"><style>'
            'body{background:url(file:///etc/hostname)}</style></head><body><p>x</p>'
            '<img src="http://127.0.0.1:9/a.png"><img src="http://169.254.169.254/latest">'
            '<a rel="attachment" href="file:///etc/passwd">a</a>'
            '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnLz4=">'
            "</body></html>")
    pdf = render_pdf(html, refused)
    assert b"/EmbeddedFile" not in pdf and b"root:" not in pdf
    assert any("passwd" in u for u in refused) and any("169.254" in u for u in refused)
    assert not any(u.startswith("data:") for u in refused)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1 and ASSETS.name == "assets"


# --------------------------------------------------------------------------- atomic writes and verification


def test_failed_verification_keeps_the_previous_report(tmp_path: Path) -> None:
    spec = parse_spec("title: t\nformats: [md, html]\noutput: t\n", "t.yaml")
    with make_store(tmp_path / "c.db") as st:
        first = build(spec, st, tmp_path / "out", built="2024-02-01")
        before = {k: p.read_bytes() for k, p in first.outputs.items()}
        # The stored text changes under a quote: the next build must refuse, not half-write.
        st.db.execute("UPDATE documents SET text = replace(text, 'more good data', 'less good data')")
        with pytest.raises(VerificationError, match="does not match its source text"):
            build(spec, st, tmp_path / "out", built="2024-03-01")
    assert {k: p.read_bytes() for k, p in first.outputs.items()} == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["t.html", "t.md"]


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def cli() -> Iterator[CliRunner]:
    yield CliRunner()


def test_cli_build_writes_and_reports(cli: CliRunner, fed_store: Path, tmp_path: Path) -> None:
    spec = tmp_path / "fed.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = cli.invoke(app, ["--store", str(fed_store), "build", str(spec), "--format", "md,html",
                              "--out", str(tmp_path / "r"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["outputs"]) == {"md", "html"} and data["sources"] == 3
    assert (tmp_path / "r" / "fed.md").exists() and not (tmp_path / "r" / "fed.pdf").exists()


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--format", "docx"], 2, "--format takes"),
        (["--templates", "/nonexistent/templates"], 3, "template folder not found"),
    ],
)
def test_cli_build_errors_are_one_line(cli: CliRunner, fed_store: Path, tmp_path: Path, args: list[str],
                                       code: int, needle: str) -> None:
    spec = tmp_path / "fed.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = cli.invoke(app, ["--store", str(fed_store), "build", str(spec), "--out", str(tmp_path), *args])
    assert result.exit_code == code and needle in result.output
    assert "Traceback" not in result.output


def test_cli_bad_spec_names_file_and_line(cli: CliRunner, fed_store: Path, tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text("title: x\nsections:\n  - timeline: {max_items: -1}\n", encoding="utf-8")
    result = cli.invoke(app, ["--store", str(fed_store), "build", str(spec)])
    assert result.exit_code == 2
    assert f"{spec}:3: option timeline.max_items must be 0 or more" in result.output


def test_cli_schema_and_templates(cli: CliRunner, tmp_path: Path) -> None:
    schema = cli.invoke(app, ["schema"])
    assert schema.exit_code == 0 and json.loads(schema.stdout)["required"] == ["title"]
    (tmp_path / "style.css").write_text("body { color: black }\n")
    shown = cli.invoke(app, ["templates", "--audience", "executive", "--templates", str(tmp_path), "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["search_path"][0] == str(tmp_path)
    assert data["templates"]["style.css"] == str(tmp_path / "style.css")
    assert data["templates"]["sections/timeline.md.j2"].endswith("executive/sections/timeline.md.j2")
    text = cli.invoke(app, ["templates"])
    assert text.exit_code == 0 and "first match wins" in text.output


def test_help_does_not_import_weasyprint() -> None:
    code = ("import sys; from briefing.cli import app; from typer.testing import CliRunner; "
            "r = CliRunner().invoke(app, ['build', '--help']); assert r.exit_code == 0, r.output; "
            "print('weasyprint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
