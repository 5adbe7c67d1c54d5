"""The HTML briefs in a real browser (issue #17): headless Chromium at desktop and phone width.

Nothing may overflow horizontally, every citation link must have its target in the page, and the
page must log no error (a CSP violation, a refused resource, a script error). Chromium comes from
the Makefile's sysdeps (Debian's ``chromium``); the test is skipped, saying why, only where it
is not installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest

from briefing.build import build
from briefing.store import Store

from .cdp import Browser, find_chromium

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: `make sysdeps` installs "
                                "Debian's chromium when run as root (apt-get install chromium)")

VIEWPORTS = {"desktop": (1280, 900, False), "phone": (375, 740, True)}

CHECK = """JSON.stringify({
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
          && getComputedStyle(e).position !== 'fixed' && !e.closest('.running'))
        .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60)),
  citations: document.querySelectorAll('a[href^="#src-"]').length,
  missing: [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1))
            .filter(id => !document.getElementById(decodeURIComponent(id))),
})"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    b = Browser(CHROMIUM)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def reports(seeds_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    with Store(seeds_store) as st:
        for name in ("default", "executive"):
            build(ROOT / "briefs" / f"{name}.yaml", st, out, formats=("html",))
        # The scaffolded board brief: logo, extra CSS, overridden block, custom section.
        scaffold = Path(str(files("briefing") / "scaffold"))
        build(scaffold / "briefs" / "board.yaml", st, out, formats=("html",), template_dirs=[scaffold / "templates"])
    return out


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", ["default", "executive", "board"])
def test_brief_in_chromium(browser: Browser, reports: Path, name: str, viewport: str) -> None:
    import json

    width, height, mobile = VIEWPORTS[viewport]
    browser.open((reports / f"{name}.html").as_uri(), width, height, mobile)
    found = json.loads(browser.evaluate(CHECK))
    assert found["overflow"] <= 0, f"{name} overflows by {found['overflow']}px at {width}px: {found['wide']}"
    assert found["citations"] >= 5  # a brief that cites nothing would pass the target check vacuously
    assert found["missing"] == [], f"links without a target: {found['missing'][:5]}"
    assert browser.console_errors() == []


def test_chromium_is_really_there_in_make_test() -> None:
    # Documents where the browser comes from; fails loudly if the Makefile stops installing it.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "chromium" in makefile
    assert shutil.which("chromium") or CHROMIUM is None


def test_the_checks_can_fail(browser: Browser, tmp_path: Path) -> None:
    import json

    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><meta name="viewport" content="width=device-width">'
                    '<p><a href="#src-9">[9]</a></p><pre>' + "x" * 400 + "</pre>"
                    '<img src="https://example.invalid/x.png">', encoding="utf-8")
    browser.open(page.as_uri(), 375, 740, True)
    found = json.loads(browser.evaluate(CHECK))
    assert found["overflow"] > 0 and found["missing"] == ["src-9"]
    assert browser.console_errors()  # the image that cannot load


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_preview_index_in_chromium(browser: Browser, reports: Path, viewport: str) -> None:
    import json

    from briefing.preview import write_status
    from briefing.serve import serve_in_thread

    write_status(reports, [{"spec": "briefs/default.yaml", "status": "built", "seconds": 1.5,
                            "outputs": [str(reports / "default.html")]},
                           {"spec": "briefs/board.yaml", "status": "failed", "seconds": 0.2,
                            "error": "templates/board/sections/notes.md.j2:2: template syntax: " + "x" * 200,
                            "outputs": [str(reports / "board.html")]}])
    server, url = serve_in_thread(reports)
    try:
        width, height, mobile = VIEWPORTS[viewport]
        browser.open(url, width, height, mobile)
        found = json.loads(browser.evaluate(CHECK))
        assert found["overflow"] <= 0, found["wide"]
        assert browser.evaluate("document.querySelectorAll('.status.failed').length") == 1
        browser.open(url + "board.html", width, height, mobile)
        assert "latest rebuild failed" in browser.evaluate("document.body.innerText")
        assert json.loads(browser.evaluate(CHECK))["overflow"] <= 0
        assert browser.console_errors() == []
    finally:
        server.shutdown()
        server.server_close()
