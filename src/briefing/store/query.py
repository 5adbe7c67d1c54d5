"""What selection asks the store for, and the SQL that answers it.

A :class:`FactQuery` says which facts of one kind a brief may show (period, keywords, people,
include/exclude, caps, order); :func:`where` turns it into one SQL condition over the fact
columns of :mod:`briefing.store.columns`, so that only the facts shown are read and decoded.
Every comparison keeps the exact semantics selection had in Python: dates compared as strings
at the shorter precision, keywords and names as lower-cased substrings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .columns import SEP

# The date a fact is selected and ordered by: its own, else its document's publication date.
# The document is looked up only for a fact without a date (coalesce stops at the first value),
# so a filter on dates needs no join: counting 130k events read the documents table 130k times.
DATE = "coalesce(f.date_value, (SELECT pd.pub_value FROM documents pd WHERE pd.id = f.doc_id))"
# Position in the sources; facts at the same span keep the order they were extracted in.
POSITION = "d.file, f.start, f.\"end\", f.seq"
Order = Literal["date", "dated", "position"]


@dataclass(frozen=True)
class FactQuery:
    """Facts of one kind that a brief may show."""

    kind: str
    period: tuple[str | None, str | None] = (None, None)  # inclusive, any ISO precision
    keywords: tuple[str, ...] = ()  # any of them, as lower-cased substrings of the fact's text
    include: tuple[str, ...] = ()  # id prefixes kept whatever the filters say
    exclude: tuple[str, ...] = ()  # id prefixes always dropped
    people: tuple[str, ...] = ()  # persons: a name, an alias, or part of the name
    named: tuple[str, ...] = ()  # part of a name, alias, listed person or speaker, or of the searched text
    not_after: tuple[str, ...] = ()  # dated no later than each of these (compared at its precision)
    after: tuple[str, ...] = ()  # dated later than each of these (compared at its precision)
    measures: tuple[str, ...] = ()  # a list's category (or a figure's unit) among these
    not_measures: tuple[str, ...] = ()  # ... or not among these (an event's category "target")
    speakers: tuple[str, ...] = ()  # quotes by one of these lower-cased names
    doc_ids: tuple[str, ...] = ()  # only facts of these documents
    ids: tuple[str, ...] = ()  # only these facts
    id_prefixes: tuple[str, ...] = ()  # only facts whose id starts with one of these
    # "date": by the fact's own date, then position in the sources; "dated": by the date it is
    # selected by (its own, else its document's), then position
    order: Order = "position"
    newest: int = 0  # keep only the N most recent (by date), shown in ``order``
    last: int = 0  # keep only the last N in ``order``
    first: int = 0  # keep only the first N in ``order``



@dataclass(frozen=True)
class PersonRow:
    """What ranking persons needs, without decoding them."""

    id: str
    name: str
    names: frozenset[str]  # lower-cased name and aliases
    titles: int
    docs: int


Clause = tuple[str, list[Any]]  # SQL with ? placeholders, and its parameters
KeywordIndex = Callable[[tuple[str, ...]], Clause | None]  # a full-text index's candidates


def _prefixes(column: str, prefixes: tuple[str, ...]) -> Clause:
    sql = " OR ".join(f"substr({column}, 1, length(?)) = ?" for _ in prefixes)
    return f"({sql})", [p for prefix in prefixes for p in (prefix, prefix)]


def _period(start: str | None, end: str | None) -> Clause:
    """:meth:`briefing.spec.Period.contains` in SQL."""
    parts, args = [f"{DATE} IS NOT NULL"], []
    if start:
        last = f"coalesce(f.date_end, {DATE})"
        parts.append(f"NOT (substr({last}, 1, length(?)) < substr(?, 1, length({last})))")
        args += [start, start]
    if end:
        parts.append(f"NOT (substr({DATE}, 1, length(?)) > substr(?, 1, length({DATE})))")
        args += [end, end]
    return "(" + " AND ".join(parts) + ")", args


def _any_substring(column: str, words: tuple[str, ...]) -> Clause:
    return "(" + " OR ".join(f"instr({column}, ?) > 0" for _ in words) + ")", [w.lower() for w in words]


@dataclass(frozen=True)
class Dialect:
    """The few spellings that differ between the SQL engines."""

    words: str  # a table of the strings of one bound list parameter, in a column ``value``
    word_list: Callable[[list[str]], Any]  # that parameter, from a list of strings


SQLITE = Dialect(words="json_each(?) AS w", word_list=json.dumps)


# Up to this many words a people filter is a chain of ORs (SQLite allows expressions 1000 deep).
_OR_CHAIN = 120


def _people(words: tuple[str, ...], dialect: Dialect) -> Clause:
    """A name equal to one of ``words``, or a searched text containing one (any number of
    words: a list parameter, not a chain of ORs)."""
    lowered = sorted({w.lower() for w in words})
    if len(lowered) <= _OR_CHAIN:  # a chain of ORs: no list parameter decoded for every row
        sql = " OR ".join("instr(f.names, ?) > 0 OR instr(f.search, ?) > 0" for _ in lowered)
        return f"({sql})", [p for w in lowered for p in (SEP + w + SEP, w)]
    sql = (f"EXISTS (SELECT 1 FROM {dialect.words} WHERE instr(f.names, ? || w.value || ?) > 0"
           " OR instr(f.search, w.value) > 0)")
    return sql, [dialect.word_list(sorted({w.lower() for w in words})), SEP, SEP]


def _in(column: str, values: tuple[str, ...]) -> Clause:
    return f"{column} IN ({','.join('?' * len(values))})", list(values)


def _join(clauses: list[Clause], glue: str = " AND ") -> Clause:
    return glue.join(c[0] for c in clauses), [a for c in clauses for a in c[1]]


def where(q: FactQuery, dialect: Dialect = SQLITE, keyword_index: KeywordIndex | None = None) -> Clause:
    """The SQL condition for ``q``. ``keyword_index`` narrows keyword candidates through a
    full-text index first (the substring test still decides)."""
    parts: list[Clause] = [("f.kind = ? AND f.scope = ?", [q.kind, "corpus" if q.kind == "person" else "doc"])]
    if q.exclude:
        sql, args = _prefixes("f.id", q.exclude)
        parts.append(("NOT " + sql, args))
    filters: list[Clause] = []
    if any(q.period):
        filters.append(_period(*q.period))
    if q.keywords:
        narrowed = keyword_index(q.keywords) if keyword_index else None
        if narrowed:
            filters.append(narrowed)
        filters.append(_any_substring("f.search", q.keywords))
    if q.people:
        filters.append(_people(q.people, dialect))
    if filters:
        keep = _join(filters)
        if q.include:
            include = _prefixes("f.id", q.include)
            keep = f"({include[0]} OR ({keep[0]}))", include[1] + keep[1]
        parts.append(keep)
    for bound in q.not_after:
        parts.append((f"substr({DATE}, 1, length(?)) <= ?", [bound, bound]))
    for bound in q.after:
        parts.append((f"substr({DATE}, 1, length(?)) > ?", [bound, bound]))
    if q.measures:
        parts.append(_in("f.measure", q.measures))
    if q.not_measures:
        sql, args = _in("f.measure", q.not_measures)
        parts.append((f"(f.measure IS NULL OR NOT {sql})", args))
    if q.speakers:
        parts.append(_in("f.speaker", q.speakers))
    if q.doc_ids:
        parts.append(_in("f.doc_id", q.doc_ids))
    if q.ids:
        parts.append(_in("f.id", q.ids))
    if q.id_prefixes:
        parts.append(_prefixes("f.id", q.id_prefixes))
    if q.named:
        parts.append(_named(q.named))
    return _join(parts)


def _named(words: tuple[str, ...]) -> Clause:
    """Any of ``words`` in a name, alias, listed person or speaker, or in the searched text."""
    one = "instr(f.names, ?) > 0 OR instr(f.speaker, ?) > 0 OR instr(f.search, ?) > 0"
    return "(" + " OR ".join(one for _ in words) + ")", [w.lower() for w in words for _ in range(3)]


def order_by(q: FactQuery, descending: bool = False) -> str:
    dates = {"date": ["f.date_value"], "dated": [f"coalesce({DATE}, '')"]}.get(q.order, [])
    columns = [*dates, *POSITION.split(", ")]
    return ", ".join(c + (" DESC" if descending else "") for c in columns)
