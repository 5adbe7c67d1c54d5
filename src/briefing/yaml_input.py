"""YAML written by users (brief specs, audience files, people files), read safely.

Plain data only (mappings, lists, scalars: no tags beyond the plain ones), no duplicate keys,
a cap on values after alias expansion, and the line of every value kept so that an error can
name the file and the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SpecError
from .settings_file import read_settings_text

MAX_NODES = 5_000  # an alias "bomb" expands far beyond this before it can hurt


class _Loader(yaml.SafeLoader):
    """A safe loader used only to *compose* nodes (so every value keeps its line)."""


_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass
class YamlDoc:
    """A YAML value tree plus the line of every path in it."""

    path: str
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    nodes: int = 0
    max_nodes: int = MAX_NODES

    def error(self, message: str, where: tuple[Any, ...] = ()) -> SpecError:
        while where and where not in self.lines:
            where = where[:-1]
        return SpecError(message, path=self.path, line=self.lines.get(where))

    def value(self, node: yaml.Node, loader: _Loader, where: tuple[Any, ...]) -> Any:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise SpecError(f"over {self.max_nodes:,} values (alias expansion?)", path=self.path,
                            line=node.start_mark.line + 1)
        self.lines.setdefault(where, node.start_mark.line + 1)
        if node.tag not in _PLAIN_TAGS:
            raise SpecError(f"tag {node.tag} is not allowed", path=self.path, line=node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    raise SpecError(f"keys must be text, not {key!r}", path=self.path,
                                    line=key_node.start_mark.line + 1)
                if key in out:
                    raise SpecError(f"duplicate key {key!r}", path=self.path, line=key_node.start_mark.line + 1)
                self.lines[(*where, key)] = key_node.start_mark.line + 1
                out[key] = self.value(value_node, loader, (*where, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.value(v, loader, (*where, i)) for i, v in enumerate(node.value)]
        try:
            return loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:  # e.g. a timestamp 2021-02-30: not a real date
            raise SpecError(f"invalid value {node.value!r}: {exc}", path=self.path,
                            line=node.start_mark.line + 1) from None


def parse_yaml(text: str, path: str = "<yaml>", max_nodes: int = MAX_NODES) -> tuple[Any, YamlDoc]:
    """Plain YAML data (mappings, lists, scalars) with the line of every value, or a SpecError
    naming ``path`` and the line: no tags beyond the plain ones, no duplicate keys, no keys
    that are not text, at most ``max_nodes`` values after alias expansion.

        >>> parse_yaml("a: 1\\na: 2\\n", "p.yaml")
        Traceback (most recent call last):
        ...
        briefing.errors.SpecError: p.yaml:2: duplicate key 'a'
    """
    doc = YamlDoc(path, max_nodes=max_nodes)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        raw = doc.value(node, loader, ()) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise SpecError(f"invalid YAML: {exc.problem or exc}", path=path,
                        line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {exc}", path=path) from None
    except RecursionError:
        raise SpecError("invalid YAML: nested too deeply", path=path) from None
    finally:
        loader.dispose()
    return raw, doc


def read_yaml_file(path: str | Path, max_bytes: int, what: str = "file", max_nodes: int = MAX_NODES) -> Any:
    """Read a size-capped UTF-8 YAML file with :func:`parse_yaml` (errors name the file)."""
    return parse_yaml(read_settings_text(path, max_bytes, what), str(path), max_nodes)[0]
