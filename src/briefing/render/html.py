"""The standalone HTML report: every section in its own ``<section>``, CSS inlined.

The same HTML is what WeasyPrint prints: ``style.css`` holds both the screen styles and the
``@media print`` / ``@page`` rules (cover page, running header and footer, TOC page numbers).
``style.css`` is found on the template search path, so a user folder can replace it.

    >>> from briefing.select import BriefContext
    >>> from briefing.render import make_env
    >>> ctx = BriefContext(title="T <x>", subtitle=None, audience="analyst", built="2024-01-02",
    ...                    period="all dates", sections=())
    >>> "<title>T &lt;x&gt;</title>" in render_html(ctx, make_env("analyst"), [])
    True
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markupsafe import Markup

from ..errors import TemplateError
from ..look import embed_image, read_css
from ..select import BriefContext
from . import RenderedSection
from .env import BriefEnvironment


def inline_css(css: str) -> Markup:
    """CSS made safe to sit inside ``<style>`` (it cannot close the element)."""
    return Markup(css.replace("</", "<\\/"))


def render_html(ctx: BriefContext, env: BriefEnvironment, sections: list[RenderedSection]) -> str:
    """The full HTML document for ``sections`` (their HTML is already sanitised), checked inert.

    The look (audience folder, then spec) adds its stylesheets after ``style.css``, its images
    as ``data:`` URLs (``assets.logo``), its layout and footer line."""
    look = env.look.then(ctx.look)
    parts = [{"name": s.name, "title": s.title, "html": Markup(s.html)} for s in sections]
    css = inline_css("\n".join([env.source_of("style.css"), *map(read_css, look.extra_css)]))
    problem = active_content(f"<style>{css}</style>")
    if problem:
        raise TemplateError(f"the HTML report would contain active content: {problem}",
                            path=env.which("style.css") or "style.css")
    assets = {name: Markup(embed_image(path)) for name, path in look.assets.items()}
    html = env.render("document.html.j2", brief=ctx, sections=parts, css=css, assets=assets,
                      layout=look.layout or "standard", footer=look.footer or "")
    problem = active_content(html)
    if problem:
        raise TemplateError(f"the HTML report would contain active content: {problem}",
                            path=env.which("document.html.j2") or "document.html.j2")
    return html


# Section HTML is sanitised by nh3; the document wrapper and style.css may come from a user
# folder, so the finished report is checked as a whole: no script, frames, plug-ins, external
# resources or event handlers, whoever wrote them.
_ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link",
                "portal", "noscript", "template", "svg", "math"}
# Attributes a browser fetches from (only our own chart data URLs may) and ones it navigates to.
_FETCH_ATTRS = {"src", "poster", "background", "data", "srcset", "ping", "manifest", "codebase", "lowsrc", "dynsrc"}
_LINK_ATTRS = {"href", "action", "formaction", "xlink:href", "cite", "longdesc"}
_DATA_IMAGE = re.compile(r"^data:image/(svg\+xml|png|jpeg|gif);base64,", re.IGNORECASE)
_SAFE_LINK = re.compile(r"^(#|https?:|mailto:)", re.IGNORECASE)
_RELATIVE = re.compile(r"^[^:/?#]*(?:[?#]|$)|^[\w.-]+/[^:]*$")
_CSS_EXTERNAL = re.compile(r"@import|url\(\s*(?![\s'\"]*(data:|#))|expression\(|behavior\s*:|-moz-binding",
                           re.IGNORECASE)


def _url_allowed(attr: str, value: str) -> bool:
    if attr in _FETCH_ATTRS:
        return bool(_DATA_IMAGE.match(value))
    if attr in _LINK_ATTRS:
        return bool(_SAFE_LINK.match(value) or _RELATIVE.match(value))  # relative: a sibling report
    return True


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problem: str | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        if self.problem:
            return
        if tag in _ACTIVE_TAGS:
            self.problem = f"<{tag}>"
        for name, value in attrs:
            value = "".join((value or "").split())  # browsers ignore whitespace inside schemes
            if name.startswith("on"):
                self.problem = f"<{tag} {name}=…>"
            elif value and not _url_allowed(name, value):
                self.problem = f"<{tag} {name}={value[:60]!r}>"
            elif name == "style" and _CSS_EXTERNAL.search(value):
                self.problem = f"<{tag} style=…url(…)>"
            elif tag == "meta" and name == "http-equiv":
                self.problem = f"<meta http-equiv={value[:30]!r}>"
            if self.problem:
                return

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and not self.problem and _CSS_EXTERNAL.search(data):
            self.problem = "an external resource (@import / url()) in the CSS"


def active_content(html: str) -> str | None:
    """The first piece of active or external content in ``html``, or None if it is inert.

        >>> active_content('<p title="x onload=y">ok</p>') is None
        True
        >>> active_content('<p onclick="x()">no</p>')
        '<p onclick=…>'
    """
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problem
