"""The built-in sections of a brief: gathering, filtering and numbering its facts (see
:func:`briefing.select.select`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import re
import typing
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from .. import phrasing
from ..look import Look
from ..models import TARGET, Document, Enumeration, Event, Fact, Figure, Person, Quote, TitleRecord
from ..spec import BriefSpec, Section
from ..store.protocol import FactStore
from ..store.query import FactQuery, PersonRow

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
    also: tuple[int, ...] = ()  # other sources reporting the same event (cited beside ``source``)


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
    measure: str | None = None  # what is counted or measured
    total: float | None = None  # the whole of a ratio
    change: str | None = None  # up, down
    figure_source: str | None = None  # who gave the number
    amount: str = ""  # the value with its unit as a reader says it: "$2.4 billion", "52%"

    @property
    def shown(self) -> str:
        """The value with its qualifier: ``nearly 260``, ``70–80``."""
        return f"{self.qualifier} {self.value}" if self.qualifier else self.value

    @property
    def amount_shown(self) -> str:
        """The amount with its qualifier: ``about $10,500 per tonne``."""
        return f"{self.qualifier} {self.amount}" if self.qualifier else self.amount

    @property
    def what(self) -> str:
        """What the figure measures, with its direction: ``Chile's lithium exports (fall)``."""
        turn = {"up": " (rise)", "down": " (fall)"}.get(self.change or "", "")
        return phrasing.what(self) + turn


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
    timeline_total: int = 0  # dated events the spec's filters keep (counted with or without a timeline)
    timeline_shown: int = 0  # of those, the events the timeline shows (several may make one item)
    timeline_targets: tuple[TimelineItem, ...] = ()  # goals and deadlines dated after the newest source
    timeline_period: tuple[str, str] | None = None  # the period marked on the timeline strip
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


def _name_matches(name: str, aliases: Iterable[str], wanted: Iterable[str]) -> bool:
    names = {name.lower(), *(a.lower() for a in aliases)}
    return any(w.lower() in names or w.lower() in name.lower() for w in wanted)


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


# How many of the most recent lists and figures the summary considers when the brief caps
# neither section: enough for its handful of points, bounded however large the corpus.
SUMMARY_POOL = 200


