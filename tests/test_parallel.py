"""The process pool changes nothing but speed: ingest and re-extraction on two processes store
the same documents and facts as on one, HTML pages included (they are reduced to text in the
workers)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from briefing.pipeline import _POOL_THRESHOLD, extract_all, ingest
from briefing.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate  # noqa: E402

DOCS = _POOL_THRESHOLD + 16  # enough for the pool to be used


def contents(store: Store) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    docs = sorted((d.id, d.path) for d in store.documents())
    facts = sorted((f.id, f.kind, repr(f.data)) for f in store.facts())
    return docs, facts


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate.write_corpus(out, DOCS, seed=3, jsonl_share=0.2, html_share=0.15)
    return out


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    with Store(tmp_path_factory.mktemp("serial") / "s.db") as st:
        report = ingest(st, [corpus], jobs=1)
        assert report.new == DOCS and not report.errors, report.errors
        return contents(st)


def test_ingest_on_two_processes_stores_what_one_process_stores(corpus: Path, serial: tuple,
                                                                 tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as st:
        report = ingest(st, [corpus], jobs=2, batch_size=7)
        assert report.new == DOCS and not report.errors, report.errors
        assert contents(st) == serial
        assert any(d.fmt == "html" for d in st.documents())
        # What was frozen for the forked workers is handed back to the collector after the run.
        assert gc.get_freeze_count() == 0
        again = ingest(st, [corpus], jobs=2)
        assert (again.new, again.changed, again.unchanged) == (0, 0, DOCS)


def test_reextraction_on_two_processes_gives_the_same_facts(corpus: Path, serial: tuple, tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as st:
        ingest(st, [corpus], jobs=1, extract=False)
        assert not st.facts()
        report = extract_all(st, jobs=2, batch_size=5)
        assert report.documents == DOCS and not report.errors, report.errors
        assert contents(st) == serial
        forced = extract_all(st, force=True, jobs=2)
        assert forced.documents == DOCS and contents(st) == serial
