"""The early answer of a no-op `brief build --all` on a PostgreSQL store, which several machines
may share: whatever another machine's run changed in the database makes the next run a full
one; what it left unchanged keeps this machine's answer. Against a real server (conftest)."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.config import Config
from briefing.locking import store_lock
from briefing.schedule import build_all
from briefing.store import open_store

SPEC = "title: All\nsections: [timeline, sources, new]\nformats: [md]\noutput: all\n"
ARTICLE = ("Ministers sign trade pact\n\n13/12/2025| 10:00\n\n"
           "HANOI (VNA) – On 5 May 2025, the trade ministers of both countries signed a pact in Hanoi.\n")


def _project(folder: Path, url: str, corpus: Path | None) -> Path:
    """A project on the database at ``url``: one brief, and a corpus folder if given (without
    one, a machine that only builds briefs from what others ingest)."""
    (folder / "briefs").mkdir(parents=True)
    (folder / "briefs" / "all.yaml").write_text(SPEC, encoding="utf-8")
    lines = [f'store = "{url}"', 'briefs = ["briefs/*.yaml"]', 'output = "reports"']
    if corpus is not None:
        shutil.copytree(corpus, folder / "corpus")
        lines.append('corpus = ["corpus"]')
    (folder / "briefing.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path, pg_url: str, seeds_dir: Path) -> Path:
    return _project(tmp_path / "a", pg_url, seeds_dir)


def run(project: Path) -> dict[str, str]:
    cfg = Config.load(project / "briefing.toml")
    with store_lock(str(cfg.store)), open_store(str(cfg.store)) as st:
        report = build_all(st, cfg, built="2024-01-01")
    assert not report.failed and not report.ingested.get("errors"), report
    return {Path(b.spec).name: b.status for b in report.briefs}


def quick(project: Path) -> tuple[int | None, str]:
    from briefing.noop import quick_run

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = quick_run(["--config", str(project / "briefing.toml"), "build", "--all"])
    return code, out.getvalue()


def _ingest_elsewhere(project: Path, url: str) -> None:
    """Another machine ingests an article of its own into the database."""
    from briefing.pipeline import ingest

    other = project.parent / "elsewhere" / "pact.txt"
    other.parent.mkdir(exist_ok=True)
    other.write_text(ARTICLE, encoding="utf-8")
    with store_lock(url), open_store(url) as st:
        assert ingest(st, [other], jobs=1).new == 1


def _build_elsewhere(project: Path, url: str) -> None:
    """Another machine builds the same brief (the same deployment: its reports at the same
    paths, on its own disk)."""
    spec = str(project / "briefs" / "all.yaml")
    with open_store(url) as st:
        last = st.last_build(spec)
        assert last is not None
        st.record_build(spec, "another machine's key", last["fact_ids"], last["outputs"])


def _people_elsewhere(project: Path, url: str) -> None:
    """Another machine's run merged persons with its own people file."""
    with open_store(url) as st:
        st.set_meta("people_file_key", "another machine's people file")


CHANGES = {
    "an article ingested by another machine": _ingest_elsewhere,
    "the brief built by another machine": _build_elsewhere,
    "persons merged with another machine's people file": _people_elsewhere,
    "an article of the corpus edited": lambda project, url: (project / "corpus" / "new.txt").write_text(
        ARTICLE, encoding="utf-8"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_noop_run_is_answered_early_until_anything_it_depends_on_changes(project: Path, pg_url: str,
                                                                          change: str) -> None:
    assert quick(project) == (None, "")  # nothing recorded yet
    assert run(project) == {"all.yaml": "built"}
    code, printed = quick(project)
    assert code == 0 and "5 unchanged" in printed and "0 built, 1 unchanged, 0 failed" in printed
    CHANGES[change](project, pg_url)
    assert quick(project)[0] is None
    run(project)  # the full run takes in the change and records the state it leaves
    assert quick(project)[0] == 0


def test_a_run_holding_the_lock_on_any_machine_leaves_the_answer_to_the_full_run(project: Path, pg_url: str) -> None:
    from briefing.store.postgres import advisory_lock

    run(project)
    with advisory_lock(pg_url):  # another session: another machine's ingest or build
        assert quick(project)[0] is None
    assert quick(project)[0] == 0


def test_two_machines_on_one_database_keep_each_their_answer(project: Path, pg_url: str, tmp_path: Path) -> None:
    analyst = _project(tmp_path / "b", pg_url, None)  # builds briefs from what the other ingests
    run(project)
    run(analyst)
    assert quick(project)[0] == 0 and quick(analyst)[0] == 0  # neither run changed the database
    _ingest_elsewhere(project, pg_url)
    assert quick(project)[0] is None and quick(analyst)[0] is None


def test_a_write_the_run_did_not_see_makes_the_next_run_a_full_one(project: Path, pg_url: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer that does not take the run lock (the library) commits while the brief builds:
    the brief does not hold its article, so the next run must not answer early."""
    import briefing.build

    real = briefing.build.build

    def then_written(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)
        from briefing.pipeline import ingest

        other = project.parent / "unlocked.txt"
        other.write_text(ARTICLE, encoding="utf-8")
        with open_store(pg_url) as st:
            ingest(st, [other], jobs=1)
        return result

    monkeypatch.setattr(briefing.build, "build", then_written)
    run(project)
    monkeypatch.setattr(briefing.build, "build", real)
    assert quick(project)[0] is None
    assert run(project) == {"all.yaml": "built"}
    assert quick(project)[0] == 0


def test_the_console_script_answers_without_loading_the_cli_or_the_store(project: Path) -> None:
    run(project)
    code = ("import sys; from briefing.cli import main; sys.argv = ['brief', '--config', sys.argv[1], 'build', '--all']\n"
            "try:\n    main()\nexcept SystemExit as e:\n"
            "    print('exit', e.code, *(m in sys.modules for m in ('typer', 'briefing.store.postgres')))")
    out = subprocess.run([sys.executable, "-c", code, str(project / "briefing.toml")], capture_output=True,
                         text=True, check=True, cwd=project).stdout
    assert "1 unchanged" in out and out.strip().endswith("exit 0 False False")
