"""Rendering: context -> Markdown (Jinja) -> HTML (python-markdown + nh3) -> PDF (WeasyPrint).

Each spec section is rendered from its own partial (``sections/<name>.md.j2``), so the HTML
can wrap it in its own ``<section>`` (page breaks, cover page) while the Markdown file is
simply the sections joined. Nothing here imports WeasyPrint; :mod:`.pdf` does, lazily.

    >>> from briefing.spec import BriefSpec, Section
    >>> from briefing.select import BriefContext
    >>> ctx = BriefContext(title="T", subtitle=None, audience="analyst", built="2024-01-02",
    ...                    period="all dates", sections=(Section("notes", {}, "Notes"),))
    >>> [s.name for s in render_sections(ctx, make_env("analyst"))]
    ['notes']
"""

from __future__ import annotations

from dataclasses import dataclass

from ..select import BriefContext
from .env import BriefEnvironment, make_env
from .markdown import to_html

__all__ = ["RenderedSection", "make_env", "render_markdown", "render_sections"]


@dataclass(frozen=True)
class RenderedSection:
    name: str
    title: str
    markdown: str
    html: str


def render_sections(ctx: BriefContext, env: BriefEnvironment) -> list[RenderedSection]:
    """Render every section of the brief, in spec order, to Markdown and sanitised HTML."""
    out = []
    for section in ctx.sections:
        text = env.render(f"sections/{section.name}.md.j2", brief=ctx, section=section)
        text = text.strip() + "\n"
        out.append(RenderedSection(section.name, section.title, text, to_html(text)))
    return out


def render_markdown(sections: list[RenderedSection]) -> str:
    """The Markdown file: sections joined by a blank line."""
    return "\n".join(s.markdown for s in sections)
