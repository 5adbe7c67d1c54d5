"""The ``brief`` command line: a thin layer over the library."""

from __future__ import annotations

from . import commands  # noqa: F401  (registers the commands on `app`)
from .app import app, main

__all__ = ["app", "main"]
