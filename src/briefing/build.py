"""Build one brief: spec -> context -> Markdown / HTML / PDF -> verified -> written atomically.

Gather, render and verify everything in memory first, then write: a failure anywhere leaves
the previous reports untouched (Pelican/MkDocs style two phases)::

    >>> from briefing.store import Store
    >>> from briefing.spec import parse_spec
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> spec = parse_spec("title: Empty\\nformats: [md]\\noutput: empty", "empty.yaml")
    >>> result = build(spec, Store(":memory:"), out, built="2024-01-02")
    >>> [p.name for p in result.outputs.values()]
    ['empty.md']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .formats import FORMATS, parse_formats  # noqa: F401  (parse_formats re-exported)
from .select import BriefContext, select
from .spec import BriefSpec, load_spec
from .store.protocol import FactStore

if TYPE_CHECKING:
    from .render.pdf import PdfLimits, PdfRenderer

SUFFIX = {"md": ".md", "html": ".html", "pdf": ".pdf"}


@dataclass(frozen=True)
class BuildResult:
    """What one build wrote, and the facts it showed (a later scheduler fingerprints these)."""

    spec: BriefSpec
    outputs: dict[str, Path]
    fact_ids: list[str]
    context: BriefContext
    refused_urls: list[str] = field(default_factory=list)


def render_outputs(ctx: BriefContext, formats: Sequence[str], template_dirs: Sequence[Path] = (),
                   refused: list[str] | None = None, pdf_limits: PdfLimits | None = None,
                   pdf_renderer: PdfRenderer | None = None) -> dict[str, bytes]:
    """Render every requested format in memory; the HTML is made whenever the PDF is wanted.

    The PDF is rendered in a child process bounded by ``pdf_limits`` (time and memory); the
    templates render here under the same limits (:func:`briefing.render.render_bounds`)."""
    from .render import make_env, render_bounds, render_markdown, render_sections
    from .render.html import render_html

    env = make_env(ctx.audience, template_dirs)
    out: dict[str, bytes] = {}
    with render_bounds(pdf_limits):  # templates get the PDF's time and memory limits
        sections = render_sections(ctx, env)
        html = render_html(ctx, env, sections) if "html" in formats or "pdf" in formats else ""
    if "md" in formats:
        out["md"] = render_markdown(sections).encode("utf-8")
    if html:
        if "html" in formats:
            out["html"] = html.encode("utf-8")
        if "pdf" in formats:
            from .render.pdf import render_pdf

            out["pdf"] = render_pdf(html, refused, pdf_limits, pdf_renderer)
    return out


def build(spec: BriefSpec | str | Path, store: FactStore, out_dir: Path, *, formats: Sequence[str] | None = None,
          template_dirs: Sequence[Path] = (), built: str | dt.date | None = None,
          previous: tuple[Collection[str], str] | None = None, pdf_limits: PdfLimits | None = None,
          context: BriefContext | None = None) -> BuildResult:
    """Build one brief into ``out_dir/<output>.<ext>`` and return what was written.

    ``context`` is the brief's selection when the caller has made it already (with the same
    ``built`` and ``previous``): selecting over a large corpus is the costly part of a build.
    """
    from .render.verify import verify, write_all_atomic

    if not isinstance(spec, BriefSpec):
        spec = load_spec(spec)
    formats = tuple(formats) if formats else spec.formats
    renderer = None
    if "pdf" in formats:
        from .render.pdf import PdfRenderer, can_fork

        # Started first: it loads WeasyPrint on the other core while we select and render.
        renderer = PdfRenderer(pdf_limits) if can_fork() else None
    try:
        ctx = context or select(spec, store, built=built, previous=previous)
        refused: list[str] = []
        rendered = render_outputs(ctx, formats, template_dirs, refused, pdf_limits, renderer)
    finally:
        if renderer is not None:
            renderer.close()
    documents = store.documents_by_id({item.doc_id for item in ctx.cited_items()})
    verify(ctx, documents, {k: v.decode("utf-8") for k, v in rendered.items() if k != "pdf"})
    outputs = {fmt: Path(out_dir) / f"{spec.name}{SUFFIX[fmt]}" for fmt in FORMATS if fmt in rendered}
    write_all_atomic({outputs[fmt]: rendered[fmt] for fmt in outputs})  # all formats, or none
    return BuildResult(spec, outputs, ctx.fact_ids, ctx, refused)
