"""One run at a time per store: an OS-level file lock (released by the kernel if the process dies).

    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "c.db"
    >>> with store_lock(db):
    ...     pass
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import LockedError


def lock_path(store: Path) -> Path:
    return store.with_name(store.name + ".lock")


@contextmanager
def lock_if_free(store: Path) -> Iterator[bool]:
    """Hold the store's lock if no run holds it now (True), else False at once: for the early
    answer of :mod:`briefing.noop`, which leaves waiting to the full run. The same ``flock``
    on the same file as :func:`store_lock`."""
    import fcntl
    import os

    fd = os.open(lock_path(store), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held by another run (or no flock here): the full run decides
            yield False
            return
        yield True  # closing the file releases the lock
    finally:
        os.close(fd)


@contextmanager
def store_lock(store: Path | str, wait: float = 0.0) -> Iterator[None]:
    """Hold the store's lock; wait up to ``wait`` seconds for another run, then raise LockedError.

    An exclusive ``fcntl.flock`` on the lock file (what filelock took, without loading it: that
    cost ~0.02 s CPU of every run): a run killed with SIGKILL leaves no stale lock, because the
    kernel drops the lock with the process's file descriptors. Not re-entrant: a second hold in
    one process is another run.
    """
    if str(store).startswith(("postgresql://", "postgres://")):  # a server: its advisory lock
        from .store.postgres import advisory_lock

        with advisory_lock(str(store), wait):
            yield
        return
    import fcntl
    import os
    import time

    path = lock_path(Path(store))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:  # another run holds it
                if time.monotonic() >= deadline:
                    raise LockedError(
                        f"another brief run holds the lock{f' (waited {wait:g}s)' if wait else ''}; "
                        "try again later or pass --wait SECONDS",
                        path=str(path),
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock
