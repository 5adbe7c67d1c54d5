"""Hardening (issue #8): hostile articles, templates, specs and config; bounded PDF rendering.

One block per item of the issue: (1) rendering fetches nothing, (2) no active content,
(3) user templates sandboxed and capped, (4) specs/config/people files, (6) PDF time and
memory limits. Pathological text (5) is in test_pathological_more.py, fuzzing (7) in
test_fuzz.py. A live HTTP server on 127.0.0.1 records every request, so "nothing fetched"
is observed, not assumed.
"""

from __future__ import annotations

import dataclasses
import http.server
import io
import multiprocessing
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from briefing.build import build
from briefing.cli import app
from briefing.config import Config
from briefing.errors import BriefingError, SpecError, TemplateError
from briefing.extract.people import load_people_file
from briefing.render import make_env, render_markdown, render_sections
from briefing.render.html import active_content, render_html
from briefing.render.pdf import ASSETS, PdfLimits, render_pdf, safe_fetcher
from briefing.schedule import build_all
from briefing.select import select
from briefing.spec import parse_spec
from briefing.store import Store

from .brief_fixtures import DOCS, facts, make_store, persons

BUILT = "2024-02-01"


# --------------------------------------------------------------------------- a server that records requests


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.hits.append(self.path)
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.end_headers()
        self.wfile.write(b"<svg xmlns='http://www.w3.org/2000/svg'/>")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """``(base_url, hits)``: a local HTTP server; ``hits`` lists every path requested."""
    hits: list[str] = []
    handler = type("Handler", (_Recorder,), {"hits": hits})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def hostile_urls(base: str) -> list[str]:
    return [
        "file:///etc/passwd", "file://localhost/etc/passwd", f"{ASSETS.as_uri()}/../../../../../etc/passwd",
        f"{base}/pixel.svg", f"{base}/redirect", "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/", "https://example.com/logo.png", "ftp://127.0.0.1/x", "/etc/passwd", "../../etc/passwd",
    ]


# --------------------------------------------------------------------------- 1. no file or network access


def test_fetcher_refuses_everything_but_data_and_assets(server: tuple[str, list[str]]) -> None:
    base, hits = server
    refused: list[str] = []
    fetch = safe_fetcher(refused)
    for url in hostile_urls(base):
        with pytest.raises(ValueError, match="refused"):
            fetch(url)
    assert hits == []  # the redirect was never even requested
    assert len(refused) == len(hostile_urls(base))
    assert fetch("data:text/plain,ok") is not None
    assets = [p for p in ASSETS.rglob("*") if p.is_file()]
    for asset in assets:  # our own assets (if any ship) stay reachable
        assert fetch(asset.as_uri()) is not None


def _hostile_html(base: str) -> str:
    imgs = "".join(f'<img src="{u}">' for u in hostile_urls(base))
    return (
        '<html><head><link rel="attachment" href="file:///etc/passwd">'
        f'<link rel="stylesheet" href="{base}/style.css">'
        f'<style>@import url("{base}/import.css"); @font-face {{ font-family: x; src: url(file:///etc/passwd) }}'
        f' body {{ background: url(file:///etc/hostname) }} p {{ background-image: url("{base}/redirect") }}</style>'
        f'</head><body><p>text</p>{imgs}<a rel="attachment" href="file:///etc/passwd">a</a>'
        f'<object data="{base}/obj"></object><iframe src="{base}/frame"></iframe>'
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'
        "</body></html>"
    )


def test_pdf_of_hostile_html_fetches_and_embeds_nothing(server: tuple[str, list[str]]) -> None:
    base, hits = server
    refused: list[str] = []
    pdf = render_pdf(_hostile_html(base), refused)
    assert hits == []
    assert b"/EmbeddedFile" not in pdf and b"/JavaScript" not in pdf
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "root:" not in text and "text" in text
    assert any("passwd" in u for u in refused) and any("169.254" in u for u in refused)
    assert any("/redirect" in u for u in refused)


