"""Spec + store -> :class:`BriefContext`: the typed, filtered, numbered facts of one brief.

Gathering happens here, once; templates only read the result. Every item carries the number
of its source (``item.source``) and its fact id, so each line of a brief can be traced::

    >>> from briefing.store import Store
    >>> from briefing.spec import BriefSpec
    >>> ctx = select(BriefSpec(title="Empty"), Store(":memory:"), built="2024-01-01")
    >>> ctx.title, ctx.sources, ctx.timeline
    ('Empty', (), ())
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from ..spec import BriefSpec
from ..store.protocol import FactStore
from .core import (
    BriefContext,
    FigureItem,
    KeyPoint,
    ListEntry,
    ListItem,
    NewItem,
    Note,
    Profile,
    QuoteItem,
    Series,
    Source,
    TimelineItem,
    TitleItem,
    _Chosen,
    _mark_new,
    date_label,
)
from .custom import finish

__all__ = [
    "BriefContext",
    "FigureItem",
    "KeyPoint",
    "ListEntry",
    "ListItem",
    "NewItem",
    "Note",
    "Profile",
    "QuoteItem",
    "Series",
    "Source",
    "TimelineItem",
    "TitleItem",
    "date_label",
    "select",
]


def select(spec: BriefSpec, store: FactStore, built: str | dt.date | None = None,
           previous: tuple[Collection[str], str] | None = None) -> BriefContext:
    """Choose, filter and number the facts of ``spec`` from ``store``.

    The store filters, counts, caps and orders in SQL; only the facts the brief shows are
    read and decoded. ``previous`` is (fact ids, date) of the last build of this brief: items
    not in it are marked new and listed by the ``new`` section.
    """
    # Custom sections first, so that their items can be marked new too.
    context = finish(_Chosen.gather(spec, store).context(built), spec, store)
    return context if previous is None else _mark_new(spec, context, previous)
