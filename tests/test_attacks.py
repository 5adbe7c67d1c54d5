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
from briefing.packaged import BUILTIN_TEMPLATES
from briefing.render.html import CSP, CSP_META
from briefing.serve import serve_in_thread
from briefing.spec import parse_spec

from .brief_fixtures import make_store

BUILT = "2024-02-01"
BUILTIN_DOCUMENT = (BUILTIN_TEMPLATES / "base" / "document.html.j2").read_text(encoding="utf-8")


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


# --------------------------------------------------------------------------- 3, 4, 5: one bad input stops nothing

GOOD = "Officials met on 6 July 2021 in Hanoi to review the plan, the ministry said."


def _jsonl(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


def _good_line(n: int) -> str:
    import json

    return json.dumps({"text": f"{GOOD} Item {n}.", "title": f"Item {n}"})


def _stored(tmp_path: Path, store: Path) -> int:
    import json

    proc = brief("--store", str(store), "docs", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return len(json.loads(proc.stdout))


def _error_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    lines = proc.stderr.strip().splitlines()
    assert "Traceback" not in proc.stderr, proc.stderr
    assert all(line.startswith("brief: ") for line in lines), proc.stderr
    return lines


@pytest.mark.parametrize(("bad", "message"), [
    ('{"text": ' + "[" * 3000 + "]" * 3000 + "}", "feed.jsonl:2: JSON nested too deeply"),
    ('{"text": "caf\\ud800 text", "title": "x"}', "feed.jsonl:2: 'text' holds a lone surrogate"),
    ('{"text": "fine text here", "author": "\\udfff"}', "feed.jsonl:2: 'author' holds a lone surrogate"),
])
def test_03_04_one_bad_jsonl_line_is_reported_and_the_rest_stored(tmp_path: Path, bad: str, message: str) -> None:
    (tmp_path / "feed.jsonl").write_text(_jsonl(_good_line(1), bad, _good_line(3)), encoding="utf-8")
    store = tmp_path / "c.db"
    proc = brief("--store", str(store), "ingest", "feed.jsonl", "--jobs", "1", cwd=tmp_path)
    assert proc.returncode == 1
    lines = _error_lines(proc)
    assert len(lines) == 1 and message in lines[0], lines
    assert "2 new" in proc.stdout and _stored(tmp_path, store) == 2


def test_03_build_all_still_builds_after_a_bad_line(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "feed.jsonl").write_text(
        _jsonl(_good_line(1), '{"text": ' + "[" * 3000 + "]" * 3000 + "}", '{"text": "\\ud800"}'), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("title: B\nformats: [md]\n", encoding="utf-8")
    (tmp_path / "briefing.toml").write_text('corpus = ["corpus"]\nbriefs = ["b.yaml"]\n', encoding="utf-8")
    proc = brief("build", "--all", "--log", "build.log", cwd=tmp_path)
    assert "Traceback" not in proc.stderr and proc.returncode == 0, proc.stderr
    log = (tmp_path / "build.log").read_text(encoding="utf-8")
    assert "1 new" in log and "2 failed" in log and "nested too deeply" in log and "lone surrogate" in log
    assert "built" in log and (tmp_path / "reports" / "b.md").exists()


def test_05_undecodable_file_name_is_reported_and_the_rest_stored(tmp_path: Path) -> None:
    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(f"Headline\n\n{GOOD}\n", encoding="utf-8")
    bad = os.path.join(os.fsencode(corpus), b"\xff\xfe.txt")
    with open(bad, "wb") as fh:
        fh.write(f"Other\n\n{GOOD} Again.\n".encode())
    os.mkdir(os.path.join(os.fsencode(corpus), b"dir\xff"))
    store = tmp_path / "c.db"
    proc = brief("--store", str(store), "ingest", "corpus", cwd=tmp_path)
    assert proc.returncode == 1
    lines = _error_lines(proc)
    assert len(lines) == 2 and all("not valid UTF-8; rename" in line for line in lines), lines
    assert "\\xff\\xfe.txt" in proc.stderr
    assert "1 new" in proc.stdout and _stored(tmp_path, store) == 1


# --------------------------------------------------------------------------- 6, 7: one line, not a traceback


@pytest.mark.parametrize("period", ["{from: 2021-02-30}", "{from: '2021-02-30'}", "{to: 2021-13}", "{to: 0000-00-00}"])
def test_06_impossible_spec_date_is_one_line_exit_2(tmp_path: Path, period: str) -> None:
    with make_store(tmp_path / "c.db"):
        pass
    (tmp_path / "s.yaml").write_text(f"title: t\nperiod: {period}\nformats: [md]\n", encoding="utf-8")
    proc = brief("--store", "c.db", "build", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert one_line_error(proc).startswith("brief: s.yaml:2: ")


def test_07_template_recursion_is_one_line_naming_the_template(tmp_path: Path) -> None:
    with make_store(tmp_path / "c.db"):
        pass
    (tmp_path / "tpl" / "sections").mkdir(parents=True)
    (tmp_path / "tpl" / "sections" / "notes.md.j2").write_text(
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("title: t\nsections: [notes]\nformats: [md]\n", encoding="utf-8")
    proc = brief("--store", "c.db", "build", "s.yaml", "-t", "tpl", cwd=tmp_path)
    assert proc.returncode == 3
    assert "notes.md.j2:1: template recursion too deep" in one_line_error(proc)
    assert not (tmp_path / "reports").exists()


# --------------------------------------------------------------------------- 8, 10: the store and the disk


def _can_drop_privileges() -> bool:
    import os
    import shutil

    return os.geteuid() == 0 and shutil.which("setpriv") is not None


@pytest.fixture
def shared_dir() -> Path:
    """A folder another user can reach (pytest's own tmp folders are private to root)."""
    import os
    import shutil
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="brief-attack-"))
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


NOBODY = "65534"


@pytest.mark.skipif(not _can_drop_privileges(), reason="needs root and setpriv to run as another user")
def test_08_read_only_store_unwritable_output_and_lock_are_one_line(shared_dir: Path) -> None:
    import os

    (shared_dir / "feed.jsonl").write_text(_jsonl(_good_line(1)), encoding="utf-8")
    (shared_dir / "more.jsonl").write_text(_jsonl(_good_line(2)), encoding="utf-8")
    (shared_dir / "s.yaml").write_text("title: t\nformats: [md, html]\n", encoding="utf-8")
    store = shared_dir / "ro" / "c.db"
    assert brief("--store", str(store), "ingest", "feed.jsonl", cwd=shared_dir).returncode == 0
    # The store belongs to root; its lock file may be taken by anyone, the store not written.
    os.chmod(store.parent, 0o755)
    (store.parent / "c.db.lock").touch()
    os.chmod(store.parent / "c.db.lock", 0o666)
    proc = brief("--store", str(store), "ingest", "more.jsonl", cwd=shared_dir, user=NOBODY)
    assert proc.returncode == 3
    line = one_line_error(proc)
    assert "c.db" in line and ("readonly" in line or "permission denied" in line), line

    # A store of one's own, but an output folder and then a lock file one may not write.
    own = shared_dir / "own"
    own.mkdir()
    os.chown(own, int(NOBODY), int(NOBODY))
    assert brief("--store", "own/c.db", "ingest", "feed.jsonl", cwd=shared_dir, user=NOBODY).returncode == 0
    (shared_dir / "out").mkdir(mode=0o755)
    proc = brief("--store", "own/c.db", "build", "s.yaml", "-o", "out", cwd=shared_dir, user=NOBODY)
    assert proc.returncode == 3
    assert "out" in one_line_error(proc) and "permission denied" in proc.stderr
    assert list((shared_dir / "out").iterdir()) == []
    lock = own / "c.db.lock"
    lock.unlink(missing_ok=True)
    lock.touch(mode=0o644)  # root's file: nobody cannot open it for writing
    proc = brief("--store", "own/c.db", "ingest", "more.jsonl", cwd=shared_dir, user=NOBODY)
    assert proc.returncode == 3 and "c.db.lock" in one_line_error(proc)


def _damage_data_pages(db: Path) -> None:
    """Overwrite every page after the first two (the header and schema stay intact)."""
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    assert len(data) > 3 * page, "store too small to damage"
    for offset in range(2 * page, len(data), page):
        data[offset:offset + page] = bytes([0xA5]) * page
    db.write_bytes(bytes(data))


def test_10_damaged_store_is_one_line_with_quick_check(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl").write_text(_jsonl(*(_good_line(n) for n in range(40))), encoding="utf-8")
    (tmp_path / "s.yaml").write_text("title: t\nformats: [md]\n", encoding="utf-8")
    store = tmp_path / "c.db"
    assert brief("--store", "c.db", "ingest", "feed.jsonl", "--jobs", "1", cwd=tmp_path).returncode == 0
    _damage_data_pages(store)
    for args in (("docs",), ("build", "s.yaml"), ("facts", "--kind", "event"), ("ingest", "feed.jsonl")):
        proc = brief("--store", "c.db", *args, cwd=tmp_path)
        assert proc.returncode == 3, (args, proc.stderr)
        line = one_line_error(proc)
        assert "the store is damaged" in line and "PRAGMA quick_check:" in line, line
    assert not (tmp_path / "reports").exists()


@pytest.fixture
def tiny_disk() -> Path:
    """A 1.5 MB tmpfs (a real full disk), or a skip where mounting is not allowed."""
    import shutil
    import tempfile

    mount = Path(tempfile.mkdtemp(prefix="brief-tinydisk-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1536k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        mount.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)
    shutil.rmtree(mount, ignore_errors=True)


def _fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until at most ``leave`` bytes are free."""
    import os

    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(disk / "filler", "wb") as fh:
        try:
            fh.write(b"\0" * max(0, free - leave))
            fh.flush()
        except OSError:
            pass


def test_09_full_disk_replaces_no_format_and_says_so_in_one_line(tmp_path: Path, tiny_disk: Path) -> None:
    with make_store(tmp_path / "c.db"):
        pass
    spec = tmp_path / "s.yaml"
    spec.write_text("title: First\nformats: [md, html]\noutput: b\n", encoding="utf-8")
    out = tiny_disk / "reports"
    assert brief("--store", "c.db", "build", "s.yaml", "-o", str(out), cwd=tmp_path).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"b.md", "b.html"}
    spec.write_text("title: Second\nformats: [md, html]\noutput: b\n", encoding="utf-8")
    _fill(tiny_disk, leave=len(before["b.md"]) + 4096)  # room for a new .md, not for the .html
    proc = brief("--store", "c.db", "build", "s.yaml", "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 3
    assert "disk full" in one_line_error(proc)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing replaced, no temp files


def test_09_store_on_a_full_disk_is_one_line(tmp_path: Path, tiny_disk: Path) -> None:
    (tmp_path / "feed.jsonl").write_text(_jsonl(*(_good_line(n) for n in range(200))), encoding="utf-8")
    _fill(tiny_disk, leave=64 * 1024)
    proc = brief("--store", str(tiny_disk / "c.db"), "ingest", "feed.jsonl", "--jobs", "1", cwd=tmp_path)
    assert proc.returncode == 3
    line = one_line_error(proc)
    assert "full" in line, line


# --------------------------------------------------------------------------- 11: text that never reaches a report


@pytest.mark.parametrize("published", ["99999", "2024-13-45", "0000-00-00", "2021-02-30", "0999-01-01"])
def test_11_bidi_and_invisible_metadata_and_impossible_dates_never_reach_a_report(
        tmp_path: Path, published: str) -> None:
    import json

    hidden = "\u202e\u200b\u2066"
    line = json.dumps({"text": GOOD, "title": f"Ti{hidden}tle\nsecond line", "author": f"Au{hidden}thor",
                       "outlet": f"Out{hidden}let", "url": f"https://example.com/{hidden}a", "published": published})
    (tmp_path / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("title: t\nformats: [md, html]\n", encoding="utf-8")
    assert brief("--store", "c.db", "ingest", "feed.jsonl", cwd=tmp_path).returncode == 0
    docs = json.loads(brief("--store", "c.db", "docs", "--json", cwd=tmp_path).stdout)
    assert docs[0]["title"] == "Title second line" and docs[0]["author"] == "Author"
    assert docs[0]["outlet"] == "Outlet"
    pub = docs[0]["published"]
    assert pub is None or pub["value"].startswith("2021"), pub  # the text's own date, never the bad one
    proc = brief("--store", "c.db", "build", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for name in ("s.md", "s.html"):
        report = (tmp_path / "reports" / name).read_text(encoding="utf-8")
        assert not any(ch in report for ch in hidden), name
        assert "Title second line" in report and "0000" not in report and "30 Feb" not in report


# --------------------------------------------------------------------------- 12, 13, 14: bounded, sanitised templates


@pytest.mark.parametrize("expr", ["'a' * 10**9", "10**9 * 'a'", "['a'] * 10**9", "('ab' * 10**4) * 10**5",
                                  "2 ** (10 ** 8)", "(10 ** 5000) ** 5000"])
def test_12_sandbox_refuses_oversized_products_before_allocating(tmp_path: Path, expr: str) -> None:
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(TemplateError, match=r"too large") as info:
        _build_with(tmp_path, {"sections/notes.md.j2": f"{{{{ {expr} }}}}"}, formats="md")
    assert "notes.md.j2:1" in str(info.value)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 200_000, f"rendering grew by {grown_kb:,} KB before refusing"


def test_12_templates_render_under_the_memory_limit(tmp_path: Path) -> None:
    with make_store(tmp_path / "c.db"):
        pass
    (tmp_path / "tpl" / "sections").mkdir(parents=True)
    # Each value stays under the sandbox's size check; together they need far more than 64 MB.
    (tmp_path / "tpl" / "sections" / "notes.md.j2").write_text(
        "{% set ns = namespace(xs=[]) %}{% for i in range(2000) %}"
        "{% set ns.xs = ns.xs + ['x' * 1000000 ~ i] %}{% endfor %}{{ ns.xs|length }}", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("title: t\nsections: [notes]\nformats: [md]\n", encoding="utf-8")
    proc = brief("--store", "c.db", "build", "s.yaml", "-t", "tpl", "--pdf-memory", "64", cwd=tmp_path)
    assert proc.returncode == 3
    line = one_line_error(proc)
    assert "notes.md.j2" in line and "more memory than the limit" in line, line


@pytest.mark.parametrize("body", [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[click](java&#115;cript:alert(1))",
    "[x]: javascript:alert(1)\n\n[click][x]",
    "<javascript:alert(1)>",
    "<img src=x onerror=alert(1)>",
    "![p](file:///etc/passwd)",
    # data: URLs pass only as a chart line's image: never as a link, nor as an image the line
    # does not hold alone, nor with attributes beyond a class
    "[click](data:image/svg+xml;base64,AAAA)",
    "\\![p](data:image/svg+xml;base64,AAAA)",
    "[x](\n![p](data:image/svg+xml;base64,AAAA)\n)",
    "![p](data:image/svg+xml;base64,AAAA){onerror=alert(1)}",
    "![p](data:image/svg+xml;base64,AAAA) [c](data:image/svg+xml;base64,AAAA)",
    "[![p](data:image/svg+xml;base64,AAAA)](data:image/svg+xml;base64,AAAA)",
])
def test_13_markdown_report_refuses_active_content_from_a_template(tmp_path: Path, body: str) -> None:
    with pytest.raises(TemplateError, match="Markdown report would contain active content") as info:
        _build_with(tmp_path, {"sections/notes.md.j2": f"## Notes\n\n{body}\n"}, formats="md")
    assert "notes.md.j2" in str(info.value)
    assert not (tmp_path / "out").exists()


def test_13_plain_markdown_and_safe_links_still_pass(tmp_path: Path) -> None:
    out = _build_with(tmp_path, {"sections/notes.md.j2": "## Notes\n\n[site](https://example.com/) "
                                                         "<https://example.com/a> [s](#src-1) *x*\n"},
                      formats="md")
    assert "[site](https://example.com/)" in (out / "t.md").read_text(encoding="utf-8")


def test_13_chart_lines_pass_and_stay_images(tmp_path: Path) -> None:
    chart = "![Chart: a\\*b &amp; c](data:image/svg+xml;base64,AAAA){.chart}"
    out = _build_with(tmp_path, {"sections/notes.md.j2": f"## Notes\n\n{chart}\n\n{chart}\n"})
    assert (out / "t.md").read_text(encoding="utf-8").count(chart) == 2
    html = (out / "t.html").read_text(encoding="utf-8")
    assert html.count('<img alt="Chart: a*b &amp; c" class="chart" src="data:image/svg+xml;base64,AAAA"') == 2


def test_14_symlink_to_a_huge_file_in_a_template_folder_is_not_read(tmp_path: Path) -> None:
    import os

    huge = tmp_path / "huge.bin"
    with open(huge, "wb") as fh:
        fh.truncate(3 * 1024**3)  # 3 GB, sparse: reading it whole would take seconds and memory
    (tmp_path / "corpus").mkdir()
    (tmp_path / "tpl" / "partials").mkdir(parents=True)
    (tmp_path / "tpl" / "partials" / "big.md.j2").symlink_to(huge)
    (tmp_path / "tpl" / "inside.md.j2").write_text("x", encoding="utf-8")
    os.truncate(tmp_path / "tpl" / "inside.md.j2", 64 * 1024**2)  # a 64 MB template inside the folder
    (tmp_path / "b.yaml").write_text("title: B\nformats: [md]\n", encoding="utf-8")
    (tmp_path / "briefing.toml").write_text('corpus = ["corpus"]\nbriefs = ["b.yaml"]\ntemplates = ["tpl"]\n',
                                            encoding="utf-8")
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = brief("build", "--all", cwd=tmp_path, timeout=60)
    assert proc.returncode == 0 and "built" in proc.stdout, proc.stdout + proc.stderr
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss - before < 1024 * 1024  # KB: under 1 GB
    (tmp_path / "tpl" / "sections").mkdir()
    (tmp_path / "tpl" / "sections" / "notes.md.j2").write_text("{% include 'inside.md.j2' %}", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("title: B\nsections: [notes]\nformats: [md]\n", encoding="utf-8")
    proc = brief("build", "--all", cwd=tmp_path, timeout=60)
    assert proc.returncode == 1 and "inside.md.j2" in proc.stdout and "over" in proc.stdout, proc.stdout


# --------------------------------------------------------------------------- 15, 16, 17: ingest, the lock, the pool


def test_15_ingest_waits_for_the_lock_a_build_holds(tmp_path: Path) -> None:
    from briefing.locking import store_lock

    (tmp_path / "feed.jsonl").write_text(_jsonl(_good_line(1)), encoding="utf-8")
    store = tmp_path / "c.db"
    with store_lock(store):  # what `brief build --all` holds for its whole run
        proc = brief("--store", "c.db", "ingest", "feed.jsonl", cwd=tmp_path)
        assert proc.returncode == 4 and "lock" in one_line_error(proc)
        assert not store.exists() or _stored(tmp_path, store) == 0
    assert brief("--store", "c.db", "ingest", "feed.jsonl", "--wait", "5", cwd=tmp_path).returncode == 0


def _children(pid: int) -> set[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return {int(p) for p in fh.read().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_16_pool_workers_die_with_a_killed_ingest(tmp_path: Path, seeds_dir: Path) -> None:
    import json
    import os
    import signal

    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    lines = [json.dumps({"text": f"{texts[n % len(texts)]}\n\nCopy {n}."}) for n in range(400)]
    (tmp_path / "feed.jsonl").write_text(_jsonl(*lines), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", "from briefing.cli import main; main()", "--store", "c.db",
                             "ingest", "feed.jsonl", "--jobs", "2"], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
            workers = _children(proc.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool never started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.05)
        assert not any(_alive(w) for w in workers), "pool workers outlived the killed ingest"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_17_counts_equal_what_was_stored(tmp_path: Path) -> None:
    import json

    lines = [_good_line(n) for n in range(11)]
    (tmp_path / "feed.jsonl").write_text(_jsonl(*lines, lines[3], lines[7]), encoding="utf-8")
    bbc = tmp_path / "bbc"
    for folder in ("politics", "world"):
        (bbc / folder).mkdir(parents=True)
        (bbc / folder / "001.txt").write_text(f"Headline\n\n{GOOD}\n", encoding="utf-8")
    (bbc / "world" / "002.txt").write_text(f"Other\n\n{GOOD} More.\n", encoding="utf-8")
    proc = brief("--store", "c.db", "ingest", "feed.jsonl", "bbc", "--json", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["failed"] == 0
    stored = _stored(tmp_path, tmp_path / "c.db")
    assert stored == 13 and report["new"] + report["changed"] == stored and report["duplicates"] == 3
    again = json.loads(brief("--store", "c.db", "ingest", "feed.jsonl", "bbc", "--json", cwd=tmp_path).stdout)
    assert again["new"] == 0 and again["unchanged"] == stored


# --------------------------------------------------------------------------- 18: one sentence, many dates


def test_18_one_sentence_cannot_flood_the_timeline(tmp_path: Path) -> None:
    import datetime as dt
    import json

    day = dt.date(2001, 1, 1)
    dates = ", ".join(f"{(day + dt.timedelta(days=n)):%-d %B %Y}" for n in range(3000))
    text = f"Officials met on {dates} to review the plan."
    assert len(text) > 40_000
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": text, "title": "Dates"}) + "\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("title: t\nformats: [md]\n", encoding="utf-8")
    assert brief("--store", "c.db", "ingest", "feed.jsonl", cwd=tmp_path, timeout=300).returncode == 0
    events = json.loads(brief("--store", "c.db", "facts", "--kind", "event", "--json", cwd=tmp_path).stdout)
    from briefing.extract.events import MAX_EVENTS_PER_SENTENCE

    assert 0 < len(events) <= MAX_EVENTS_PER_SENTENCE
    assert brief("--store", "c.db", "build", "s.yaml", cwd=tmp_path).returncode == 0
    assert (tmp_path / "reports" / "s.md").stat().st_size < 500_000
