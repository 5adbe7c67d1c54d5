"""Dask changes nothing but where the work runs: ingest and re-extraction through a Dask
LocalCluster of two workers store the same documents and facts as the local process pool, for
the seeds and a generated corpus (HTML pages and JSONL feeds included)."""

from __future__ import annotations

import gc
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.executors import parse_executor
from briefing.models import RawArticle
from briefing.pipeline import _DASK_CHUNK, extract_all, ingest
from briefing.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate  # noqa: E402

DOCS = 60


def contents(store: Store) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    docs = sorted((d.id, d.path) for d in store.documents())
    facts = sorted((f.id, f.kind, repr(f.data)) for f in store.facts())
    return docs, facts


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> list[Path]:
    out = tmp_path_factory.mktemp("corpus")
    generate.write_corpus(out, DOCS, seed=5, jsonl_share=0.2, html_share=0.1)
    return [seeds_dir, out]


def test_dask_local_stores_what_the_process_pool_stores(corpus: list[Path], tmp_path: Path) -> None:
    stores = {}
    for executor in ("local", "dask-local:2"):
        st = stores[executor] = Store(tmp_path / f"{executor.replace(':', '-')}.db")
        report = ingest(st, corpus, jobs=2, executor=executor)
        assert report.new == DOCS + 5 and not report.errors, report.errors
        # What was frozen for the forked workers is handed back to the collector after the run.
        assert gc.get_freeze_count() == 0
    assert contents(stores["local"]) == contents(stores["dask-local:2"])
    # Re-extraction (a new extractor version) through Dask gives the same facts again.
    with stores["dask-local:2"] as st:
        again = extract_all(st, force=True, executor="dask-local:2")
        assert again.documents == DOCS + 5 and not again.errors
        assert contents(st) == contents(stores["local"])
    stores["local"].close()


def test_articles_written_do_not_stay_in_this_process(corpus: list[Path], tmp_path: Path) -> None:
    """Memory stays flat: Dask keeps recent messages for its developers, and the tasks that a
    local cluster's scheduler (in this process) sends its workers hold their articles."""
    assert DOCS + 5 > 2 * _DASK_CHUNK
    written: list[str] = []
    left: list[int] = []

    def kept(names: set[str]) -> int:
        return sum(type(o) is RawArticle and o.source_name in names for o in gc.get_objects())

    def on_document(name: str) -> None:
        written.append(name)
        if len(written) == DOCS + 5:  # the last task's: the second task's articles are written
            second = set(written[_DASK_CHUNK:2 * _DASK_CHUNK])
            deadline = time.monotonic() + 10  # the scheduler hears of released work a moment later
            while kept(second) and time.monotonic() < deadline:
                time.sleep(0.1)
            left.append(kept(second))

    with Store(tmp_path / "s.db") as st:
        assert ingest(st, corpus, executor="dask-local:1", on_document=on_document).new == DOCS + 5
    assert left == [0]


@pytest.fixture
def dashboard_port_taken() -> Iterator[None]:
    """Something else listens on Dask's default dashboard port (8787) meanwhile: another run's
    cluster, a real scheduler's dashboard. If something already does, so much the better."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", 8787))
            sock.listen()
        except OSError:
            pass
        yield


def test_a_local_cluster_needs_no_fixed_port(seeds_dir: Path, tmp_path: Path, dashboard_port_taken: None) -> None:
    # Warnings are errors in this suite: a cluster that met a taken port and warned fails here.
    with Store(tmp_path / "s.db") as st:
        report = ingest(st, [seeds_dir], executor="dask-local:1")
        assert (report.new, report.errors) == (5, [])


def test_two_local_cluster_runs_at_once_both_succeed(seeds_dir: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONWARNINGS="error::UserWarning")  # a port moved elsewhere fails the run
    code = "import sys; from briefing.cli import main; sys.exit(main())"
    runs = [subprocess.Popen([sys.executable, "-c", code, "--executor", "dask-local:1", "ingest", str(seeds_dir),
                              "--store", str(tmp_path / f"{n}.db")], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0 and "5 new" in out + err, err
    with Store(tmp_path / "1.db") as one, Store(tmp_path / "2.db") as two:
        assert contents(one) == contents(two)


@pytest.mark.parametrize("text", ["dask-local:0", "dask-local:x", "spark://h", "dask://"])
def test_unknown_executors_are_refused(text: str) -> None:
    with pytest.raises(BriefingError, match="unknown executor"):
        parse_executor(text)


def test_a_run_with_nothing_to_do_never_reaches_the_cluster(seeds_dir: Path, tmp_path: Path) -> None:
    # Nothing listens on this port: a run that tried to reach the scheduler would fail.
    unreachable = "dask://127.0.0.1:9"
    with Store(tmp_path / "s.db") as st:
        first = ingest(st, [seeds_dir], jobs=1)
        again = ingest(st, [seeds_dir], executor=unreachable)
        assert (again.new, again.unchanged, again.errors) == (0, first.new, [])
        assert not extract_all(st, executor=unreachable).errors
