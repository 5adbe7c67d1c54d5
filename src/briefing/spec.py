"""Brief specs: a YAML file describing one brief, validated into a frozen :class:`BriefSpec`.

Errors name the file, the line and the field (lines come from the YAML node marks)::

    >>> spec = parse_spec("title: Party ties\\nsections: [cover, timeline: {max_items: 5}]\\n", "b.yaml")
    >>> spec.title, [s.name for s in spec.sections], spec.section("timeline").option("max_items")
    ('Party ties', ['cover', 'timeline'], 5)
    >>> parse_spec("title: x\\ntitel: y\\n", "b.yaml")
    Traceback (most recent call last):
    ...
    briefing.errors.SpecError: b.yaml:2: unknown field 'titel' (did you mean 'title'?)
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .formats import FORMATS
from .look import ASSET_NAME, LAYOUTS, Look, parse_look
from .settings_file import read_settings_text
from .yaml_input import YamlDoc, parse_yaml

MAX_SPEC_BYTES = 64 * 1024
AUDIENCES_HINT = "a template set under templates/ (analyst, executive) or a --templates folder"

_DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_ID_RE = re.compile(r"^[0-9a-f]{6,16}$")

# Section name -> {option: (type, default, help)}. One table drives validation, defaults
# and the JSON Schema, so they cannot drift apart.
SECTION_OPTIONS: dict[str, dict[str, tuple[type, Any, str]]] = {
    "cover": {"handling": (str, "For internal briefing use. Every statement is sourced; check the sources "
                                "before quoting.", "the handling line printed on the cover")},
    "contents": {},
    "summary": {"max_points": (int, 6, "how many key points")},
    "timeline": {"max_items": (int, 0, "most recent N events (0 = all)"),
                 "evidence": (bool, True, "print each event's source sentence"),
                 "upcoming": (bool, True, "show events dated after the newest source (targets, plans) in their own lane")},
    "goals": {"categories": (list, (), "list categories to show (goals, focuses, tasks ...; empty = all)"),
              "full_text": (bool, True, "print each item's full text under its summary"),
              "max_items": (int, 0, "the N most recent lists (0 = all)")},
    "profiles": {"max_people": (int, 0, "most people profiled, most quoted first (0 = all)"),
                 "max_quotes": (int, 3, "key quotes per person"),
                 "max_titles": (int, 0, "titles over time per person (0 = all)"),
                 "related_events": (bool, True, "list the events that name the person")},
    "figures": {"charts": (bool, True, "an SVG chart for each series with two or more points"),
                "max_items": (int, 0, "the N most recent figures (0 = all)")},
    "sources": {},
    "notes": {},
    "new": {"max_items": (int, 30, "most items listed as new since the previous build (0 = all)")},
}
SECTION_TITLES = {
    "cover": "Cover", "contents": "Contents", "summary": "Executive summary", "timeline": "Timeline",
    "goals": "Goals and focuses", "profiles": "Leader profiles", "figures": "Key figures",
    "sources": "Sources", "notes": "Notes", "new": "New since the last build",
}
# "new" is opt-in: it only has content in scheduled rebuilds (`brief build --all`).
DEFAULT_SECTIONS = tuple(n for n in SECTION_OPTIONS if n != "new")

# Top-level field -> (python type, help). ``sections`` and ``period`` are checked by hand.
FIELDS: dict[str, tuple[Any, str]] = {
    "title": (str, "the brief's title (required)"),
    "subtitle": (str, "a line under the title"),
    "audience": (str, f"template set: {AUDIENCES_HINT}"),
    "period": (dict, "only facts dated inside {from, to} (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "people": (list, "focus people: profiles and summary are limited to them"),
    "keywords": (list, "only events, lists and figures whose text mentions one of these"),
    "sections": (list, "ordered sections, each a name or {name: {options}}"),
    "include": (list, "fact ids (or unique prefixes) always kept"),
    "exclude": (list, "fact ids (or unique prefixes) always dropped"),
    "formats": (list, "output formats: md, html, pdf"),
    "output": (str, "output file name without extension [default: the spec's file name]"),
    "layout": (str, "standard (cover page) or compact (title block on page one, no page breaks)"),
    "footer": (str, "a line printed at the foot of every page (HTML: at the end)"),
    "extra_css": (list, "stylesheets (local .css files) added after the template's style.css"),
    "assets": (dict, "images by name, e.g. {logo: logo.png}: local PNG/JPEG/GIF/SVG, embedded"),
}

# A custom section's fact query: option -> (type, default, help).
QUERY_KINDS = ("event", "quote", "enumeration", "figure", "person")
QUERY_OPTIONS: dict[str, tuple[type, Any, str]] = {
    "kinds": (list, (), f"fact kinds to select: {', '.join(QUERY_KINDS)} (required)"),
    "keywords": (list, (), "only facts whose text mentions one of these"),
    "people": (list, (), "only facts naming one of these people (speaker, person, event people)"),
    "categories": (list, (), "only lists of these categories (goals, focuses, tasks ...)"),
    "period": (dict, None, "only facts dated inside {from, to}"),
    "max_items": (int, 10, "the N most recent matching facts (0 = all)"),
}
CUSTOM_OPTIONS = {"title": "heading of the section",
                  "template": "its template on the search path [default: sections/<name>.md.j2]",
                  "query": "the facts it shows (kinds, keywords, people, categories, period, max_items)"}
_SECTION_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_TEMPLATE_NAME = re.compile(r"^[\w-]+(/[\w-][\w.-]*)*\.j2$")


@dataclass(frozen=True)
class Period:
    """An inclusive date window; either end may be open. Dates at any ISO precision."""

    start: str | None = None
    end: str | None = None

    def contains(self, value: str | None, end: str | None = None) -> bool:
        """Whether a date (or range ``value``..``end``) overlaps the window, compared at its precision.

        >>> Period("2018", "2020-06").contains("2020"), Period("2018").contains("2017-12-31")
        (True, False)
        """
        if value is None:
            return self.start is None and self.end is None
        last = end or value
        if self.start and last[: len(self.start)] < self.start[: len(last)]:
            return False
        return not (self.end and value[: len(self.end)] > self.end[: len(value)])

    @property
    def is_open(self) -> bool:
        return self.start is None and self.end is None


@dataclass(frozen=True)
class FactQuery:
    """The facts a custom section shows (every filter optional but ``kinds``)."""

    kinds: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    period: Period = Period()
    max_items: int = 10


@dataclass(frozen=True)
class Section:
    """One section of a brief and its options (defaults filled in).

    A custom section (a name Briefing does not know) has its own ``template`` and/or ``query``.
    """

    name: str
    options: Mapping[str, Any] = field(default_factory=dict)
    title: str = ""
    template: str | None = None
    query: FactQuery | None = None

    def option(self, key: str) -> Any:
        return self.options[key]

    @property
    def template_name(self) -> str:
        """The template that renders it: ``sections/<name>.md.j2`` unless the spec names another."""
        return self.template or f"sections/{self.name}.md.j2"

    @property
    def custom(self) -> bool:
        return self.name not in SECTION_OPTIONS


@dataclass(frozen=True)
class BriefSpec:
    """A validated brief spec."""

    title: str
    path: str = "<spec>"
    name: str = "brief"  # output file stem
    subtitle: str | None = None
    audience: str = "analyst"
    period: Period = Period()
    people: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    sections: tuple[Section, ...] = tuple(Section(n, {k: v[1] for k, v in SECTION_OPTIONS[n].items()},
                                                  SECTION_TITLES[n]) for n in DEFAULT_SECTIONS)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    formats: tuple[str, ...] = FORMATS
    look: Look = Look()

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def has(self, name: str) -> bool:
        return self.section(name) is not None


# --------------------------------------------------------------------------- loading


def load_spec(path: str | Path) -> BriefSpec:
    """Read and validate a spec file (size-capped, UTF-8, safe YAML)."""
    return parse_spec(read_settings_text(path, MAX_SPEC_BYTES, "spec file"), str(path))


def parse_spec(text: str, path: str = "<spec>") -> BriefSpec:
    """Validate spec text; ``path`` is used in messages and for the default output name."""
    raw, doc = parse_yaml(text, path)
    if not isinstance(raw, dict):
        raise doc.error("a spec must be a mapping with at least a 'title'")
    return _validate(raw, doc)


def _validate(raw: dict[str, Any], doc: YamlDoc) -> BriefSpec:
    for key, value in raw.items():
        if key not in FIELDS:
            close = difflib.get_close_matches(key, FIELDS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; expected one of {', '.join(FIELDS)}"
            raise doc.error(f"unknown field {key!r}{hint}", (key,))
        want = FIELDS[key][0]
        if want is str and isinstance(value, int | float | dt.date) and not isinstance(value, bool):
            value = raw[key] = str(value)
        if not isinstance(value, want):
            raise doc.error(f"field {key!r} must be {_kind(want)}, not {_kind(type(value))}", (key,))
    if not str(raw.get("title", "")).strip():
        raise doc.error("field 'title' is required")

    def strings(key: str, pattern: re.Pattern[str] | None = None, what: str = "") -> tuple[str, ...]:
        out = []
        for i, v in enumerate(raw.get(key, [])):
            if not isinstance(v, str) or not v.strip():
                raise doc.error(f"{key}[{i}] must be non-empty text", (key, i))
            v = v.strip()
            if pattern is not None and not pattern.match(v.lower()):
                raise doc.error(f"{key}[{i}] {v!r} is not {what}", (key, i))
            out.append(v.lower() if pattern is not None else v)
        return tuple(out)

    formats = strings("formats") if "formats" in raw else FORMATS
    for i, f in enumerate(formats):
        if f not in FORMATS:
            raise doc.error(f"formats[{i}] {f!r} is not one of {', '.join(FORMATS)}", ("formats", i))
    stem = Path(doc.path).stem if doc.path != "<spec>" else "brief"
    name = raw.get("output", stem).strip()
    if not _NAME_RE.match(name):
        raise doc.error(f"field 'output' {name!r} must be a plain file name (letters, digits, . _ -)",
                        ("output",))
    audience = raw.get("audience", "analyst").strip()
    if not _NAME_RE.match(audience):
        raise doc.error(f"field 'audience' {audience!r} must be a template set name", ("audience",))
    return BriefSpec(
        title=raw["title"].strip(), path=doc.path, name=name,
        subtitle=(raw.get("subtitle") or "").strip() or None, audience=audience,
        period=_period(raw.get("period"), doc), people=strings("people"), keywords=strings("keywords"),
        sections=_sections(raw["sections"], doc) if "sections" in raw else BriefSpec.sections,
        include=strings("include", _ID_RE, "a fact id"), exclude=strings("exclude", _ID_RE, "a fact id"),
        formats=tuple(dict.fromkeys(formats)),
        look=parse_look(raw, Path(doc.path).parent if doc.path != "<spec>" else Path.cwd(), doc),
    )


def _real_date(value: str) -> bool:
    """Whether an ISO date at any precision names a day, month or year that exists."""
    parts = value.split("-")
    try:
        dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _period(raw: dict[str, Any] | None, doc: YamlDoc, where: tuple[Any, ...] = ("period",)) -> Period:
    if not raw:
        return Period()
    label = ".".join(str(w) for w in where if not isinstance(w, int))
    ends: dict[str, str | None] = {"from": None, "to": None}
    for key, value in raw.items():
        if key not in ends:
            raise doc.error(f"unknown field '{label}.{key}'; expected 'from' and/or 'to'", (*where, key))
        if isinstance(value, dt.date):
            value = value.isoformat()
        value = str(value) if value is not None else None
        if value is not None and not (_DATE_RE.match(value) and _real_date(value)):
            raise doc.error(f"{label}.{key} {value!r} must be a real date: YYYY, YYYY-MM or YYYY-MM-DD",
                            (*where, key))
        ends[key] = value
    if ends["from"] and ends["to"] and ends["from"] > ends["to"]:
        raise doc.error(f"{label}.from is after {label}.to", where)
    return Period(ends["from"], ends["to"])


def _sections(raw: list[Any], doc: YamlDoc) -> tuple[Section, ...]:
    out: list[Section] = []
    for i, item in enumerate(raw):
        where: tuple[Any, ...] = ("sections", i)
        given: dict[str, Any]
        if isinstance(item, str):
            name, given = item, {}
        elif isinstance(item, dict) and len(item) == 1:
            name, given = next(iter(item.items()))
            given = given if given is not None else {}
            where = (*where, name)
            if not isinstance(given, dict):
                raise doc.error(f"options of section {name!r} must be a mapping", where)
        else:
            raise doc.error(f"sections[{i}] must be a name or {{name: {{options}}}}", where)
        if any(s.name == name for s in out):
            raise doc.error(f"section {name!r} listed twice", where)
        if name not in SECTION_OPTIONS:
            if "query" not in given and "template" not in given:
                close = difflib.get_close_matches(name, SECTION_OPTIONS, n=1)
                hint = (f" (did you mean {close[0]!r}?)" if close
                        else f"; expected one of {', '.join(SECTION_OPTIONS)}")
                raise doc.error(f"unknown section {name!r}{hint}; a custom section needs a 'query' "
                                "and/or a 'template'", where)
            out.append(_custom_section(name, given, doc, where))
            continue
        known = SECTION_OPTIONS[name]
        options = {k: v[1] for k, v in known.items()}
        title = SECTION_TITLES[name]
        for key, value in given.items():
            if key == "title":
                if not isinstance(value, str) or not value.strip():
                    raise doc.error(f"{name}.title must be non-empty text", (*where, key))
                title = value.strip()
                continue
            if key not in known:
                names = ", ".join(["title", *known])
                raise doc.error(f"unknown option {name}.{key}; {name} takes {names}", (*where, key))
            want = known[key][0]
            if not isinstance(value, want) or (want is int and isinstance(value, bool)):
                raise doc.error(f"option {name}.{key} must be {_kind(want)}, not {_kind(type(value))}",
                                (*where, key))
            if isinstance(value, int) and value < 0:
                raise doc.error(f"option {name}.{key} must be 0 or more", (*where, key))
            if isinstance(value, list):
                if not all(isinstance(v, str) for v in value):
                    raise doc.error(f"option {name}.{key} must be a list of text", (*where, key))
                value = tuple(value)
            options[key] = value
        out.append(Section(name, options, title))
    if not out:
        raise doc.error("sections must list at least one section", ("sections",))
    return tuple(out)


def _custom_section(name: str, given: dict[str, Any], doc: YamlDoc, where: tuple[Any, ...]) -> Section:
    """A section the spec defines itself: its title, its template, the facts it queries."""
    if not _SECTION_NAME.match(name):
        raise doc.error(f"custom section name {name!r} must be lower-case letters, digits, - or _", where)
    for key in given:
        if key not in CUSTOM_OPTIONS:
            raise doc.error(f"unknown option {name}.{key}; a custom section takes {', '.join(CUSTOM_OPTIONS)}",
                            (*where, key))
    title = given.get("title", name.replace("-", " ").replace("_", " ").capitalize())
    if not isinstance(title, str) or not title.strip():
        raise doc.error(f"{name}.title must be non-empty text", (*where, "title"))
    template = given.get("template")
    if template is not None and (not isinstance(template, str) or ".." in template
                                 or not _TEMPLATE_NAME.match(template)):
        raise doc.error(f"{name}.template {template!r} must be a template name like sections/{name}.md.j2",
                        (*where, "template"))
    query = _query(given["query"], doc, (*where, "query")) if "query" in given else None
    return Section(name, {}, title.strip(), template=template, query=query)


def _query(raw: Any, doc: YamlDoc, where: tuple[Any, ...]) -> FactQuery:
    label = f"{where[-2]}.query"
    if not isinstance(raw, dict):
        raise doc.error(f"{label} must be a mapping (kinds, keywords, people, categories, period, max_items)", where)
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in QUERY_OPTIONS:
            raise doc.error(f"unknown option {label}.{key}; a query takes {', '.join(QUERY_OPTIONS)}", (*where, key))
        want = QUERY_OPTIONS[key][0]
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise doc.error(f"{label}.{key} must be {_kind(want)}, not {_kind(type(value))}", (*where, key))
        if isinstance(value, list):
            if not all(isinstance(v, str) and v.strip() for v in value):
                raise doc.error(f"{label}.{key} must be a list of text", (*where, key))
            value = tuple(v.strip() for v in value)
        if key == "max_items" and value < 0:
            raise doc.error(f"{label}.max_items must be 0 or more", (*where, key))
        values[key] = value
    kinds = values.get("kinds", ())
    if not kinds:
        raise doc.error(f"{label}.kinds must list at least one of {', '.join(QUERY_KINDS)}", where)
    for i, k in enumerate(kinds):
        if k not in QUERY_KINDS:
            raise doc.error(f"{label}.kinds[{i}] {k!r} is not one of {', '.join(QUERY_KINDS)}", (*where, "kinds", i))
    values["period"] = _period(values.get("period"), doc, (*where, "period"))
    return FactQuery(**values)


def _custom_schema(date: dict[str, Any], string_list: dict[str, Any]) -> dict[str, Any]:
    """A custom section: any other name, with a title, a template and/or a fact query."""
    jtype = {int: "integer", list: "array", dict: "object"}
    query: dict[str, Any] = {}
    for key, (t, _default, help_) in QUERY_OPTIONS.items():
        query[key] = {"type": jtype[t], "description": help_}
    query["kinds"].update({"items": {"enum": list(QUERY_KINDS)}, "minItems": 1})
    for key in ("keywords", "people", "categories"):
        query[key].update(string_list)
    query["max_items"]["minimum"] = 0
    query["period"].update({"additionalProperties": False, "properties": {"from": date, "to": date}})
    body = {"type": "object", "additionalProperties": False, "anyOf": [{"required": ["query"]}, {"required": ["template"]}],
            "properties": {"title": {"type": "string", "description": CUSTOM_OPTIONS["title"]},
                           "template": {"type": "string", "pattern": _TEMPLATE_NAME.pattern,
                                        "description": CUSTOM_OPTIONS["template"]},
                           "query": {"type": "object", "additionalProperties": False, "required": ["kinds"],
                                     "properties": query, "description": CUSTOM_OPTIONS["query"]}}}
    return {"type": "object", "minProperties": 1, "maxProperties": 1,
            "propertyNames": {"pattern": _SECTION_NAME.pattern, "not": {"enum": list(SECTION_OPTIONS)}},
            "additionalProperties": body, "description": "a custom section with its own template and fact query"}


def _kind(t: Any) -> str:
    return {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping",
            float: "a number", type(None): "empty"}.get(t, t.__name__)


# --------------------------------------------------------------------------- schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a spec (for editors); built from the same tables as validation."""
    jtype = {str: "string", int: "integer", bool: "boolean", list: "array", dict: "object"}
    date = {"type": ["string", "integer"], "pattern": _DATE_RE.pattern}
    section_items: list[dict[str, Any]] = [{"type": "string", "enum": list(SECTION_OPTIONS)}]
    for name, opts in SECTION_OPTIONS.items():
        props: dict[str, Any] = {"title": {"type": "string", "description": "heading of the section"}}
        for key, (t, default, help_) in opts.items():
            props[key] = {"type": jtype[t], "default": list(default) if isinstance(default, tuple) else default,
                          "description": help_}
            if t is list:
                props[key]["items"] = {"type": "string"}
        section_items.append({"type": "object", "additionalProperties": False, "required": [name],
                              "properties": {name: {"type": ["object", "null"], "additionalProperties": False,
                                                    "properties": props}}})
    string_list = {"type": "array", "items": {"type": "string"}}
    section_items.append(_custom_schema(date, string_list))
    props = {k: {"description": h} for k, (_, h) in FIELDS.items()}
    for key in ("title", "subtitle", "audience", "output"):
        props[key]["type"] = "string"
    props["output"]["pattern"] = _NAME_RE.pattern
    for key in ("people", "keywords"):
        props[key].update(string_list)
    for key in ("include", "exclude"):
        props[key].update({"type": "array", "items": {"type": "string", "pattern": _ID_RE.pattern}})
    props["formats"].update({"type": "array", "items": {"enum": list(FORMATS)}, "uniqueItems": True})
    props["period"].update({"type": "object", "additionalProperties": False,
                            "properties": {"from": date, "to": date}})
    props["sections"].update({"type": "array", "items": {"oneOf": section_items}})
    props["layout"].update({"type": "string", "enum": list(LAYOUTS)})
    props["footer"].update({"type": "string", "maxLength": 300})
    props["extra_css"].update({"type": "array", "items": {"type": "string", "pattern": r"\.css$"}})
    props["assets"].update({"type": "object", "propertyNames": {"pattern": ASSET_NAME.pattern},
                            "additionalProperties": {"type": "string"}})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Briefing brief spec",
        "type": "object",
        "required": ["title"],
        "additionalProperties": False,
        "properties": props,
    }
