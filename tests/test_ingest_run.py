"""`brief ingest` run without Typer for a plain command line (briefing.cli.ingest_run): what it
prints, the exit code and the store it leaves are those of the full CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli.ingest_run import parse
from briefing.locking import store_lock

# Runs the console script's entry point; says on stderr's last line whether Typer was loaded.
MAIN = ("import atexit, sys; atexit.register(lambda: print('typer loaded:', 'typer' in sys.modules, file=sys.stderr));"
        " from briefing.cli import main; main()")
ARTICLE = "Ministers meet in Hanoi\n\nHANOI, March 3, 2021 - Prime Minister Nguyen Van An said on Monday that {}.\n"


def brief(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str, bool]:
    """(exit code, stdout with timings blanked, stderr, whether Typer was loaded)."""
    import os

    r = subprocess.run([sys.executable, "-c", MAIN, *args], capture_output=True, text=True, cwd=cwd,
                       env={**os.environ, **(env or {})})
    *errors, loaded = r.stderr.splitlines() or ["typer loaded: ?"]
    return r.returncode, re.sub(r"in \d+\.\d s", "in T s", r.stdout), "\n".join(errors), loaded.endswith("True")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE.format("trade grew"), encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(ARTICLE.format("exports fell"), encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"not an article")
    return folder


def docs(tmp_path: Path, store: Path) -> list[dict[str, object]]:
    code, out, _err, _loaded = brief(["--store", str(store), "docs", "--json"], tmp_path)
    assert code == 0
    return [{k: v for k, v in d.items() if k != "ingested_at"} for d in json.loads(out)]


@pytest.mark.parametrize("options", [
    [], ["-q"], ["--json"], ["-v"], ["--jobs", "1"], ["--wait", "0.5", "-q"], ["MISSING"],
])
def test_a_plain_ingest_does_what_the_full_cli_does_without_loading_typer(tmp_path: Path, corpus: Path,
                                                                           options: list[str]) -> None:
    paths = [str(corpus), *(str(tmp_path / "missing.txt") for o in options if o == "MISSING")]
    options = [o for o in options if o != "MISSING"]
    quick_store, full_store = tmp_path / "quick.db", tmp_path / "full.db"
    quick = brief(["--store", str(quick_store), "ingest", *paths, *options], tmp_path)
    # --day-first is the default reading, and no plain form: the full CLI runs it.
    full = brief(["--store", str(full_store), "ingest", *paths, *options, "--day-first"], tmp_path)
    assert quick[3] is False and full[3] is True
    assert quick[:3] == full[:3] and "Traceback" not in quick[2]
    assert quick[0] == (1 if len(paths) > 1 else 0)
    assert docs(tmp_path, quick_store) == docs(tmp_path, full_store) != []


def test_the_store_comes_from_the_option_the_environment_or_the_config_as_in_the_full_cli(tmp_path: Path,
                                                                                            corpus: Path) -> None:
    (tmp_path / "briefing.toml").write_text('corpus = ["corpus"]\nstore = "from-config.db"\n', encoding="utf-8")
    assert brief(["ingest", str(corpus), "-q"], tmp_path)[:2] == (0, "")
    assert (tmp_path / "from-config.db").is_file()
    assert brief(["ingest", str(corpus), "-q"], tmp_path, env={"BRIEFING_STORE": str(tmp_path / "env.db")})[0] == 0
    assert (tmp_path / "env.db").is_file()
    code = brief(["--store", str(tmp_path / "global.db"), "ingest", str(corpus), "--store", str(tmp_path / "own.db")],
                 tmp_path, env={"BRIEFING_STORE": str(tmp_path / "env2.db")})[0]
    assert code == 0 and (tmp_path / "own.db").is_file()
    assert not (tmp_path / "global.db").exists() and not (tmp_path / "env2.db").exists()


def test_errors_are_said_as_the_full_cli_says_them(tmp_path: Path, corpus: Path) -> None:
    store = tmp_path / "locked.db"
    with store_lock(store):
        quick = brief(["--store", str(store), "ingest", str(corpus)], tmp_path)
        full = brief(["--store", str(store), "ingest", str(corpus), "--day-first"], tmp_path)
        quick_json = brief(["--store", str(store), "ingest", str(corpus), "--json"], tmp_path)
        full_json = brief(["--store", str(store), "ingest", str(corpus), "--json", "--day-first"], tmp_path)
    assert quick[0] == 4 and quick[:3] == full[:3] and "lock" in quick[2]
    assert quick_json[:3] == full_json[:3] and json.loads(quick_json[1])["error"]["code"] == 4
    (tmp_path / "briefing.toml").write_text("corpus = [\n", encoding="utf-8")  # not TOML
    quick, full = brief(["ingest", str(corpus)], tmp_path), brief(["ingest", str(corpus), "--day-first"], tmp_path)
    assert quick[0] != 0 and quick[:3] == full[:3]


@pytest.mark.parametrize("argv", [
    ["ingest"], ["ingest", "--help"], ["ingest", "c", "--jobs", "0"], ["ingest", "c", "--jobs=2"],
    ["ingest", "c", "--wait", "-1"], ["ingest", "c", "-q", "-q"], ["--store", "ingest"], ["build", "--all"],
    ["ingest", "c", "--executor", "local"], ["ingest", "c", "--no-extract"], ["ingest", "-", "c"],
])
def test_anything_but_a_plain_form_goes_to_the_full_cli(argv: list[str]) -> None:
    assert parse(argv) is None


def test_plain_forms_are_read_as_the_full_cli_reads_them() -> None:
    args = parse(["--config", "b.toml", "-v", "--executor", "dask-local:2", "ingest", "a", "b", "-j", "3",
                  "--store", "s.db", "--wait", "2", "--json", "-q"])
    assert args is not None
    assert (args.paths, args.config, args.verbose, args.executor, args.jobs, args.command_store, args.wait,
            args.as_json, args.quiet) == ([Path("a"), Path("b")], "b.toml", True, "dask-local:2", 3, "s.db", 2.0,
                                          True, True)
