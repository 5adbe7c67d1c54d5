"""Issue #19: the attack run's reproductions, one test (or a few) per numbered item.

Each reproduction is the attack as input and the expected outcome: a clear one-line error with
the documented exit code, or inert output, and nothing else lost. The numbers in the test names
are the issue's (e.g. ``test_01_...`` is reproduction 1).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from briefing.build import build
from briefing.errors import TemplateError
from briefing.render.html import CSP, CSP_META
from briefing.serve import serve_in_thread
from briefing.spec import parse_spec

from .brief_fixtures import make_store

BUILT = "2024-02-01"
BUILTIN_DOCUMENT = (Path(__file__).resolve().parents[1] / "templates" / "base" / "document.html.j2").read_text(
    encoding="utf-8")


def brief(*args: str, cwd: Path, env: dict[str, str] | None = None, user: str | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point (stderr as a user sees it)."""
    cmd = [sys.executable, "-c", "from briefing.cli import main; main()", *args]
    if user:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    """The run's stderr, asserted to be one ``brief: ...`` line and no traceback."""
    err = proc.stderr.strip()
    assert "Traceback" not in err, err
    assert err.startswith("brief: ") and "\n" not in err, err
    return err


def _build_with(tmp_path: Path, files: dict[str, str], formats: str = "md, html") -> Path:
    user = tmp_path / "tpl"
    user.mkdir(exist_ok=True)
    for name, text in files.items():
        (user / name).parent.mkdir(parents=True, exist_ok=True)
        (user / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    with make_store(tmp_path / "c.db") as st:
        build(parse_spec(f"title: t\nformats: [{formats}]\noutput: t\n", "t.yaml"), st, out,
              template_dirs=(user,), built=BUILT)
    return out


# --------------------------------------------------------------------------- 1, 2: script in readers' browsers


@pytest.mark.parametrize("payload", [
    "<!--><img src=x onerror=alert(1)>-->",
    "<!-- x --!><img src=x onerror=alert(1)>-->",
    "<style>p{}</style x><img src=x onerror=alert(1)>",
    "<title>x</title x><svg><script>alert(1)</script></svg>",
    "<p title='</p><img src=x onerror=alert(1)>'>ok</p><!-- --><img src=x onerror=alert(1)>",
])
def test_01_markup_browsers_read_as_script_fails_the_brief(tmp_path: Path, payload: str) -> None:
    document = BUILTIN_DOCUMENT.replace("<main>", f"<main>{payload}")
    with pytest.raises(TemplateError, match="active content") as info:
        _build_with(tmp_path, {"document.html.j2": document})
    assert "document.html.j2" in str(info.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("name", "text"), [
    ("style.css", r"body { background: u\72l(http://127.0.0.1:9/x) }"),
    ("style.css", r"body { background: \75 rl(http://127.0.0.1:9/x) }"),
    ("style.css", 'body { background: image-set("http://127.0.0.1:9/x.png" 1x) }'),
    ("style.css", 'body { background: -webkit-image-set("x.png" 1x) }'),
    ("style.css", '@font-face { font-family: x; src: local(x), "http://127.0.0.1:9/f.woff" }'),
    ("style.css", '@IMPORT "http://127.0.0.1:9/x.css";'),
    ("style.css", "p { color: red } /* */ p { background: url(data:image/png;base64,AAAA) }"),
    ("document.html.j2", BUILTIN_DOCUMENT.replace(
        "<main>", '<main><p style="background:u&#x72;l(http://127.0.0.1:9/x)">x</p>')),
    ("document.html.j2", BUILTIN_DOCUMENT.replace(
        "<main>", r'<main><p style="background:u\72l(http://127.0.0.1:9/x)">x</p>')),
])
def test_02_css_that_fetches_fails_the_brief(tmp_path: Path, name: str, text: str) -> None:
    with pytest.raises(TemplateError, match="active content") as info:
        _build_with(tmp_path, {name: text})
    assert name in str(info.value)


def test_01_every_report_carries_a_strict_csp(tmp_path: Path) -> None:
    out = _build_with(tmp_path, {})
    html = (out / "t.html").read_text(encoding="utf-8")
    import tinyhtml5

    head = tinyhtml5.parse(html).find("{http://www.w3.org/1999/xhtml}head")
    assert head is not None
    first = head[0]
    assert first.get("http-equiv") == "Content-Security-Policy" and "default-src 'none'" in first.get("content")
    assert "script-src" not in CSP and "unsafe-inline" not in CSP.replace("style-src 'unsafe-inline'", "")


def _get(url: str) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 (loopback only)
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, b"", dict(exc.headers)


def test_01_preview_runs_only_its_own_reload_script(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "b.html").write_text(f"<!DOCTYPE html>\n{CSP_META}\n<html><body>hi</body></html>", encoding="utf-8")
    server, url = serve_in_thread(reports)
    try:
        _, body1, headers1 = _get(url + "b.html")
        _, body2, headers2 = _get(url + "b.html")
    finally:
        server.shutdown()
        server.server_close()
    policy = headers1["Content-Security-Policy"]
    assert "unsafe-inline" not in policy.replace("style-src 'unsafe-inline'", "")
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">'.encode() in body1
    assert policy != headers2["Content-Security-Policy"], "a fresh nonce per response"
    assert CSP_META.encode() not in body1  # the report's own no-script policy gives way to the header


# --------------------------------------------------------------------------- 19, 20: the preview server


def test_19_preview_refuses_symlinks_leading_out_of_its_folder(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (tmp_path / "secret.txt").write_text("root:x:0:0", encoding="utf-8")
    (reports / "passwd").symlink_to("/etc/passwd")
    (reports / "secret.html").symlink_to(tmp_path / "secret.txt")
    (reports / "sub").symlink_to(tmp_path)
    (reports / "ok.md").write_text("fine", encoding="utf-8")
    (reports / "alias.md").symlink_to(reports / "ok.md")
    server, url = serve_in_thread(reports)
    try:
        for path in ("passwd", "secret.html", "sub/secret.txt", "sub/"):
            status, body, _ = _get(url + path)
            assert status == 404 and b"root:" not in body, path
        assert _get(url + "alias.md")[:2] == (200, b"fine")  # a link inside the folder is fine
    finally:
        server.shutdown()
        server.server_close()


def test_20_preview_drops_idle_connections(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import serve

    monkeypatch.setattr(serve.ReportHandler, "timeout", 0.5)
    (tmp_path / "r").mkdir()
    server, url = serve_in_thread(tmp_path / "r")
    host, port = server.server_address[:2]
    idle = [socket.create_connection((str(host), int(port))) for _ in range(50)]
    try:
        for s in idle:
            s.sendall(b"GET / HTTP/1.1\r\n")  # half a request, then silence
        deadline = time.monotonic() + 10
        closed = 0
        while time.monotonic() < deadline and closed < len(idle):
            closed = 0
            for s in idle:
                s.settimeout(0.05)
                try:
                    closed += s.recv(1) == b""
                except TimeoutError:
                    pass
                except OSError:
                    closed += 1
        assert closed == len(idle), f"{len(idle) - closed} idle connections still held"
        assert _get(url)[0] == 200  # and the server still answers
    finally:
        for s in idle:
            s.close()
        server.shutdown()
        server.server_close()
