"""Child processes die with their parent: a run killed with ``kill -9`` leaves nothing behind.

Used by the ingest/extract worker pool and the PDF renderer (both forked)::

    >>> die_with_parent()  # harmless in the parent itself: it only arms a signal for this process
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Linux: ask the kernel to SIGKILL this process when the thread that forked it dies.

    ``parent`` is the pid expected as parent: if it died before the call (the race the
    kernel's flag cannot cover), this process exits at once.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent:
        os._exit(1)
