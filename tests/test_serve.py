"""`brief serve`: localhost preview with live reload; files outside the folder are not served."""

from __future__ import annotations

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