@dataclass
class _Chosen:
    """The facts a brief shows, as the store returned them (typed), before numbering."""

    spec: BriefSpec
    store: FactStore
    events: FactQuery
    lists_query: FactQuery = field(default_factory=lambda: FactQuery("enumeration"))
    figures_query: FactQuery = field(default_factory=lambda: FactQuery("figure"))
    quotes_query: FactQuery = field(default_factory=lambda: FactQuery("quote"))
    shown_events: list[Event] = field(default_factory=list)
    timeline_total: int = 0
    targets: list[Event] = field(default_factory=list)  # goals and deadlines after the newest source
    related_query: FactQuery = field(default_factory=lambda: FactQuery("event"))  # profiles' events
    lists: list[Enumeration] = field(default_factory=list)
    lists_total: int = 0
    figures: list[Figure] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    quotes_of: dict[str, list[Quote]] = field(default_factory=dict)  # person id -> quotes shown first
    documents: dict[str, Document] = field(default_factory=dict)  # of every fact read, by id
    by_file: dict[str, Document] = field(default_factory=dict)  # documents that titles cite

    @classmethod
    def gather(cls, spec: BriefSpec, store: FactStore) -> _Chosen:
        filters = FactQuery("", period=(spec.period.start, spec.period.end), keywords=tuple(spec.keywords),
                            include=tuple(spec.include), exclude=tuple(spec.exclude))
        tl = spec.section("timeline")
        newest = store.newest_published()
        # Targets and plans ("until 2045") are dated after their own article, or after the newest
        # one: not history. The timeline shows them apart, in their own lane (unless the spec
        # turns "upcoming" off).
        history = (newest,) if tl and newest else ()
        chosen = cls(spec, store, replace(filters, kind="event", not_after=history, order="date",
                                          not_measures=(TARGET,) if tl else ()))
        upcoming = not tl or tl.option("upcoming")
        chosen.related_query = replace(chosen.events, not_after=() if upcoming else history,
                                       not_measures=() if upcoming else chosen.events.not_measures)
        if tl and upcoming:
            chosen.targets = _targets(store, chosen.events, history, tl.option("max_items") or 0)
        # Counted even without a timeline section: the notes have always said how many there are.
        chosen.timeline_total = store.count_facts(chosen.events)
        if tl:
            chosen.shown_events = _typed(Event, store.select_facts(replace(chosen.events, last=tl.option("max_items"))))
        goals = spec.section("goals")
        categories = tuple(goals.option("categories") or ()) if goals else ()
        chosen.lists_query = replace(filters, kind="enumeration", measures=categories)
        if goals:
            chosen.lists_total = store.count_facts(chosen.lists_query)
            chosen.lists = _typed(Enumeration, store.select_facts(replace(chosen.lists_query,
                                                                          newest=goals.option("max_items"))))
        fig = spec.section("figures")
        chosen.figures_query = replace(filters, kind="figure")
        if fig:
            chosen.figures = _typed(Figure, store.select_facts(replace(chosen.figures_query,
                                                                       newest=fig.option("max_items"))))
        chosen.quotes_query = replace(filters, kind="quote")
        if spec.section("profiles"):
            chosen._choose_persons(filters)
        chosen.read_documents(f.doc_id for f in chosen.facts())
        return chosen

    def facts(self) -> Iterator[Fact]:
        yield from self.shown_events
        yield from self.targets
        yield from self.lists
        yield from self.figures
        yield from self.persons
        for said in self.quotes_of.values():
            yield from said

    def read_documents(self, ids: Iterable[str]) -> None:
        wanted = set(ids) - self.documents.keys()
        self.documents.update((d.id, d) for d in self.store.documents_meta("id", wanted))

    def pub(self, doc_id: str) -> str | None:
        d = self.documents.get(doc_id)
        return d.published.value if d and d.published else None

    def _choose_persons(self, filters: FactQuery) -> None:
        """Focus people, or anyone with a title or a quote; most quoted first, then most
        documents, then name; capped by ``max_people``. Ranked on undecoded rows."""
        spec, store = self.spec, self.store
        rows = store.person_rows(FactQuery("person", include=filters.include, exclude=filters.exclude,
                                           people=tuple(spec.people)))
        said = store.speaker_counts(self.quotes_query)
        # Quotes per person, counted only for the few whose names are speakers (11k persons at 10k).
        speaking = frozenset(said)
        quoted = {id(r): sum(said.get(n, 0) for n in r.names) for r in rows if not r.names.isdisjoint(speaking)}
        if not spec.people:
            rows = [r for r in rows if r.titles or id(r) in quoted]

        def rank(r: PersonRow) -> tuple[int, int, str]:
            return -quoted.get(id(r), 0), -r.docs, r.name

        prof = spec.section("profiles")
        most = prof.option("max_people") if prof else 0
        # Caps keep a brief over a large corpus readable; nsmallest is sorted()[:most], ties kept in order.
        rows = heapq.nsmallest(most, rows, key=rank) if most else sorted(rows, key=rank)
        order = {r.id: n for n, r in enumerate(rows)}
        persons = _typed(Person, store.select_facts(FactQuery("person", ids=tuple(order)))) if order else []
        self.persons = sorted(persons, key=lambda p: order[p.id])
        names = {p.id: {p.name.lower(), *(a.lower() for a in p.aliases)} for p in self.persons}
        speakers = tuple(sorted(set().union(*names.values()) & said.keys()))
        quotes = _typed(Quote, store.select_facts(replace(self.quotes_query, speakers=speakers))) if speakers else []
        position = {q.id: n for n, q in enumerate(quotes)}
        by_speaker: dict[str, list[Quote]] = defaultdict(list)
        for q in quotes:  # in the order of the sources
            by_speaker[(q.speaker or "").lower()].append(q)
        for p in self.persons:
            mine = {q.id: q for n in names[p.id] for q in by_speaker.get(n, ())}
            ordered = sorted(mine.values(), key=lambda q: position[q.id])
            self.quotes_of[p.id] = sorted(ordered, key=lambda q: q.mode != "direct")  # verbatim words first
        files = {t.doc for p in self.persons for t in p.titles}
        self.by_file = {d.file: d for d in store.documents_meta("file", files)}
    def cited(self) -> set[str]:
        """Ids of the documents that something shown cites."""
        cited: set[str] = {f.doc_id for f in [*self.shown_events, *self.targets, *self.lists, *self.figures]}
        for p in self.persons:
            cited.update(_profile_cites(p, self.quotes_of[p.id], self.by_file, self.spec))
        return cited

    def summary_points(self, cited: set[str]) -> tuple[tuple[KeyPoint, ...], dict[str, str]]:
        """The summary's key points, from the lists, figures and recent events (only the sources
        of the points it picks are cited), and the document of each fact it considered.

        Without a capped section to draw from, it looks at the most recent SUMMARY_POOL of each
        (a large corpus has thousands)."""
        spec, store = self.spec, self.store
        goals, fig = spec.section("goals"), spec.section("figures")
        pool_lists = self.lists if goals and goals.option("max_items") else _typed(
            Enumeration, store.select_facts(replace(self.lists_query, newest=SUMMARY_POOL)))
        pool_figures = self.figures if fig and fig.option("max_items") else _typed(
            Figure, store.select_facts(replace(self.figures_query, newest=SUMMARY_POOL)))
        last3 = _typed(Event, store.select_facts(replace(self.events, last=3)))
        candidates = cited | {f.doc_id for f in [*last3, *pool_lists, *pool_figures]}
        self.read_documents(candidates)
        # "Recent" means up to the newest source, not plans dated in the future.
        newest = max((self.pub(i) or "" for i in candidates), default="")
        past = last3
        if newest:
            past = _typed(Event, store.select_facts(replace(self.events, last=3,
                                                            not_after=(*self.events.not_after, newest))))
        recent = [f for f in past if f.doc_id in candidates]
        self.read_documents(f.doc_id for f in recent)
        make = _ItemMaker({}, self.pub)
        pool_figure_items = make.figures(pool_figures)
        picked = _summary(spec, [make.event(f) for f in recent],
                          tuple(_list_item(f, make.base(f), self.pub(f.doc_id)) for f in pool_lists),
                          _series(pool_figure_items), pool_figure_items)
        return picked, {f.id: f.doc_id for f in [*recent, *pool_lists, *pool_figures]}

    def context(self, built: str | dt.date | None) -> BriefContext:
        spec = self.spec
        wants = {s.name for s in spec.sections}.__contains__
        cited = self.cited()
        picked: tuple[KeyPoint, ...] = ()
        fact_doc: dict[str, str] = {}
        if wants("summary"):
            picked, fact_doc = self.summary_points(cited)
            cited.update(fact_doc[p.fact_id] for p in picked)
        self.read_documents(cited)
        ordered = sorted((self.documents[i] for i in cited if i in self.documents),
                         key=lambda d: (d.published.value if d.published else "9999", d.file))
        sources = tuple(_source(n, d) for n, d in enumerate(ordered, start=1))
        number = {s.doc_id: s.number for s in sources}
        make = _ItemMaker(number, self.pub)
        # Items are made only for what the brief shows (their documents are numbered above).
        timeline = same_events_merged(tuple(make.event(f) for f in self.shown_events))
        targets = tuple(make.event(f) for f in self.targets)
        list_items = tuple(_list_item(f, make.base(f), self.pub(f.doc_id)) for f in self.lists)
        figure_items = make.figures(self.figures)
        related = self.related_events(number)
        profiles = tuple(_profile(p, make.base(p), [make.quote(q) for q in self.quotes_of[p.id]],
                                  [make.event(e) for e in related[p.id]], self.by_file, number, spec)
                         for p in self.persons)
        documents = self.store.document_count()
        ctx_notes = _notes(spec, sources, documents, self.timeline_total, len(self.shown_events), list_items,
                           self.lists_total if wants("goals") else len(list_items))
        summary = tuple(dataclasses.replace(p, source=number[fact_doc[p.fact_id]]) for p in picked)
        built_label = built.isoformat() if isinstance(built, dt.date) else (built or dt.date.today().isoformat())
        return BriefContext(
            title=spec.title, subtitle=spec.subtitle, audience=spec.audience, built=built_label,
            period=_period_label(spec, sources), sections=spec.sections, sources=sources, summary=summary,
            timeline=timeline, timeline_total=self.timeline_total,
            timeline_shown=len(self.shown_events), timeline_targets=targets,
            timeline_period=_timeline_period(spec, sources), lists=list_items, profiles=profiles,
            figures=figure_items, series=_series(figure_items), notes=ctx_notes, documents=documents,
        )

    def related_events(self, number: dict[str, int]) -> dict[str, list[Event]]:
        """Each profiled person's events among those of the cited documents."""
        prof = self.spec.section("profiles")
        if not self.persons or not prof or not prof.option("related_events"):
            return {p.id: [] for p in self.persons}
        # For a few profiles the store narrows them to events that may name someone (matching
        # each event against many names costs more than decoding); _events_naming decides.
        names = tuple(sorted({n for p in self.persons for n in (p.name, *p.aliases)}))
        narrowed = replace(self.related_query, doc_ids=tuple(number), people=names if len(names) <= _NARROW_NAMES else ())
        events = _typed(Event, self.store.select_facts(narrowed))
        return _events_naming(self.persons, events)


