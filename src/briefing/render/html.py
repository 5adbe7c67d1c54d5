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

from markupsafe import Markup

from ..select import BriefContext
from . import RenderedSection
from .env import BriefEnvironment


def inline_css(css: str) -> Markup:
    """CSS made safe to sit inside ``<style>`` (it cannot close the element)."""
    return Markup(css.replace("</", "<\\/"))


def render_html(ctx: BriefContext, env: BriefEnvironment, sections: list[RenderedSection]) -> str:
    """The full HTML document for ``sections`` (their HTML is already sanitised)."""
    parts = [{"name": s.name, "title": s.title, "html": Markup(s.html)} for s in sections]
    return env.render("document.html.j2", brief=ctx, sections=parts, css=inline_css(env.source_of("style.css")))
