"""The columns a fact is stored with besides its JSON payload, so that selection filters and
sorts in SQL and decodes only the facts a brief shows.

They are derived from the payload by field name, not by fact class, so that a field added to a
kind later keeps flowing through (only the keyword text is a per-kind rule, the one selection
has always used)::

    >>> cols = fact_columns("figure", "260 members", {"value": 260, "unit": "members", "as_of": "2021"})
    >>> cols.date_value, cols.precision, cols.measure, cols.search
    ('2021', 'year', 'members', 'members 260 members')
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, NamedTuple

# Separates the names of a person in ``names``: an exact name is looked up as SEP+name+SEP.
SEP = "\x1f"
_PRECISION = {4: "year", 7: "month"}


class FactColumns(NamedTuple):
    date_value: str | None  # the fact's own date (an event's date, a list's or figure's as-of)
    date_end: str | None  # end of a dated range
    precision: str | None
    label: str | None  # a person's name, a list's label: what a brief orders people by
    speaker: str | None  # lower-cased speaker (quotes, lists), matched to persons' names
    names: str | None  # SEP-joined lower-cased names: a person's name and aliases, an event's people
    search: str | None  # lower-cased text that keywords (and people) are matched against
    measure: str | None  # a figure's unit, a list's category
    size: int | None  # how many documents (persons) or items (lists)
    titles: int | None  # how many titles (persons)
    digest: str  # of the payload: a build's content key changes when a shown fact does


def _items_text(data: dict[str, Any]) -> str:
    return " ".join(i.get("text", "") for i in data.get("items", []))


# The text keywords are matched against, per kind (what selection has always searched).
_SEARCH: dict[str, Callable[[str, dict[str, Any]], str]] = {
    "event": lambda text, d: f"{d.get('summary', '')} {text}",
    "quote": lambda text, d: text,
    "enumeration": lambda text, d: " ".join([d.get("label", ""), text]) + _items_text(d),
    "figure": lambda text, d: f"{d.get('unit', '')} {text}",
    "person": lambda text, d: d.get("name", ""),
}


def _date(data: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    date = data.get("date")
    if isinstance(date, dict) and date.get("value"):
        return date["value"], date.get("end") or None, date.get("precision")
    as_of = data.get("as_of")
    if isinstance(as_of, str) and as_of:
        return as_of, None, _PRECISION.get(len(as_of), "day")
    return None, None, None


def _count(value: Any) -> int | None:
    return len(value) if isinstance(value, list | tuple) else None


def fact_columns(kind: str, text: str, data: dict[str, Any], payload_json: str = "") -> FactColumns:
    # Every fact of every article passes here (about forty per article): one lookup per field.
    get = data.get
    value, end, precision = _date(data)
    name = get("name")
    aliases, people = get("aliases"), get("people")
    if aliases or people:
        named = [n for n in (name, *(aliases or ()), *(people or ())) if isinstance(n, str)]
        names = SEP + SEP.join(dict.fromkeys([n.lower() for n in named])) + SEP if named else None
    else:
        names = SEP + name.lower() + SEP if isinstance(name, str) else None
    speaker = get("speaker")
    search = _SEARCH.get(kind)
    measure = get("category") or get("unit")
    return FactColumns(
        value, end, precision,
        name if isinstance(name, str) else get("label"),  # label
        speaker.lower() if isinstance(speaker, str) and speaker else None,  # speaker
        names,
        search(text, data).lower() if search else None,  # search
        measure if isinstance(measure, str) else None,  # measure
        _count(get("docs")) if "docs" in data else _count(get("items")),  # size
        _count(get("titles")),  # titles
        hashlib.sha256(payload_json.encode()).hexdigest()[:16],  # digest
    )
