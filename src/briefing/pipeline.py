"""Ingest and extract runs over many inputs: the library behind `brief ingest` and `brief extract`.

Each document is cleaned, extracted and stored in one transaction, so that a failure in one
article never leaves a partial document and never stops the others.
"""

from __future__ import annotations

import collections
import itertools
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import TypeVar

from .children import die_with_parent
from .errors import BriefingError, InputError
from .ingest import DEFAULT_MAX_BYTES, discover, prepare, read_path
from .ingest.readers import HTML_PAGE, read_html
from .models import Document, Fact, RawArticle
from .store import FactRow, FactStore, fact_rows

Progress = Callable[[str], None]
_In = TypeVar("_In")
_Out = TypeVar("_Out")


@dataclass
class IngestReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicates: int = 0  # articles whose content is already stored under another file or line
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in the folders that are no article format
    held: int = 0  # articles the files recorded as read hold: what the next run finds unchanged

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        text = f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged"
        text += f", {self.duplicates} duplicate" if self.duplicates else ""
        text += f", {self.failed} failed" if self.failed else ""
        return text + (f", {len(self.skipped)} skipped (not .txt/.md/.html/.jsonl)" if self.skipped else "")

    def settled(self) -> IngestReport:
        """What ingesting the same paths again reports if no file changes: every article held
        unchanged (none read, so no duplicate), the same files skipped."""
        return IngestReport(unchanged=self.held, skipped=list(self.skipped))

    def to_json(self) -> dict[str, object]:
        return {"new": self.new, "changed": self.changed, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "failed": self.failed, "errors": self.errors,
                "skipped": self.skipped}


def _extract(doc: Document) -> list[Fact]:
    from .extract import extract_document

    return extract_document(doc)


class _Timeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the body after ``seconds`` (SIGALRM; CPython's regex engine checks signals,
    so a pathological pattern/text pair is stopped too). A no-op off the main thread.

    Limits nest: inside another one, the earlier deadline wins, and the outer limit keeps
    running after the inner block ends (a brief's sections inside the whole brief's limit)."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(_signum: int, _frame: object) -> None:
        raise _Timeout

    import time

    previous = signal.signal(signal.SIGALRM, on_alarm)
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left > 0 else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left > 0:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 0.001))


# Per-article processing limit: one pathological article must not hang a scheduled run.
ARTICLE_TIME_LIMIT = 30.0


def _process(raw: RawArticle, day_first: bool, extract: bool,
             limit: float = ARTICLE_TIME_LIMIT) -> tuple[Document, list[FactRow]] | str:
    """Clean and extract one article (runs in a worker process). Errors come back as text."""
    try:
        with time_limit(limit):
            if raw.fmt == HTML_PAGE:
                page = read_html(Path(raw.path), raw.raw)
                if isinstance(page, InputError):
                    return str(page)
                raw = page
            doc = prepare(raw, day_first=day_first)
            return doc, fact_rows(_extract(doc)) if extract else []
    except _Timeout:
        return f"{raw.source_name}: took over {limit:g}s to process; skipped"
    except BriefingError as exc:
        return str(exc)
    except Exception as exc:  # an extractor bug must not stop the other articles
        return f"{raw.source_name}: internal error while processing: {exc!r}"


@cache  # once per process: called before each article to be processed
def warm_up() -> None:
    """Load the cleaning and extraction code before the first article is timed (and before the
    worker processes fork, so they inherit it): loading it takes a second on a busy machine,
    which a run that finds every file unchanged never pays. Their patterns come from the cache
    of compiled patterns (:mod:`briefing.regex_cache`)."""
    from .extract import extractors
    from .regex_cache import cached_compiles

    with cached_compiles():
        from .ingest import clean  # noqa: F401

    extractors()


@cache
def warm_up_html() -> None:
    """Load the HTML extractor when the first page is met: before the workers fork, each of
    them would otherwise load it again (0.2 s CPU)."""
    import trafilatura  # noqa: F401


@contextmanager
def _forking_workers() -> Iterator[None]:
    """Around worker processes forked from this one (the pool's, a local Dask cluster's).

    What the extractors compile on first use is compiled once here rather than in every worker
    (each worker met most of it over a run: ~0.2 s CPU apiece). What is loaded so far lives as
    long as the run: frozen, the cyclic collector of this process and of the forked workers
    never walks it again (a walk also copies every page it touches into the worker)."""
    import gc

    from .extract import preload

    preload()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _file_stat(path: str) -> str | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


def _file_digest(path: Path, max_bytes: int) -> str | None:
    """Content digest of a source file (None when it cannot be read or is over the cap)."""
    import hashlib

    try:
        if path.stat().st_size > max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


