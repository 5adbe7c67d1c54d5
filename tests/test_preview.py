"""The preview (issue #17): a styled index with each brief's build status; a template error is
shown in the page while the last good version stays available."""

from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from briefing.cli import app
from briefing.serve import serve_in_thread

ROOT = Path(__file__).resolve().parent.parent


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 (loopback only)
        return r.read().decode("utf-8")


def test_index_shows_status_and_a_broken_template_keeps_the_last_good_report(
        tmp_path: Path, seeds_store: Path, monkeypatch) -> None:
    project = tmp_path / "p"
    (project / "briefs").mkdir(parents=True)
    (project / "tpl" / "sections").mkdir(parents=True)
    shutil.copy(seeds_store, project / "corpus.db")
    (project / "briefing.toml").write_text('store = "corpus.db"\nbriefs = ["briefs/*.yaml"]\ntemplates = ["tpl"]\n',
                                           encoding="utf-8")
    (project / "briefs" / "desk.yaml").write_text("title: Desk brief\npeople: [Aurora Wiliams]\nsections: [summary, notes]\n"
                                                  "formats: [md, html]\n",
                                                  encoding="utf-8")
    monkeypatch.chdir(project)
    cli = CliRunner()
    first = cli.invoke(app, ["build", "--all"])
    assert first.exit_code == 0 and "warning: spec people: 'Aurora Wiliams' matched no person" in first.stdout
    reports = project / "reports"
    good = (reports / "desk.html").read_bytes()
    server, url = serve_in_thread(reports)
    try:
        index = _get(url)
        assert "<style>" in index and "desk.yaml" in index and 'class="status built"' in index
        assert 'href="desk.html"' in index and 'href="desk.md"' in index
        (project / "tpl" / "sections" / "notes.md.j2").write_text("## Notes\n{% if %}\n", encoding="utf-8")
        assert cli.invoke(app, ["build", "--all"]).exit_code == 1
        index = _get(url)
        assert 'class="status failed"' in index and "notes.md.j2:2: template syntax" in index
        assert "showing the last good version" in index
        page = _get(url + "desk.html")
        assert "The latest rebuild failed" in page and "notes.md.j2:2" in page
        assert "Desk brief" in page  # the last good report, still there
        assert (reports / "desk.html").read_bytes() == good  # nothing on disk changed
        (project / "tpl" / "sections" / "notes.md.j2").unlink()
        assert cli.invoke(app, ["build", "--all"]).exit_code == 0
        assert "The latest rebuild failed" not in _get(url + "desk.html")
    finally:
        server.shutdown()
        server.server_close()
