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

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .gcpause import gc_paused
from .look import Look
from .models import Document, StoredFact
from .spec import BriefSpec, Section

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_label(value: str | None, end: str | None = None) -> str:
    """An ISO date shown at its precision; ranges joined by an en dash.

    >>> date_label("2017"), date_label("2017-08"), date_label("2021-07-06"), date_label("2011", "2021")
    ('2017', 'Aug 2017', '6 Jul 2021', '2011–2021')
    """
    if not value:
        return "undated"
    one = _one_date(value)
    return f"{one}–{_one_date(end)}" if end and end != value else one


def _one_date(value: str) -> str:
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


# --------------------------------------------------------------------------- context types


@dataclass(frozen=True)
class Source:
    """A numbered document that citations point to."""

    number: int
    doc_id: str
    file: str
    title: str | None
    outlet: str | None
    author: str | None
    date: str  # shown at its precision
    date_iso: str | None
    date_inferred: bool
    url: str | None

    @property
    def anchor(self) -> str:
        return f"src-{self.number}"


@dataclass(frozen=True)
class Cited:
    """What every item has: the fact it comes from and the source it cites."""

    fact_id: str
    source: int
    doc_id: str
    span: tuple[int, int]
    evidence: str  # the source text of the span, verbatim


@dataclass(frozen=True)
class TimelineItem(Cited):
    date: str = ""
    date_iso: str = ""
    precision: str = "day"
    summary: str = ""
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuoteItem(Cited):
    speaker: str | None = None
    mode: str = "direct"
    cue: str | None = None
    date: str = ""

    @property
    def text(self) -> str:
        """The quoted words, verbatim (always equal to the evidence)."""
        return self.evidence


@dataclass(frozen=True)
class TitleItem:
    title: str
    as_of: str  # shown at its precision, or "" when undated
    source: int | None


@dataclass(frozen=True)
class Profile(Cited):
    name: str = ""
    aliases: tuple[str, ...] = ()
    current_title: str | None = None
    titles: tuple[TitleItem, ...] = ()
    quotes: tuple[QuoteItem, ...] = ()
    events: tuple[TimelineItem, ...] = ()
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class ListEntry:
    ordinal: int
    summary: str
    text: str

    @property
    def detail(self) -> str:
        """The full text when it says more than the summary (not just the same words)."""
        def norm(s: str) -> str:
            return " ".join(s.casefold().strip(" .;:,…").split())

        return self.text if self.text and norm(self.text) != norm(self.summary) else ""