# Items submitted to a Dask cluster and not yet written: enough to keep a few dozen workers
# busy while this process commits a batch, few enough to keep its memory flat.
_DASK_IN_FLIGHT = 256
# Below this many articles a process pool costs more than it saves.
_POOL_THRESHOLD = 24
# Articles per task sent to a worker: each task costs this process a submit, a pickle and a
# wake-up (a Dask task also a scheduler round trip), paid once per chunk instead of per article.
_CHUNK = 8
_DASK_CHUNK = 32


# While the indexes are deferred, a commit holds this many batches (see _BulkIndexes.batch).
_BULK_BATCHES = 8


class _BulkIndexes:
    """Defers the store's deferrable indexes (:meth:`FactStore.defer_indexes`) once a run has
    written as many documents as the store holds besides them: from then on, building those
    indexes once over the whole store costs less than keeping them up to date batch by batch
    (10k articles into a fresh store: the writer 25 s CPU, now 10.5 s plus 4.6 s to build them)."""

    def __init__(self, store: FactStore, others: int) -> None:
        self.store, self.others, self.written, self.deferred = store, others, 0, False
        store.restore_indexes()  # a run killed while they were deferred left them out

    def writing(self, n: int) -> None:
        """``n`` documents are about to be written."""
        self.written += n
        if not self.deferred and self.written >= self.others:
            self.store.defer_indexes()
            self.deferred = True

    def batch(self, size: int) -> int:
        """How many documents to commit at once, ``size`` being the run's batch size: more
        while the indexes are deferred. Fact ids are hashes, so a batch's facts touch pages all
        over the id index, and each commit writes every page it touched again: fewer, larger
        commits write far less (10k articles: the writer's 1.4 ms per article -> 1.1 ms)."""
        return size * _BULK_BATCHES if self.deferred else size

    def done(self) -> None:
        if self.deferred:
            self.store.restore_indexes()
            self.deferred = False


