"""`brief people`: persons, their current titles, documents and quotes (profiles issue)."""

from __future__ import annotations
