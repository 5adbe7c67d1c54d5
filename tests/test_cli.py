"""The command line: every command has help, ingest/docs/facts/extract behave, bad input is reported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer.main

from briefing import __version__
from briefing.cli import app


def all_commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_help_with_an_example(runner):
    names = all_commands()
    assert {"ingest", "docs", "facts", "extract"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"`brief {name} --help` has no example"


def test_top_level_help_and_version(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "ingest" in result.output
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_importing_the_cli_does_not_import_heavy_libraries():
    code = ("import sys, briefing.cli; heavy = [m for m in ('weasyprint', 'trafilatura', 'markdown', 'jinja2')"
            " if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_ingest_docs_facts_round_trip(runner, seeds_dir, store_path, gold):
    result = runner.invoke(app, ["--store", str(store_path), "ingest", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    assert "5 new, 0 changed, 0 unchanged" in result.output
    result = runner.invoke(app, ["--store", str(store_path), "ingest", str(seeds_dir)])
    assert "0 new, 0 changed, 5 unchanged" in result.output

    result = runner.invoke(app, ["--store", str(store_path), "docs", "--json"])
    docs = json.loads(result.stdout)
    assert len(docs) == 5
    assert set(docs[0]) == {"id", "file", "title", "published", "outlet", "author", "words"}
    assert set(docs[0]["published"]) >= {"value", "precision", "inferred"}
    titles = {d["file"]: d["title"] for d in docs}
    assert all(titles[g["file"]] == g["title"] for g in gold["documents"])

    result = runner.invoke(app, ["--store", str(store_path), "docs"])
    assert result.exit_code == 0 and "000_ebfe80f7694cd1bf" in result.output

    result = runner.invoke(app, ["--store", str(store_path), "facts", "--json"])
    assert result.exit_code == 0
    facts = json.loads(result.stdout)
    texts = {d["file"]: None for d in docs}
    for f in facts:
        assert {"id", "kind", "doc", "span", "text"} <= set(f)
        assert f["doc"] in texts

    result = runner.invoke(app, ["--store", str(store_path), "extract", "--force"])
    assert result.exit_code == 0, result.output
    again = json.loads(runner.invoke(app, ["--store", str(store_path), "facts", "--json"]).stdout)
    assert sorted(f["id"] for f in again) == sorted(f["id"] for f in facts), "fact ids must be stable"


def test_store_from_environment(runner, seeds_dir, store_path):
    result = runner.invoke(app, ["ingest", str(seeds_dir / "000_ebfe80f7694cd1bf.txt")],
                           env={"BRIEFING_STORE": str(store_path)})
    assert result.exit_code == 0
    assert store_path.exists()


def test_facts_rejects_unknown_kind(runner, store_path):
    result = runner.invoke(app, ["--store", str(store_path), "facts", "--kind", "bogus"])
    assert result.exit_code == 2 and "unknown fact kind" in result.output


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary file"),
        ("latin1.txt", "Caf\xe9 news".encode("latin-1"), "invalid UTF-8 at byte 3"),
        ("empty.txt", b"   \n", "empty file"),
        ("page.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_bad_input_is_reported_and_others_ingested(runner, tmp_path, store_path, seeds_dir, name, content, message):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text((seeds_dir / "003_a4cb8ebfcc55111e.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    bad = corpus / name
    bad.write_bytes(content)
    args = ["--store", str(store_path), "ingest", str(corpus / "good.txt"), str(bad)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert f"{bad}: " in result.output and message in result.output
    assert "Traceback" not in result.output
    docs = json.loads(runner.invoke(app, ["--store", str(store_path), "docs", "--json"]).stdout)
    assert [d["file"] for d in docs] == ["good.txt"]


def test_oversized_file_and_malformed_jsonl_line(runner, tmp_path, store_path):
    big = tmp_path / "big.txt"
    big.write_text("Headline\n\n" + "word " * 400, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "A fine article about trade talks.", "title": "Talks"}\n{"text": broken}\n',
                    encoding="utf-8")
    result = runner.invoke(app, ["--store", str(store_path), "ingest", "--max-bytes", "1000", str(big), str(feed)])
    assert result.exit_code == 1
    assert "big.txt: file is" in result.output and "over the 1,000-byte limit" in result.output
    assert "feed.jsonl:2: malformed JSON" in result.output
    docs = json.loads(runner.invoke(app, ["--store", str(store_path), "docs", "--json"]).stdout)
    assert [d["file"] for d in docs] == ["feed.jsonl:1"]


def test_all_inputs_failing_exits_3(runner, tmp_path, store_path):
    result = runner.invoke(app, ["--store", str(store_path), "ingest", str(tmp_path / "missing.txt")])
    assert result.exit_code == 3 and "no such file or folder" in result.output


def test_console_script_errors_have_no_traceback(tmp_path):
    brief = [sys.executable, "-c", "from briefing.cli import main; main()"]
    bad_store = tmp_path / "not-a-db"
    bad_store.write_text("this is not sqlite", encoding="utf-8")
    r = subprocess.run([*brief, "--store", str(bad_store), "docs"], capture_output=True, text=True)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert str(bad_store) in r.stderr


def test_explicit_store_beats_the_environment(runner, seeds_dir, tmp_path):
    env_store, flag_store = tmp_path / "env.db", tmp_path / "flag.db"
    result = runner.invoke(app, ["--store", str(flag_store), "ingest", str(seeds_dir / "003_a4cb8ebfcc55111e.txt")],
                           env={"BRIEFING_STORE": str(env_store)})
    assert result.exit_code == 0
    assert flag_store.exists() and not env_store.exists()
