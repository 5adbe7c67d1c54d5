"""`brief build --all` run without Typer for a plain command line (briefing.cli.build_run): what
it prints, the exit code and the reports it writes are those of the full CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.locking import store_lock

# Runs the console script's entry point; says on stderr's last line whether Typer was loaded.
MAIN = ("import atexit, sys; atexit.register(lambda: print('typer loaded:', 'typer' in sys.modules, file=sys.stderr));"
        " from briefing.cli import main; main()")
ARTICLE = "Ministers meet in Hanoi\n\nHANOI, March 3, 2021 - Prime Minister Nguyen Van An said on Monday that {}.\n"
# An option the plain form does not take, at its default value: the full CLI runs the same build.
FULL = ["--pdf-memory", "2048"]


def brief(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str, bool]:
    """(exit code, stdout and stderr with timings and the project's folder blanked, whether Typer
    was loaded)."""
    r = subprocess.run([sys.executable, "-c", MAIN, *args], capture_output=True, text=True, cwd=cwd,
                       env={**os.environ, **(env or {})})
    *errors, loaded = r.stderr.replace(str(cwd), "P").splitlines() or ["typer loaded: ?"]
    out = re.sub(r"\d+\.\d+ ?s\b", "T s", r.stdout.replace(str(cwd), "P"))
    out = re.sub(r'"(seconds|built_at)": [^,\n]+', r'"\1": T', out)
    return r.returncode, out, "\n".join(errors), loaded.endswith("True")


def project(folder: Path, spec: str = "title: T\nformats: [md, html]\noutput: t\n") -> Path:
    (folder / "corpus" / "sub").mkdir(parents=True)
    (folder / "corpus" / "a.txt").write_text(ARTICLE.format("trade grew"), encoding="utf-8")
    (folder / "corpus" / "sub" / "b.txt").write_text(ARTICLE.format("exports fell"), encoding="utf-8")
    (folder / "t.yaml").write_text(spec, encoding="utf-8")
    (folder / "briefing.toml").write_text('corpus = ["corpus"]\nbriefs = ["t.yaml"]\nstore = "c.db"\n'
                                          'output = "reports"\n', encoding="utf-8")
    return folder


@pytest.mark.parametrize("options", [[], ["-q"], ["--json"], ["-f", "md"], ["--log", "run.log"], ["--wait", "0.5"]])
def test_a_plain_build_all_does_what_the_full_cli_does_without_loading_typer(tmp_path: Path,
                                                                              options: list[str]) -> None:
    quick_dir, full_dir = project(tmp_path / "quick"), project(tmp_path / "full")
    quick = brief(["build", "--all", *options], quick_dir)
    full = brief(["build", "--all", *options, *FULL], full_dir)
    assert quick[3] is False and full[3] is True
    assert quick[:3] == full[:3] and quick[0] == 0 and "Traceback" not in quick[2]
    reports = sorted(p.name for p in (quick_dir / "reports").iterdir())
    assert reports == sorted(p.name for p in (full_dir / "reports").iterdir()) and "t.md" in reports
    for name in ("t.md", "t.html"):
        if name in reports:
            assert (quick_dir / "reports" / name).read_bytes() == (full_dir / "reports" / name).read_bytes()
    if "--log" in options:
        def lines(d: Path) -> list[str]:
            return [line.split(" ", 1)[1] for line in (d / "run.log").read_text(encoding="utf-8").splitlines()]
        assert [re.sub(r"\d+\.\d+s", "T", x) for x in lines(quick_dir)] == \
            [re.sub(r"\d+\.\d+s", "T", x) for x in lines(full_dir)] != []
    # Then nothing changed: the no-op answer, whichever path ran before.
    again = brief(["build", "--all", *options], quick_dir)
    assert again[0] == 0 and again[3] is False


def test_a_failed_brief_and_a_held_lock_are_said_as_the_full_cli_says_them(tmp_path: Path) -> None:
    quick_dir, full_dir = (project(tmp_path / d, "title: [unclosed\n") for d in ("quick", "full"))
    quick, full = brief(["build", "--all"], quick_dir), brief(["build", "--all", *FULL], full_dir)
    assert quick[0] == 1 and quick[:3] == full[:3] and not quick[3] and "failed" in quick[1]
    with store_lock(quick_dir / "c.db"):
        quick = brief(["build", "--all"], quick_dir)
        full = brief(["build", "--all", *FULL], quick_dir)
        quick_json = brief(["build", "--all", "--json"], quick_dir)
        full_json = brief(["build", "--all", "--json", *FULL], quick_dir)
    assert quick[0] == 4 and quick[:3] == full[:3] and "lock" in quick[2]
    assert quick_json[:3] == full_json[:3] and json.loads(quick_json[1])["error"]["code"] == 4


def test_the_store_comes_from_the_option_or_the_environment_as_in_the_full_cli(tmp_path: Path) -> None:
    folder = project(tmp_path / "p")
    assert brief(["build", "--all", "-q"], folder, env={"BRIEFING_STORE": str(tmp_path / "env.db")})[:2] == (0, "")
    assert (tmp_path / "env.db").is_file() and not (folder / "c.db").exists()
    assert brief(["--store", str(tmp_path / "own.db"), "build", "--all", "-q"], folder)[:2] == (0, "")
    assert (tmp_path / "own.db").is_file() and not (folder / "c.db").exists()


def test_without_a_config_or_with_a_broken_one_the_full_cli_answers(tmp_path: Path) -> None:
    code, _out, errors, loaded = brief(["build", "--all"], tmp_path)
    assert code == 2 and loaded and "briefing.toml" in errors
    (tmp_path / "briefing.toml").write_text("corpus = [\n", encoding="utf-8")
    code, _out, errors, loaded = brief(["build", "--all"], tmp_path)
    assert code != 0 and loaded and "Traceback" not in errors
