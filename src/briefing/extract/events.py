"""Events extraction (to be implemented)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Fact

if TYPE_CHECKING:
    from . import DocContext


def extract(ctx: DocContext) -> list[Fact]:
    return []
