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

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..errors import TemplateError
from ..select import BriefContext
from .env import BriefEnvironment, make_env
from .markdown import markdown_problem, to_html

if TYPE_CHECKING:
    from .pdf import PdfLimits

__all__ = ["RenderedSection", "make_env", "render_bounds", "render_markdown", "render_sections"]

MAX_BRIEF_CHARS = 20_000_000
TIME_LIMIT = 60.0


@dataclass(frozen=True)
class RenderedSection:
    name: str
    title: str
    markdown: str

    @cached_property
    def html(self) -> str:
        """The section as sanitised HTML, made when first asked for: a Markdown-only build
        never converts (python-markdown was a fifth of a 10k build)."""
        return to_html(self.markdown)


def render_sections(ctx: BriefContext, env: BriefEnvironment) -> list[RenderedSection]:
    """Render every section of the brief, in spec order, to Markdown and sanitised HTML.

    Bounded for unattended builds: at most :data:`MAX_BRIEF_CHARS` of Markdown in all and
    :data:`TIME_LIMIT` seconds (a user template's nested loops must not hang the run).
    """
    from ..pipeline import _Timeout, time_limit

    out = []
    total = 0
    try:
        with time_limit(TIME_LIMIT):
            for section in ctx.sections:
                text = env.render(section.template_name, brief=ctx, section=section,
                                  items=ctx.custom.get(section.name, ()))
                text = text.strip() + "\n"
                total += len(text)
                if total > MAX_BRIEF_CHARS:
                    raise TemplateError(f"brief over {MAX_BRIEF_CHARS:,} characters of Markdown "
                                        f"(at section {section.name!r})", path=env.which(section.template_name))
                problem = markdown_problem(text)
                if problem:
                    raise TemplateError(f"the Markdown report would contain active content: {problem}",
                                        path=env.which(section.template_name))
                out.append(RenderedSection(section.name, section.title, text))
    except _Timeout:
        raise TemplateError(f"rendering the sections took over {TIME_LIMIT:g} s (a runaway template loop?)") from None
    return out


@contextmanager
def render_bounds(limits: PdfLimits | None = None) -> Iterator[None]:
    """Rendering a whole brief (sections and HTML document) bounded like its PDF: at most
    :data:`TIME_LIMIT` seconds and ``limits.memory_mb`` more megabytes of address space;
    going over either is a TemplateError."""
    from ..pipeline import _Timeout, time_limit
    from .bounds import memory_cap
    from .pdf import PdfLimits

    limits = limits or PdfLimits()
    try:
        with time_limit(TIME_LIMIT), memory_cap(limits.memory_mb):
            yield
    except _Timeout:
        raise TemplateError(f"rendering the brief took over {TIME_LIMIT:g} s (a runaway template loop?)") from None
    except MemoryError:
        raise TemplateError(f"rendering the brief needed over {limits.memory_mb:,} MB "
                            "(limit pdf_memory_mb)") from None


def render_markdown(sections: list[RenderedSection]) -> str:
    """The Markdown file: sections joined by a blank line."""
    return "\n".join(s.markdown for s in sections)
