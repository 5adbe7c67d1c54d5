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
from typing import Any, cast

from ..models import Enumeration, Figure, StoredFact
from ..spec import BriefSpec, FactQuery, Section
from ..store.decode import typed_fact
from .core import (
    BriefContext,
    Note,
    Profile,
    QuoteItem,
    TimelineItem,
    _figure_item,
    _list_item,
    _name_matches,
    _source,
    date_label,
)


def finish(ctx: BriefContext, spec: BriefSpec, store: Any) -> BriefContext:
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


def _custom_sections(ctx: BriefContext, spec: BriefSpec, store: Any,
                     customs: list[Section]) -> tuple[BriefContext, list[str]]:
    documents = {d.id: d for d in store.documents(with_text=False)}
    kinds = sorted({k for s in customs for k in (s.query.kinds if s.query else ())})
    facts = store.facts(kinds)
    excluded = {f.id for f in facts if any(f.id.startswith(p) for p in spec.exclude)}
    sources = list(ctx.sources)
    number = {s.doc_id: s.number for s in sources}

    def pub(doc_id: str) -> str | None:
        d = documents.get(doc_id)
        return d.published.value if d and d.published else None

    out: dict[str, tuple[Any, ...]] = {}
    empty: list[str] = []
    for sec in customs:
        assert sec.query is not None
        chosen = _pick(sec.query, [f for f in facts if f.id not in excluded], pub)
        for f in chosen:
            if f.doc_id not in number and f.doc_id in documents:
                number[f.doc_id] = len(sources) + 1
                sources.append(_source(number[f.doc_id], documents[f.doc_id]))
        out[sec.name] = tuple(_item(f, number.get(f.doc_id, 0), pub(f.doc_id)) for f in chosen)
        if not chosen:
            empty.append(sec.name)
    return dataclasses.replace(ctx, sources=tuple(sources), custom=out), empty


def _date_of(f: StoredFact, pub: Any) -> str:
    if f.kind == "event":
        return str(f.data["date"]["value"])
    return str(f.data.get("as_of") or pub(f.doc_id) or "")


def _haystack(f: StoredFact) -> str:
    d = f.data
    parts = [f.text, str(d.get("summary", "")), str(d.get("label", "")), str(d.get("unit", "")),
             str(d.get("name", "")), *(str(i.get("text", "")) for i in d.get("items", []) or [])]
    return " ".join(parts).lower()


def _names(f: StoredFact) -> tuple[str, list[str]]:
    """The person a fact is about or by (name, aliases), for ``people`` filters."""
    d = f.data
    if f.kind == "person":
        return str(d.get("name", "")), list(d.get("aliases", ()))
    if f.kind in ("quote", "enumeration"):
        return str(d.get("speaker") or ""), []
    return "", list(d.get("people", ()))


def _pick(q: FactQuery, facts: list[StoredFact], pub: Any) -> list[StoredFact]:
    chosen = []
    for f in facts:
        if f.kind not in q.kinds:
            continue
        if q.categories and f.kind == "enumeration" and f.data.get("category") not in q.categories:
            continue
        if q.keywords and not any(k.lower() in _haystack(f) for k in q.keywords):
            continue
        if q.people:
            name, others = _names(f)
            named = (name and _name_matches(name, others, q.people)) or any(
                _name_matches(o, (), q.people) for o in others) or any(p.lower() in f.text.lower() for p in q.people)
            if not named:
                continue
        if not q.period.is_open and not q.period.contains(_date_of(f, pub) or None):
            continue
        chosen.append(f)
    chosen.sort(key=lambda f: (_date_of(f, pub), f.doc_file, f.span))
    return chosen[-q.max_items:] if q.max_items else chosen


def _item(f: StoredFact, source: int, published: str | None) -> Any:
    base: dict[str, Any] = {"fact_id": f.id, "source": source, "doc_id": f.doc_id, "span": f.span, "evidence": f.text}
    d = f.data
    if f.kind == "event":
        return TimelineItem(**base, date=date_label(d["date"]["value"], d["date"].get("end")),
                            date_iso=d["date"]["value"], precision=d["date"].get("precision", "day"),
                            summary=d.get("summary") or f.text, people=tuple(d.get("people", ())))
    if f.kind == "quote":
        return QuoteItem(**base, speaker=d.get("speaker"), mode=d.get("mode", "direct"), cue=d.get("cue"),
                         date=date_label(published))
    if f.kind == "enumeration":
        return _list_item(cast(Enumeration, typed_fact(f.kind, f.doc_id, f.span, f.text, d)), base, published)
    if f.kind == "figure":
        return _figure_item(cast(Figure, typed_fact(f.kind, f.doc_id, f.span, f.text, d)), base, published)
    titles = sorted(d.get("titles", ()), key=lambda t: t.get("as_of") or "")
    return Profile(**base, name=d.get("name", ""), aliases=tuple(d.get("aliases", ())),
                   current_title=titles[-1]["title"] if titles else None, sources=(source,))


def _unmatched_filters(ctx: BriefContext, spec: BriefSpec, store: Any) -> list[str]:
    """Spec people, keywords, include/exclude ids and period that select nothing at all."""
    out: list[str] = []
    if spec.people:
        shown = [(p.name, p.aliases) for p in ctx.profiles]
        missing = [w for w in spec.people if not any(_name_matches(n, a, [w]) for n, a in shown)]
        if missing:
            persons = [(f.data.get("name", ""), f.data.get("aliases", ())) for f in store.facts(["person"])]
            out += [f"spec people: {w!r} matched no person in the store" for w in missing
                    if not any(_name_matches(n, a, [w]) for n, a in persons)]
    if spec.keywords:
        shown_text = " ".join(_item_text(i) for i in ctx.cited_items()).lower()
        missing = [k for k in spec.keywords if k.lower() not in shown_text]
        if missing:
            texts = [_haystack(f) for f in store.facts(["event", "enumeration", "figure", "quote"])]
            out += [f"spec keywords: {k!r} matched no event, list, figure or quote" for k in missing
                    if not any(k.lower() in t for t in texts)]
    if spec.include or spec.exclude:
        ids = {f.id for f in store.facts(["event", "person", "quote", "enumeration", "figure"])}
        for key in ("include", "exclude"):
            out += [f"spec {key}: {p!r} matched no fact id" for p in getattr(spec, key)
                    if not any(i.startswith(p) for i in ids)]
    has_facts = ctx.timeline_total or ctx.lists or ctx.figures or any(p.quotes for p in ctx.profiles)
    if not spec.period.is_open and not has_facts:
        out.append(f"spec period: {ctx.period} matched no dated fact")
    return out


def _item_text(item: Any) -> str:
    parts = [getattr(item, "evidence", ""), getattr(item, "summary", ""), getattr(item, "label", ""),
             getattr(item, "unit", "")]
    parts += [e.text for e in getattr(item, "items", ())]
    return " ".join(str(p) for p in parts)
