"""`brief dates`: show the temporal expressions found in a file (timeline issue)."""

from __future__ import annotations
