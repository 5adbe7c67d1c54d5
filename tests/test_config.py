"""briefing.toml: validated, paths relative to the file, errors naming file and line."""

from __future__ import annotations

import pytest

from briefing.cli import app
from briefing.config import Config
from briefing.errors import SpecError


def test_paths_resolve_against_the_config_folder(tmp_path):
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "a.yaml").write_text("title: A\n", encoding="utf-8")
    (tmp_path / "briefs" / "b.yaml").write_text("title: B\n", encoding="utf-8")
    cfg_file = tmp_path / "briefing.toml"
    cfg_file.write_text('corpus = ["news"]\nstore = "db/c.db"\nbriefs = ["briefs/*.yaml"]\nday_first = false\n',
                        encoding="utf-8")
    cfg = Config.load(cfg_file)
    assert cfg.corpus == [tmp_path / "news"]
    assert cfg.store == tmp_path / "db" / "c.db"
    assert [p.name for p in cfg.briefs] == ["a.yaml", "b.yaml"]
    assert cfg.day_first is False and cfg.output == tmp_path / "reports"


@pytest.mark.parametrize(
    "text, message, line",
    [
        ('corpus = "news"\n', "'corpus' must be a list", 1),
        ('store = "a"\nbogus = 1\n', "unknown key 'bogus'", 2),
        ('corpus = [\n', "invalid TOML", None),
        ('templates = [1]\n', "list of strings", 1),
    ],
)
def test_invalid_config_names_file_and_line(tmp_path, text, message, line):
    path = tmp_path / "briefing.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        Config.load(path)
    assert message in str(info.value) and str(path) in str(info.value)
    if line:
        assert f"{path}:{line}:" in str(info.value)


def test_cli_reads_config_store_and_reports_bad_config(runner, tmp_path, seeds_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefing.toml").write_text('store = "state/x.db"\n', encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(seeds_dir / "003_a4cb8ebfcc55111e.txt")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "state" / "x.db").exists()
    (tmp_path / "briefing.toml").write_text("store = 5\n", encoding="utf-8")
    result = runner.invoke(app, ["docs"])
    assert result.exit_code == 2 and "briefing.toml:1: 'store' must be a string" in result.output