def ingest(
    store: FactStore,
    paths: Iterable[str | Path],
    *,
    day_first: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extract: bool = True,
    jobs: int | None = None,
    batch_size: int = 64,
    time_limit_s: float = ARTICLE_TIME_LIMIT,
    executor: str = "local",
    on_file: Progress | None = None,
    on_document: Progress | None = None,
) -> IngestReport:
    """Ingest files and folders into ``store``; unchanged documents are skipped by content hash.

    Articles stream through: read in this process, cleaned and extracted by ``jobs`` worker
    processes (or the Dask cluster ``executor`` names, see :mod:`briefing.executors`), and
    committed here in batches of ``batch_size`` (one transaction each; more at once while a bulk
    run defers the indexes, see :meth:`_BulkIndexes.batch`), so memory stays flat however large
    the corpus.
    """
    from .extract import extractor_version
    from .ingest import document_id

    report = IngestReport()
    version = extractor_version() if extract else ""
    jobs = jobs or default_jobs()
    statuses: dict[str, str] = {}
    # Files read in full without an error: (path, digest, articles), recorded once every
    # article of theirs is stored, so that the next run skips them unparsed (and a run stopped
    # midway keeps what it finished). A file with any failed article is never recorded. Only
    # the files still in flight are held here: memory stays flat over any number of files.
    clean_files: dict[str, tuple[str, int, str]] = {}
    # The source file of each article in flight; results come back in input order.
    in_order: collections.deque[str] = collections.deque()
    failed_files: set[str] = set()

    known_sources = store.sources()

    # Ids met in this run: a second copy of an article (a duplicate JSONL line, the same story
    # saved twice) is counted once, as stored, and reported as a duplicate.
    seen: set[str] = set()

    def first_copy(doc_id: str) -> bool:
        if doc_id in seen:
            report.duplicates += 1
            return False
        seen.add(doc_id)
        return True

    def articles(key: str, kept: list[int]) -> Iterator[RawArticle]:
        """The articles of one file not stored before; ``kept[0]`` counts those it holds
        (stored now or before, duplicates left out)."""
        for raw in read_path(Path(key), max_bytes=max_bytes, html_later=True):
            if isinstance(raw, InputError):
                report.errors.append(str(raw))
                continue
            if raw.fmt != HTML_PAGE:  # a page's id is known once its text is extracted
                doc_id = document_id(raw)
                if not first_copy(doc_id):
                    continue
                kept[0] += 1
                path = f"{raw.path}:{raw.line}" if raw.line is not None else raw.path
                status = store.document_status(path, doc_id)
                if status == "unchanged":
                    report.unchanged += 1
                    continue
                statuses[path] = status
            else:
                warm_up_html()
                kept[0] += 1
            yield raw

    def pending() -> Iterator[RawArticle]:
        for item in discover(paths, report.skipped):
            if isinstance(item, InputError):
                report.errors.append(str(item))
                continue
            key = item
            if on_file:
                on_file(key)
            recorded = known_sources.get(key)
            stat = _file_stat(key)
            if recorded and stat and recorded[2] == stat:  # same size and mtime: not even read
                report.unchanged += recorded[1]
                report.held += recorded[1]
                continue
            digest = _file_digest(Path(key), max_bytes)
            if recorded and digest and recorded[0] == digest:
                report.unchanged += recorded[1]
                clean_files[key] = (digest, recorded[1], stat or "")
                continue
            kept, failed_before = [0], len(report.errors)
            try:
                for raw in articles(key, kept):
                    warm_up()
                    in_order.append(key)
                    yield raw
            except Exception as exc:  # one unreadable file (of any kind) must not stop the run
                report.errors.append(f"{key}: cannot read: {type(exc).__name__}: {exc}")
            if digest and len(report.errors) == failed_before:
                clean_files[key] = (digest, kept[0], stat or "")

    batch: list[tuple[Document, list[FactRow]]] = []
    indexes = _BulkIndexes(store, store.document_count())

    def flush() -> None:
        if not batch:
            return
        indexes.writing(len(batch))
        store.put_documents(batch, version)
        for doc, _facts in batch:
            if statuses.pop(doc.path, None) == "changed":
                report.changed += 1
            else:
                report.new += 1
        batch.clear()
        record_finished_files()

    def record_finished_files() -> None:
        in_flight = set(in_order)
        done = {p: clean_files.pop(p) for p in [p for p in clean_files if p not in in_flight]}
        finished = [(p, d, n, s) for p, (d, n, s) in done.items() if p not in failed_files]
        if finished:
            store.set_sources(finished)
            report.held += sum(n for _p, _d, n, _s in finished)

    def take(result: tuple[Document, list[FactRow]] | str) -> None:
        source = in_order.popleft()
        if isinstance(result, str):
            failed_files.add(source)
            report.errors.append(result)
            return
        doc = result[0]
        if doc.fmt == "html" and not first_copy(doc.id):
            return
        if doc.fmt == "html" and doc.path not in statuses:
            status = store.document_status(doc.path, doc.id)
            if status == "unchanged":
                report.unchanged += 1
                return
            statuses[doc.path] = status
        batch.append(result)
        if on_document:
            on_document(result[0].file)
        if len(batch) >= indexes.batch(batch_size):
            flush()

    try:
        _map_in_order(partial(_process, day_first=day_first, extract=extract, limit=time_limit_s), pending(),
                      jobs, take, executor)
        flush()
        # What the run met (an id per article, the recorded sources) grows with the corpus and
        # is not needed past its last article: the index build and the merge get its memory.
        seen.clear()
        known_sources.clear()
    finally:
        indexes.done()
    record_finished_files()
    # A run stopped before its merge left files recorded as read and their mentions unmerged:
    # this one merges them even if it stores nothing.
    if extract and (report.new or report.changed or store.dirty_merge_keys() or store.merge_state() == "full"):
        refresh_corpus_facts(store)
    return report


