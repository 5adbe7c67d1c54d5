"""`brief serve`: localhost preview with live reload; files outside the folder are not served."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from briefing.serve import serve_in_thread


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 (loopback only)
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.fixture
def served(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "brief.html").write_text("<html><body><h1>Brief</h1></body></html>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("do not serve", encoding="utf-8")
    server, url = serve_in_thread(reports)
    yield reports, url
    server.shutdown()
    server.server_close()


def test_html_gets_reload_script_and_version_changes(served):
    reports, url = served
    assert url.startswith("http://127.0.0.1:")
    status, body = get(url + "brief.html")
    assert status == 200 and b"<h1>Brief</h1>" in body and b"/__version" in body
    assert b"__version" not in (reports / "brief.html").read_bytes(), "the file on disk is untouched"
    _, v1 = get(url + "__version")
    (reports / "brief.html").write_text("<html><body><h1>Brief v2</h1></body></html>", encoding="utf-8")
    _, v2 = get(url + "__version")
    assert v1 != v2
    status, index = get(url)
    assert status == 200 and b"brief.html" in index


def test_nothing_outside_the_folder_is_served(served):
    _reports, url = served
    for path in ("../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt"):
        status, body = get(url + path)
        assert b"do not serve" not in body


def _read_until(proc, needle: str, timeout: float = 60.0) -> str:
    import selectors
    import time

    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    seen = ""
    deadline = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < deadline:
        if sel.select(timeout=0.5):
            line = proc.stdout.readline()
            if not line:
                break
            seen += line
    return seen


def _brief(*args: str, cwd) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from briefing.cli import main; main()", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def test_serve_command_serves_the_folder(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "x.html").write_text("<html><body>hello</body></html>", encoding="utf-8")
    proc = _brief("serve", str(tmp_path / "r"), "--port", "0", cwd=tmp_path)
    try:
        out = _read_until(proc, "serving")
        url = out.split(" at ")[1].split()[0]
        status, body = get(url + "x.html")
        assert status == 200 and b"hello" in body and b"__version" in body
    finally:
        proc.kill()
        proc.wait()


def test_watch_rebuilds_when_a_spec_changes(tmp_path, seeds_dir):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text((seeds_dir / "003_a4cb8ebfcc55111e.txt").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    (tmp_path / "briefs").mkdir()
    spec = tmp_path / "briefs" / "w.yaml"
    spec.write_text("title: Watched\nsections: [cover, timeline]\nformats: [md]\n", encoding="utf-8")
    (tmp_path / "briefing.toml").write_text('corpus = ["corpus"]\nbriefs = ["briefs/*.yaml"]\n', encoding="utf-8")
    proc = _brief("watch", "--format", "md", cwd=tmp_path)
    try:
        first = _read_until(proc, "watching")
        assert "built" in first and "briefs/w.yaml" in first
        import time

        time.sleep(2)  # the watcher starts right after it says so
        spec.write_text("title: Watched again\nsections: [cover, timeline]\nformats: [md]\n", encoding="utf-8")
        again = _read_until(proc, "built")
        assert "built" in again
        assert "Watched again" in (tmp_path / "reports" / "w.md").read_text(encoding="utf-8")
    finally:
        proc.kill()
        proc.wait()
