"""The CLI's scripting contract (issue #17): exit codes exactly as README's table says, JSON
errors, --nl/--csv listings, global options after the subcommand, skipped files named, no stray
lock file, shell completion."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing import errors
from briefing.cli import app
from briefing.locking import lock_path, store_lock

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


def _readme_exit_codes() -> dict[int, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\| (\d+) \| (.+) \|$", table, re.MULTILINE)}


def test_readme_exit_code_table_is_the_errors_module(cli: CliRunner, tmp_path: Path, seeds_store: Path) -> None:
    table = _readme_exit_codes()
    constants = {getattr(errors, n): n for n in dir(errors) if n.startswith("EXIT_")}
    assert sorted(table) == sorted(constants) == [0, 1, 2, 3, 4]
    # Each documented case really gives its code.
    good, bad = tmp_path / "in", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    shutil.copy(ROOT / "seeds" / "000_ebfe80f7694cd1bf.txt", good)
    (good / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    (bad / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    store = str(tmp_path / "s.db")
    assert "inputs failed" in table[1] and cli.invoke(app, ["--store", store, "ingest", str(good)]).exit_code == 1
    assert "every input failed" in table[3] and cli.invoke(app, ["--store", store, "ingest", str(bad)]).exit_code == 3
    spec = tmp_path / "bad.yaml"
    spec.write_text("title: x\ntitel: y\n", encoding="utf-8")
    assert "invalid spec" in table[2]
    assert cli.invoke(app, ["--store", str(seeds_store), "build", str(spec)]).exit_code == 2
    spec.write_text("title: x\naudience: bord\n", encoding="utf-8")
    assert "unknown audience" in table[2]
    assert cli.invoke(app, ["--store", str(seeds_store), "build", str(spec)]).exit_code == 2
    assert "unknown fact kind" in table[2]
    assert cli.invoke(app, ["--store", str(seeds_store), "facts", "--kind", "rumour"]).exit_code == 2
    tpl = tmp_path / "tpl" / "sections"
    tpl.mkdir(parents=True)
    (tpl / "notes.md.j2").write_text("{{ brief.titel }}\n", encoding="utf-8")
    spec.write_text("title: x\nsections: [notes]\nformats: [md]\n", encoding="utf-8")
    assert "template error" in table[3]
    assert cli.invoke(app, ["--store", str(seeds_store), "build", str(spec), "-t", str(tpl.parent),
                            "-o", str(tmp_path / "out")]).exit_code == 3
    assert "lock" in table[4]
    with store_lock(Path(store)):
        assert cli.invoke(app, ["--store", store, "build", str(spec)]).exit_code == 4


def test_errors_under_json_are_structured(cli: CliRunner, tmp_path: Path, seeds_store: Path) -> None:
    spec = tmp_path / "b.yaml"
    spec.write_text("title: x\ntitel: y\n", encoding="utf-8")
    result = cli.invoke(app, ["--store", str(seeds_store), "build", str(spec), "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error == {"code": 2, "type": "SpecError", "message": "unknown field 'titel' (did you mean 'title'?)",
                     "file": str(spec), "line": 2}
    assert "b.yaml:2: unknown field" in result.stderr  # and the one line for people
    usage = cli.invoke(app, ["--store", str(seeds_store), "facts", "--json", "--bogus"])
    assert usage.exit_code == 2
    assert json.loads(usage.stdout)["error"]["message"] == "No such option: --bogus"


def test_listings_speak_nl_and_csv(cli: CliRunner, seeds_store: Path) -> None:
    for command in (["docs"], ["facts", "--kind", "person"], ["people"]):
        as_json = json.loads(cli.invoke(app, ["--store", str(seeds_store), *command, "--json"]).stdout)
        nl = cli.invoke(app, ["--store", str(seeds_store), *command, "--nl"]).stdout.splitlines()
        assert [json.loads(line) for line in nl] == as_json
        rows = list(csv.DictReader(io.StringIO(cli.invoke(app, ["--store", str(seeds_store), *command,
                                                                 "--csv"]).stdout)))
        assert [r["id"] for r in rows] == [o["id"] for o in as_json] and len(rows) > 0


def test_global_options_work_after_the_subcommand(cli: CliRunner, tmp_path: Path) -> None:
    store = str(tmp_path / "s.db")
    result = cli.invoke(app, ["ingest", str(ROOT / "seeds"), "--store", store, "-q"])
    assert result.exit_code == 0 and result.stdout == ""
    config = tmp_path / "c.toml"
    config.write_text('store = "other.db"\n', encoding="utf-8")
    shown = cli.invoke(app, ["docs", "--config", str(config), "--json"])
    assert shown.exit_code == 2 and "no store at" in shown.stderr and "other.db" in shown.stderr


def test_skipped_files_are_counted_and_named(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / "000_ebfe80f7694cd1bf.txt", folder)
    (folder / "minutes.docx").write_bytes(b"PK\x03\x04")
    store = str(tmp_path / "s.db")
    first = cli.invoke(app, ["--store", store, "ingest", str(folder)])
    assert "1 skipped" in first.stdout and "--verbose names them" in first.stderr
    verbose = cli.invoke(app, ["--store", store, "ingest", str(folder), "--verbose"])
    assert "minutes.docx: skipped" in verbose.stderr
    as_json = json.loads(cli.invoke(app, ["--store", store, "ingest", str(folder), "--json"]).stdout)
    assert as_json["skipped"] == [str(folder / "minutes.docx")]


def test_a_missing_store_leaves_no_stray_lock_file(cli: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "nowhere" / "corpus.db"
    for command in (["build", str(ROOT / "briefs" / "default.yaml")], ["docs"], ["facts"], ["people"]):
        result = cli.invoke(app, ["--store", str(store), *command])
        assert result.exit_code == 2 and "no store at" in result.stderr
    assert not lock_path(store).exists() and not store.exists()


def test_shell_completion_is_offered(cli: CliRunner) -> None:
    assert "--install-completion" in cli.invoke(app, ["--help"]).stdout