# Up to this many names, related events are narrowed by name in SQL (a dozen profiles).
_NARROW_NAMES = 100
_F = TypeVar("_F", bound=Fact)


def _typed(cls: type[_F], facts: list[Fact]) -> list[_F]:
    """The facts the store returned for one kind's query, as that kind's class."""
    assert all(isinstance(f, cls) for f in facts), cls
    return typing.cast(list[_F], facts)


@dataclass(frozen=True)
class _ItemMaker:
    """Makes the cited items of a brief, given the source number of each document."""

    number: dict[str, int]
    pub: Callable[[str], str | None]

    def base(self, f: Fact) -> dict[str, Any]:
        return {"fact_id": f.id, "source": self.number.get(f.doc_id, 0), "doc_id": f.doc_id, "span": f.span,
                "evidence": f.text}

    def event(self, f: Event) -> TimelineItem:
        d = f.date
        return TimelineItem(**self.base(f), date=date_label(d.value, d.end), date_iso=d.value,
                            precision=d.precision or "day", summary=f.summary or f.text, people=tuple(f.people))

    def quote(self, f: Quote) -> QuoteItem:
        return QuoteItem(**self.base(f), speaker=f.speaker, mode=f.mode or "direct", cue=f.cue,
                         date=date_label(self.pub(f.doc_id)))

    def figures(self, chosen: list[Figure]) -> tuple[FigureItem, ...]:
        return tuple(sorted((_figure_item(f, self.base(f), self.pub(f.doc_id)) for f in chosen),
                            key=lambda x: (x.series or "~", x.date_iso, x.fact_id)))


