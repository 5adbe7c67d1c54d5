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

from markupsafe import Markup

from ..errors import TemplateError
from ..look import embed_image, read_css
from ..select import BriefContext
from . import RenderedSection
from .env import BriefEnvironment
from .inert import active_content, css_problem

__all__ = ["CSP", "CSP_META", "active_content", "inline_css", "render_html"]

# What a report may do in a browser: show its own inline styles and data: images, nothing else
# (no script, no fetch, no form, no plug-in, no base URL). Put first in <head> of every report,
# so it holds even if a check were ever fooled; the preview server swaps it for its own header.
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
       "form-action 'none'")
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
_DOCTYPE = re.compile(r"\A\s*<!doctype[^>]*>\n?", re.IGNORECASE)


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
    problem = css_problem(css)
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
    return with_csp(html)


def with_csp(html: str) -> str:
    """``html`` with :data:`CSP_META` as the first thing after the doctype.

    A ``<meta>`` before ``<html>``/``<head>`` opens the head implicitly, so the policy is in
    force before anything the template wrote (a template cannot hide it in ``<body>``).

        >>> with_csp("<!DOCTYPE html>\\n<html><p>x").startswith("<!DOCTYPE html>\\n" + CSP_META)
        True
    """
    m = _DOCTYPE.match(html)
    head = m.group(0) if m else ""
    return head + CSP_META + "\n" + html[len(head):]
