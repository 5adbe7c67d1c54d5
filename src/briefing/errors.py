"""Exceptions and the exit codes the CLI maps them to.

Exit codes are part of the CLI's contract (documented in README.md):

====  ==========================================================
0     success
1     some inputs failed (others were processed) / a brief failed
2     usage error: bad option, missing file, invalid spec or config
3     nothing could be done (every input failed, build refused)
4     another run holds the lock (after ``--wait`` expired)
====  ==========================================================
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_FAILED = 3
EXIT_LOCKED = 4


class BriefingError(Exception):
    """An error with a message meant for the user (no traceback is shown)."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.message = message  # without the file and line (JSON errors give those apart)
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")


class InputError(BriefingError):
    """One input file (or one line of it) cannot be ingested."""

    exit_code = EXIT_PARTIAL


class SpecError(BriefingError):
    """A brief spec, config file or people file is invalid."""

    exit_code = EXIT_USAGE


class TemplateError(BriefingError):
    """A template is missing, broken or unsafe."""

    exit_code = EXIT_FAILED


class VerificationError(BriefingError):
    """A brief cites a quote or source that its store cannot back."""

    exit_code = EXIT_FAILED


class LockedError(BriefingError):
    """Another run holds the store's lock."""

    exit_code = EXIT_LOCKED


class StoreError(BriefingError):
    """The store cannot be opened, written or read (permissions, full disk, damage)."""

    exit_code = EXIT_FAILED


def user_error(exc: BaseException, store: str | None = None) -> BriefingError | None:
    """The one-line error a user should see for ``exc``, or None for a bug (a traceback).

    The CLI's single error path: besides :class:`BriefingError`, what the system or the input
    can cause — a database or file-system error, input nested too deeply, memory exhausted,
    an invalid value — becomes one line with an exit code. A database error that suggests
    damage runs ``PRAGMA quick_check`` on ``store`` and says what it found::

        >>> str(user_error(OSError(28, "No space left on device", "reports/a.md")))
        'reports/a.md: disk full (No space left on device)'
        >>> user_error(KeyError("x")) is None
        True
    """
    import sqlite3

    if isinstance(exc, BriefingError):
        cause = exc.__cause__
        # "cannot open store: database disk image is malformed": say what the check finds.
        if isinstance(cause, sqlite3.Error) and _suggests_damage(cause):
            return _database_error(cause, store or exc.path)
        return exc
    if isinstance(exc, sqlite3.Error):
        return _database_error(exc, store)
    if isinstance(exc, OSError):
        return _os_error(exc)
    if isinstance(exc, RecursionError):
        return BriefingError("input nested too deeply to process (recursion limit)")
    if isinstance(exc, MemoryError):
        return BriefingError("out of memory")
    if isinstance(exc, UnicodeError):
        return InputError(f"text that is not valid Unicode: {exc}")
    if isinstance(exc, ValueError):
        return SpecError(f"invalid value: {exc}")
    return None


def _os_error(exc: OSError) -> BriefingError:
    import errno

    reason = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded", errno.EACCES: "permission denied",
              errno.EPERM: "not permitted", errno.EROFS: "read-only file system"}.get(exc.errno or 0, "cannot access")
    detail = f" ({exc.strerror})" if exc.strerror else f": {exc}"
    path = exc.filename if isinstance(exc.filename, str) else None
    return StoreError(f"{reason}{detail}", path=path)


def _suggests_damage(exc: BaseException) -> bool:
    text = str(exc)
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _database_error(exc: BaseException, store: str | None) -> BriefingError:
    text = str(exc)
    if not _suggests_damage(exc):
        if "readonly" in text or "unable to open" in text:
            return StoreError(f"cannot write to the store ({text}); check its permissions", path=store)
        if "disk is full" in text or "disk I/O" in text:
            return StoreError(f"the store could not be written ({text}); is the disk full?", path=store)
        return StoreError(f"database error: {text}", path=store)
    from .store.check import quick_check

    verdict = quick_check(store) if store else None
    found = f"; PRAGMA quick_check: {verdict}" if verdict else ""
    return StoreError(f"the store is damaged ({text}{found}); restore it from a backup or ingest into "
                      "a new store", path=store)
