"""Custom sections' fact queries, and the spec filters that matched nothing.

Runs after :func:`briefing.select.select` has chosen the built-in sections: each custom
section's :class:`~briefing.spec.FactQuery` picks its own facts (kinds, keywords, people,
categories, period, newest ``max_items``); the documents they cite get the next source
numbers. A filter that matches nothing is never silent: it becomes a warning (printed by
the CLI on stderr) and a line in the brief's notes::

    >>> from briefing.store import Store
    >>> from briefing.spec import parse_spec
    >>> from briefing.select import select
    >>> spec = parse_spec("title: t\\npeople: [Aurora Wiliams]\\nsections: [notes]\\n")
    >>> select(spec, Store(":memory:"), built="2024-01-01").warnings
    ("spec people: 'Aurora Wiliams' matched no person in the store",)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from ..models import Document, Enumeration, Event, Fact, Figure, Person, Quote
from ..spec import BriefSpec, FactQuery, Section
from ..store.protocol import FactStore
from ..store.query import FactQuery as StoreQuery
from .core import (
    BriefContext,
    Note,
    Profile,
    _figure_item,
    _ItemMaker,
    _list_item,
    _name_matches,
    _source,
)


def finish(ctx: BriefContext, spec: BriefSpec, store: FactStore) -> BriefContext:
    """``ctx`` with its custom sections filled and a warning for every filter that matched nothing."""
    ctx = dataclasses.replace(ctx, look=spec.look)
    customs = [s for s in spec.sections if s.query is not None]
    warnings: list[str] = []
    if customs:
        ctx, empty = _custom_sections(ctx, spec, store, customs)
        warnings += [f"section {name!r}: its query matched no fact" for name in empty]
    warnings = _unmatched_filters(ctx, spec, store) + warnings
    if not warnings:
        return ctx
    notes = ctx.notes + tuple(Note(f"Warning: {w}.") for w in warnings)
    return dataclasses.replace(ctx, warnings=tuple(warnings), notes=notes)


def _custom_sections(ctx: BriefContext, spec: BriefSpec, store: FactStore,
                     customs: list[Section]) -> tuple[BriefContext, list[str]]:
    sources = list(ctx.sources)
    number = {s.doc_id: s.number for s in sources}
    documents: dict[str, Document] = {}

    def pub(doc_id: str) -> str | None:
        d = documents.get(doc_id)
        return d.published.value if d and d.published else None

    out: dict[str, tuple[Any, ...]] = {}
    empty: list[str] = []
    for sec in customs:
        assert sec.query is not None
        chosen = _pick(sec.query, spec, store)
        wanted = {f.doc_id for f in chosen} - documents.keys()
        documents.update((d.id, d) for d in store.documents_meta("id", wanted))
        chosen.sort(key=lambda f: (_date_of(f, pub), documents[f.doc_id].file if f.doc_id in documents else "",
                                   f.span))
        chosen = chosen[-sec.query.max_items:] if sec.query.max_items else chosen
        for f in chosen:
            if f.doc_id not in number and f.doc_id in documents:
                number[f.doc_id] = len(sources) + 1
                sources.append(_source(number[f.doc_id], documents[f.doc_id]))
        make = _ItemMaker(number, pub)
        out[sec.name] = tuple(_item(f, make) for f in chosen)
        if not chosen:
            empty.append(sec.name)
    return dataclasses.replace(ctx, sources=tuple(sources), custom=out), empty


def _date_of(f: Fact, pub: Callable[[str], str | None]) -> str:
    if isinstance(f, Event):
        return f.date.value
    return getattr(f, "as_of", None) or pub(f.doc_id) or ""


def _pick(q: FactQuery, spec: BriefSpec, store: FactStore) -> list[Fact]:
    """The facts of a custom section's query, filtered and capped in SQL kind by kind (the
    last ``max_items`` by date of each kind hold the last ``max_items`` of all)."""
    chosen: list[Fact] = []
    for kind in sorted(set(q.kinds)):
        chosen += store.select_facts(StoreQuery(
            kind, period=(q.period.start, q.period.end), keywords=q.keywords, named=q.people,
            measures=q.categories if kind == "enumeration" else (), exclude=spec.exclude,
            order="dated", last=q.max_items))
    return chosen


def _item(f: Fact, make: _ItemMaker) -> Any:
    base = make.base(f)
    published = make.pub(f.doc_id)
    if isinstance(f, Event):
        return make.event(f)
    if isinstance(f, Quote):
        return make.quote(f)
    if isinstance(f, Enumeration):
        return _list_item(f, base, published)
    if isinstance(f, Figure):
        return _figure_item(f, base, published)
    assert isinstance(f, Person), f.kind
    titles = sorted(f.titles, key=lambda t: t.as_of or "")
    return Profile(**base, name=f.name, aliases=tuple(f.aliases),
                   current_title=titles[-1].title if titles else None, sources=(base["source"],))


def _unmatched_filters(ctx: BriefContext, spec: BriefSpec, store: FactStore) -> list[str]:
    """Spec people, keywords, include/exclude ids and period that select nothing at all (asked
    of the store only for what the brief's own items do not show)."""
    out: list[str] = []
    if spec.people:
        shown = [(p.name, p.aliases) for p in ctx.profiles]
        out += [f"spec people: {w!r} matched no person in the store" for w in spec.people
                if not any(_name_matches(n, a, [w]) for n, a in shown)
                and not store.count_facts(StoreQuery("person", people=(w,)))]
    if spec.keywords:
        shown_text = " ".join(_item_text(i) for i in ctx.cited_items()).lower()
        out += [f"spec keywords: {k!r} matched no event, list, figure or quote" for k in spec.keywords
                if k.lower() not in shown_text
                and not any(store.count_facts(StoreQuery(kind, keywords=(k,))) for kind in _KEYWORD_KINDS)]
    for key in ("include", "exclude"):
        out += [f"spec {key}: {p!r} matched no fact id" for p in getattr(spec, key)
                if not any(store.count_facts(StoreQuery(kind, id_prefixes=(p,))) for kind in _ID_KINDS)]
    has_facts = ctx.timeline_total or ctx.lists or ctx.figures or any(p.quotes for p in ctx.profiles)
    if not spec.period.is_open and not has_facts:
        out.append(f"spec period: {ctx.period} matched no dated fact")
    return out


_KEYWORD_KINDS = ("event", "enumeration", "figure", "quote")
_ID_KINDS = ("event", "person", "quote", "enumeration", "figure")


def _item_text(item: Any) -> str:
    parts = [getattr(item, "evidence", ""), getattr(item, "summary", ""), getattr(item, "label", ""),
             getattr(item, "unit", "")]
    parts += [e.text for e in getattr(item, "items", ())]
    return " ".join(str(p) for p in parts)
