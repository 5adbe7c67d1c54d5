"""The ``brief`` command line: a thin layer over the library.

Each command module registers its commands on :data:`app` when imported; importing them, once,
on first use of ``app`` or ``main``, is the registration (the modules import :mod:`.app`, never
this package). ``main`` first lets :func:`briefing.noop.quick_run` answer a scheduled run where
nothing changed, :func:`.ingest_run.quick_ingest` run a plain ``brief ingest`` and
:func:`.build_run.quick_build_all` a plain ``brief build --all``: those runs never load Typer.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

__all__ = ["app", "main"]


def _commands() -> Any:
    """The CLI module with every command registered."""
    import importlib

    module = importlib.import_module(".app", __name__)  # not `from . import app`: that asks __getattr__
    for name in ("build", "corpus", "dates", "facts", "people", "project"):  # each registers its commands
        importlib.import_module(f".{name}", __name__)

    globals()["app"] = module.app  # the Typer application, not its module, as ``briefing.cli.app``
    return module


def main() -> None:
    """Console-script entry point: user errors become one line and an exit code."""
    try:
        _run()
    finally:
        # What is left at exit is freed with the process: frozen, it is not walked by the
        # collector at interpreter shutdown (0.2 s CPU after a rebuild at 10k, 0.02 s after
        # a no-op run). Exit handlers and finalizers run as before.
        gc.freeze()


def _run() -> None:
    from ..noop import quick_run

    code = quick_run(sys.argv[1:])
    if code is None:
        from .ingest_run import quick_ingest

        code = quick_ingest(sys.argv[1:])
    if code is None:
        from .build_run import quick_build_all

        code = quick_build_all(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    cli = _commands()
    try:
        cli.app(standalone_mode=True)
    except Exception as exc:
        sys.exit(cli.report_error(exc))
    except KeyboardInterrupt:
        cli.err("interrupted")
        sys.exit(130)


def __getattr__(name: str) -> Any:
    if name == "app":
        return _commands().app
    raise AttributeError(f"module 'briefing.cli' has no attribute {name!r}")
