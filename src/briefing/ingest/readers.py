"""One reader per input format: a file becomes :class:`RawArticle` records (or input errors).

Readers never raise for a bad input: they yield an :class:`InputError` in its place so that
one bad file (or JSONL line) never stops the others.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..models import RawArticle

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
JSONL_FIELDS = ("title", "published", "url", "outlet", "author")


def shown_path(path: str) -> str:
    """``path`` as text that can be printed and stored: bytes that are not UTF-8 (which
    ``os`` carries as lone surrogates) and control characters are shown as ``\\xff`` escapes.

        >>> shown_path(os.fsdecode(b"corpus/\\xff\\xfe.txt"))
        'corpus/\\\\xff\\\\xfe.txt'
    """
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _NAME_CONTROLS.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


# Control characters in a file name would reach terminals (escape sequences) and reports.
_NAME_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _undecodable(path: str) -> InputError | None:
    """An error for a file name that is not valid UTF-8 or holds control characters (it could
    be neither stored nor shown as it is)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return InputError("file name is not valid UTF-8; rename the file", path=shown_path(path))
    if _NAME_CONTROLS.search(path):
        return InputError("file name holds control characters; rename the file", path=shown_path(path))
    return None


def discover(paths: Iterable[str | Path], skipped: list[str] | None = None) -> Iterator[str | InputError]:
    """Files to ingest, in a stable order: given files as they are, folders recursively.
    Paths come as strings: a no-op run over a large corpus makes no Path object per file.
    Files inside a folder that are not an article format (``report.docx``) are appended to
    ``skipped``, so a run can say what it did not read."""
    for p in paths:
        path = str(p)
        bad_name = _undecodable(path)
        if bad_name:
            yield bad_name
        elif os.path.isdir(path):
            yield from _walk(path, skipped)
        elif os.path.isfile(path):
            yield path
        else:
            yield InputError("no such file or folder", path=path)


def _walk(top: str, skipped: list[str] | None = None) -> Iterator[str | InputError]:
    """Article files under ``top``, sorted, hidden ones skipped (os.scandir: a stat-free walk,
    several times faster than Path.rglob on a folder of ten thousand files)."""
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        is_dir = entry.is_dir(follow_symlinks=False)
        if not is_dir and not (entry.is_file() and os.path.splitext(entry.name)[1].lower() in SUFFIXES):
            if skipped is not None and entry.is_file():
                skipped.append(shown_path(entry.path))
            continue
        # The folder's own path passed this test already: the name alone decides (the error
        # shows the whole path).
        bad_name = _undecodable(entry.name) and _undecodable(entry.path)
        if bad_name:
            yield bad_name
        elif is_dir:
            yield from _walk(entry.path, skipped)
        else:
            yield entry.path


# The format of an HTML page read but not yet reduced to text (see ``read_path``'s ``html_later``).
HTML_PAGE = "html-page"


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES,
              html_later: bool = False) -> Iterator[RawArticle | InputError]:
    """Read one file with the reader its suffix names.

    With ``html_later``, an HTML page comes back as the page itself (format ``html-page``):
    the caller runs :func:`read_html` in a worker process, where the cost of text extraction
    is spread over the cores.
    """
    path = Path(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        yield InputError(f"unsupported file type {path.suffix or '(none)'!r}; expected one of "
                         + ", ".join(sorted(SUFFIXES)), path=str(path))
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)",
                             path=str(path))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=str(path))
        return
    if fmt == "jsonl":
        yield from read_jsonl(path, data)
        return
    try:
        text = decode(data, str(path))
    except InputError as exc:
        yield exc
        return
    if fmt == "html":
        yield RawArticle(path=str(path), raw=text, fmt=HTML_PAGE) if html_later else read_html(path, text)
    else:
        yield RawArticle(path=str(path), raw=text, fmt=fmt)


def decode(data: bytes, where: str, line: int | None = None) -> str:
    """Strict UTF-8 (a BOM is dropped); binary data and bad bytes are input errors."""
    if not data.strip():
        raise InputError("empty file", path=where, line=line)
    head = data[:8192]
    # A stray NUL in scraped text is stripped by cleaning; many of them mean a binary file.
    if head.count(b"\x00") > max(2, len(head) // 100):
        raise InputError("binary file (NUL bytes), not text", path=where, line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid UTF-8 at byte {exc.start}", path=where, line=line) from None
    if not text.strip():
        raise InputError("empty file", path=where, line=line)
    return text


def read_jsonl(path: Path, data: bytes) -> Iterator[RawArticle | InputError]:
    """One article per line: ``text`` required; title, published, url, outlet, author optional."""
    try:
        text = decode(data, str(path))
    except InputError as exc:
        yield exc
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"malformed JSON: {exc.msg} (column {exc.colno})", path=str(path), line=lineno)
            continue
        except RecursionError:
            yield InputError("JSON nested too deeply", path=str(path), line=lineno)
            continue
        if not isinstance(obj, dict):
            yield InputError("expected a JSON object", path=str(path), line=lineno)
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError("missing or empty 'text'", path=str(path), line=lineno)
            continue
        meta = {k: obj[k] for k in JSONL_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()}
        surrogate = next((k for k, v in (("text", body), *meta.items()) if not _encodable(v)), None)
        if surrogate:
            # "\ud800" is valid JSON but not text: it could not be stored or written to a report.
            yield InputError(f"'{surrogate}' holds a lone surrogate (\\ud800-\\udfff), not text",
                             path=str(path), line=lineno)
            continue
        yield RawArticle(path=str(path), raw=body, fmt="jsonl", line=lineno, **meta)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_html(path: Path, html: str) -> RawArticle | InputError:
    """Main text and metadata through trafilatura (the field's reference extractor)."""
    import trafilatura  # heavy: imported only when an HTML file is met

    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return InputError(f"cannot extract article from HTML: {exc}", path=str(path))
    if result is None:
        return InputError("no article text found in HTML", path=str(path))
    get = result.get if isinstance(result, dict) else lambda k: getattr(result, k, None)
    body = get("text") or ""
    if not body.strip():
        return InputError("no article text found in HTML", path=str(path))
    title = get("title")
    # Put the headline on the first line so that HTML and text articles clean alike.
    raw = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return RawArticle(
        path=str(path), raw=raw, fmt="html", title=title, published=get("date"), url=get("url"),
        outlet=get("sitename"), author=get("author"),
    )
