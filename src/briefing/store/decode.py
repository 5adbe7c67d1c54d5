"""Stored payloads back into the typed facts of :data:`briefing.models.FACT_KINDS`.

Driven by the dataclasses' own type hints, so a field added to a fact kind is decoded without
a change here; keys a class does not know (from an older extractor) are ignored::

    >>> ev = typed_fact("event", "d1", (0, 4), "2020", {"date": {"value": "2020", "end": None,
    ...                 "precision": "year"}, "summary": "x", "people": ["A"], "orgs": []})
    >>> ev.date.value, ev.people
    ('2020', ('A',))
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from ..models import FACT_KINDS, Fact

Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


@cache
def _converter(hint: Any) -> Converter:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_converter(hint)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])
            return lambda v: tuple(item(x) for x in v) if isinstance(v, list | tuple) else v
        parts = [_converter(a) for a in args]
        return lambda v: tuple(c(x) for c, x in zip(parts, v, strict=False)) if isinstance(v, list | tuple) else v
    if origin in (typing.Union, types.UnionType):
        sequence = next((_converter(a) for a in args if typing.get_origin(a) is tuple), _identity)
        record = next((_converter(a) for a in args if isinstance(a, type) and dataclasses.is_dataclass(a)), _identity)

        def union(v: Any) -> Any:
            if isinstance(v, list):
                return sequence(v)
            return record(v) if isinstance(v, dict) else v

        return union
    return _identity


_RECORDS: dict[type, Converter] = {}


def _dataclass_converter(cls: type) -> Converter:
    if cls in _RECORDS:
        return _RECORDS[cls]
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls) if f.init]

    def convert(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return cls(**{name: conv(value[name]) for name, conv in fields if name in value})

    _RECORDS[cls] = convert
    return convert


def typed_fact(kind: str, doc_id: str, span: tuple[int, int], text: str, data: dict[str, Any]) -> Fact:
    """The fact of ``kind`` with these common fields and payload."""
    cls = FACT_KINDS.get(kind, Fact)
    return typing.cast(Fact, _dataclass_converter(cls)({**data, "doc_id": doc_id, "span": span, "text": text}))
