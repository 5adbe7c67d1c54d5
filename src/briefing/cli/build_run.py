"""`brief build --all`'s run and output, free of Typer: the Typer command runs it, and so does
:func:`quick_build_all` for a plain command line, before the CLI is loaded.

A scheduled run that finds one new article rebuilds a brief or two: a short run, of which
Typer with the pydantic its option parsing loads took ~0.15 s CPU. The plain forms are those
:func:`briefing.noop.parse` reads (the no-op answer tries them first); anything else (another
option, a PostgreSQL store in a global option, a missing config) goes to the full CLI, which
runs :func:`run_all` too or says what is wrong.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import EXIT_OK, EXIT_PARTIAL


def quick_build_all(argv: list[str]) -> int | None:
    """Run a plain ``brief build --all`` command line: its exit code, or None for the full CLI."""
    from ..config import find_config
    from ..formats import parse_formats
    from ..noop import parse

    opts = parse(argv)
    if opts is None:
        return None
    try:  # what the full CLI reads before the command; whatever is wrong with it, the CLI says
        config_path = opts.config or os.environ.get("BRIEFING_CONFIG") or find_config()
        config = Config.load(Path(config_path)) if config_path else None
        formats = parse_formats(opts.formats)
    except Exception:
        return None
    if config is None or not config.briefs:
        return None
    target = opts.store or os.environ.get("BRIEFING_STORE")
    store = _store_target(target) if target else (config.store or Path(".briefing") / "corpus.db")
    executor = os.environ.get("BRIEFING_EXECUTOR") or config.executor
    try:
        return run_all(store, config, formats, quiet=opts.quiet, as_json=opts.json, wait=opts.wait,
                       log=Path(opts.log) if opts.log is not None else None, executor=executor)
    except KeyboardInterrupt:
        print("brief: interrupted", file=sys.stderr, flush=True)
        return 130
    except Exception as exc:  # said as the full CLI says it (which loads Typer: errors only)
        import importlib

        app: Any = importlib.import_module(".app", __package__)  # the module, not the package's `app`
        app._json_errors = opts.json
        code: int = app.report_error(exc, store)
        return code


def _store_target(value: str) -> Path | str:
    """A ``postgresql://`` URL as it is, anything else as a path (as the full CLI reads it)."""
    return value if value.startswith(("postgresql://", "postgres://")) else Path(value)


def run_all(store: Path | str, config: Config, formats: tuple[str, ...] | None, *, templates: tuple[Path, ...] = (),
            force: bool = False, wait: float = 0.0, log: Path | None = None, quiet: bool = False,
            as_json: bool = False, executor: str = "local") -> int:
    """Ingest the corpus and rebuild the configured briefs under the store's lock, printing one
    line per step (and appending it to ``log``): the exit code."""
    import json

    from ..locking import store_lock
    from ..schedule import build_all
    from ..store import open_store

    quiet = quiet or as_json

    def report_line(outcome: Any) -> None:
        line = outcome if isinstance(outcome, str) else outcome.line()
        if not quiet:
            print(line, flush=True)
        if log is not None:
            stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            with log.open("a", encoding="utf-8") as fh:
                fh.write(f"{stamp} {line}\n")

    with store_lock(store, wait), open_store(store) as st:
        report = build_all(st, config, force=force, formats=formats, template_dirs=templates,
                           on_outcome=report_line, on_ingested=report_line, executor=executor)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    elif not quiet:  # on the terminal only: the log keeps one line per brief
        counts = {status: sum(b.status == status for b in report.briefs) for status in ("built", "unchanged", "failed")}
        print(", ".join(f"{n} {status}" for status, n in counts.items()) + f" in {report.seconds:.1f} s", flush=True)
    return EXIT_PARTIAL if report.failed else EXIT_OK
