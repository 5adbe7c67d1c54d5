"""The Python API (issue #17): README's example runs as written; Corpus and build_brief behave
like the CLI."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import briefing
from briefing.errors import SpecError

ROOT = Path(__file__).resolve().parent.parent


def test_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"## Python API.*?```python\n(.*?)```", readme, re.DOTALL)
    assert code is not None
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "briefs", tmp_path / "briefs")
    monkeypatch.chdir(tmp_path)
    exec(compile(code.group(1), "README.md", "exec"), {})  # noqa: S102  (our own documentation)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "5 new, 0 changed, 0 unchanged"
    assert out[2] == "reports/executive.pdf"
    assert (tmp_path / "reports" / "default.html").is_file()


def test_corpus_matches_the_cli_contract(tmp_path: Path, seeds_store: Path) -> None:
    shutil.copy(seeds_store, tmp_path / "c.db")
    with briefing.Corpus(tmp_path / "c.db") as corpus:
        assert len(corpus.documents()) == 5
        kinds = {f.kind for f in corpus.facts(["event", "quote"])}
        assert kinds == {"event", "quote"}
        html = corpus.render({"title": "Ties <b>", "sections": ["cover"]}, fmt="html")
        assert "<title>Ties &lt;b&gt;</title>" in html
        with pytest.raises(SpecError, match="unknown field 'titel'"):
            corpus.select({"title": "x", "titel": "y"})
    result = briefing.build_brief({"title": "One call", "formats": ["md"], "output": "one"}, tmp_path / "c.db",
                                  out_dir=tmp_path / "out")
    assert result.outputs["md"].read_text(encoding="utf-8").startswith("# One call")
