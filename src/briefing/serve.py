"""A preview server for the HTML reports, with live reload after each rebuild.

Only for previewing templates on one's own machine: it binds to localhost by default,
serves files from the reports folder only, and adds a tiny reload script to the HTML it
sends (never to the files on disk). The script polls ``/__version``, which changes whenever
a file in the folder changes.
"""

from __future__ import annotations

import hashlib
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .preview import failure_banner, index_page

RELOAD_SCRIPT = b"""<script>(function(){var v=null;setInterval(function(){fetch('/__version',{cache:'no-store'})
.then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t})
.catch(function(){})},1000)})();</script>"""


def folder_version(directory: Path) -> str:
    """A digest of names, sizes and modification times of the reports (cheap; no reads)."""
    h = hashlib.sha256()
    for p in sorted(directory.glob("*")):
        if p.is_file():
            st = p.stat()
            h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


class ReportHandler(SimpleHTTPRequestHandler):
    """Static files from one folder; HTML gets the reload script; ``/`` lists the reports."""

    directory_path: Path

    def __init__(self, *args: object, directory: str, **kwargs: object) -> None:
        self.directory_path = Path(directory)
        super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:  # quiet by default
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == "/favicon.ico" and not (self.directory_path / "favicon.ico").is_file():
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")  # no 404 in the page's console
            return
        if path == "/__version":
            self._send(HTTPStatus.OK, folder_version(self.directory_path).encode(), "text/plain")
            return
        if path in ("/", "/index.html") and not (self.directory_path / "index.html").exists():
            self._send(HTTPStatus.OK, self._index(), "text/html; charset=utf-8")
            return
        if path.endswith(".html"):
            target = Path(self.translate_path(path))
            if target.is_file() and self.directory_path.resolve() in target.resolve().parents:
                body = _with_banner(target.read_bytes(), failure_banner(self.directory_path, target.name))
                marker = body.lower().rfind(b"</body>")
                body = body[:marker] + RELOAD_SCRIPT + body[marker:] if marker >= 0 else body + RELOAD_SCRIPT
                self._send(HTTPStatus.OK, body, "text/html; charset=utf-8")
                return
        super().do_GET()

    def _index(self) -> bytes:
        return index_page(self.directory_path) + RELOAD_SCRIPT

    def _send(self, status: HTTPStatus, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", "default-src 'self' data: 'unsafe-inline'")
        self.end_headers()
        self.wfile.write(body)


def _with_banner(page: bytes, banner: bytes) -> bytes:
    """``page`` with ``banner`` right after its ``<body>`` tag (or first, without one)."""
    if not banner:
        return page
    start = page.lower().find(b"<body")
    end = page.find(b">", start) + 1 if start >= 0 else 0
    return page[:end] + banner + page[end:]


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    directory.mkdir(parents=True, exist_ok=True)
    handler = partial(ReportHandler, directory=str(directory))
    return ThreadingHTTPServer((host, port), handler)


def serve_in_thread(directory: Path, host: str = "127.0.0.1", port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a daemon thread (for ``brief watch --serve`` and tests); returns its URL."""
    server = make_server(directory, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host_name, bound_port = server.server_address[:2]
    return server, f"http://{host_name!s}:{bound_port}/"
