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
