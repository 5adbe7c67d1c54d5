"""`brief ingest`'s work and output, free of Typer: the Typer command runs it, and so does
:func:`quick_ingest` for a plain command line, before the CLI is loaded.

A scheduled ingest mostly finds one new article, or none: a short run, of which Typer with the
pydantic its option parsing loads took ~0.15 s CPU (a third of a run that adds one article to
10k). :func:`parse` reads the plain forms the way the full CLI reads them; any other command
line (another option, a bad value, ``--help``) falls through to the full CLI, which handles it.

    >>> parse(["-q", "ingest", "corpus", "--jobs", "2"]).jobs
    2
    >>> parse(["ingest", "corpus", "--max-bytes", "10"]) is None  # not a plain form: the full CLI
    True
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL


@dataclass
class IngestArgs:
    """A plain ``brief [GLOBAL...] ingest PATH... [OPTION...]`` command line."""

    paths: list[Path] = field(default_factory=list)
    store: str | None = None  # --store, the global one or the command's (the command's wins)
    command_store: str | None = None
    config: str | None = None
    executor: str | None = None
    quiet: bool = False
    verbose: bool = False
    as_json: bool = False
    jobs: int | None = None
    wait: float = 0.0


_FLAGS = {"-q": "quiet", "--quiet": "quiet", "-v": "verbose", "--verbose": "verbose"}
_GLOBAL_VALUED = {"--store": "store", "--config": "config", "--executor": "executor"}


def parse(argv: list[str]) -> IngestArgs | None:
    """The options of a plain ingest command line; None for anything else."""
    if "ingest" not in argv:
        return None
    at = argv.index("ingest")
    args = IngestArgs()
    given: set[str] = set()

    def take(name: str, value: Any) -> bool:  # each option once: a repeat goes to the full CLI
        if name in given:
            return False
        given.add(name)
        setattr(args, name, value)
        return True

    head, tail = argv[:at], argv[at + 1:]
    i = 0
    while i < len(head):  # global options
        a = head[i]
        if a in _FLAGS:
            ok = take(_FLAGS[a], True)
        elif a in _GLOBAL_VALUED and i + 1 < len(head):
            ok = take(_GLOBAL_VALUED[a], head[i + 1])
            i += 1
        else:
            return None
        if not ok:
            return None
        i += 1
    i = 0
    while i < len(tail):
        a = tail[i]
        value = tail[i + 1] if i + 1 < len(tail) else None
        ok = True
        if not a.startswith("-"):
            args.paths.append(Path(a))
        elif a in _FLAGS:
            ok = take(_FLAGS[a], True)
        elif a == "--json":
            ok = take("as_json", True)
        elif value is not None and a in ("--config", "--store", "--jobs", "-j", "--wait"):
            ok = _take_valued(a, value, take)
            i += 1
        else:
            return None
        if not ok:
            return None
        i += 1
    return args if args.paths else None


def _take_valued(option: str, value: str, take: Callable[[str, Any], bool]) -> bool:
    if option == "--config":
        return take("config", value)
    if option == "--store":
        return take("command_store", value)
    try:
        number = int(value) if option in ("--jobs", "-j") else float(value)
    except ValueError:
        return False
    if option == "--wait":
        return number >= 0 and take("wait", number)
    return number >= 1 and take("jobs", number)


def quick_ingest(argv: list[str]) -> int | None:
    """Run a plain ``brief ingest`` command line: its exit code, or None for the full CLI."""
    args = parse(argv)
    if args is None:
        return None
    from ..config import Config, find_config

    store: Path | str | None = None
    try:
        config_path = args.config or os.environ.get("BRIEFING_CONFIG") or find_config()
        config = Config.load(Path(config_path)) if config_path else None
        target = args.command_store or args.store or os.environ.get("BRIEFING_STORE")
        store = _store_target(target) if target else (config.store if config and config.store else None)
        store = store or Path(".briefing") / "corpus.db"
        executor = args.executor or os.environ.get("BRIEFING_EXECUTOR") or (config.executor if config else "local")
        return run(args.paths, store, quiet=args.quiet, verbose=args.verbose, as_json=args.as_json,
                   jobs=args.jobs, wait=args.wait, executor=executor)
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except Exception as exc:  # said as the full CLI says it (which loads Typer: errors only)
        import importlib

        app: Any = importlib.import_module(".app", __package__)  # the module, not the package's `app`
        app._json_errors = args.as_json
        code: int = app.report_error(exc, store)
        return code


def _store_target(value: str) -> Path | str:
    """A ``postgresql://`` URL as it is, anything else as a path (as the full CLI reads it)."""
    return value if value.startswith(("postgresql://", "postgres://")) else Path(value)


def run(paths: list[Path], store: Path | str, *, quiet: bool = False, verbose: bool = False,
        as_json: bool = False, day_first: bool = True, max_bytes: int = 5 * 1024 * 1024,
        extract: bool = True, jobs: int | None = None, wait: float = 0.0, executor: str = "local") -> int:
    """Ingest ``paths`` into ``store`` under its lock, print what happened: the exit code."""
    from ..ingest import discover
    from ..locking import store_lock
    from ..pipeline import ingest
    from ..store import open_store

    started = time.perf_counter()
    silent = quiet or as_json
    shown = not silent and sys.stderr.isatty() and os.environ.get("CI") is None
    # Counting the files first is a stat-free walk (cheap), and gives the bar its total and ETA; a
    # run with no bar shown skips it (at 10k files, 0.03 s CPU of a run that adds one article).
    total = sum(1 for item in discover(paths) if isinstance(item, str)) if shown else None
    with store_lock(store, wait), open_store(store) as st, _progress(shown, total) as advance:
        report = ingest(st, paths, day_first=day_first, max_bytes=max_bytes, extract=extract, jobs=jobs,
                        executor=executor, on_file=advance)
    for message in report.errors:
        _err(message)
    if verbose:
        for path in report.skipped:
            _err(f"{path}: skipped: not an article format (.txt .md .html .htm .jsonl)")
    elif report.skipped and not as_json:
        _err(f"skipped {len(report.skipped)} file(s) that are not articles (--verbose names them)")
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    elif not quiet:
        print(f"{report.summary()} in {time.perf_counter() - started:.1f} s", flush=True)
    ok = report.new + report.changed + report.unchanged
    if report.failed:
        return EXIT_PARTIAL if ok else EXIT_FAILED
    return EXIT_OK


def _progress(shown: bool, total: int | None) -> Any:
    """The CLI's progress bar when one is shown (which loads the CLI), else nothing."""
    if not shown:
        from contextlib import nullcontext

        return nullcontext(None)
    from .app import progress_bar

    return progress_bar("ingest", False, total)


def _err(message: str) -> None:
    """One line on stderr, as the CLI's ``err`` writes it."""
    print(f"brief: {message}", file=sys.stderr, flush=True)
