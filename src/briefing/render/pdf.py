"""HTML -> PDF with WeasyPrint, which may fetch nothing but ``data:`` URLs and our own assets.

WeasyPrint is imported here only, and only when a PDF is wanted (``brief --help`` stays fast).
Nothing user-influenced is passed as ``attachments``, ``stylesheets`` or ``xmp_metadata``.

    >>> fetcher = safe_fetcher()
    >>> fetcher("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: refused to fetch file:///etc/passwd
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..errors import BriefingError

ASSETS = Path(__file__).resolve().parent.parent / "assets"
MAX_DATA_URL = 2_000_000


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


def render_pdf(html: str, refused: list[str] | None = None) -> bytes:
    """The PDF bytes of ``html``; URLs outside the allow-list are refused (and listed in ``refused``)."""
    import weasyprint

    log = logging.getLogger("weasyprint")
    level = log.level
    log.setLevel(logging.ERROR)  # refused URLs are reported by the caller, not as log noise
    try:
        document = weasyprint.HTML(string=html, base_url=ASSETS.as_uri() + "/",
                                   url_fetcher=safe_fetcher(refused))
        pdf = document.write_pdf()
    except Exception as exc:  # WeasyPrint errors are not user errors we can point at a line
        raise BriefingError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from exc
    finally:
        log.setLevel(level)
    assert isinstance(pdf, bytes)
    return pdf
