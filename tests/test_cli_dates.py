"""`brief dates FILE [--reference-date D] [--json]`: offsets into the file exactly as read."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.cli import app


def test_json_offsets_are_into_the_raw_file(runner, tmp_path: Path) -> None:
    # CRLF line ends and a non-ASCII character before the dates: offsets must count them as read.
    raw = "Hà Nội\r\n\r\nThe minister said on Feb. 20 that talks held in May 2015 had stalled.\r\n"
    path = tmp_path / "story.txt"
    path.write_bytes(raw.encode("utf-8"))
    result = runner.invoke(app, ["dates", str(path), "--reference-date", "2016-03-01", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found == [
        {"start": 31, "end": 38, "text": "Feb. 20", "type": "DATE", "value": "2016-02-20"},
        {"start": 58, "end": 66, "text": "May 2015", "type": "DATE", "value": "2015-05"},
    ]
    assert all(raw[f["start"]:f["end"]] == f["text"] for f in found)


def test_default_reference_is_the_date_ingestion_finds(runner, seeds_dir: Path) -> None:
    path = seeds_dir / "003_a4cb8ebfcc55111e.txt"
    result = runner.invoke(app, ["dates", str(path), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    raw = path.read_bytes().decode("utf-8")
    assert {f["value"] for f in found if f["text"] == "February 26"} == {"2016-02-26"}
    assert all(raw[f["start"]:f["end"]] == f["text"] for f in found)
    assert set(found[0]) == {"start", "end", "text", "type", "value"}


def test_reference_date_changes_relative_values(runner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Last year the party met.\n", encoding="utf-8")
    result = runner.invoke(app, ["dates", str(path), "--reference-date", "2018", "--json"])
    assert json.loads(result.stdout)[0]["value"] == "2017"


def test_reference_date_with_a_time_part(runner, tmp_path: Path) -> None:
    # Creation times as evaluation kits give them: the time is accepted and ignored.
    path = tmp_path / "a.txt"
    path.write_text("Yesterday the party met.\n", encoding="utf-8")
    for ref in ("1998-02-13T14:26", "1998-02-13T14:26:00"):
        result = runner.invoke(app, ["dates", str(path), "--reference-date", ref, "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)[0]["value"] == "1998-02-12"


def test_table_output(runner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The ties date back (5 September 1962-5 September 2017).\n", encoding="utf-8")
    result = runner.invoke(app, ["dates", str(path), "--reference-date", "2018-01-01"])
    assert result.exit_code == 0
    assert "1962-09-05" in result.stdout and "DATE" in result.stdout


def test_bad_arguments(runner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["dates", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "no such file" in result.output
    path = tmp_path / "a.txt"
    path.write_text("in 2017\n", encoding="utf-8")
    result = runner.invoke(app, ["dates", str(path), "--reference-date", "March 2017"])
    assert result.exit_code == 2 and "--reference-date" in result.output
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00in 2017")
    result = runner.invoke(app, ["dates", str(tmp_path / "bin.txt")])
    assert result.exit_code == 2 and "UTF-8" in result.output