def test_hostile_article_builds_to_a_pdf_that_embeds_nothing(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    base, hits = server
    hostile = dataclasses.replace(DOCS[2], url=f"{base}/article", outlet=f'<img src="{base}/outlet.png">')
    with make_store(tmp_path / "c.db") as st:
        st.put_document(hostile, facts()[hostile.id], "test")
        result = build(parse_spec("title: t\nformats: [md, html, pdf]\noutput: t\n", "t.yaml"), st, tmp_path,
                       built=BUILT)
    pdf = result.outputs["pdf"].read_bytes()
    assert hits == []  # the article's own URL is a link in the report, never fetched
    assert result.refused_urls == []  # escaped as text: the hostile URLs never even reached the fetcher
    assert b"/EmbeddedFile" not in pdf and b"/JavaScript" not in pdf
    assert b"/URI (file:" not in pdf and b"/URI (javascript:" not in pdf
    assert active_content(result.outputs["html"].read_text(encoding="utf-8")) is None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("document.html.j2", '<html><body><img src="file:///etc/passwd">{{ sections|length }}</body></html>'),
        ("document.html.j2", '<html><head><link rel="attachment" href="file:///etc/passwd"></head></html>'),
        ("document.html.j2", '<html><body><img src="{base}/pixel.svg"><img src="{base}/redirect"></body></html>'),
        ("document.html.j2", '<html><body><img src="http://169.254.169.254/latest/meta-data/"></body></html>'),
        ("style.css", "body { background: url(file:///etc/passwd) }"),
        ("style.css", '@import "{base}/x.css";'),
        ("style.css", "@font-face { font-family: x; src: url({base}/redirect) }"),
    ],
)
def test_user_template_with_external_resources_is_refused(tmp_path: Path, server: tuple[str, list[str]],
                                                           name: str, content: str) -> None:
    base, hits = server
    user = tmp_path / "tpl"
    user.mkdir()
    (user / name).write_text(content.replace("{base}", base), encoding="utf-8")
    out = tmp_path / "out"
    with make_store(tmp_path / "c.db") as st, pytest.raises(TemplateError) as info:
        build(parse_spec("title: t\nformats: [html, pdf]\noutput: t\n", "t.yaml"), st, out,
              template_dirs=(user,), built=BUILT)
    assert "active content" in str(info.value) and str(user) in str(info.value)
    assert hits == [] and not out.exists()


# --------------------------------------------------------------------------- 2. no active content


HOSTILE_STRINGS = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[click](javascript:alert(1))",
    '<iframe src="http://127.0.0.1/"></iframe>', '<a href="javascript:alert(1)">x</a>', "<b onmouseover=alert(1)>b</b>",
    "<svg/onload=alert(1)>", '<object data="x.swf"></object>', "<!-- comment --><style>*{}</style>",
    "![p](file:///etc/passwd)", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
]


def _hostile_store(path: Path) -> Store:
    """The fixture corpus with hostile text in every metadata field a brief shows."""
    st = make_store(path)
    bad = " ".join(HOSTILE_STRINGS)
    doc = dataclasses.replace(DOCS[2], title=f"Title {bad}", outlet=f"Outlet {bad}", author=f"Author {bad}",
                              url="javascript:alert(1)")
    st.put_document(doc, facts()[doc.id], "test")
    people = persons()
    people[-1] = dataclasses.replace(people[-1], aliases=(bad,))
    st.replace_persons([(None, f) for f in people], groups=None)
    return st


def test_hostile_text_everywhere_is_inert_in_markdown_and_html(tmp_path: Path) -> None:
    with _hostile_store(tmp_path / "c.db") as st:
        result = build(parse_spec("title: <script>alert(1)</script>\nsubtitle: '<img src=x onerror=y>'\n"
                                  "formats: [md, html]\noutput: t\n", "t.yaml"), st, tmp_path, built=BUILT)
    html = result.outputs["html"].read_text(encoding="utf-8")
    md = result.outputs["md"].read_text(encoding="utf-8")
    assert active_content(html) is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not dropped silently
    for raw in ("<script", "<iframe", "<img", "<svg", "<object", "<meta"):
        assert raw not in md.lower(), raw
    # A Markdown viewer that does not sanitise (python-markdown, CommonMark) still shows it as text.
    import markdown
    from markdown_it import MarkdownIt

    for viewer_html in (markdown.markdown(md, extensions=["tables", "attr_list"]),
                        MarkdownIt("commonmark").enable("table").render(md)):
        assert active_content(viewer_html) is None
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in viewer_html


