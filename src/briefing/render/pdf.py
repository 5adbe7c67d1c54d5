"""HTML -> PDF with WeasyPrint: nothing fetched, and bounded in time and memory.

WeasyPrint is imported here only, and only when a PDF is wanted (``brief --help`` stays fast).
It may fetch nothing but ``data:`` URLs and our own assets (:func:`safe_fetcher`); nothing
user-influenced is passed as ``attachments``, ``stylesheets`` or ``xmp_metadata``.

Each PDF is rendered in a forked child process under ``RLIMIT_AS`` and a wall-clock timeout
(:class:`PdfLimits`), so a brief whose layout explodes fails alone, with a clear message,
instead of hanging or exhausting a scheduled build. Forking after WeasyPrint is imported in
the parent keeps this cheap (a few milliseconds per PDF).

    >>> fetcher = safe_fetcher()
    >>> fetcher("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: refused to fetch file:///etc/passwd
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..errors import BriefingError

ASSETS = Path(__file__).resolve().parent.parent / "assets"
MAX_DATA_URL = 2_000_000
DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = 2048


@dataclass(frozen=True)
class PdfLimits:
    """Wall-clock seconds and memory (MB of address space, like ``ulimit -v``) for one PDF.

    The memory limit covers the whole rendering process, which starts as a fork of the caller
    (Python, WeasyPrint and the store already loaded: typically 150-300 MB). ``0`` disables a
    limit. Without ``fork`` (Windows) the PDF is rendered in-process, unbounded.
    """

    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB

    def describe(self) -> str:
        return f"{self.timeout:g} s / {self.memory_mb:,} MB"


def safe_fetcher(refused: list[str] | None = None) -> Any:
    """A ``weasyprint.urls.URLFetcher`` that allows only ``data:`` URLs and files in :data:`ASSETS`."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=1)

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data" and len(url) <= MAX_DATA_URL:
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path.is_file() and ASSETS in path.parents:
                    return URLFetcherResponse(url, path.read_bytes())
            if refused is not None:
                refused.append(url[:200])
            raise ValueError(f"refused to fetch {url[:200]}")

        def open(self, url: Any, data: Any = None, timeout: Any = None) -> Any:
            # Redirects and every other urllib path go through fetch(), never around it.
            return self.fetch(url if isinstance(url, str) else url.full_url)

    return SafeFetcher()


def _render(html: str, refused: list[str] | None) -> bytes:
    """The PDF bytes of ``html``, in this process, with no limits."""
    import weasyprint

    log = logging.getLogger("weasyprint")
    level = log.level
    log.setLevel(logging.ERROR)  # refused URLs are reported by the caller, not as log noise
    try:
        document = weasyprint.HTML(string=html, base_url=ASSETS.as_uri() + "/",
                                   url_fetcher=safe_fetcher(refused))
        pdf = document.write_pdf()
    except MemoryError:
        raise
    except Exception as exc:  # WeasyPrint errors are not user errors we can point at a line
        raise BriefingError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from exc
    finally:
        log.setLevel(level)
    assert isinstance(pdf, bytes)
    return pdf


def _address_space() -> int:
    """This process's current virtual size in bytes (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(html_in: Any, result_out: Any, memory_mb: int, parent_ends: tuple[Any, ...] = ()) -> None:
    """Runs in the forked child: load WeasyPrint, wait for the HTML, cap the address space,
    render, send back the outcome."""
    import resource

    from ..children import die_with_parent

    die_with_parent()
    for end in parent_ends:
        # The fork copied the parent's ends of the pipes; holding them would keep a write to
        # a dead parent blocked forever instead of failing.
        end.close()
    import weasyprint  # noqa: F401  (loaded while the parent is still selecting and rendering)

    try:
        html = html_in.recv()
    except (EOFError, OSError):
        return  # the build stopped before it had HTML to render
    cap = memory_mb * 1024 * 1024
    if cap > 0:
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard < 0 else min(cap, hard), hard))
    refused: list[str] = []
    try:
        pdf = _render(html, refused)
        result_out.send(("ok", pdf, refused))
    except MemoryError:
        result_out.send(("memory", None, refused))
    except BaseException as exc:  # reported to the parent, never a traceback on the console
        # C extensions that fail to allocate often raise something else (SystemError ...).
        near_cap = cap > 0 and _address_space() > cap - 32 * 1024 * 1024
        message = str(exc) if isinstance(exc, BriefingError) else f"PDF rendering failed: {type(exc).__name__}: {exc}"
        result_out.send(("memory", None, refused) if near_cap else ("error", message, refused))
    finally:
        result_out.close()


class PdfRenderer:
    """A renderer process started ahead of the HTML.

    It loads WeasyPrint (a second or so) on the other core while the build selects facts and
    renders the Markdown and HTML, then renders the HTML it is given, bounded by ``limits``.
    Use as a context manager; leaving it stops the process.
    """

    def __init__(self, limits: PdfLimits | None = None) -> None:
        import multiprocessing

        self.limits = limits or PdfLimits()
        ctx = multiprocessing.get_context("fork")
        html_in, self._html_out = ctx.Pipe(duplex=False)
        self._result_in, result_out = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_child, daemon=True, args=(
            html_in, result_out, self.limits.memory_mb, (self._html_out, self._result_in)))
        self._proc.start()
        html_in.close()
        result_out.close()

    def __enter__(self) -> PdfRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._html_out.close()
        self._result_in.close()
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()

    def render(self, html: str, refused: list[str] | None = None) -> bytes:
        """The PDF bytes of ``html`` (once per renderer)."""
        limits, proc = self.limits, self._proc
        try:
            self._html_out.send(html)
            if not self._result_in.poll(limits.timeout if limits.timeout > 0 else None):
                raise BriefingError(f"PDF rendering exceeded {limits.timeout:g} s (limit pdf_timeout)")
            status, payload, child_refused = self._result_in.recv()
        except (EOFError, OSError, BrokenPipeError):
            proc.join(5)
            raise BriefingError(f"PDF rendering exceeded {limits.memory_mb:,} MB or crashed "
                                f"(exit code {proc.exitcode}; limit pdf_memory_mb)") from None
        finally:
            self.close()
        if refused is not None:
            refused.extend(child_refused)
        if status == "memory":
            raise BriefingError(f"PDF rendering exceeded {limits.memory_mb:,} MB (limit pdf_memory_mb)")
        if status == "error":
            raise BriefingError(payload)
        assert isinstance(payload, bytes)
        return payload


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


def render_pdf(html: str, refused: list[str] | None = None, limits: PdfLimits | None = None,
               renderer: PdfRenderer | None = None) -> bytes:
    """The PDF bytes of ``html``; URLs outside the allow-list are refused (and listed in ``refused``).

    Rendering runs in a forked child bounded by ``limits`` (``renderer``, when one was started
    ahead); going over either limit raises :class:`BriefingError` ("PDF rendering exceeded
    120 s ...").
    """
    if renderer is not None:
        return renderer.render(html, refused)
    if not can_fork():
        return _render(html, refused)
    with PdfRenderer(limits) as fresh:
        return fresh.render(html, refused)
