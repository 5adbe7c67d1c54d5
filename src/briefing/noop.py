"""A scheduled run where nothing changed, answered before the CLI is loaded.

`brief build --all` from cron mostly finds nothing to do. Proving that took the full run:
Typer (and the pydantic it loads), walking the corpus file by file against the store's source
records, hashing the templates and the code. Instead, every run that ends without an error
records a *state key* in the store: a digest of everything the next run depends on, in two parts:

- *inputs*, taken before the run reads anything: the command's options, the config file, the
  spec files, and every entry under the corpus folders, the template folders and the installed
  package (name, size and modification time: the same test the ingest trusts), the people file;
- *outputs*, taken when the run is over: the store's fingerprint as the briefs were selected,
  the briefs' last builds and the reports they wrote, the meta values a run reads besides (the
  people file's, whether a person merge is pending) and the status file of the preview index.

A file changed while the run reads it changes the inputs, so the next run falls through. With
the key, the run records what the next run would print (nothing new ingested, every brief
unchanged). The next run computes the key again (stat calls only, no file is read but the specs
and the config) and, when it is equal, prints that and exits. A new, removed, grown or touched
file anywhere changes the key, and the full run then decides. Anything this module does not
handle (other options, any error) falls through to it.

A PostgreSQL store may be shared by several machines. The check holds the run lock that every
``ingest`` and ``build`` takes on the database and reads in one snapshot, so it sees every run
that finished anywhere: an ingest from another machine moves the fingerprint, another machine's
build moves the briefs' last builds. Each machine (and config file) keeps its own record, so two
machines running on one database do not make each other's next run a full one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISDIR
from typing import Any

RECORD = "noop_run"  # the store's meta key of the last no-op run (one per machine and config file)
_VERSION = "4"


class _Options:
    def __init__(self) -> None:
        self.config: str | None = None
        self.store: str | None = None
        self.quiet = False
        self.json = False
        self.formats: str | None = None
        self.log: str | None = None
        self.wait = 0.0


def parse(argv: list[str]) -> _Options | None:
    """The options of ``brief [--config C] [--store S] [-q] build --all [-f F] [--log L]
    [--wait W] [--json] [-q]``; None for any other command line."""
    opts, i, seen_build = _Options(), 0, False
    while i < len(argv):
        arg, value = argv[i], argv[i + 1] if i + 1 < len(argv) else None
        if arg in ("-q", "--quiet"):
            opts.quiet = True
        elif arg == "--all" and seen_build:
            pass
        elif arg == "build" and not seen_build:
            seen_build = True
        elif value is not None and not seen_build and arg in ("--config", "--store"):
            setattr(opts, arg[2:], value)
            i += 1
        elif value is not None and seen_build and arg in ("-f", "--format", "--log", "--wait"):
            if arg == "--wait":
                try:
                    opts.wait = float(value)
                except ValueError:  # the full command says what is wrong with it
                    return None
                if not opts.wait >= 0:
                    return None
            elif arg == "--log":
                opts.log = value
            else:
                opts.formats = value
            i += 1
        elif arg == "--json" and seen_build:
            opts.json = True
        else:
            return None
        i += 1
    return opts if seen_build and "--all" in argv else None


def _folder(folder: str) -> tuple[bytes, list[str]]:
    """One folder's entries to hash (their names, then the size and modification time of each
    file, -1 for a folder) and its subfolders.

    At 100k files this is most of a no-op run, and most of that the kernel's ``stat`` work:
    the folder is opened once and its files are looked up from it (no path walk per file);
    the numbers go to the digest as one block of bytes, not one formatted line per file."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return b"unreadable", []
    numbers, subfolders = array("q"), []
    try:
        with os.scandir(fd) as listing:
            entries = sorted((e for e in listing if e.name != "__pycache__"), key=_name)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(f"{folder}/{entry.name}")
                numbers.extend((-1, 0))
                continue
            try:
                st = entry.stat()
                numbers.extend((st.st_size, st.st_mtime_ns))
            except OSError:  # removed since the folder was listed
                numbers.extend((-2, 0))
    except OSError:
        return b"unreadable", []
    finally:
        os.close(fd)
    names = "\0".join([e.name for e in entries]).encode("utf-8", "surrogateescape")
    return b"%d\0%s\0%s" % (len(entries), names, numbers.tobytes()), subfolders


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _tree(h: Any, root: Path) -> None:
    """Every entry under ``root`` (or ``root`` itself): name, kind, size, modification time.
    One thread reads the folders: with two, each ``stat`` cost more CPU than they saved in wall
    time (90k files on the idle 2-core machine: 0.31-0.40 s wall on one thread, 0.45-0.54 s and
    0.60-0.66 s CPU on two)."""
    try:
        st = root.stat()
    except OSError:
        h.update(f"{root}\0missing\n".encode("utf-8", "surrogateescape"))
        return
    if not S_ISDIR(st.st_mode):
        h.update(f"{root}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        return
    level = [str(root)]
    while level:
        below: list[str] = []
        for folder, (data, subfolders) in zip(level, map(_folder, level), strict=True):
            h.update(f"\n{folder}\0".encode("utf-8", "surrogateescape"))
            h.update(data)
            below += subfolders
        level = below


def input_key(config: Any, formats: tuple[str, ...] | None, template_dirs: tuple[Path, ...] = ()) -> str:
    """The digest of what a scheduled run over ``config`` reads (see the module), taken before
    it reads anything. A quick run that falls through leaves its own for the full run."""
    early = _early.pop((str(config.path), formats, template_dirs), None)
    if early is not None:
        return early
    h = hashlib.sha256()
    h.update(json.dumps([_VERSION, formats, [str(t) for t in template_dirs], str(config.path)]).encode())
    if config.path is not None:
        h.update(Path(config.path).read_bytes())
    for spec in config.briefs:
        h.update(f"\nspec {spec}\n".encode())
        h.update(spec.read_bytes() if spec.is_file() else b"missing")
    # The package folder holds the built-in templates too.
    roots = [*config.corpus, *(template_dirs or config.templates), Path(__file__).parent,
             *([config.people] if config.people else [])]
    for root in roots:
        h.update(f"\nroot {root}\n".encode())
        _tree(h, Path(root))
    return h.hexdigest()


def state_key(inputs: str, config: Any, store: Any, fingerprint: str) -> str:
    """``inputs`` with what the runs leave behind: the store's ``fingerprint``, the briefs' last
    builds and the reports they wrote, the meta values a run reads and the status file.
    ``store`` is an early reader (:mod:`briefing.store.early`) or a :class:`_Written` store."""
    h = hashlib.sha256(inputs.encode())
    for spec in config.briefs:
        h.update(f"\nreports {spec}\0{store.built(str(spec))}\n".encode())
        for output in store.outputs(str(spec)):
            _tree(h, Path(output))
    _tree(h, Path(config.output) / ".build-status.json")
    meta = [store.meta(key) for key in _READ_META]
    h.update(json.dumps([fingerprint, meta, store.merge_pending()]).encode())
    return h.hexdigest()


# Meta values a run reads besides the fingerprint: the people file (its path and its digest
# as last merged) and whether the next person merge is a full one.
_READ_META = ("people_file", "people_file_key", "person_merge")


def record_name(config: Any) -> str:
    """The meta key of this machine's record for this config file."""
    import socket

    where = f"{socket.gethostname()}\0{Path(config.path).resolve() if config.path else ''}"
    return f"{RECORD}:{hashlib.sha256(where.encode()).hexdigest()[:16]}"


class _Written:
    """The reads of an early answer over the run's own store, as the run leaves it."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def meta(self, key: str) -> str | None:
        return self.store.get_meta(key)

    def built(self, brief: str) -> str:
        last = self.store.last_build(brief)
        return f"{last['built_at']}|{last['fingerprint']}" if last else ""

    def outputs(self, brief: str) -> list[str]:
        return list((self.store.last_build(brief) or {}).get("outputs", []))

    def merge_pending(self) -> bool:
        return bool(self.store.dirty_merge_keys())


# The input key a quick run computed before falling through, by (config, formats, templates).
_early: dict[tuple[str, tuple[str, ...] | None, tuple[Path, ...]], str] = {}


def record(store: Any, config: Any, inputs: str | None, report: Any, settled: Any, fingerprint: str) -> None:
    """After a run: remember the state it left and what the next run would print if nothing
    changes (``settled``: its ingest report, None without a corpus), if the run ended without
    an error; else forget the last record. ``fingerprint`` is the store's as the briefs were
    selected: a write the run did not see (one not under the run lock) makes the next run a full one."""
    if inputs is None or report.failed or report.ingest_error is not None or report.ingested.get("errors"):
        store.set_meta(record_name(config), "")
        return
    value = json.dumps({"key": state_key(inputs, config, _Written(store), fingerprint),
                        "ingested": settled.to_json() if settled is not None else {},
                        "summary": settled.summary() if settled is not None else "",
                        "briefs": [[b.spec, b.outputs] for b in report.briefs]})
    store.set_meta(record_name(config), value)


def quick_run(argv: list[str]) -> int | None:
    """Answer ``brief build --all`` when nothing changed since the last such run: its exit code,
    or None to run the full command."""
    opts = parse(argv)
    if opts is None:
        return None
    started = time.perf_counter()
    try:
        recorded = _unchanged(opts)
    except Exception:  # whatever went wrong, the full run reports it properly
        return None
    if recorded is None:
        return None
    try:
        _report(opts, recorded, time.perf_counter() - started)
    except OSError:  # the log cannot be written: the full run reports it (nothing printed yet)
        return None
    return 0


def _unchanged(opts: _Options) -> tuple[Any, dict[str, Any]] | None:
    from .config import Config, find_config
    from .formats import parse_formats

    config_path = opts.config or os.environ.get("BRIEFING_CONFIG") or find_config()
    if not config_path:
        return None
    config = Config.load(Path(config_path))
    target = opts.store or os.environ.get("BRIEFING_STORE") or config.store or Path(".briefing") / "corpus.db"
    if not config.briefs:
        return None
    with _early_reads(target) as store:
        if store is None:  # no store yet, or another run holds its lock: the full run waits (--wait)
            return None
        raw = store.meta(record_name(config))
        if not raw:
            return None
        data = json.loads(raw)
        formats = parse_formats(opts.formats)
        inputs = input_key(config, formats)
        if data["key"] != state_key(inputs, config, store, store.fingerprint()):
            _early[(str(config.path), formats, ())] = inputs
            return None
    return config, data


@contextmanager
def _early_reads(target: str | Path) -> Iterator[Any]:
    """The early reader of the store at ``target`` while holding its run lock, or None."""
    from .store.early import EarlyPostgres, EarlyRead, is_url

    if is_url(target):
        with EarlyPostgres.if_free(str(target)) as reads:
            yield reads
        return
    from .locking import lock_if_free

    if not Path(target).is_file():
        yield None
        return
    with lock_if_free(Path(target)) as free:
        if not free:
            yield None
            return
        with EarlyRead(target) as reads:
            yield reads


def _report(opts: _Options, recorded: tuple[Any, dict[str, Any]], seconds: float) -> None:
    """Print (and log) what the full run would: the ingest line, one line per brief, the totals."""
    import datetime as dt

    from .outcomes import BriefOutcome, RunReport

    config, data = recorded
    briefs = [BriefOutcome(spec, "unchanged", seconds, outputs) for spec, outputs in data["briefs"]]
    report = RunReport(ingested=data["ingested"], briefs=briefs, seconds=seconds)
    lines = [f"ingest    {data['summary']}"] if config.corpus else []
    lines += [b.line() for b in briefs]
    if opts.log is not None:  # first: a log that cannot be written stops this before any output
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with open(opts.log, "a", encoding="utf-8") as fh:
            fh.writelines(f"{stamp} {line}\n" for line in lines)
    quiet = opts.quiet or opts.json
    for line in lines:
        if not quiet:
            print(line)
    if opts.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    elif not quiet:
        print(f"0 built, {len(briefs)} unchanged, 0 failed in {seconds:.1f} s")