def _mark_new(spec: BriefSpec, context: BriefContext, previous: tuple[Collection[str], str]) -> BriefContext:
    """Items not in the previous build of this brief, listed by the ``new`` section."""
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


def _source(n: int, d: Document) -> Source:
    pub = d.published
    return Source(number=n, doc_id=d.id, file=d.file, title=d.title, outlet=d.outlet, author=d.author,
                  date=date_label(pub.value) if pub else "undated", date_iso=pub.value if pub else None,
                  date_inferred=bool(pub and pub.inferred), url=d.url)


def _events_naming(persons: list[Person], events: list[Event]) -> dict[str, list[Event]]:
    """Each person's events: those that list the person (by name or alias) or whose text names
    them. One pass over the events, each looked up in indexes of the names: an uncapped brief
    profiles thousands of people, and testing each against every event took most of its time."""
    listed: dict[str, list[int]] = defaultdict(list)  # lower-cased name or alias -> persons
    for i, p in enumerate(persons):
        for n in {n.lower() for n in (p.name, *p.aliases)}:
            listed[n].append(i)
    named = _NameIndex([p.name for p in persons])
    out: dict[str, list[Event]] = {p.id: [] for p in persons}
    for e in events:
        hits = set(named.found_in(e.text))
        for n in {n.lower() for n in e.people}:
            hits.update(listed.get(n, ()))
        for i in sorted(hits):
            out[persons[i].id].append(e)
    return out


