"""Project configuration: ``briefing.toml`` in the project directory (or ``--config``).

    # briefing.toml
    corpus    = ["seeds"]                 # folders/files `brief build --all` ingests
    store     = ".briefing/corpus.db"      # or "postgresql://user@host/db"
    templates = ["my-templates"]          # user template dirs, searched before the built-ins
    people    = "people.yaml"             # analyst overrides for persons
    briefs    = ["briefs/*.yaml"]         # specs built by `brief build --all` (globs allowed)
    output    = "reports"
    day_first = true
    executor  = "local"                   # or "dask://scheduler:8786", "dask-local:2"
    pdf_timeout   = 120                   # seconds one PDF may take to render
    pdf_memory_mb = 2048                  # address space of the PDF renderer (MB)

Relative paths are relative to the file's folder. Every key is optional.

    >>> cfg = Config.from_text('corpus = ["news"]\\nbriefs = []', base=Path("/p"))
    >>> cfg.corpus, cfg.output
    ([PosixPath('/p/news')], PosixPath('/p/reports'))
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BriefingError, SpecError
from .settings_file import read_settings_text

CONFIG_NAME = "briefing.toml"
MAX_CONFIG_BYTES = 256 * 1024

_KEYS: dict[str, type | tuple[type, ...]] = {
    "corpus": list, "store": str, "templates": list, "people": str, "briefs": list, "output": str,
    "day_first": bool, "executor": str, "max_bytes": int, "pdf_timeout": (int, float), "pdf_memory_mb": int,
}


@dataclass(frozen=True)
class Config:
    """Validated settings; paths resolved against the config file's folder."""

    path: Path | None = None
    corpus: list[Path] = field(default_factory=list)
    store: Path | str | None = None  # a SQLite file, or a postgresql:// URL
    templates: list[Path] = field(default_factory=list)
    people: Path | None = None
    briefs: list[Path] = field(default_factory=list)
    output: Path = Path("reports")
    day_first: bool = True
    executor: str = "local"  # local, dask://host:8786 or dask-local:N (see briefing.executors)
    max_bytes: int = 5 * 1024 * 1024
    pdf_timeout: float = 120.0
    pdf_memory_mb: int = 2048

    @classmethod
    def load(cls, path: Path) -> Config:
        text = read_settings_text(path, MAX_CONFIG_BYTES, "config file")
        return cls.from_text(text, base=path.resolve().parent, source=path)

    @classmethod
    def from_text(cls, text: str, base: Path, source: Path | None = None) -> Config:
        where = str(source) if source else "<config>"
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            raise SpecError(f"invalid TOML: {exc}", path=where, line=int(m.group(1)) if m else None) from None
        if "tool" in raw and "briefing" in raw.get("tool", {}):  # pyproject-style table also accepted
            raw = raw["tool"]["briefing"]
        for key, value in raw.items():
            if key not in _KEYS:
                raise SpecError(f"unknown key {key!r}; expected one of {', '.join(sorted(_KEYS))}",
                                path=where, line=_line_of(text, key))
            want = _KEYS[key]
            if not isinstance(value, want) or (isinstance(value, bool) and want is not bool):
                raise SpecError(f"{key!r} must be a {_type_name(want)}, not {type(value).__name__}",
                                path=where, line=_line_of(text, key))
            if key.startswith("pdf_") and isinstance(value, int | float) and value <= 0:
                raise SpecError(f"{key!r} must be above 0", path=where, line=_line_of(text, key))
            if isinstance(value, list) and not all(isinstance(v, str) for v in value):
                raise SpecError(f"{key!r} must be a list of strings", path=where, line=_line_of(text, key))

        def p(value: str) -> Path:
            return (base / value) if not Path(value).is_absolute() else Path(value)

        briefs: list[Path] = []
        for pattern in raw.get("briefs", []):
            matches = sorted(base.glob(pattern)) if any(c in pattern for c in "*?[") else [p(pattern)]
            briefs.extend(matches)
        return cls(
            path=source,
            corpus=[p(v) for v in raw.get("corpus", [])],
            store=_store(raw["store"], p) if "store" in raw else None,
            templates=[p(v) for v in raw.get("templates", [])],
            people=p(raw["people"]) if "people" in raw else None,
            briefs=briefs,
            output=p(raw.get("output", "reports")),
            day_first=raw.get("day_first", True),
            executor=_executor(raw.get("executor", "local"), where, _line_of(text, "executor")),
            max_bytes=raw.get("max_bytes", 5 * 1024 * 1024),
            pdf_timeout=float(raw.get("pdf_timeout", 120.0)),
            pdf_memory_mb=raw.get("pdf_memory_mb", 2048),
        )


def _store(value: str, path: Any) -> Path | str:
    """A ``postgresql://`` URL as it is; a SQLite file relative to the config's folder."""
    return value if value.startswith(("postgresql://", "postgres://")) else path(value)


def _executor(value: str, where: str, line: int | None) -> str:
    from .executors import parse_executor

    try:
        parse_executor(value)
    except BriefingError as exc:
        raise SpecError(str(exc), path=where, line=line) from None
    return value


def find_config(start: Path | None = None) -> Path | None:
    """``briefing.toml`` in the current directory, if there is one."""
    candidate = (start or Path.cwd()) / CONFIG_NAME
    return candidate if candidate.is_file() else None


def _line_of(text: str, key: str) -> int | None:
    for i, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return i
    return None


def _type_name(t: Any) -> str:
    return {list: "list", str: "string", bool: "boolean", int: "whole number",
            (int, float): "number"}.get(t, str(t))