def test_raw_html_in_a_user_section_template_is_refused_or_sanitised(tmp_path: Path) -> None:
    # Active raw HTML would reach the .md file as written: the brief is refused (#19 item 13).
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "notes.md.j2").write_text(
        "## Notes\n\n" + "\n\n".join(HOSTILE_STRINGS) + "\n", encoding="utf-8")
    with make_store(":memory:") as st, pytest.raises(TemplateError, match="Markdown report would contain"):
        ctx = select(parse_spec("title: t\nsections: [notes]\n", "t.yaml"), st, built=BUILT)
        render_sections(ctx, make_env("analyst", (tmp_path,)))
    # Inert raw HTML passes, and the HTML report gets it through the sanitiser.
    (tmp_path / "sections" / "notes.md.j2").write_text(
        "## Notes\n\n<b title='x'>bold</b> <a href='https://example.com/'>fine</a>\n", encoding="utf-8")
    with make_store(":memory:") as st:
        ctx = select(parse_spec("title: t\nsections: [notes]\n", "t.yaml"), st, built=BUILT)
        env = make_env("analyst", (tmp_path,))
        html = render_html(ctx, env, render_sections(ctx, env))
    assert active_content(html) is None
    assert 'href="https://example.com/"' in html


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<p>fine <a href='#src-1'>[1]</a> <a href='fed.pdf'>pdf</a></p>", None),
        ("<img alt='onload=x' src='data:image/svg+xml;base64,AAAA'>", None),
        ("<script>x</script>", "<script>"),
        ("<p onclick='x()'>", "onclick"),
        ("<a href=' java\tscript:alert(1)'>", "javascript:"),
        ("<a href='vbscript:x'>", "vbscript:"),
        ("<iframe srcdoc='x'>", "<iframe>"),
        ("<img src='file:///etc/passwd'>", "file:///etc/passwd"),
        ("<img src='http://127.0.0.1/x'>", "127.0.0.1"),
        ("<base href='http://evil/'>", "<base>"),
        ("<meta http-equiv='refresh' content='0'>", "http-equiv"),
        ("<div style='background:url(http://x/)'>", "style"),
        ("<style>@import 'http://x/a.css';</style>", "CSS"),
        ("<style>p{background:url( 'file:///etc/passwd')}</style>", "CSS"),
        ("<style>p{background:url(data:image/png;base64,AA)}</style>", "url()"),  # every url() refused
    ],
)
def test_active_content_detector(html: str, problem: str | None) -> None:
    found = active_content(html)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


# --------------------------------------------------------------------------- 3. user templates


def _render_user_section(tmp_path: Path, body: str) -> str:
    (tmp_path / "sections").mkdir(exist_ok=True)
    (tmp_path / "sections" / "notes.md.j2").write_text(f"## Notes\n\n{body}\n", encoding="utf-8")
    with make_store(":memory:") as st:
        ctx = select(parse_spec("title: t\nsections: [notes]\n", "t.yaml"), st, built=BUILT)
        return render_markdown(render_sections(ctx, make_env("analyst", (tmp_path,))))


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ ('{0.__class__.__mro__}'|attr('format'))(brief) }}",
        "{{ '{0.__init__.__globals__}'.format(brief) }}",
        "{{ ''|attr('__class__') }}",
        "{{ brief|attr('__init__')|attr('__globals__') }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{{ brief.sources.__class__.__base__ }}",
        "{{ '%s'|format(brief.__class__.__mro__) }}",
        "{% set x = namespace() %}{{ x.__init__.__globals__ }}",
        "{% include '../../../../../etc/passwd' %}",
        "{% include '/etc/passwd' %}",
        "{% include 'default:../../../etc/passwd' %}",
        "{% include 'base:/etc/passwd' %}",
        "{% extends '../../../../etc/hostname' %}",
        "{% import '../../secret.j2' as s %}",
    ],
)
def test_sandbox_escapes_are_clear_errors_naming_the_template(tmp_path: Path, payload: str) -> None:
    with pytest.raises(TemplateError) as info:
        _render_user_section(tmp_path, payload)
    message = str(info.value)
    assert "notes.md.j2" in message
    assert "root:" not in message and "uid=" not in message
    assert "\n" not in message  # one line for the user, no traceback


def test_symlink_out_of_a_template_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("API_KEY=hunter2\n", encoding="utf-8")
    user = tmp_path / "tpl"
    (user / "sections").mkdir(parents=True)
    (user / "partials").mkdir()
    (user / "partials" / "leak.md.j2").symlink_to(secret)
    with pytest.raises(TemplateError, match="outside its template folder") as info:
        _render_user_section(user, "{% include 'partials/leak.md.j2' %}")
    assert "hunter2" not in str(info.value)
    (user / "sections" / "notes.md.j2").unlink()
    (user / "sections" / "notes.md.j2").symlink_to(secret)
    with make_store(":memory:") as st, pytest.raises(TemplateError, match="outside"):
        ctx = select(parse_spec("title: t\nsections: [notes]\n", "t.yaml"), st, built=BUILT)
        render_sections(ctx, make_env("analyst", (user,)))


def test_symlink_inside_the_template_folder_still_works(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "real.md.j2").write_text("shared text", encoding="utf-8")
    (tmp_path / "partials" / "alias.md.j2").symlink_to(tmp_path / "partials" / "real.md.j2")
    assert "shared text" in _render_user_section(tmp_path, "{% include 'partials/alias.md.j2' %}")