class _NameIndex:
    """Which of many names occur in a text (as substrings, like ``name in text``): each name is
    filed under its rarest run of :data:`GRAM` characters, so a text is tested only against the
    names whose run it contains.

        >>> names = ["Jo Day", "Ann", "Al", "Ann Lee"]
        >>> sorted(_NameIndex(names).found_in("JoAnn Lee and Al met."))
        [1, 2, 3]
        >>> many = names + [f"Person No {n}" for n in range(40)]  # filed by runs
        >>> sorted(_NameIndex(many).found_in("JoAnn Lee, Al and Person No 12 met."))
        [1, 2, 3, 5, 16]
    """

    GRAM = 4
    DIRECT = 32  # up to this many names, testing each is quicker than cutting the text into runs

    def __init__(self, names: list[str]) -> None:
        k = self.GRAM if len(names) > self.DIRECT else 1 << 30
        self.names = names
        self.short = [i for i, n in enumerate(names) if len(n) < k]  # tested against every text
        counts = Counter(g for n in set(names) for g in {n[j:j + k] for j in range(len(n) - k + 1)})
        self.by_gram: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(names):
            if len(n) >= k:
                grams = {n[j:j + k] for j in range(len(n) - k + 1)}
                self.by_gram[min(grams, key=lambda g: (counts[g], g))].append(i)

    def found_in(self, text: str) -> list[int]:
        """Indexes of the names that occur in ``text``."""
        found = [i for i in self.short if self.names[i] in text]
        if not self.by_gram:
            return found
        k = self.GRAM
        grams = {text[j:j + k] for j in range(len(text) - k + 1)}
        for g in grams & self.by_gram.keys():
            found += (i for i in self.by_gram[g] if self.names[i] in text)
        return found


def _list_item(f: Enumeration, base: dict[str, Any], published: str | None) -> ListItem:
    items = tuple(ListEntry(int(i.ordinal), i.summary or i.text, i.text) for i in f.items)
    return ListItem(**base, label=f.label, category=f.category or "other", speaker=f.speaker,
                    date=date_label(f.as_of or published), announced_count=f.announced_count, items=items,
                    warnings=tuple(f.warnings))


def _figure_item(f: Figure, base: dict[str, Any], published: str | None) -> FigureItem:
    raw = f.value
    low: float | None = None
    if isinstance(raw, list | tuple):
        low, top = float(raw[0]), float(raw[1])
        shown = f"{_number(low)}–{_number(top)}"
    else:
        top = float(raw or 0)
        shown = _number(top)
    as_of = f.as_of or published or ""
    return FigureItem(**base, value=shown, number=top, low=low, unit=f.unit, qualifier=f.qualifier,
                      date=date_label(as_of) if as_of else "", date_iso=as_of, series=f.series,
                      measure=f.measure, total=f.total, change=f.change, figure_source=f.source,
                      amount=phrasing.amount(top, low, f.unit, f.total))


