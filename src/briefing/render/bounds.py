"""Bounds on what a (user) template may allocate: sizes of ``*`` / ``**`` results, memory.

The sandbox's output cap counts characters as they stream out, but ``{{ 'a' * 10**9 }}``
allocates a gigabyte before the first one does. :func:`check_binop` refuses such products
before they are computed; :func:`memory_cap` bounds what is left (string methods, filters,
lists built in loops) with ``RLIMIT_AS`` while the brief renders::

    >>> check_binop("*", "ab", 3)
    >>> check_binop("*", "ab", 10**9)
    Traceback (most recent call last):
    ...
    jinja2.exceptions.SecurityError: result of * too large: 2,000,000,000 items (limit 20,000,000)
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sized
from contextlib import contextmanager
from typing import Any

from jinja2.exceptions import SecurityError

MAX_ITEMS = 20_000_000  # a string or list made by ``*``: the same as a template's output cap
MAX_POWER_BITS = 1 << 16  # ``**`` results beyond 65,536 bits (about 20,000 digits)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Raise :class:`SecurityError` if ``left <operator> right`` would be oversized."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, Sized) and isinstance(times, int) and not isinstance(times, bool):
                size = len(seq) * times
                if size > MAX_ITEMS:
                    raise SecurityError(f"result of * too large: {size:,} items (limit {MAX_ITEMS:,})")
    elif operator == "**" and isinstance(left, int | float) and isinstance(right, int | float):
        base = abs(left)
        if base > 1 and right > 0 and right * math.log2(base) > MAX_POWER_BITS:
            raise SecurityError(f"result of ** too large: about {right * math.log2(base):,.0f} bits "
                                f"(limit {MAX_POWER_BITS:,})")


def _address_space() -> int:
    """This process's virtual size in bytes (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@contextmanager
def memory_cap(megabytes: int) -> Iterator[None]:
    """Let the body grow this process by at most ``megabytes`` of address space (then an
    allocation raises ``MemoryError``); the previous limit is restored after. A no-op for 0,
    or where ``RLIMIT_AS`` or ``/proc`` is missing.

        >>> with memory_cap(64):
        ...     try:
        ...         block = bytearray(256 * 1024 * 1024)
        ...     except MemoryError:
        ...         print("refused")
        refused
    """
    try:
        import resource
    except ImportError:  # not POSIX
        yield
        return
    current = _address_space()
    if megabytes <= 0 or current == 0:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = current + megabytes * 1024 * 1024
    for limit in (soft, hard):
        if limit != resource.RLIM_INFINITY:
            cap = min(cap, limit)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
