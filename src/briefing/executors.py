"""Where cleaning and extraction run: this machine's processes, or a Dask cluster.

``local`` (the default) is a pool of worker processes on this machine; ``dask://host:8786``
sends the work to the Dask scheduler at that address; ``dask-local:N`` starts a Dask
``LocalCluster`` of N worker processes, for trying Dask out. Workers need only ``pip install
briefing[dask]``. Whatever runs the work, results come back to this process in input order and
are written here in batches, so the stored facts are the same::

    >>> parse_executor("dask-local:2"), parse_executor("dask://sched:8786"), parse_executor("local")
    (('dask-local', '2'), ('dask', 'tcp://sched:8786'), ('local', ''))
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .errors import BriefingError

_In = TypeVar("_In")
_Out = TypeVar("_Out")
EXECUTOR_HELP = "local (processes on this machine), dask://HOST:PORT (a Dask scheduler) or dask-local:N"


def parse_executor(text: str) -> tuple[str, str]:
    """(kind, detail): ``("local", "")``, ``("dask", "tcp://host:port")`` or ``("dask-local", "N")``."""
    text = text.strip()
    if text in ("", "local"):
        return "local", ""
    if text.startswith(("dask://", "tcp://")) and len(text.split("://", 1)[1]) > 0:
        return "dask", "tcp://" + text.split("://", 1)[1]
    if text.startswith("dask-local:") and text.split(":", 1)[1].isdigit() and int(text.split(":", 1)[1]) >= 1:
        return "dask-local", text.split(":", 1)[1]
    raise BriefingError(f"unknown executor {text!r}; expected {EXECUTOR_HELP}")


# Settings of a ``dask-local:N`` cluster, whose workers share this machine with the run's writer.
# Dask's background bookkeeping is turned down: on 2 cores the other threads of a worker cost
# 16.8 % of its tasks' CPU by default, 8.0 % without the statistical profiler (a stack sample
# every 10 ms), 3.2 % with the event loop's health check once a second instead of 50 times, 1.2 %
# with the memory and system monitors at 1 s and 5 s. Workers are forked from this process,
# which has loaded Dask and the extraction code, instead of spawned to import them again (two
# workers: 0.7 s CPU to start instead of 2.4 s), as the process pool's are.
# Whichever cluster: Dask keeps the last 1,000 messages of every batched connection for its
# developers (``low-level-log-length``), here the client's task submissions and, in a local
# cluster's scheduler (which runs in this process), the tasks sent to each worker, each with its
# chunk of articles: the text of every article of a 10k run stayed in this process to its end.
_CLIENT = {"distributed.admin.low-level-log-length": 0}
_LOCAL_CLUSTER = {
    **_CLIENT,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.multiprocessing-method": "fork" if hasattr(os, "fork") else "spawn",
}


# Every port of a ``dask-local:N`` cluster is one the system picks free, on this machine only.
# Without a dashboard the scheduler still serves its health and metrics pages, on port 8787 by
# default: a second run at the same time (or anything else on 8787, a real scheduler's dashboard)
# moved it elsewhere with a "Port 8787 is already in use" warning, which stops the cluster
# wherever warnings are errors (the test suite), and a run took 8787 from a later dashboard.
_UNSHARED_PORTS = {"dashboard_address": "127.0.0.1:0"}


def dask_map_in_order(work: Callable[[_In], _Out], items: Iterator[_In], take: Callable[[_Out], None],
                      executor: str, max_in_flight: int) -> None:
    """``take(work(item))`` for each item, in input order, with the work on a Dask cluster.

    At most ``max_in_flight`` items (or two per worker thread, if more) are submitted or
    waiting to be taken at any time (results that finish early wait for the ones before them),
    so memory stays flat however many items stream through; results are harvested with
    ``as_completed`` as they finish. No cluster is started or reached when there is no item.
    """
    try:
        first = next(items)  # made before a local cluster forks its workers, which inherit its work
    except StopIteration:
        return
    import dask
    from distributed import Client, LocalCluster, as_completed

    kind, detail = parse_executor(executor)
    with dask.config.set(_LOCAL_CLUSTER if kind == "dask-local" else _CLIENT):
        cluster: Any = None
        if kind == "dask-local":
            cluster = LocalCluster(n_workers=int(detail), threads_per_worker=1, processes=True,
                                   dashboard_address=None, scheduler_kwargs=_UNSHARED_PORTS)
            client = Client(cluster)
        else:
            client = Client(detail)
        try:
            # Every worker thread busy with one task and one more queued, however large the cluster.
            limit = max(max_in_flight, 2 * sum(client.nthreads().values()))
            _stream(client, as_completed(), work, itertools.chain([first], items), take, limit)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _stream(client: Any, completed: Any, work: Callable[[_In], _Out], items: Iterator[_In],
            take: Callable[[_Out], None], limit: int) -> None:
    index_of: dict[str, int] = {}
    done: dict[int, _Out] = {}
    submitted = taken = 0
    exhausted = False

    def refill() -> None:
        nonlocal submitted, exhausted
        while not exhausted and (submitted - taken) < limit:
            try:
                item = next(items)
            except StopIteration:
                exhausted = True
                return
            future = client.submit(work, item, pure=False)
            index_of[future.key] = submitted
            completed.add(future)
            submitted += 1

    refill()
    for future in completed:
        done[index_of.pop(future.key)] = future.result()
        future.release()
        while taken in done:
            take(done.pop(taken))
            taken += 1
        refill()