def _series(figures: tuple[FigureItem, ...]) -> tuple[Series, ...]:
    """Series of like with like: same measure and same unit (see :func:`phrasing.series_groups`)."""
    return tuple(Series(sid, label, tuple(points)) for sid, label, points in phrasing.series_groups(figures))


def _title_order(t: TitleRecord) -> tuple[str, str]:
    return t.as_of or "0000", t.title


def _shown_titles(raw_titles: Iterable[TitleRecord], spec: BriefSpec) -> list[TitleRecord]:
    """The title records a profile shows, oldest first: each title once, where it was first seen
    (titles over time, not every mention), the latest ``max_titles`` of them."""
    first_seen: dict[str, TitleRecord] = {}
    for t in sorted(raw_titles, key=_title_order):
        first_seen.setdefault(" ".join(t.title.lower().split()), t)
    shown = list(first_seen.values())
    sec = spec.section("profiles")
    if sec and sec.option("max_titles"):
        shown = shown[-sec.option("max_titles"):]
    return shown


def _profile_cites(p: Person, quotes: list[Quote], by_file: dict[str, Document], spec: BriefSpec) -> set[str]:
    """Ids of the documents a profile cites: its first mention, the quotes and titles it shows."""
    sec = spec.section("profiles")
    shown_quotes = quotes[: sec.option("max_quotes")] if sec else quotes
    docs = {p.doc_id, *(q.doc_id for q in shown_quotes)}
    docs.update(by_file[t.doc].id for t in _shown_titles(p.titles, spec) if t.doc in by_file)
    return docs


def _profile(p: Person, base: dict[str, Any], quotes: list[QuoteItem], events: list[TimelineItem],
             by_file: dict[str, Document], number: dict[str, int], spec: BriefSpec) -> Profile:
    sec = spec.section("profiles")
    raw_titles = sorted(p.titles, key=_title_order)
    title_items = []
    for t in _shown_titles(raw_titles, spec):
        doc = by_file.get(t.doc or "")
        title_items.append(TitleItem(t.title, date_label(t.as_of) if t.as_of else "",
                                     number.get(doc.id) if doc else None))
    dated = [t for t in raw_titles if t.as_of]
    current = (max(dated, key=lambda t: t.as_of or "") if dated else raw_titles[-1] if raw_titles else None)
    if sec:
        quotes = quotes[: sec.option("max_quotes")]
        if not sec.option("related_events"):
            events = []
    sources = sorted({number[q.doc_id] for q in quotes} | {t.source for t in title_items if t.source}
                     | {base["source"]})
    return Profile(**base, name=p.name, aliases=tuple(p.aliases), current_title=current.title if current else None, titles=tuple(title_items),
                   quotes=tuple(quotes), events=tuple(events), sources=tuple(sources))




def _list_point(li: ListItem) -> KeyPoint:
    text = phrasing.list_line(li.label, li.announced_count or len(li.items), li.speaker, li.date,
                              [e.summary for e in li.items])
    return KeyPoint(text, li.source, li.fact_id)


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
        trends.append(KeyPoint(phrasing.series_line(s.label, s.points), last.source, last.fact_id))
    events = [KeyPoint(f"{ev.date}: {ev.summary.rstrip('.')}.", ev.source, ev.fact_id) for ev in reversed(recent)]
    latest = sorted((f for f in figures if f.fact_id not in in_series), key=lambda f: f.date_iso, reverse=True)
    lines = phrasing.figure_lines(latest)
    lines.sort(key=lambda line: line[1].date_iso, reverse=True)
    lines.sort(key=lambda line: phrasing.salience(line[1]))  # amounts and shares before bare counts
    figs = [KeyPoint(text, f.source, f.fact_id) for text, f in lines]
    points: list[KeyPoint] = []
    pools = [heads, trends, events, figs]
    while len(points) < limit and any(pools):
        for pool in pools:
            if pool and len(points) < limit:
                points.append(pool.pop(0))
    return tuple(points)


