"""The template authors' reference (``docs/templates.md``), generated from the code.

Types, fields, properties and filters are read from the classes and :data:`FILTERS`
themselves; only the one-line meaning and an example of each field are written here, and
:func:`missing` names any field without them, so a new field cannot go undocumented (the test
suite checks both that and that ``docs/templates.md`` is what this module prints)::

    >>> missing()
    []

Regenerate with ``python -m briefing.render.reference > docs/templates.md`` (``make docs``).
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import typing
from typing import Any

from ..packaged import BUILTIN_TEMPLATES
from ..select import (
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
)
from ..spec import Section
from .env import FILTERS

CLASSES: tuple[type, ...] = (BriefContext, Section, Source, KeyPoint, Note, TimelineItem, QuoteItem, Profile,
                             TitleItem, ListItem, ListEntry, FigureItem, Series, NewItem)

# "Class.field": (meaning, example). Fields shared through ``Cited`` are described once, there.
FIELDS: dict[str, tuple[str, str]] = {
    "BriefContext.title": ("the spec's title", '"News brief"'),
    "BriefContext.subtitle": ("the spec's subtitle, or none", '"Executive brief"'),
    "BriefContext.audience": ("the template set", '"executive"'),
    "BriefContext.built": ("build date, ISO", '"2024-02-01"'),
    "BriefContext.period": ("the period the facts cover, as shown", '"all dates (sources published 2016 – 2024)"'),
    "BriefContext.sections": ("the spec's sections, in order", "(Section(name='cover', ...), ...)"),
    "BriefContext.sources": ("numbered documents that something shown cites", "(Source(number=1, ...), ...)"),
    "BriefContext.summary": ("key points of the summary section", "(KeyPoint(text='...', source=4, ...),)"),
    "BriefContext.timeline": ("dated events shown, oldest first", "(TimelineItem(date='6 Jul 2021', ...),)"),
    "BriefContext.timeline_total": ("dated events before the timeline's cap", "49"),
    "BriefContext.timeline_shown": ("of those, the events the timeline shows (several may make one item)", "6"),
    "BriefContext.timeline_targets": ("goals and deadlines dated after the newest source (by 2030)",
                                      "(TimelineItem(date='2030', ...),)"),
    "BriefContext.timeline_period": ("the window the timeline strip marks: the spec's period, else the "
                                     "sources' publication span", "('2016-02-26', '2024-07')"),
    "BriefContext.lists": ("announced lists (goals, focuses, tasks)", "(ListItem(label='overarching goals', ...),)"),
    "BriefContext.profiles": ("people profiled, most quoted first", "(Profile(name='Le Hoai Trung', ...),)"),
    "BriefContext.figures": ("key figures, by date", "(FigureItem(value='247', unit='political parties'),)"),
    "BriefContext.series": ("figures followed over time (charts)", "(Series(label='political parties', ...),)"),
    "BriefContext.notes": ("caveats: inferred dates, caps, filters, warnings", "(Note(text='...', source=None),)"),
    "BriefContext.documents": ("documents in the store", "5"),
    "BriefContext.new_since": ("date of the previous build (scheduled builds)", '"2024-01-25"'),
    "BriefContext.new_items": ("items not in the previous build", "(NewItem(kind='event', ...),)"),
    "BriefContext.new_ids": ("fact ids of those items", "frozenset({'3f2a...'})"),
    "BriefContext.custom": ("custom section name -> its selected items", "{'recommendations': (ListItem(...),)}"),
    "BriefContext.warnings": ("spec filters that matched nothing", "(\"spec people: 'Aurora Wiliams' ...\",)"),
    "BriefContext.look": ("the spec's layout, footer, CSS and images", "Look(layout='compact', ...)"),
    "Section.name": ("section name", '"timeline"'),
    "Section.options": ("its options, defaults filled in", "{'max_items': 10, 'evidence': False}"),
    "Section.title": ("its heading", '"Timeline"'),
    "Section.template": ("a custom section's template, if the spec names one", '"sections/recs.md.j2"'),
    "Section.query": ("a custom section's fact query", "FactQuery(kinds=('enumeration',), max_items=2)"),
    "Source.number": ("citation number", "4"),
    "Source.doc_id": ("document id", '"c29610c3c6377c5a"'),
    "Source.file": ("file name (or feed.jsonl:LINE)", '"001_c29610c3c6377c5a.txt"'),
    "Source.title": ("headline", '"The Party\'s External Affairs: ..."'),
    "Source.outlet": ("publisher", '"Communist Review"'),
    "Source.author": ("byline", '"Nguyen Hong"'),
    "Source.date": ("publication date as shown", '"13 Dec 2021"'),
    "Source.date_iso": ("publication date, ISO at its precision", '"2021-12-13"'),
    "Source.date_inferred": ("the date was reasoned from the content", "False"),
    "Source.url": ("the article's URL, if known (show it with `|link`)", '"https://..."'),
    "KeyPoint.text": ("the point", '"Political parties: 206 (2012) → 247 (2021)."'),
    "KeyPoint.source": ("citation number", "5"),
    "KeyPoint.fact_id": ("the fact it states", '"601459edc5fce84d"'),
    "Note.text": ("the note", '"The timeline shows the 6 most recent of 49 dated events."'),
    "Note.source": ("citation number, if about one source", "None"),
    "Cited.fact_id": ("the fact this item shows (`|fact` prints it)", '"bbb136773fe89ba4"'),
    "Cited.source": ("citation number (`|cite` links it)", "4"),
    "Cited.doc_id": ("its document", '"c29610c3c6377c5a"'),
    "Cited.span": ("character span in the document's text", "(1520, 1702)"),
    "Cited.evidence": ("the source text of the span, verbatim", '"From a number of 206 parties in 2012, ..."'),
    "TimelineItem.date": ("date as shown", '"13 Dec 2021"'),
    "TimelineItem.date_iso": ("date, ISO", '"2021-12-13"'),
    "TimelineItem.precision": ("year, month or day", '"day"'),
    "TimelineItem.summary": ("what happened", '"The Party has formed relations with 247 parties"'),
    "TimelineItem.people": ("people named", "('Nguyen Phu Trong',)"),
    "TimelineItem.also": ("other sources reporting the same event (the cite filter links them too)", "(4, 7)"),
    "QuoteItem.speaker": ("who said it, if known", '"Le Hoai Trung"'),
    "QuoteItem.mode": ("direct or reported", '"direct"'),
    "QuoteItem.cue": ("the speech verb", '"said"'),
    "QuoteItem.date": ("publication date of its source", '"13 Dec 2021"'),
    "Profile.name": ("the person", '"Le Hoai Trung"'),
    "Profile.aliases": ("other names", "('Trung',)"),
    "Profile.current_title": ("latest title", '"Head of the Commission for External Relations"'),
    "Profile.titles": ("titles over time, oldest first", "(TitleItem(title='...', as_of='2019', source=3),)"),
    "Profile.quotes": ("key quotes", "(QuoteItem(...),)"),
    "Profile.events": ("events naming the person", "(TimelineItem(...),)"),
    "Profile.sources": ("citation numbers of the profile", "(3, 4)"),
    "TitleItem.title": ("the title", '"General Secretary"'),
    "TitleItem.as_of": ("when it was stated, as shown", '"Jul 2021"'),
    "TitleItem.source": ("citation number", "4"),
    "ListItem.label": ("what the list is", '"overarching goals"'),
    "ListItem.category": ("goals, focuses, tasks, achievements or other", '"goals"'),
    "ListItem.speaker": ("who announced it", '"Le Hoai Trung"'),
    "ListItem.date": ("as-of date as shown", '"13 Dec 2021"'),
    "ListItem.announced_count": ("the count the text announced (five goals)", "5"),
    "ListItem.items": ("the entries", "(ListEntry(ordinal=1, ...),)"),
    "ListItem.warnings": ("extraction doubts", "('item 3 may be cut short',)"),
    "ListEntry.ordinal": ("position", "1"),
    "ListEntry.summary": ("short form", '"Place national interests at the highest"'),
    "ListEntry.text": ("full text", '"Place national interests at the highest, ..."'),
    "FigureItem.value": ("number as shown", '"247"'),
    "FigureItem.number": ("the value (top of a range)", "247.0"),
    "FigureItem.low": ("bottom of a range", "None"),
    "FigureItem.unit": ("what is counted", '"political parties"'),
    "FigureItem.qualifier": ("about, nearly, over ...", '"nearly"'),
    "FigureItem.date": ("as-of date as shown", '"2024"'),
    "FigureItem.date_iso": ("as-of date, ISO", '"2024"'),
    "FigureItem.series": ("series id when followed over time", '"political-parties/count"'),
    "FigureItem.measure": ("what is counted or measured, from the sentence", '"Chile\'s lithium exports"'),
    "FigureItem.total": ("the whole of a ratio (185 of 193, one in five)", "193.0"),
    "FigureItem.change": ("up or down for a rise or a fall", '"down"'),
    "FigureItem.figure_source": ("who gave the number", '"central bank"'),
    "FigureItem.amount": ("the value with its unit, as said", '"$2.4 billion"'),
    "Series.id": ("series id", '"political-parties/count"'),
    "Series.label": ("what it measures", '"political parties"'),
    "Series.points": ("its figures, by date", "(FigureItem(...), ...)"),
    "NewItem.kind": ("event, quote, person, list or figure", '"event"'),
    "NewItem.label": ("one line saying what it is", '"6 Jul 2021 — ..."'),
}

DOCUMENT_VARIABLES = (
    ("brief", "BriefContext", "everything selected for the brief (below)"),
    ("sections", "list of {name, title, html}", "each section rendered to sanitised HTML, in spec order"),
    ("css", "Markup", "style.css then the look's extra_css, safe inside <style>"),
    ("assets", "dict[str, Markup]", "the look's images as data: URLs, e.g. assets.logo"),
    ("layout", "str", "standard or compact"),
    ("footer", "str", "the look's footer line (may be empty)"),
)
SECTION_VARIABLES = (
    ("brief", "BriefContext", "everything selected for the brief (below)"),
    ("section", "Section", "the section being rendered: name, title, options"),
    ("items", "tuple", "a custom section's selected facts (TimelineItem, QuoteItem, ListItem, FigureItem "
                       "or Profile by kind); empty for built-in sections"),
)


def _type_name(hint: Any) -> str:
    text = str(hint) if not isinstance(hint, type) else hint.__name__
    text = re.sub(r"\b(typing|collections\.abc|briefing\.[\w.]+)\.", "", text)
    return text.replace("NoneType", "None")


def _fields(cls: type) -> list[tuple[str, str, str, str]]:
    hints = typing.get_type_hints(cls)
    rows = []
    own = {f.name for f in dataclasses.fields(cls)}
    for f in dataclasses.fields(cls):
        owner = next(c.__name__ for c in reversed(cls.__mro__) if f.name in getattr(c, "__annotations__", {}))
        if owner != cls.__name__ and owner != "Cited" and f.name not in own:
            continue
        key = f"{owner}.{f.name}" if owner == "Cited" else f"{cls.__name__}.{f.name}"
        meaning, example = FIELDS.get(key, ("", ""))
        rows.append((f.name, _type_name(hints[f.name]), example, meaning))
    return rows


def _members(cls: type) -> list[tuple[str, str]]:
    out = []
    for name, member in vars(cls).items():
        if name.startswith("_") or name in {f.name for f in dataclasses.fields(cls)}:
            continue
        if isinstance(member, property) or inspect.isfunction(member):
            doc = inspect.getdoc(member) or ""
            sig = "" if isinstance(member, property) else str(inspect.signature(member)).replace("self, ", "")
            sig = re.sub(r" -> .*$", "", sig.replace("(self)", "()"))
            out.append((f"{name}{sig}", doc.splitlines()[0] if doc else ""))
    return out


def missing() -> list[str]:
    """Fields without a meaning and an example in :data:`FIELDS`."""
    out = []
    for cls in CLASSES:
        for name, _type, example, meaning in _fields(cls):
            if not example or not meaning:
                out.append(f"{cls.__name__}.{name}")
    return out


def _blocks() -> list[str]:
    text = (BUILTIN_TEMPLATES / "base" / "document.html.j2").read_text(encoding="utf-8")
    text = re.sub(r"{#.*?#}", "", text, flags=re.DOTALL)
    return list(dict.fromkeys(re.findall(r"{%-?\s*block\s+(\w+)", text)))


def _row(*cells: str) -> str:
    """A Markdown table row; a ``|`` inside a cell (``str | None``, ``x|cite``) is escaped."""
    return "| " + " | ".join(c.replace("|", r"\|") for c in cells) + " |"


def reference() -> str:
    """``docs/templates.md``."""
    out = ["# Template reference", "",
           "<!-- Generated by `python -m briefing.render.reference > docs/templates.md` (`make docs`);",
           "     tests/test_reference.py fails when this file and the code disagree. -->", "",
           "Templates are Jinja2 (sandboxed, `StrictUndefined`: a misspelt name fails the build with its",
           "file and line). Section partials `sections/<name>.md.j2` make Markdown: every `{{ value }}` is",
           "escaped for Markdown, so article text stays text. `document.html.j2` wraps the sections' HTML.",
           "`brief templates --audience NAME` shows the search path; `brief templates --print NAME` prints",
           "the built-in file; `{% extends \"default:NAME\" %}` extends the file an override replaces.", "",
           "## Section templates (`sections/<name>.md.j2`)", "", "| variable | type | what |", "|---|---|---|"]
    out += [_row(f"`{n}`", t, w) for n, t, w in SECTION_VARIABLES]
    out += ["", "## The page (`document.html.j2`)", "", "| variable | type | what |", "|---|---|---|"]
    out += [_row(f"`{n}`", t, w) for n, t, w in DOCUMENT_VARIABLES]
    out += ["", "Blocks to override (`{% extends \"default:document.html.j2\" %}`): "
            + ", ".join(f"`{b}`" for b in _blocks()) + ". In `section`, `s` is the section.", ""]
    out += ["## Filters", "", "| filter | what |", "|---|---|"]
    for name, fn in sorted(FILTERS.items()):
        doc = (inspect.getdoc(fn) or "").splitlines()
        out.append(_row(f"`{name}`", doc[0] if doc else ""))
    out += ["", "Jinja's built-in filters (`length`, `selectattr`, `unique`, `join` ...) work too.", ""]
    for cls in CLASSES:
        out += [f"## {cls.__name__}", ""]
        intro = (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")
        if intro and not intro.startswith(f"{cls.__name__}("):
            out += [intro, ""]
        out += ["| field | type | example | what |", "|---|---|---|---|"]
        out += [_row(f"`{n}`", f"`{t}`", f"`{e}`", m) for n, t, e, m in _fields(cls)]
        members = _members(cls)
        if members:
            out += ["", "| also | what |", "|---|---|"]
            out += [_row(f"`{n}`", d) for n, d in members]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(reference(), end="")
