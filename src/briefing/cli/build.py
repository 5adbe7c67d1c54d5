"""`brief build`, `brief schema`, `brief templates` (briefs issue)."""

from __future__ import annotations
