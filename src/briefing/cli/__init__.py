"""The ``brief`` command line: a thin layer over the library.

Each command module registers its commands on :data:`app` when imported; importing them here,
once, is the registration (the modules import :mod:`.app`, never this package).
"""

from __future__ import annotations

import sys

from . import build, corpus, dates, facts, people, project  # noqa: F401  (register the commands)
from .app import app, err, report_error

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point: user errors become one line and an exit code."""
    try:
        app(standalone_mode=True)
    except Exception as exc:
        sys.exit(report_error(exc))
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