def test_template_output_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.render import env as env_module

    monkeypatch.setattr(env_module, "MAX_OUTPUT_CHARS", 100_000)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}"
    with pytest.raises(TemplateError, match=r"over 100,000 characters") as info:
        _render_user_section(tmp_path, loop)
    assert "notes.md.j2" in str(info.value)


def test_default_caps_are_20_million_characters() -> None:
    import briefing.render as render
    from briefing.render import env as env_module

    assert env_module.MAX_OUTPUT_CHARS == render.MAX_BRIEF_CHARS == 20_000_000


def test_whole_brief_markdown_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.render as render

    monkeypatch.setattr(render, "MAX_BRIEF_CHARS", 50_000)
    (tmp_path / "sections").mkdir()
    for name in ("notes", "sources"):
        (tmp_path / "sections" / f"{name}.md.j2").write_text(
            "## X\n\n{% for i in range(3000) %}ten chars\n{% endfor %}", encoding="utf-8")
    with make_store(":memory:") as st, pytest.raises(TemplateError, match="brief over 50,000 characters"):
        ctx = select(parse_spec("title: t\nsections: [notes, sources]\n", "t.yaml"), st, built=BUILT)
        render_sections(ctx, make_env("analyst", (tmp_path,)))


def test_a_template_that_spins_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.render as render

    monkeypatch.setattr(render, "TIME_LIMIT", 0.3)
    spin = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateError, match=r"took over 0.3 s"):
        _render_user_section(tmp_path, spin)


# --------------------------------------------------------------------------- 4. specs, config, people files


BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]\n" for i in range(1, 9))


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("- name: Jane Doe\n- name: !!python/object/apply:os.system [id]\n", 2, "not allowed"),
        ("- name: !!python/name:os.system\n", 1, "not allowed"),
        ("- !!python/object:collections.OrderedDict {name: x}\n", 1, "not allowed"),
        ("- name: Jane Doe\n  aliases: [J. Doe]\n  name: John Doe\n", 3, "duplicate key 'name'"),
        (BOMB, None, "alias expansion"),
        ("- name: [unclosed\n", 2, "invalid YAML"),
        ("[" * 600 + "]" * 600, None, "invalid YAML"),
        ("- {1: x}\n", 1, "keys must be text"),
    ],
)
def test_people_file_is_plain_yaml_with_clear_errors(tmp_path: Path, text: str, line: int | None,
                                                     needle: str) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_people_file(str(path))
    assert needle in str(info.value) and str(info.value).startswith(str(path))
    if line is not None:
        assert info.value.line == line


def test_people_file_size_and_encoding(tmp_path: Path) -> None:
    from briefing.extract.people import MAX_PEOPLE_FILE_BYTES

    big = tmp_path / "big.yaml"
    big.write_bytes(b"- name: x\n#" + b"x" * MAX_PEOPLE_FILE_BYTES)
    with pytest.raises(SpecError, match="people file over"):
        load_people_file(str(big))
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"- name: Jos\xe9\n")
    with pytest.raises(SpecError, match="invalid UTF-8 at byte 11"):
        load_people_file(str(bad))
    ok = tmp_path / "ok.yaml"
    ok.write_text("\ufeffpeople:\n  - name: Nguyễn Thị Hương\n    aliases: Hương\n", encoding="utf-8")
    assert load_people_file(str(ok)) == [{"name": "Nguyễn Thị Hương", "aliases": ["Hương"]}]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("title: !!python/object/new:os.system [id]\n", "not allowed"),
        ("title: x\nsections: !!python/tuple [cover]\n", "not allowed"),
        ("title: x\n" + BOMB, "alias expansion"),
        ("title: " + "[" * 600 + "]" * 600 + "\n", "invalid YAML"),
        ("title: x\nformats: [md]\nformats: [pdf]\n", "duplicate key 'formats'"),
    ],
)
def test_spec_yaml_attacks(text: str, needle: str) -> None:
    with pytest.raises(SpecError, match=None) as info:
        parse_spec(text, "briefs/evil.yaml")
    assert needle in str(info.value) and str(info.value).startswith("briefs/evil.yaml")


@pytest.mark.parametrize(
    ("text", "needle", "line"),
    [
        ('output = "a"\noutput = "b"\n', "invalid TOML", 2),
        ("pdf_timeout = -1\n", "above 0", 1),
        ('pdf_memory_mb = "lots"\n', "whole number", 1),
        ("pdf_timeout = true\n", "must be a number", 1),
        ("exec = 'rm -rf /'\n", "unknown key 'exec'", 1),
    ],
)
def test_config_errors_name_file_and_line(tmp_path: Path, text: str, needle: str, line: int) -> None:
    path = tmp_path / "briefing.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        Config.load(path)
    assert needle in str(info.value) and info.value.line == line and str(info.value).startswith(str(path))


