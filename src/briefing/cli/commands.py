"""Imports every command module so that each registers itself on the app."""

from __future__ import annotations

from . import build, corpus, dates, facts, people, project  # noqa: F401
