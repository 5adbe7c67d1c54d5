"""Briefing: turn a corpus of news articles into sourced briefing reports.

The Python API (``Corpus``, ``build_brief``) is imported on first use, so that ``brief --help``
does not pay for it.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Corpus", "__version__", "build_brief"]


def __getattr__(name: str) -> Any:
    if name in ("Corpus", "build_brief"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")
