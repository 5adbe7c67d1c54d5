"""Compiled regular expressions kept between runs, so that a process start does not compile them.

Loading the cleaners and the extractors compiles some 350 patterns (the date rules are long
alternations): ~0.1 s CPU of every ingest, most of what a run that adds one article costs
beyond the article itself. Python's ``re`` parses and compiles a pattern in Python code; what it
hands the regex engine (a list of opcodes) is a pure function of the pattern, its flags and the
Python version. This module keeps those opcode lists in a file of the user's cache folder and
hands them to the engine directly the next time: the same patterns, built without the parsing.

Any failure (no cache folder, a file of another version, a damaged file) falls back to ``re``.

    >>> import re
    >>> with cached_compiles():
    ...     pattern = re.compile(r"(?P<year>\\d{4})-(?P<month>\\d\\d)")
    >>> pattern.match("2024-05").groupdict()
    {'year': '2024', 'month': '05'}
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import marshal
import os
import re
import sys
import threading
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# A pattern, its flags -> the engine's arguments: flags, opcodes (as bytes), groups, names.
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_compiler: Any = re._compiler  # type: ignore[attr-defined]  # Python's own pattern compiler
_compile = _compiler.compile  # as it is before any block below replaces it
_CODE = "I" if array("I").itemsize == _sre.CODESIZE else "L"
# Past this many patterns the file keeps only those of the run that saves it: patterns built
# from user data (a people file, a brief's keywords) must not make it grow run after run.
_MAX_ENTRIES = 2048

_lock = threading.Lock()
_entries: dict[tuple[str, int], _Entry] | None = None  # loaded on first use
_unsaved = False
_used: set[tuple[str, int]] = set()  # the patterns this process compiled


def cache_file() -> Path:
    """Where the compiled patterns of this Python version are kept (``BRIEFING_CACHE_DIR``, else
    the user's cache folder)."""
    folder = os.environ.get("BRIEFING_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing"
    return Path(folder) / f"regex-{sys.hexversion:x}-{_sre.MAGIC}.marshal"


def _loaded() -> dict[tuple[str, int], _Entry]:
    global _entries
    if _entries is None:
        try:
            data = marshal.loads(cache_file().read_bytes())
            _entries = data if isinstance(data, dict) else {}
        except (OSError, ValueError, EOFError, TypeError):
            _entries = {}
    return _entries


def compiled(pattern: str, flags: int = 0) -> Any:
    """What ``re._compiler.compile`` returns for ``pattern``: from the cache when it holds it,
    else compiled, and kept for the next runs."""
    key = (pattern, int(flags))
    with _lock:
        entry = _loaded().get(key)
        _used.add(key)
    if entry is not None:
        try:
            code = array(_CODE)
            code.frombytes(entry[1])
            return _sre.compile(pattern, entry[0], code.tolist(), entry[2], entry[3], entry[4])
        except (RuntimeError, TypeError, ValueError, IndexError):  # a damaged entry: the engine refuses it
            pass
    pattern_object = _compile(pattern, flags)
    # A Python whose private compiler differs: the pattern still stands, only not kept.
    with contextlib.suppress(Exception):
        _keep(key, pattern_object)
    return pattern_object


def _keep(key: tuple[str, int], pattern: re.Pattern[str]) -> None:
    """Keep the opcodes of a pattern just compiled (parsed again: this happens once per pattern)."""
    global _unsaved
    code = array(_CODE, _compiler._code(_compiler._parser.parse(*key), key[1])).tobytes()
    names: list[str | None] = [None] * (pattern.groups + 1)
    for name, index in pattern.groupindex.items():
        names[index] = name
    with _lock:
        _loaded()[key] = (int(pattern.flags), code, pattern.groups, dict(pattern.groupindex), tuple(names))
        if not _unsaved:
            _unsaved = True
            atexit.register(save)


def save() -> None:
    """Write the patterns compiled since the file was read (at exit; a failure is no error)."""
    global _unsaved
    with _lock:
        if not _unsaved or _entries is None:
            return
        _unsaved = False
        entries = _entries if len(_entries) <= _MAX_ENTRIES else {k: _entries[k] for k in _used if k in _entries}
        path = cache_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_name(f"{path.name}.{os.getpid()}.part")
            part.write_bytes(marshal.dumps(entries))
            os.replace(part, path)  # whole or not at all, whatever other runs do meanwhile
        except OSError:
            pass


@contextmanager
def cached_compiles() -> Iterator[None]:
    """Within the block, every ``re.compile`` of a ``str`` pattern (in any module: importing the
    extractors compiles theirs at module level) goes through the cache."""
    if _compiler.compile is not _compile:  # inside such a block already
        yield
        return

    def compile_cached(pattern: Any, flags: int = 0) -> Any:
        return compiled(pattern, flags) if isinstance(pattern, str) else _compile(pattern, flags)

    _compiler.compile = compile_cached
    try:
        yield
    finally:
        _compiler.compile = _compile