@dataclass(frozen=True)
class ListItem(Cited):
    label: str = ""
    category: str = "other"
    speaker: str | None = None
    date: str = ""
    announced_count: int | None = None
    items: tuple[ListEntry, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class FigureItem(Cited):
    value: str = ""  # formatted
    number: float = 0.0  # for charts: the value, or the top of a range
    low: float | None = None  # bottom of a range
    unit: str = ""
    qualifier: str | None = None
    date: str = ""
    date_iso: str = ""
    series: str | None = None

    @property
    def shown(self) -> str:
        """The value with its qualifier: ``nearly 260``, ``70–80``."""
        return f"{self.qualifier} {self.value}" if self.qualifier else self.value


@dataclass(frozen=True)
class Series:
    id: str
    label: str
    points: tuple[FigureItem, ...]


@dataclass(frozen=True)
class NewItem(Cited):
    """An item shown in this build that the previous build did not show."""

    kind: str = ""
    label: str = ""


def _new_item(item: Cited) -> NewItem:
    if isinstance(item, TimelineItem):
        kind, label = "event", f"{item.date} — {item.summary}"
    elif isinstance(item, QuoteItem):
        kind, label = "quote", f"{item.speaker or 'Unattributed'}: “{item.text}”"
    elif isinstance(item, Profile):
        kind, label = "person", item.name + (f", {item.current_title}" if item.current_title else "")
    elif isinstance(item, ListItem):
        kind, label = "list", f"{item.label} ({len(item.items)} items)"
    elif isinstance(item, FigureItem):
        kind, label = "figure", f"{item.shown} {item.unit}".strip()
    else:
        kind, label = "fact", item.evidence
    return NewItem(item.fact_id, item.source, item.doc_id, item.span, item.evidence, kind=kind, label=label)


@dataclass(frozen=True)
class KeyPoint:
    text: str
    source: int
    fact_id: str


@dataclass(frozen=True)
class Note:
    text: str
    source: int | None = None


@dataclass(frozen=True)
class BriefContext:
    """Everything a template may read; nothing here touches the store."""

    title: str
    subtitle: str | None
    audience: str
    built: str
    period: str
    sections: tuple[Section, ...]
    sources: tuple[Source, ...] = ()
    summary: tuple[KeyPoint, ...] = ()
    timeline: tuple[TimelineItem, ...] = ()
    timeline_total: int = 0
    lists: tuple[ListItem, ...] = ()
    profiles: tuple[Profile, ...] = ()
    figures: tuple[FigureItem, ...] = ()
    series: tuple[Series, ...] = ()
    notes: tuple[Note, ...] = ()
    documents: int = 0  # documents in the store
    new_since: str | None = None  # date of the previous build, for "New since ..." (scheduled builds)
    new_items: tuple[NewItem, ...] = ()
    new_ids: frozenset[str] = frozenset()
    custom: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)  # custom section -> its items
    warnings: tuple[str, ...] = ()  # spec filters that matched nothing (also in ``notes``)
    look: Look = Look()  # the spec's layout, footer, extra CSS and images

    def is_new(self, item: Cited) -> bool:
        """Whether ``item`` was not in the previous build of this brief."""
        return item.fact_id in self.new_ids

    @property
    def fact_ids(self) -> list[str]:
        """Ids of every fact the brief shows, in a stable order, without repeats."""
        ids = [k.fact_id for k in self.summary] if self.section("summary") else []
        ids += [it.fact_id for it in self.cited_items()]
        return list(dict.fromkeys(ids))

    def cited_items(self) -> Iterable[Cited]:
        names = {s.name for s in self.sections}
        if "timeline" in names:
            yield from self.timeline
        if "goals" in names:
            yield from self.lists
        if "profiles" in names:
            for p in self.profiles:
                yield p
                yield from p.quotes
                yield from p.events
        if "figures" in names:
            yield from self.figures
        for name, items in self.custom.items():
            if name in names:
                for item in items:
                    yield item
                    yield from getattr(item, "quotes", ())

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)


# --------------------------------------------------------------------------- selection


