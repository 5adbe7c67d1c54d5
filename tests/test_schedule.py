"""Scheduled builds (`brief build --all`): incremental, locked, atomic, failures isolated."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.cli import app
from briefing.config import Config
from briefing.locking import store_lock
from briefing.schedule import build_all
from briefing.store import Store

EARLY = "title: Early\nsections: [cover, timeline, sources, new]\nperiod: {to: '2018'}\nformats: [md]\noutput: early\n"
ALL = "title: All\nsections: [timeline, sources, new]\nformats: [md, html]\noutput: all\n"
NEW_ARTICLE = ("Ministers sign trade pact\n\n13/12/2025| 10:00\n\n"
               "HANOI (VNA) – On 5 May 2025, the trade ministers of both countries signed a pact in Hanoi.\n")


@pytest.fixture
def project(tmp_path, seeds_dir) -> Path:
    """A project folder: a corpus copied from the seeds, two specs and a briefing.toml."""
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "early.yaml").write_text(EARLY, encoding="utf-8")
    (tmp_path / "briefs" / "all.yaml").write_text(ALL, encoding="utf-8")
    (tmp_path / "briefing.toml").write_text(
        'corpus = ["corpus"]\nstore = "state/corpus.db"\nbriefs = ["briefs/*.yaml"]\noutput = "reports"\n',
        encoding="utf-8")
    return tmp_path


def run(project: Path, **kw) -> dict[str, str]:
    cfg = Config.load(project / "briefing.toml")
    assert cfg.store is not None
    with store_lock(cfg.store), Store(cfg.store) as st:
        report = build_all(st, cfg, built="2024-01-01", **kw)
    return {Path(b.spec).name: b.status for b in report.briefs}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.iterdir())}


def test_noop_rebuild_renders_nothing(project):
    assert run(project) == {"all.yaml": "built", "early.yaml": "built"}
    before = mtimes(project / "reports")
    assert run(project) == {"all.yaml": "unchanged", "early.yaml": "unchanged"}
    assert mtimes(project / "reports") == before
    assert run(project, force=True) == {"all.yaml": "built", "early.yaml": "built"}


def test_new_article_rebuilds_only_the_briefs_it_affects_and_is_marked_new(project):
    run(project)
    early_before = (project / "reports" / "early.md").read_bytes()
    (project / "corpus" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert run(project) == {"all.yaml": "built", "early.yaml": "unchanged"}
    assert (project / "reports" / "early.md").read_bytes() == early_before
    text = (project / "reports" / "all.md").read_text(encoding="utf-8")
    new_section = text[text.index("New since the last build"):]
    assert "not in the build of" in new_section and "2025" in new_section
    assert "**New:**" in text


def test_a_changed_brief_is_selected_once(project, monkeypatch):
    """Selecting is the costly part of a build over a large corpus: the selection made for the
    content key is the one the build renders."""
    import briefing.build
    import briefing.select

    run(project)
    calls: list[str] = []
    real = briefing.select.select

    def counting(spec, *args, **kwargs):
        calls.append(spec.name)
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(briefing.select, "select", counting)
    monkeypatch.setattr(briefing.build, "select", counting)
    (project / "corpus" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert run(project) == {"all.yaml": "built", "early.yaml": "unchanged"}
    assert sorted(calls) == ["all", "early"]


def test_changed_template_or_spec_rebuilds(project):
    run(project)
    spec = project / "briefs" / "early.yaml"
    spec.write_text(EARLY.replace("title: Early", "title: Early years"), encoding="utf-8")
    assert run(project) == {"all.yaml": "unchanged", "early.yaml": "built"}
    assert "Early years" in (project / "reports" / "early.md").read_text(encoding="utf-8")
    user = project / "my-templates" / "sections"
    user.mkdir(parents=True)
    (user / "sources.md.j2").write_text("{% extends 'default:sections/sources.md.j2' %}\n", encoding="utf-8")
    assert run(project, template_dirs=(project / "my-templates",)) == {"all.yaml": "built", "early.yaml": "built"}


def test_one_broken_spec_does_not_stop_the_others(project, runner, monkeypatch):
    (project / "briefs" / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(project)
    result = runner.invoke(app, ["build", "--all", "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    status = {Path(b["spec"]).name: b["status"] for b in report["briefs"]}
    assert status == {"all.yaml": "built", "broken.yaml": "failed", "early.yaml": "built"}
    failed = next(b for b in report["briefs"] if b["status"] == "failed")
    assert "broken.yaml" in failed["error"]
    result = runner.invoke(app, ["build", "--all", "--log", "run.log"])
    assert "unchanged" in result.output and "failed" in result.output
    log = (project / "run.log").read_text(encoding="utf-8")
    assert log.count("\n") == 4 and "ingest    0 new, 0 changed, 5 unchanged" in log


def test_concurrent_run_waits_then_exits_with_its_code(project, runner, monkeypatch):
    store = project / "state" / "corpus.db"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time, pathlib; from briefing.locking import store_lock\n"
         f"with store_lock(pathlib.Path({str(store)!r})):\n    print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.chdir(project)
        started = time.monotonic()
        result = runner.invoke(app, ["build", "--all", "--wait", "0.5"])
        assert result.exit_code == 4 and "holds the lock" in result.output
        assert time.monotonic() - started >= 0.5
    finally:
        holder.kill()
        holder.wait()
    # the kernel released the killed holder's lock: no stale lock
    assert runner.invoke(app, ["build", "--all"]).exit_code == 0


@pytest.mark.parametrize("delay", [0.4, 1.2, 2.5])
def test_build_killed_mid_run_leaves_previous_reports_and_a_sound_store(project, delay):
    pdf_spec = "title: All\nsections: [cover, timeline, profiles, figures, sources]\nformats: [md, html, pdf]\noutput: all\n"
    (project / "briefs" / "all.yaml").write_text(pdf_spec, encoding="utf-8")
    (project / "briefs" / "early.yaml").unlink()
    run(project)
    reports = project / "reports"
    before = {p.name: p.read_bytes() for p in reports.iterdir() if not p.name.startswith(".")}
    assert set(before) == {"all.md", "all.html", "all.pdf"}
    code = ("import pathlib; from briefing.config import Config; from briefing.store import Store;"
            "from briefing.schedule import build_all;"
            f"cfg = Config.load(pathlib.Path({str(project / 'briefing.toml')!r}));"
            "build_all(Store(cfg.store), cfg, force=True, built='2024-01-01')")
    proc = subprocess.Popen([sys.executable, "-c", code])
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # nothing of the killed run lives on (a forked PDF renderer dies with its parent)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _processes_mentioning(str(project)):
        time.sleep(0.1)
    assert not _processes_mentioning(str(project))
    after = {p.name: p.read_bytes() for p in reports.iterdir() if not p.name.startswith(".")}
    # the same inputs and build date: a complete new report equals the old one byte for byte
    assert after == before
    with Store(project / "state" / "corpus.db") as st:
        assert st.integrity_ok()
        assert len(st.documents()) == 5


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _quick(project: Path, *args: str) -> tuple[int | None, str]:
    """``brief --config … build --all ARGS`` through the no-op answer alone (None: not answered)."""
    import contextlib
    import io

    from briefing.noop import quick_run

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = quick_run(["--config", str(project / "briefing.toml"), "build", "--all", *args])
    return code, out.getvalue()


def test_a_noop_run_is_answered_without_the_cli_and_any_change_falls_through(project):
    assert _quick(project) == (None, "")  # nothing recorded yet
    run(project)  # a run records the state it left, building or not
    code, printed = _quick(project)
    assert code == 0 and "5 unchanged" in printed and "0 built, 2 unchanged, 0 failed" in printed
    code, printed = _quick(project, "--json", "--format", "md")
    assert code is None  # other formats than the recorded run: the full run decides
    article = project / "corpus" / sorted(p.name for p in (project / "corpus").iterdir())[0]
    changes = [
        lambda: os.utime(article, ns=(article.stat().st_atime_ns, article.stat().st_mtime_ns + 1)),  # touched
        lambda: (project / "corpus" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8"),  # a new file
        lambda: (project / "corpus" / "new.txt").unlink(),  # a removed one
        lambda: (project / "briefs" / "all.yaml").write_text(ALL.replace("All", "Every"), encoding="utf-8"),
        lambda: (project / "reports" / "all.md").unlink(),  # a report gone
    ]
    for change in changes:
        change()
        assert _quick(project)[0] is None
        run(project)
        assert _quick(project)[0] == 0


def _edit_in_place(path: Path) -> None:
    """New text of the same size, written into the same file (no rename, folder untouched)."""
    text = path.read_text(encoding="utf-8")
    i = text.index("the ") if "the " in text else 0
    path.write_text(text[:i] + text[i:i + 4].upper() + text[i + 4:], encoding="utf-8")


def _ingest_elsewhere(project: Path) -> None:
    """Another command writes the store (an article from outside the corpus folders)."""
    from briefing.pipeline import ingest

    other = project / "outside.txt"
    other.write_text(NEW_ARTICLE, encoding="utf-8")
    with Store(project / "state" / "corpus.db") as st:
        ingest(st, [other], jobs=1)


def _first_article(project: Path) -> Path:
    return project / "corpus" / sorted(p.name for p in (project / "corpus").iterdir() if p.suffix == ".txt")[0]


STATE_CHANGES = {
    "edited in place, same size": lambda pr: _edit_in_place(_first_article(pr)),
    "mtime moved back": lambda pr: os.utime(_first_article(pr), ns=(0, _first_article(pr).stat().st_mtime_ns - 10**9)),
    "renamed": lambda pr: _first_article(pr).rename(pr / "corpus" / "zz-renamed.txt"),
    "new file in a new subfolder": lambda pr: (pr / "corpus" / "sub").mkdir() or (
        pr / "corpus" / "sub" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8"),
    "config changed": lambda pr: (pr / "briefing.toml").write_text(
        (pr / "briefing.toml").read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8"),
    "template changed": lambda pr: (pr / "my-templates" / "sections" / "sources.md.j2").write_text(
        "{% extends 'default:sections/sources.md.j2' %}\n{# changed #}\n", encoding="utf-8"),
    "people file changed": lambda pr: (pr / "people.yaml").write_text(
        "persons:\n  - name: Nguyen Van A\n", encoding="utf-8"),
    "store written by another command": _ingest_elsewhere,
    "status file removed": lambda pr: (pr / "reports" / ".build-status.json").unlink(),
}


@pytest.mark.parametrize("change", list(STATE_CHANGES))
def test_every_change_the_recorded_state_covers_makes_the_next_run_a_full_one(project, change):
    """Through the console script's early answer: each change falls through to a full run,
    which records the new state (answered early again next time)."""
    user = project / "my-templates" / "sections"
    user.mkdir(parents=True)
    (user / "sources.md.j2").write_text("{% extends 'default:sections/sources.md.j2' %}\n", encoding="utf-8")
    (project / "people.yaml").write_text("persons: []\n", encoding="utf-8")
    with (project / "briefing.toml").open("a", encoding="utf-8") as fh:
        fh.write('templates = ["my-templates"]\npeople = "people.yaml"\n')
    run(project)
    assert _quick(project)[0] == 0
    STATE_CHANGES[change](project)
    assert _quick(project)[0] is None
    cfg = Config.load(project / "briefing.toml")
    with store_lock(cfg.store), Store(cfg.store) as st:
        report = build_all(st, cfg, built="2024-01-01")
    if change == "edited in place, same size":
        assert report.ingested["changed"] == 1
    if change == "new file in a new subfolder":
        assert report.ingested["new"] == 1
    assert _quick(project)[0] == 0


def test_a_run_holding_the_lock_leaves_the_answer_to_the_full_run(project):
    run(project)
    run(project)
    with store_lock(project / "state" / "corpus.db"):
        assert _quick(project)[0] is None  # the full run waits (--wait) or exits with code 4
    assert _quick(project)[0] == 0


def _settle(project: Path) -> None:
    """Forget the recorded state: the next run is a full one."""
    from briefing.noop import record_name

    with Store(project / "state" / "corpus.db") as st:
        st.set_meta(record_name(Config.load(project / "briefing.toml")), "")


def test_the_answer_after_a_building_run_is_what_the_next_full_run_reports(project, runner, monkeypatch):
    corpus = project / "corpus"
    first = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[0]
    shutil.copy(first, corpus / "copy-of-first.txt")  # a duplicate: counted once, then held
    (corpus / "notes.csv").write_text("a,b\n", encoding="utf-8")  # skipped, every run
    (corpus / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(project)
    result = runner.invoke(app, ["build", "--all", "--json"])
    assert result.exit_code == 0, result.output
    first_run = json.loads(result.stdout)
    assert first_run["ingest"]["new"] and first_run["ingest"]["duplicates"] == 1
    assert {b["status"] for b in first_run["briefs"]} == {"built"}
    code, printed = _quick(project, "--json")
    assert code == 0
    answered = json.loads(printed)
    _settle(project)
    result = runner.invoke(app, ["build", "--all", "--json"])
    full = json.loads(result.stdout)
    assert {b["status"] for b in full["briefs"]} == {"unchanged"}

    def shown(report: dict) -> tuple:
        return report["ingest"], [(b["spec"], b["status"], b["outputs"]) for b in report["briefs"]], report["failed"]

    assert shown(answered) == shown(full)
    assert full["ingest"]["skipped"] and full["ingest"]["duplicates"] == 0


def test_a_file_changed_while_a_run_reads_the_corpus_is_not_missed(project, monkeypatch):
    import briefing.pipeline

    real = briefing.pipeline.ingest
    article = project / "corpus" / sorted(p.name for p in (project / "corpus").iterdir())[0]

    def then_edited(*args, **kwargs):
        report = real(*args, **kwargs)
        article.write_text(article.read_text(encoding="utf-8") + "\nA late correction was added.\n",
                           encoding="utf-8")
        (project / "corpus" / "late.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        return report

    monkeypatch.setattr(briefing.pipeline, "ingest", then_edited)
    run(project)
    monkeypatch.setattr(briefing.pipeline, "ingest", real)
    assert _quick(project)[0] is None  # the state after the run is not the state the run saw
    cfg = Config.load(project / "briefing.toml")
    with store_lock(cfg.store), Store(cfg.store) as st:
        report = build_all(st, cfg, built="2024-01-01")
    assert report.ingested["new"] == 1 and report.ingested["changed"] == 1


def test_the_console_script_answers_a_noop_run_without_loading_typer(project):
    run(project)
    run(project)
    code = ("import sys; from briefing.cli import main; sys.argv = ['brief', '--config', sys.argv[1], 'build', '--all']\n"
            "try:\n    main()\nexcept SystemExit as e:\n"
            "    print('exit', e.code, *(m in sys.modules for m in ('typer', 'briefing.store.sqlite', 'filelock')))")
    out = subprocess.run([sys.executable, "-c", code, str(project / "briefing.toml")], capture_output=True, text=True,
                         check=True, cwd=project).stdout
    # Nor the store's models and migrations, nor filelock: a third of that answer's start-up.
    assert "unchanged" in out and out.strip().endswith("exit 0 False False False")


def test_the_noop_answer_logs_like_the_full_run_and_leaves_bad_options_to_it(project):
    run(project)
    run(project)
    log = project / "build.log"
    code, printed = _quick(project, "--log", str(log), "-q")
    assert code == 0 and printed == ""
    assert [line.split(" ", 1)[1].split()[0] for line in log.read_text(encoding="utf-8").splitlines()] == [
        "ingest", "unchanged", "unchanged"]
    for bad in (["--wait", "soon"], ["--wait", "-1"], ["--force"], ["--log", str(project / "no" / "such" / "dir.log")]):
        assert _quick(project, *bad)[0] is None
    code, printed = _quick(project, "--json")
    assert code == 0 and json.loads(printed)["failed"] == 0
