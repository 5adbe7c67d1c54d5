"""A preview server for the HTML reports, with live reload after each rebuild.

Only for previewing templates on one's own machine: it binds to localhost by default,
serves files from the reports folder only (a symlink leading out of it is not followed),
drops connections idle for :data:`IDLE_TIMEOUT` seconds, and adds a tiny reload script to the
HTML it sends (never to the files on disk). The script polls ``/__version``, which changes
whenever a file in the folder changes. It runs by a per-response nonce: the report's own
policy (no script at all) is replaced by :func:`preview_csp`, which allows that one script.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .preview import failure_banner, index_page
from .render.html import CSP, CSP_META

IDLE_TIMEOUT = 10.0  # seconds a connection may sit without sending a request
RELOAD_SCRIPT = b"""<script nonce="{nonce}">(function(){var v=null;setInterval(function(){fetch('/__version',{cache:'no-store'})
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

    timeout = IDLE_TIMEOUT  # socket timeout: a half-open connection frees its thread
    _nonce = ""

    def _inside(self, target: Path) -> bool:
        """Whether ``target`` (symlinks resolved) lies inside the served folder."""
        root = os.path.realpath(self.directory_path)
        return os.path.commonpath([root, os.path.realpath(target)]) == root

    def send_head(self) -> Any:
        if not self._inside(Path(self.translate_path(self.path))):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        return super().send_head()

    def do_GET(self) -> None:
        self._nonce = secrets.token_urlsafe(16)
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
            if target.is_file() and self._inside(target):
                page = target.read_bytes().replace(CSP_META.encode(), b"", 1)
                body = _with_banner(page, failure_banner(self.directory_path, target.name))
                script = self._reload_script()
                marker = body.lower().rfind(b"</body>")
                body = body[:marker] + script + body[marker:] if marker >= 0 else body + script
                self._send(HTTPStatus.OK, body, "text/html; charset=utf-8")
                return
        super().do_GET()

    def _index(self) -> bytes:
        return index_page(self.directory_path) + self._reload_script()

    def _reload_script(self) -> bytes:
        return RELOAD_SCRIPT.replace(b"{nonce}", self._nonce.encode())

    def end_headers(self) -> None:
        # Every response, files and errors included, carries the policy.
        self.send_header("Content-Security-Policy", preview_csp(self._nonce))
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def _send(self, status: HTTPStatus, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _with_banner(page: bytes, banner: bytes) -> bytes:
    """``page`` with ``banner`` right after its ``<body>`` tag (or first, without one)."""
    if not banner:
        return page
    start = page.lower().find(b"<body")
    end = page.find(b">", start) + 1 if start >= 0 else 0
    return page[:end] + banner + page[end:]


def preview_csp(nonce: str) -> str:
    """The reports' own policy, plus the reload script (by nonce) and its polling of this server."""
    return f"{CSP}; script-src 'nonce-{nonce}'; connect-src 'self'"


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