@dataclass
class _Picker:
    spec: BriefSpec
    all_ids: list[str]
    include: set[str] = field(default_factory=set)
    exclude: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.include = self._resolve(self.spec.include)
        self.exclude = self._resolve(self.spec.exclude)

    def _resolve(self, prefixes: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for p in prefixes:
            out.update(i for i in self.all_ids if i.startswith(p))
        return out

    def keep(self, fact: StoredFact, date: str | None, end: str | None, haystack: str) -> bool:
        if fact.id in self.exclude:
            return False
        if fact.id in self.include:
            return True
        if not self.spec.period.is_open and not self.spec.period.contains(date, end):
            return False
        if self.spec.keywords:
            low = haystack.lower()
            return any(k.lower() in low for k in self.spec.keywords)
        return True


def _name_matches(name: str, aliases: Iterable[str], wanted: Iterable[str]) -> bool:
    names = {name.lower(), *(a.lower() for a in aliases)}
    return any(w.lower() in names or w.lower() in name.lower() for w in wanted)


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def select(spec: BriefSpec, store: Any, built: str | dt.date | None = None,
           previous: tuple[Collection[str], str] | None = None) -> BriefContext:
    """Choose, filter and number the facts of ``spec`` from ``store``.

    ``previous`` is (fact ids, date) of the last build of this brief: items not in it are
    marked new and listed by the ``new`` section.
    """
    from .query import finish

    with gc_paused():  # every fact of the corpus is held while the brief's few are chosen
        return finish(_select(spec, store, built, previous), spec, store)


def _select(spec: BriefSpec, store: Any, built: str | dt.date | None,
            previous: tuple[Collection[str], str] | None) -> BriefContext:
    documents = {d.id: d for d in store.documents(with_text=False)}
    by_file = {d.file: d for d in documents.values()}
    facts = store.facts(["event", "person", "quote", "enumeration", "figure"])
    picker = _Picker(spec, [f.id for f in facts])
    kinds: dict[str, list[StoredFact]] = defaultdict(list)
    for f in facts:
        kinds[f.kind].append(f)

    def pub(doc_id: str) -> str | None:
        d = documents.get(doc_id)
        return d.published.value if d and d.published else None

    events = [f for f in kinds["event"]
              if picker.keep(f, f.data["date"]["value"], f.data["date"].get("end"),
                             f"{f.data.get('summary', '')} {f.text}")]
    events.sort(key=lambda f: (f.data["date"]["value"], f.doc_file, f.span))
    tl_section = spec.section("timeline")
    if tl_section and not tl_section.option("upcoming"):
        # Targets and plans ("until 2045") are dated after the newest article: not history.
        newest = max((d.published.value for d in documents.values() if d.published), default=None)
        if newest:
            events = [f for f in events if f.data["date"]["value"][:len(newest)] <= newest]
    timeline_total = len(events)
    shown_events = events
    if tl_section and tl_section.option("max_items"):
        shown_events = events[-tl_section.option("max_items"):]
    quotes = [f for f in kinds["quote"] if picker.keep(f, pub(f.doc_id), None, f.text)]
    lists = [f for f in kinds["enumeration"]
             if picker.keep(f, f.data.get("as_of") or pub(f.doc_id), None,
                            " ".join([f.data.get("label", ""), f.text])
                            + " ".join(i.get("text", "") for i in f.data.get("items", [])))]
    goals = spec.section("goals")
    if goals and goals.option("categories"):
        lists = [f for f in lists if f.data.get("category") in goals.option("categories")]
    lists_total = len(lists)
    if goals and goals.option("max_items"):
        lists = _newest(lists, pub, goals.option("max_items"))
    figures = [f for f in kinds["figure"]
               if picker.keep(f, f.data.get("as_of") or pub(f.doc_id), None, f"{f.data.get('unit', '')} {f.text}")]
    persons = [f for f in kinds["person"] if f.id not in picker.exclude]
    if spec.people:
        persons = [f for f in persons if f.id in picker.include
                   or _name_matches(f.data["name"], f.data.get("aliases", ()), spec.people)]

    # Which persons get a profile: focus people, or anyone with a title or a quote.
    by_speaker: dict[str, list[StoredFact]] = defaultdict(list)  # indexed once: no scan per person
    for q in quotes:
        by_speaker[(q.data.get("speaker") or "").lower()].append(q)

    def quotes_of(p: StoredFact) -> list[StoredFact]:
        names = {p.data["name"].lower(), *(a.lower() for a in p.data.get("aliases", ()))}
        said = sorted({q.id: q for n in names for q in by_speaker.get(n, ())}.values(),
                      key=lambda q: (q.doc_file, q.span))
        return sorted(said, key=lambda q: q.data.get("mode") != "direct")  # verbatim words first

    if not spec.people:
        persons = [p for p in persons if p.data.get("titles") or quotes_of(p)]
    persons.sort(key=lambda p: (-len(quotes_of(p)), -len(p.data.get("docs", ())), p.data["name"]))
    # Caps keep a brief over a large corpus readable (and its build time bounded).
    prof = spec.section("profiles")
    if prof and prof.option("max_people"):
        persons = persons[:prof.option("max_people")]
    fig = spec.section("figures")
    if fig and fig.option("max_items"):
        figures = _newest(figures, pub, fig.option("max_items"))

    # Number the sources that something shown cites: by date, then file.
    shown_sections = {s.name for s in spec.sections}
    wants = shown_sections.__contains__
    cited: set[str] = set()
    if wants("timeline"):
        cited.update(f.doc_id for f in shown_events)
    if wants("goals"):
        cited.update(f.doc_id for f in lists)
    if wants("figures"):
        cited.update(f.doc_id for f in figures)
    if wants("profiles"):
        for p in persons:
            cited.update(_profile_cites(p, quotes_of(p), by_file, spec))

    def item_maker(number: dict[str, int]) -> Any:
        def base(f: StoredFact) -> dict[str, Any]:
            return {"fact_id": f.id, "source": number.get(f.doc_id, 0), "doc_id": f.doc_id, "span": f.span,
                    "evidence": f.text}

        def event_item(f: StoredFact) -> TimelineItem:
            d = f.data["date"]
            return TimelineItem(**base(f), date=date_label(d["value"], d.get("end")), date_iso=d["value"],
                                precision=d.get("precision", "day"), summary=f.data.get("summary") or f.text,
                                people=tuple(f.data.get("people", ())))

        def quote_item(f: StoredFact) -> QuoteItem:
            return QuoteItem(**base(f), speaker=f.data.get("speaker"), mode=f.data.get("mode", "direct"),
                             cue=f.data.get("cue"), date=date_label(pub(f.doc_id)))

        def figure_items(chosen: list[StoredFact]) -> tuple[FigureItem, ...]:
            return tuple(sorted((_figure_item(f, base(f), pub(f.doc_id)) for f in chosen),
                                key=lambda x: (x.series or "~", x.date_iso, x.fact_id)))

        return base, event_item, quote_item, figure_items

    # The summary's key points come from the lists, figures and recent events; only the
    # sources of the points it picks are cited. Without a capped section to draw from, it
    # looks at the most recent SUMMARY_POOL of each (a large corpus has thousands).
    picked: tuple[KeyPoint, ...] = ()
    fact_doc: dict[str, str] = {}
    if wants("summary"):
        pool_lists = lists if goals and goals.option("max_items") else _newest(lists, pub, SUMMARY_POOL)
        pool_figures = figures if fig and fig.option("max_items") else _newest(figures, pub, SUMMARY_POOL)
        candidates = cited | {f.doc_id for f in [*events[-3:], *pool_lists, *pool_figures]}
        # "Recent" means up to the newest source, not plans dated in the future.
        newest = max((pub(i) or "" for i in candidates), default="")
        past = [f for f in events if f.data["date"]["value"][: len(newest)] <= newest] if newest else events
        recent = [f for f in past[-3:] if f.doc_id in candidates]
        base0, event_item0, _quote0, figure_items0 = item_maker({})
        pool_figure_items = figure_items0(pool_figures)
        picked = _summary(spec, [event_item0(f) for f in recent],
                          tuple(_list_item(f, base0(f), pub(f.doc_id)) for f in pool_lists),
                          _series(pool_figure_items), pool_figure_items)
        fact_doc = {f.id: f.doc_id for f in [*recent, *pool_lists, *pool_figures]}
        cited.update(fact_doc[p.fact_id] for p in picked)

    ordered = sorted((documents[i] for i in cited if i in documents),
                     key=lambda d: (d.published.value if d.published else "9999", d.file))
    sources = tuple(_source(n, d) for n, d in enumerate(ordered, start=1))
    number = {s.doc_id: s.number for s in sources}
    base, event_item, quote_item, make_figure_items = item_maker(number)

    # Items are made only for what the brief shows (their documents are numbered above).
    timeline = tuple(event_item(f) for f in shown_events) if wants("timeline") else ()
    list_items = tuple(_list_item(f, base(f), pub(f.doc_id)) for f in lists) if wants("goals") else ()
    figure_items = make_figure_items(figures) if wants("figures") else ()
    related = _events_naming(persons, [e for e in events if e.doc_id in number]) if wants("profiles") else {}
    profiles = tuple(_profile(p, base(p), [quote_item(q) for q in quotes_of(p)],
                              [event_item(e) for e in related[p.id]], by_file, number, spec)
                     for p in persons if wants("profiles"))
    series = _series(figure_items)
    ctx_notes = _notes(spec, sources, documents, lists, timeline_total, len(timeline), list_items,
                       lists_total if wants("goals") else len(list_items))
    summary = tuple(dataclasses.replace(p, source=number[fact_doc[p.fact_id]]) for p in picked)
    built_label = built.isoformat() if isinstance(built, dt.date) else (built or dt.date.today().isoformat())
    context = BriefContext(
        title=spec.title, subtitle=spec.subtitle, audience=spec.audience, built=built_label,
        period=_period_label(spec, sources), sections=spec.sections, sources=sources, summary=summary,
        timeline=timeline, timeline_total=timeline_total, lists=list_items, profiles=profiles,
        figures=figure_items, series=series, notes=ctx_notes, documents=len(documents),
    )
    if previous is None:
        return context
    before, since = set(previous[0]), previous[1]
    fresh: dict[str, NewItem] = {}
    for item in context.cited_items():
        if item.fact_id not in before and item.fact_id not in fresh:
            fresh[item.fact_id] = _new_item(item)
    new_section = spec.section("new")
    limit = new_section.option("max_items") if new_section else 0
    items = tuple(fresh.values())
    return dataclasses.replace(context, new_since=since, new_ids=frozenset(fresh),
                               new_items=items[:limit] if limit else items)


# How many of the most recent lists and figures the summary considers when the brief caps
# neither section: enough for its handful of points, bounded however large the corpus.
SUMMARY_POOL = 200


def _newest(facts: list[StoredFact], pub: Any, n: int) -> list[StoredFact]:
    """The ``n`` most recent facts (by their as-of date, else their article's), in their order."""
    if len(facts) <= n:
        return facts
    newest_first = sorted(facts, key=lambda f: (f.data.get("as_of") or pub(f.doc_id) or ""), reverse=True)
    keep = {f.id for f in newest_first[:n]}
    return [f for f in facts if f.id in keep]


def _source(n: int, d: Document) -> Source:
    pub = d.published
    return Source(number=n, doc_id=d.id, file=d.file, title=d.title, outlet=d.outlet, author=d.author,
                  date=date_label(pub.value) if pub else "undated", date_iso=pub.value if pub else None,
                  date_inferred=bool(pub and pub.inferred), url=d.url)


def _events_naming(persons: list[StoredFact], events: list[StoredFact]) -> dict[str, list[StoredFact]]:
    """Each person's events: those that list the person (by name or alias) or whose text names
    them. One pass over the events for all persons: a large corpus has many events."""
    wanted = [(p.id, {n.lower() for n in (p.data["name"], *p.data.get("aliases", ()))}, p.data["name"])
              for p in persons]
    out: dict[str, list[StoredFact]] = {p.id: [] for p in persons}
    for e in events:
        people = {n.lower() for n in e.data.get("people", ())}
        for person_id, names, name in wanted:
            if not names.isdisjoint(people) or name in e.text:
                out[person_id].append(e)
    return out


def _list_item(f: StoredFact, base: dict[str, Any], published: str | None) -> ListItem:
    items = tuple(ListEntry(int(i.get("ordinal", n)), i.get("summary") or i.get("text", ""), i.get("text", ""))
                  for n, i in enumerate(f.data.get("items", []), start=1))
    return ListItem(**base, label=f.data.get("label", ""), category=f.data.get("category", "other"),
                    speaker=f.data.get("speaker"), date=date_label(f.data.get("as_of") or published),
                    announced_count=f.data.get("announced_count"), items=items,
                    warnings=tuple(f.data.get("warnings", ())))


def _figure_item(f: StoredFact, base: dict[str, Any], published: str | None) -> FigureItem:
    raw = f.data.get("value")
    low: float | None = None
    if isinstance(raw, list | tuple):
        low, top = float(raw[0]), float(raw[1])
        shown = f"{_number(low)}–{_number(top)}"
    else:
        top = float(raw or 0)
        shown = _number(top)
    as_of = f.data.get("as_of") or published or ""
    return FigureItem(**base, value=shown, number=top, low=low, unit=f.data.get("unit", ""),
                      qualifier=f.data.get("qualifier"), date=date_label(as_of) if as_of else "",
                      date_iso=as_of, series=f.data.get("series"))


def _series(figures: tuple[FigureItem, ...]) -> tuple[Series, ...]:
    groups: dict[str, list[FigureItem]] = defaultdict(list)
    for fig in figures:
        if fig.series:
            groups[fig.series].append(fig)
    kept = {sid: sorted(points, key=lambda p: (p.date_iso, p.fact_id)) for sid, points in groups.items()
            if len(points) >= 2}
    labels = {sid: points[-1].unit for sid, points in kept.items()}
    out = []
    for sid, points in kept.items():
        label = labels[sid]
        if list(labels.values()).count(label) > 1:  # two series of "countries": say which is which
            label = f"{label} ({sid.split('/')[0].replace('-', ' ')})"
        out.append(Series(sid, label, tuple(points)))
    return tuple(out)


def _shown_titles(raw_titles: list[dict[str, Any]], spec: BriefSpec) -> list[dict[str, Any]]:
    """The title records a profile shows, oldest first: each title once, where it was first seen
    (titles over time, not every mention), the latest ``max_titles`` of them."""
    first_seen: dict[str, dict[str, Any]] = {}
    for t in sorted(raw_titles, key=lambda t: (t.get("as_of") or "0000", t.get("title", ""))):
        first_seen.setdefault(" ".join(t["title"].lower().split()), t)
    shown = list(first_seen.values())
    sec = spec.section("profiles")
    if sec and sec.option("max_titles"):
        shown = shown[-sec.option("max_titles"):]
    return shown


def _profile_cites(p: StoredFact, quotes: list[StoredFact], by_file: dict[str, Document],
                   spec: BriefSpec) -> set[str]:
    """Ids of the documents a profile cites: its first mention, the quotes and titles it shows."""
    sec = spec.section("profiles")
    shown_quotes = quotes[: sec.option("max_quotes")] if sec else quotes
    docs = {p.doc_id, *(q.doc_id for q in shown_quotes)}
    docs.update(by_file[t["doc"]].id for t in _shown_titles(p.data.get("titles", []), spec)
                if t.get("doc") in by_file)
    return docs


def _profile(p: StoredFact, base: dict[str, Any], quotes: list[QuoteItem], events: list[TimelineItem],
             by_file: dict[str, Document], number: dict[str, int], spec: BriefSpec) -> Profile:
    sec = spec.section("profiles")
    raw_titles = sorted(p.data.get("titles", ()), key=lambda t: (t.get("as_of") or "0000", t.get("title", "")))
    title_items = []
    for t in _shown_titles(raw_titles, spec):
        doc = by_file.get(t.get("doc", ""))
        title_items.append(TitleItem(t["title"], date_label(t["as_of"]) if t.get("as_of") else "",
                                     number.get(doc.id) if doc else None))
    dated = [t for t in raw_titles if t.get("as_of")]
    current = (max(dated, key=lambda t: t["as_of"]) if dated else raw_titles[-1] if raw_titles else None)
    if sec:
        quotes = quotes[: sec.option("max_quotes")]
        if not sec.option("related_events"):
            events = []
    sources = sorted({number[q.doc_id] for q in quotes} | {t.source for t in title_items if t.source}
                     | {base["source"]})
    return Profile(**base, name=p.data["name"], aliases=tuple(p.data.get("aliases", ())),
                   current_title=current["title"] if current else None, titles=tuple(title_items),
                   quotes=tuple(quotes), events=tuple(events), sources=tuple(sources))


_WORD_ORDER = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_COUNT_WORDS = set(_WORD_ORDER)


def _list_point(li: ListItem) -> KeyPoint:
    n = li.announced_count or len(li.items)
    first = li.label.split()[0].lower() if li.label.split() else ""
    words = ("zero", "one", *sorted(_COUNT_WORDS, key=_WORD_ORDER.index))
    count = words[n] if n < len(words) else str(n)
    label = li.label if first.isdigit() or first in _COUNT_WORDS else f"{count} {li.label}"
    who = f"{li.speaker}: " if li.speaker else ""
    heads = "; ".join(e.summary.rstrip(".;") for e in li.items[:3])
    tail = "; …" if len(li.items) > 3 else "."
    return KeyPoint(f"{who}{label[:1].upper()}{label[1:]} ({li.date}) — {heads}{tail}", li.source, li.fact_id)


def _summary(spec: BriefSpec, recent: list[TimelineItem], lists: tuple[ListItem, ...],
             series: tuple[Series, ...], figures: tuple[FigureItem, ...]) -> tuple[KeyPoint, ...]:
    """Key points, taken in turn from: headline lists, series trends, recent events, latest figures."""
    sec = spec.section("summary")
    limit = sec.option("max_points") if sec else 6
    ranked = sorted((li for li in lists if (li.announced_count or len(li.items)) >= 2),
                    key=lambda x: (-(x.announced_count or 0), -len(x.items), x.fact_id))
    heads = [_list_point(li) for li in ranked]
    trends = []
    in_series: set[str] = set()
    # Longest trends first: a measure followed across more dates says more.
    for s in sorted(series, key=lambda s: (-len(s.points), s.label)):
        last = s.points[-1]
        in_series.update(p.fact_id for p in s.points)
        path = " → ".join(f"{p.shown} ({p.date})" for p in s.points)
        trends.append(KeyPoint(f"{s.label[:1].upper()}{s.label[1:]}: {path}.", last.source, last.fact_id))
    events = [KeyPoint(f"{ev.date}: {ev.summary.rstrip('.')}.", ev.source, ev.fact_id) for ev in reversed(recent)]
    latest = sorted((f for f in figures if f.fact_id not in in_series), key=lambda f: f.date_iso, reverse=True)
    figs = [KeyPoint(f"{f.shown[:1].upper()}{f.shown[1:]} {f.unit}" + (f" ({f.date})" if f.date else "") + ".", f.source, f.fact_id)
            for f in latest]
    points: list[KeyPoint] = []
    pools = [heads, trends, events, figs]
    while len(points) < limit and any(pools):
        for pool in pools:
            if pool and len(points) < limit:
                points.append(pool.pop(0))
    return tuple(points)


def _notes(spec: BriefSpec, sources: tuple[Source, ...], documents: dict[str, Document], lists: list[StoredFact],
           total: int, shown: int, list_items: tuple[ListItem, ...], lists_total: int) -> tuple[Note, ...]:
    notes: list[Note] = []
    for s in sources:
        if s.date_inferred:
            notes.append(Note(f"Publication date of source [{s.number}] was inferred from its content "
                              f"({s.date}); no date stamp was found.", s.number))
        elif s.date_iso is None:
            notes.append(Note(f"Source [{s.number}] has no publication date.", s.number))
    for li in list_items:
        for w in li.warnings:
            notes.append(Note(f"{li.label.capitalize()}: {w}", li.source))
        if li.announced_count and li.announced_count != len(li.items):
            notes.append(Note(f"{li.label.capitalize()}: {li.announced_count} announced, "
                              f"{len(li.items)} found in the text.", li.source))
    if shown < total:
        notes.append(Note(f"The timeline shows the {shown} most recent of {total} dated events."))
    if len(list_items) < lists_total:
        notes.append(Note(f"Goals and focuses show the {len(list_items)} most recent of {lists_total} lists."))
    if not spec.period.is_open:
        notes.append(Note(f"Facts are limited to the period {_period_label(spec, ())}."))
    if spec.keywords:
        notes.append(Note("Facts are limited to those mentioning: " + ", ".join(spec.keywords) + "."))
    unused = len(documents) - len(sources)
    if unused > 0:
        notes.append(Note(f"{unused} document(s) in the store contributed no fact to this brief."))
    return tuple(dict.fromkeys(notes))


def _period_label(spec: BriefSpec, sources: tuple[Source, ...]) -> str:
    """The spec's period, or else the span of the sources' publication dates."""
    p = spec.period
    if p.start or p.end:
        return f"{date_label(p.start) if p.start else '…'} – {date_label(p.end) if p.end else 'today'}"
    dates = sorted(s.date_iso for s in sources if s.date_iso)
    if dates:
        span = date_label(dates[0]) if dates[0] == dates[-1] else f"{date_label(dates[0])} – {date_label(dates[-1])}"
        return f"all dates (sources published {span})"
    return "all dates"
