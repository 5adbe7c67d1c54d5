"""The cache of compiled patterns: a pattern built from it is the pattern ``re`` builds, and a
later process builds it without compiling anything."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from briefing import regex_cache
from briefing.extract import date_scan

PATTERNS = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(?P<day>\d\d))?", 0),
    (r"\b(?:said|told|added)\b", re.I),
    (r"(?<![\w.])(?:mid-?)?(?:January|February)\s+(\d{1,2})(?!\d)", 0),
    (r"(?m)^\s*[-*•]\s+(.+)$", 0),
]
TEXTS = ["On 2024-05-17 she SAID it.", "Mid-January 5, told\n - one\n* two", "x.January 3 2024-1"]


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and the module as a new process finds it."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_entries", None)
    monkeypatch.setattr(regex_cache, "_used", set())
    monkeypatch.setattr(regex_cache, "_unsaved", False)
    return tmp_path


def next_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a later process sees: the file as saved, nothing in memory; ``re`` may not compile."""
    regex_cache.save()
    monkeypatch.setattr(regex_cache, "_entries", None)

    def no_compiling(*_args: Any) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex_cache, "_compile", no_compiling)


def same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        assert [m.groups() + (m.span(),) for m in a.finditer(text)] == [m.groups() + (m.span(),) for m in b.finditer(text)]


def test_a_later_process_builds_the_same_patterns_without_compiling(fresh_cache: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = [regex_cache.compiled(p, f) for p, f in PATTERNS]
    next_process(monkeypatch)
    for (pattern, flags), before in zip(PATTERNS, first, strict=True):
        again = regex_cache.compiled(pattern, flags)
        same(again, before)
        same(again, re.compile(pattern, flags))


def test_inside_the_block_re_compile_goes_through_the_cache(fresh_cache: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = r"(?P<n>\d+) (?:apples|pears) in cache test"  # not in re's own cache yet
    with regex_cache.cached_compiles():
        first = re.compile(pattern)
    next_process(monkeypatch)
    re.purge()
    with regex_cache.cached_compiles(), regex_cache.cached_compiles():  # nested: one hook
        same(re.compile(pattern), first)
    re.purge()
    with pytest.raises(re.error):
        re.compile("(unclosed")  # outside the block: re as it was
    assert re.compile(pattern).match("3 pears in cache test")


def test_date_rules_from_the_cache_find_the_same_dates(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Since 2011 it has grown; last year it shrank. On Monday, March 3, 2014, from 5 to 7 May "
            "and in the 1990s, two weeks ago, Q3 2019.")
    names = tuple(name for name, _ in date_scan._FORMS)
    fresh = date_scan._master(list(names))
    next_process(monkeypatch)
    cached = date_scan._master(list(names))
    assert [(m.lastgroup, m.span()) for m in cached.finditer(text)] == [
        (m.lastgroup, m.span()) for m in fresh.finditer(text)]
    assert cached.groupindex == fresh.groupindex


def test_a_damaged_or_missing_cache_file_only_costs_a_compile(fresh_cache: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.cache_file().write_bytes(b"\x00not marshal data")
    same(regex_cache.compiled(*PATTERNS[0]), re.compile(*PATTERNS[0]))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(fresh_cache / "missing" / "deeper"))
    monkeypatch.setattr(regex_cache, "_entries", None)
    same(regex_cache.compiled(*PATTERNS[1]), re.compile(*PATTERNS[1]))
    regex_cache.save()  # creates the folder
    assert regex_cache.cache_file().is_file()


def test_a_python_whose_private_compiler_differs_still_compiles(fresh_cache: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache reads ``re``'s private compiler; where that differs (another Python), patterns are
    compiled as ``re`` compiles them, only not kept."""

    class OtherCompiler:  # no ``_code``, no ``_parser``
        compile = staticmethod(regex_cache._compile)

    monkeypatch.setattr(regex_cache, "_compiler", OtherCompiler())
    for pattern, flags in PATTERNS:
        built = regex_cache.compiled(pattern, flags)
        assert [m.group(0) for t in TEXTS for m in built.finditer(t)] == \
            [m.group(0) for t in TEXTS for m in re.compile(pattern, flags).finditer(t)]
    regex_cache.save()
    assert not list(fresh_cache.iterdir())  # nothing kept
