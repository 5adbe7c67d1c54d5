"""The typed records that flow between stages: ingest -> extract -> store -> select -> render.

Every fact keeps the id of its source document and a character span into that document's
stored (cleaned) text, so that every statement in a brief can be traced back::

    >>> doc_text = "Quan said: “We will go on.”"
    >>> q = Quote(doc_id="d1", span=(12, 26), text=doc_text[12:26], speaker="Hoang Binh Quan",
    ...           mode="direct", cue="said")
    >>> q.kind, len(q.id)
    ('quote', 16)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Literal, TypeVar

from .text import name_key

Precision = Literal["year", "month", "day"]
Span = tuple[int, int]
_T = TypeVar("_T")


class _kept(Generic[_T]):  # noqa: N801 (a decorator, named like functools.cached_property)
    """functools.cached_property without its lock: Python 3.11 takes one at each first access,
    a third of the cost of a fact's id, which every fact of every article pays once."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, record: Any, owner: type | None = None) -> _T:
        if record is None:  # looked up on the class
            return self  # type: ignore[return-value]
        # Kept in the instance's __dict__ (as cached_property does, frozen or not), which
        # hides this descriptor from the next lookup.
        value = record.__dict__[self.name] = self.func(record)
        return value


def short_hash(*parts: str, length: int = 16) -> str:
    """A stable hex digest of ``parts`` (used for document and fact ids)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:length]


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateRef:
    """A date normalised to ISO at a stated precision.

    ``value`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``end`` closes a range at the
    same kind of precision (``None`` for a single date).
    """

    value: str
    precision: Precision
    end: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "end": self.end, "precision": self.precision}


@dataclass(frozen=True)
class PublishedDate:
    """When a document was published, and how we know.

    ``inferred`` is true when no publication stamp was found and the date was reasoned
    from the content; ``evidence`` quotes the strings that decided it.
    """

    value: str
    precision: Precision
    inferred: bool = False
    evidence: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "precision": self.precision,
            "inferred": self.inferred,
            "evidence": list(self.evidence),
        }


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class RawArticle:
    """What a reader makes of one input: text plus whatever metadata the format carries."""

    path: str  # the file it came from
    raw: str  # the text exactly as read (HTML already reduced to text by the extractor)
    fmt: str  # txt, md, html, jsonl
    line: int | None = None  # for JSONL: the line number
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None

    @property
    def source_name(self) -> str:
        """The file name a user sees (``feed.jsonl:12`` for a JSONL line)."""
        from pathlib import Path

        name = Path(self.path).name
        return f"{name}:{self.line}" if self.line is not None else name


@dataclass(frozen=True)
class Document:
    """A cleaned article with its metadata, as stored."""

    id: str  # content hash of the raw text (+ JSONL metadata)
    file: str  # source name: file name, or ``name.jsonl:LINE``
    path: str  # path as given on the command line
    raw: str  # text as read
    text: str  # cleaned text; every fact span points into this
    title: str | None
    published: PublishedDate | None
    outlet: str | None = None
    author: str | None = None
    dateline: str | None = None
    url: str | None = None
    fmt: str = "txt"

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_json(self) -> dict[str, Any]:
        """The ``brief docs --json`` contract."""
        return {
            "id": self.id,
            "file": self.file,
            "title": self.title,
            "published": self.published.to_json() if self.published else None,
            "outlet": self.outlet,
            "author": self.author,
            "words": self.words,
        }


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class Fact:
    """Base of every extracted fact: where it comes from and the source text there.

    ``text`` must equal ``document.text[span[0]:span[1]]``.
    """

    doc_id: str
    span: Span
    text: str

    kind: ClassVar[str] = "fact"

    @_kept
    def id(self) -> str:
        """Stable across runs: a hash of document, kind and span. Persons named only in the
        byline all have the empty span (0, 0): their name tells them apart ("By Jan Collins and
        Will Hayward" is two persons). Kept once made: selection asks for it many times."""
        name = getattr(self, "name", None)
        if self.span[0] == self.span[1] and isinstance(name, str):
            return short_hash(self.doc_id, self.kind, f"{self.span[0]}:{self.span[1]}", name_key(name))
        return short_hash(self.doc_id, self.kind, f"{self.span[0]}:{self.span[1]}")

    def payload(self) -> dict[str, Any]:
        """The kind-specific fields, JSON-ready (everything but doc_id/span/text)."""
        return _fields_json(self, _payload_fields(type(self)))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
# Per dataclass: its field names and a getter of their values as one tuple. A fact's payload
# leaves out doc_id, span and text (a nested record, such as a list item, keeps them).
_Fields = tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]
_PAYLOAD_FIELDS: dict[type, _Fields] = {}
_RECORD_FIELDS: dict[type, _Fields] = {}
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _getter(names: tuple[str, ...]) -> _Fields:
    get = operator.attrgetter(*names) if names else (lambda _record: ())
    return names, get if len(names) != 1 else (lambda record: (get(record),))


def _payload_fields(cls: type) -> _Fields:
    fields = _PAYLOAD_FIELDS.get(cls)
    if fields is None:
        fields = _PAYLOAD_FIELDS[cls] = _getter(tuple(n for n in _field_names(cls)
                                                      if n not in ("doc_id", "span", "text")))
    return fields


def _record_fields(cls: type) -> _Fields:
    fields = _RECORD_FIELDS.get(cls)
    if fields is None:
        fields = _RECORD_FIELDS[cls] = _getter(_field_names(cls))
    return fields


def _fields_json(record: Any, fields: _Fields) -> dict[str, Any]:
    # Most values are plain: only the others take the walk (a call per value was a fifth of
    # building a fact's row, and most of a merged person's, with its titles).
    names, values = fields
    got = values(record)
    if _PLAIN.issuperset(map(type, got)):  # all plain (every field of most quotes): as they are
        return dict(zip(names, got, strict=True))
    return {name: value if type(value) in _PLAIN else _jsonable(value)
            for name, value in zip(names, got, strict=True)}


def _jsonable(value: Any) -> Any:
    # Every fact of every article goes through here: plain values return at once, and
    # dataclasses are walked field by field (dataclasses.asdict deep-copies first).
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, tuple | list):
        return [v if type(v) in _PLAIN else _jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_json"):
            return value.to_json()
        return _fields_json(value, _record_fields(type(value)))
    return value


# The category of an event dated after its own article: a plan, a goal or a deadline.
TARGET = "target"


@dataclass(frozen=True)
class Event(Fact):
    """Something that happened (or is planned) on a date, from one sentence or clause."""

    date: DateRef
    summary: str
    people: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    date_text: str | None = None  # the temporal expression that dated it, if any
    # "target": dated after its own article, so not something that happened but a plan, a goal
    # or a deadline ("by 2030", "until 2045", "will open in June"); None for what happened.
    category: str | None = None

    kind: ClassVar[str] = "event"

    @property
    def id(self) -> str:
        """Document, kind, span and date: one sentence with several dates gives several events."""
        return short_hash(self.doc_id, self.kind, f"{self.span[0]}:{self.span[1]}", self.date.value,
                          self.date.end or "", self.date_text or "")


@dataclass(frozen=True)
class TitleRecord:
    """One title given to a person, with its as-of date and source."""

    title: str
    as_of: str | None
    doc: str  # source file name (as in the facts JSON)
    span: Span | None = None


@dataclass(frozen=True)
class Mention(Fact):
    """One mention of a person in one document (merged into :class:`Person` later)."""

    name: str  # the fullest form of the name in this document
    titles: tuple[TitleRecord, ...] = ()
    aliases: tuple[str, ...] = ()

    kind: ClassVar[str] = "mention"

    @property
    def merge_key(self) -> str:
        """The key persons are merged on (folded name, honorific dropped). The store indexes
        it, so that adding an article re-merges only the persons whose names it mentions."""
        return name_key(self.name)


@dataclass(frozen=True)
class NameCandidate(Fact):
    """A capitalised name in one document with no evidence there of naming a person. The
    corpus merge links it to a person recognised elsewhere under the same name ("a name
    recognised as a person anywhere is a person everywhere"); otherwise it is dropped."""

    name: str

    kind: ClassVar[str] = "name"

    @property
    def merge_key(self) -> str:
        """The name key, as :attr:`Mention.merge_key`."""
        return name_key(self.name)


@dataclass(frozen=True)
class Person(Fact):
    """A person merged across documents; span/doc are those of the first mention."""

    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[TitleRecord, ...] = ()
    docs: tuple[str, ...] = ()  # source file names
    note: str | None = None

    kind: ClassVar[str] = "person"

    @property
    def current_title(self) -> str | None:
        dated = [t for t in self.titles if t.as_of]
        if not dated:
            return self.titles[-1].title if self.titles else None
        return max(dated, key=lambda t: t.as_of or "").title


@dataclass(frozen=True)
class Quote(Fact):
    """Direct or reported speech; ``text`` is the quoted words, verbatim."""

    speaker: str | None  # the canonical person or organisation; None when it could not be resolved
    mode: Literal["direct", "reported"]
    cue: str | None = None
    speaker_text: str | None = None  # the words naming the speaker, as written ("he", "the ministry")
    speaker_kind: Literal["person", "organisation", "pronoun-resolved", "unknown"] = "unknown"

    kind: ClassVar[str] = "quote"


@dataclass(frozen=True)
class Phrase(Fact):
    """A slogan, concept or title in quote marks that is not speech."""

    kind: ClassVar[str] = "phrase"


@dataclass(frozen=True)
class EnumItem:
    ordinal: int
    text: str
    summary: str
    span: Span | None = None


@dataclass(frozen=True)
class Enumeration(Fact):
    """An announced list (goals, focuses, tasks ...) and its items."""

    label: str
    category: str  # goals, focuses, tasks, directions, achievements, requirements, other
    announced_count: int | None
    items: tuple[EnumItem, ...]
    speaker: str | None = None
    as_of: str | None = None
    warnings: tuple[str, ...] = ()

    kind: ClassVar[str] = "enumeration"


@dataclass(frozen=True)
class Figure(Fact):
    """A quantity with unit and qualifier; ``value`` is a number or a ``[low, high]`` range.

    ``measure`` says what is counted or measured (``Chile's lithium exports``), ``total`` is the
    whole of a ratio (``185 of 193``, ``one in five``), ``change`` is ``up``/``down`` for a rise or
    a fall (``fell 52%``), ``source`` who gave the number (``the central bank``)."""

    value: float | tuple[float, float]
    unit: str
    qualifier: str | None = None
    as_of: str | None = None
    series: str | None = None
    measure: str | None = None
    total: float | None = None
    change: str | None = None
    source: str | None = None

    kind: ClassVar[str] = "figure"


FACT_KINDS: dict[str, type[Fact]] = {
    cls.kind: cls for cls in (Event, Mention, NameCandidate, Person, Quote, Phrase, Enumeration, Figure)
}
# The kinds `brief facts` lists by default; mentions are an internal step towards persons.
PUBLIC_KINDS = ("event", "person", "quote", "enumeration", "figure", "phrase")


@dataclass(frozen=True)
class StoredFact:
    """A fact as read back from the store: common fields plus its JSON payload."""

    id: str
    kind: str
    doc_id: str
    doc_file: str
    span: Span
    text: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The ``brief facts --json`` contract: common fields, then the kind's own."""
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "doc": self.doc_file,
            "span": [self.span[0], self.span[1]],
            "text": self.text,
        }
        for k, v in self.data.items():
            out.setdefault(k, v)
        return out

    def __getitem__(self, key: str) -> Any:  # lets templates write fact.summary / fact["unit"]
        return self.to_json()[key]


def dumps(obj: Any) -> str:
    return json.dumps(_jsonable(obj), ensure_ascii=False, sort_keys=False)
