"""Build-time checks: quotes against their stored source text, citations against the sources.

A brief is written only after these pass, all its formats together (see
:func:`write_all_atomic`), so a failure leaves the previous reports in place rather than half
of a new one::

    >>> from briefing.select import BriefContext
    >>> ctx = BriefContext(title="T", subtitle=None, audience="a", built="", period="", sections=())
    >>> verify(ctx, {}, {"md": "no citations here"})
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import VerificationError
from ..models import Document
from ..select import BriefContext, QuoteItem

_CITATION = re.compile(r"\(#src-(\d+)")
_HTML_CITATION = re.compile(r'href="#src-(\d+)"')


def verify(ctx: BriefContext, documents: Mapping[str, Document], outputs: Mapping[str, str]) -> None:
    """Raise :class:`VerificationError` on the first quote or citation the store cannot back."""
    by_number = {s.number: s for s in ctx.sources}
    for item in ctx.cited_items():
        kind = "quote" if isinstance(item, QuoteItem) else "fact"
        doc = documents.get(item.doc_id)
        if doc is None:
            raise VerificationError(f"{kind} {item.fact_id} cites a document that is not in the store")
        start, end = item.span
        if doc.text[start:end] != item.evidence:
            raise VerificationError(f"{kind} {item.fact_id} does not match its source text "
                                    f"({doc.file}, characters {start}-{end}): {item.evidence[:60]!r}")
        source = by_number.get(item.source)
        if source is None or source.doc_id != item.doc_id:
            raise VerificationError(f"{kind} {item.fact_id} cites source [{item.source}], "
                                    f"which is not its document {doc.file}")
    for fmt, text in outputs.items():
        pattern = _HTML_CITATION if fmt == "html" else _CITATION
        for m in pattern.finditer(text):
            if int(m.group(1)) not in by_number:
                raise VerificationError(f"the {fmt} report cites source [{m.group(1)}], which is not in "
                                        f"its list of {len(by_number)} sources")


def write_all_atomic(files: Mapping[Path, bytes]) -> None:
    """Write every file, or none: all go to temporary files first (written and synced), and
    only when every one succeeded are they renamed into place.

    The formats of one brief are replaced together: a full disk or a permission error while
    writing the PDF leaves the previous ``.md``, ``.html`` and ``.pdf`` as they were, and no
    temporary file behind.
    """
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            temps.append((_write_temp(path, data), path))
        for tmp, path in temps:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _path in temps:
            Path(tmp).unlink(missing_ok=True)
        raise
    for folder in {path.parent for path in files}:
        _sync_folder(folder)


def _write_temp(path: Path, data: bytes) -> str:
    """A synced temporary copy of ``data`` beside ``path`` (removed again if writing fails)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # name the report, not a temporary file
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        # mkstemp makes the file private (0600); a report should get the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
