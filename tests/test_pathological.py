"""Hostile or broken article text: ingest and extraction finish with sane output or a clear error."""

from __future__ import annotations

import json

import pytest

from briefing.cli import app

CASES = {
    "controls.txt": "Headline with controls\n\nThe minister\x00 spoke\x07 in Hanoi\x1b[31m on Monday.\n",
    "bom_crlf.txt": "\ufeffHeadline CRLF\r\n\r\nThe minister spoke in Hanoi on Monday.\r\nHe said “yes”.\r\n",
    "bidi.txt": "Headline \u202eevil\u202c\n\nThe min\u200bister spoke on 5 May 2020 in Hanoi.\n",
    "longline.txt": "Long line\n\n" + "x" * 100_000 + "\n",
    "nested.md": "Nested\n\n" + ">" * 2000 + " quote\n\n" + "".join("  " * i + "- item\n" for i in range(300)),
    "quotes.txt": "Many quotes\n\n" + "“" * 5000 + '"' * 5000 + " said Mr. Smith.\n",
    "numbers.txt": "Digits\n\n" + " ".join(["2019"] * 20000) + "\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_article_is_ingested_or_refused_cleanly(runner, tmp_path, store_path, name):
    path = tmp_path / name
    path.write_text(CASES[name], encoding="utf-8")
    result = runner.invoke(app, ["--store", str(store_path), "ingest", "--json", str(path)])
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 3), result.output
    report = json.loads(result.stdout)
    if report["failed"]:
        assert name in report["errors"][0]
        return
    docs = json.loads(runner.invoke(app, ["--store", str(store_path), "docs", "--json"]).stdout)
    (doc,) = docs
    assert doc["title"] and "\x00" not in doc["title"] and "\u202e" not in doc["title"]
    facts = json.loads(runner.invoke(app, ["--store", str(store_path), "facts", "--json"]).stdout)
    for f in facts:
        assert isinstance(f["span"], list) and f["span"][0] <= f["span"][1]


def test_invalid_utf8_in_the_middle_names_the_byte(runner, tmp_path, store_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Headline\n\nGood start \xff\xfe then garbage.")
    result = runner.invoke(app, ["--store", str(store_path), "ingest", str(path)])
    assert result.exit_code == 3 and "invalid UTF-8 at byte 21" in result.output