def _map_in_order(work: Callable[[_In], _Out], items: Iterator[_In], jobs: int,
                  take: Callable[[_Out], None], executor: str = "local") -> None:
    """``take(work(item))`` for each item, in input order: on a Dask cluster when ``executor``
    names one; else in this process for a few items or one job, else in a pool of ``jobs``
    processes. Workers get chunks of items; a bounded number of items is in flight, so memory
    stays flat however many items stream through."""
    from .executors import dask_map_in_order, parse_executor

    def take_all(results: list[_Out]) -> None:
        for result in results:
            take(result)

    kind = parse_executor(executor)[0]
    if kind != "local":
        chunks = _chunks(items, _DASK_CHUNK)
        first = next(chunks, None)
        if first is None:
            return
        # A local cluster forks its workers from this process; a remote cluster's are elsewhere.
        with _forking_workers() if kind == "dask-local" else nullcontext():
            dask_map_in_order(partial(_each, work), itertools.chain([first], chunks), take_all, executor,
                              max_in_flight=max(1, _DASK_IN_FLIGHT // _DASK_CHUNK))
        return
    head = list(itertools.islice(items, _POOL_THRESHOLD))
    if jobs <= 1 or len(head) < _POOL_THRESHOLD:
        for item in itertools.chain(head, items):
            take(work(item))
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    in_flight: collections.deque[Future[list[_Out]]] = collections.deque()
    # Enough queued work that the workers keep going while this process commits a batch
    # (at 8 articles per worker they sat idle during commits: 10k articles took 117 s, 94 s at 32).
    max_in_flight = max(2 * jobs, jobs * 32 // _CHUNK)
    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    # Workers die with this process: an ingest killed with -9 leaves no pool behind.
    with _forking_workers(), ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=die_with_parent,
                                                 initargs=(os.getpid(),)) as pool:
        for chunk in _chunks(itertools.chain(head, items), _CHUNK):
            in_flight.append(pool.submit(_each, work, chunk))
            while len(in_flight) >= max_in_flight:
                take_all(in_flight.popleft().result())
        while in_flight:
            take_all(in_flight.popleft().result())


def _chunks(items: Iterable[_In], size: int) -> Iterator[list[_In]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _each(work: Callable[[_In], _Out], chunk: list[_In]) -> list[_Out]:
    """One task of a worker: ``work`` on each item of a chunk (each keeps its own time limit
    and its own error)."""
    return [work(item) for item in chunk]


@dataclass
class ExtractReport:
    documents: int = 0
    facts: int = 0
    errors: list[str] = field(default_factory=list)


def _reextract(doc: Document, limit: float = ARTICLE_TIME_LIMIT) -> tuple[str, str, list[FactRow]] | str:
    """The facts of one stored document (runs in a worker process). Errors come back as text."""
    try:
        with time_limit(limit):
            return doc.id, doc.file, fact_rows(_extract(doc))
    except _Timeout:
        return f"{doc.file}: took over {limit:g}s to extract; skipped"
    except Exception as exc:  # an extractor bug must not stop the other documents
        return f"{doc.file}: internal error while extracting: {exc!r}"


def extract_all(store: FactStore, *, force: bool = False, people_file: str | None = None,
                on_doc: Progress | None = None, jobs: int | None = None,
                batch_size: int = 64, executor: str = "local") -> ExtractReport:
    """(Re-)extract documents whose facts are stale (or all with ``force``) on ``jobs``
    processes, committed in batches, then merge persons."""
    from .extract import extractor_version

    version = extractor_version()
    ids = store.document_ids() if force else store.stale_documents(version)
    report = ExtractReport()
    batch: list[tuple[str, list[FactRow]]] = []  # (document id, its facts)
    indexes = _BulkIndexes(store, store.document_count() - len(ids))

    def documents() -> Iterator[Document]:
        for doc_id in ids:
            doc = store.document(doc_id)
            if doc is not None:
                yield doc

    def flush() -> None:
        if batch:
            indexes.writing(len(batch))
            store.replace_facts(batch, version)
        batch.clear()

    def take(result: tuple[str, str, list[FactRow]] | str) -> None:
        if isinstance(result, str):
            report.errors.append(result)
            return
        doc_id, file, rows = result
        batch.append((doc_id, rows))
        report.documents += 1
        report.facts += len(rows)
        if on_doc:
            on_doc(file)
        if len(batch) >= indexes.batch(batch_size):
            flush()

    try:
        _map_in_order(_reextract, documents(), jobs or default_jobs(), take, executor)
        flush()
    finally:
        indexes.done()
    if ids or force or people_file:
        refresh_corpus_facts(store, people_file)
    return report


def refresh_corpus_facts(store: FactStore, people_file: str | None = None) -> None:
    """Re-merge persons across documents.

    Incremental: only the persons whose names the mentions added or removed since the last
    merge touch are redone, so adding an article costs the same in a corpus of any size. A
    people file (overrides can join any names) makes every merge a full one; the file given
    last is remembered in the store, so that later ingests keep applying the analyst's overrides.
    """
    from .extract import people
    from .gcpause import gc_paused

    if people_file:
        store.set_meta("people_file", str(Path(people_file).resolve()))
    else:
        people_file = store.get_meta("people_file")
        if people_file and not Path(people_file).exists():
            people_file = None
    dirty = store.dirty_merge_keys()
    full = store.merge_state() == "full"
    if not (full or people_file or dirty):
        return
    if full:  # mentions stored before keys existed get them now, for the merges to come
        store.set_mention_keys((i, people.name_key(name)) for i, name in store.unkeyed_mentions())
    stored = store.merge_keys()
    merge = people.CorpusMerge(people_file)
    # Surname bucket by surname bucket, each read one mention at a time: memory is the persons
    # of one batch of buckets, not their mentions. What a merge makes holds no reference cycle:
    # the cyclic collector only walked it (a tenth of a merge after adding one article at 10k).
    whole = full or bool(people_file)
    with gc_paused(), store.person_merge(dirty, full=whole) as write:
        for keys, groups in people.merge_batches(stored, None if whole else dirty):
            write(groups, merge.buckets(store.mention_files(keys), store.mentions_in_order(keys, "mention"),
                                        store.mentions_in_order(keys, "name")))
        if people_file:
            claimed = merge.claimed()
            write({key for key, _ in claimed}, claimed)
