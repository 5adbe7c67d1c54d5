"""Temporal tagger (to be implemented)."""

from __future__ import annotations

from typing import Any


def tag(text: str, reference: str | None = None) -> list[Any]:
    return []