def _notes(spec: BriefSpec, sources: tuple[Source, ...], documents: int, total: int, shown: int, list_items: tuple[ListItem, ...], lists_total: int) -> tuple[Note, ...]:
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
    if spec.section("timeline") and shown < total:  # a capped timeline (a brief without one shows none)
        notes.append(Note(f"The timeline shows the {shown} most recent of {total} dated events."))
    if len(list_items) < lists_total:
        notes.append(Note(f"Goals and focuses show the {len(list_items)} most recent of {lists_total} lists."))
    if not spec.period.is_open:
        notes.append(Note(f"Facts are limited to the period {_period_label(spec, ())}."))
    if spec.keywords:
        notes.append(Note("Facts are limited to those mentioning: " + ", ".join(spec.keywords) + "."))
    unused = documents - len(sources)
    if unused > 0:
        notes.append(Note(f"{unused} document(s) in the store contributed no fact to this brief."))
    return tuple(dict.fromkeys(notes))


_CONTENT_WORD = re.compile(r"[A-Za-z]{4,}")


def _targets(store: FactStore, events: FactQuery, history: tuple[str, ...], most: int) -> list[Event]:
    """Plans and goals: events marked targets and those dated after the newest article, the
    nearest ``most`` of them (a large corpus holds thousands of plans)."""
    marked = store.select_facts(replace(events, not_after=(), not_measures=(), measures=(TARGET,), first=most))
    later = store.select_facts(replace(events, not_after=(), after=history, first=most)) if history else []
    merged = {f.id: f for f in [*marked, *later]}.values()
    return _typed(Event, sorted(merged, key=lambda f: f.date.value if isinstance(f, Event) else "")[:most or None])


def same_events_merged(items: tuple[TimelineItem, ...]) -> tuple[TimelineItem, ...]:
    """The same event reported by several articles is one item citing every source: items of
    different sources on the same date that name the same people or say nearly the same words.

        >>> a = TimelineItem("f1", 1, "d1", (0, 1), "x", date="5 May", date_iso="2021-05-05",
        ...                  summary="The ministers signed the trade pact in Paris", people=("Jean Dupont",))
        >>> b = dataclasses.replace(a, fact_id="f2", source=2, doc_id="d2", summary="Pact signed in Paris")
        >>> [(i.source, i.also) for i in same_events_merged((a, b))]
        [(1, (2,))]
    """
    out: list[TimelineItem] = []
    by_date: dict[str, list[int]] = {}
    for item in items:
        key = f"{item.date_iso}/{item.date}"
        twin = next((k for k in by_date.get(key, []) if _same_event(out[k], item)), None)
        if twin is None:
            by_date.setdefault(key, []).append(len(out))
            out.append(item)
        elif item.source != out[twin].source and item.source not in out[twin].also:
            out[twin] = dataclasses.replace(out[twin], also=(*out[twin].also, item.source))
    return tuple(out)


def _same_event(a: TimelineItem, b: TimelineItem) -> bool:
    if a.doc_id == b.doc_id:
        return False  # one article's two sentences on a day are two things
    if set(a.people) & set(b.people):
        return True
    wa = {w.lower() for w in _CONTENT_WORD.findall(a.summary)}
    wb = {w.lower() for w in _CONTENT_WORD.findall(b.summary)}
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def _timeline_period(spec: BriefSpec, sources: tuple[Source, ...]) -> tuple[str, str] | None:
    """The window the timeline strip marks: the spec's period, else the sources' publication span."""
    p = spec.period
    dates = sorted(s.date_iso for s in sources if s.date_iso)
    start = p.start or (dates[0] if dates else None)
    end = p.end or (dates[-1] if dates else None)
    return (start, end) if start and end else None


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