def test_config_size_cap(tmp_path: Path) -> None:
    from briefing.config import MAX_CONFIG_BYTES

    path = tmp_path / "briefing.toml"
    path.write_text("# " + "x" * MAX_CONFIG_BYTES + "\n", encoding="utf-8")
    with pytest.raises(SpecError, match="over"):
        Config.load(path)


def test_config_pdf_limits_default_and_override(tmp_path: Path) -> None:
    assert (Config().pdf_timeout, Config().pdf_memory_mb) == (120.0, 2048)
    cfg = Config.from_text("pdf_timeout = 30\npdf_memory_mb = 512\n", base=tmp_path)
    assert (cfg.pdf_timeout, cfg.pdf_memory_mb) == (30.0, 512)


# --------------------------------------------------------------------------- 6. bounded PDF rendering


@pytest.mark.parametrize(
    ("limits", "message"),
    [(PdfLimits(timeout=0.01), "PDF rendering exceeded 0.01 s"), (PdfLimits(memory_mb=50), "exceeded 50 MB")],
)
def test_pdf_limits_fail_cleanly(limits: PdfLimits, message: str) -> None:
    with pytest.raises(BriefingError, match=message):
        render_pdf("<p>hello</p>" * 200, limits=limits)
    assert multiprocessing.active_children() == []  # the child was killed and reaped


def test_pdf_over_its_limit_writes_no_report(tmp_path: Path) -> None:
    spec = parse_spec("title: t\nformats: [md, html, pdf]\noutput: t\n", "t.yaml")
    with make_store(tmp_path / "c.db") as st, pytest.raises(BriefingError, match="exceeded 0.01 s"):
        build(spec, st, tmp_path / "out", built=BUILT, pdf_limits=PdfLimits(timeout=0.01))
    assert not (tmp_path / "out").exists()  # not even the Markdown: a brief is written whole or not at all


def test_build_all_reports_the_slow_pdf_and_builds_the_rest(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "a-pdf.yaml").write_text("title: With PDF\nformats: [pdf]\n", encoding="utf-8")
    (briefs / "b-md.yaml").write_text("title: Markdown only\nformats: [md]\n", encoding="utf-8")
    cfg = Config.from_text('briefs = ["briefs/*.yaml"]\noutput = "reports"\npdf_timeout = 0.01\n', base=tmp_path)
    with make_store(tmp_path / "c.db") as st:
        report = build_all(st, cfg, built=BUILT)
    status = {Path(b.spec).name: b for b in report.briefs}
    assert status["a-pdf.yaml"].status == "failed" and "PDF rendering exceeded 0.01 s" in str(status["a-pdf.yaml"].error)
    assert status["b-md.yaml"].status == "built" and (tmp_path / "reports" / "b-md.md").exists()
    assert not (tmp_path / "reports" / "a-pdf.pdf").exists()


def test_cli_pdf_limit_flags(tmp_path: Path) -> None:
    store = tmp_path / "c.db"
    make_store(store).close()
    spec = tmp_path / "t.yaml"
    spec.write_text("title: t\nformats: [pdf]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--store", str(store), "build", str(spec), "--out", str(tmp_path / "r"),
                                      "--pdf-timeout", "0.01"])
    assert result.exit_code == 3 and "PDF rendering exceeded 0.01 s" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "r" / "t.pdf").exists()


def test_cli_build_all_takes_the_pdf_flag_over_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "p.yaml").write_text("title: With PDF\nformats: [pdf]\n", encoding="utf-8")
    (tmp_path / "briefs" / "m.yaml").write_text("title: Markdown\nformats: [md]\n", encoding="utf-8")
    (tmp_path / "briefing.toml").write_text('briefs = ["briefs/*.yaml"]\nstore = "c.db"\npdf_timeout = 300\n',
                                            encoding="utf-8")
    make_store(tmp_path / "c.db").close()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", "--all", "--pdf-timeout", "0.01"])
    assert result.exit_code == 1, result.output
    lines = {line.split()[1]: line for line in result.output.splitlines() if line.startswith(("built", "failed"))}
    assert lines["briefs/p.yaml"].startswith("failed") and "PDF rendering exceeded 0.01 s" in lines["briefs/p.yaml"]
    assert lines["briefs/m.yaml"].startswith("built")
