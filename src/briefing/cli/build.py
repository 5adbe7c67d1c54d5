"""`brief build`, `brief schema`, `brief templates`: turning a spec into reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import JsonOpt, StoreOpt, app, echo_json, open_store, settings

TemplatesOpt = Annotated[
    list[Path] | None,
    typer.Option("--templates", "-t", help="Template folder searched before the built-ins; repeatable."),
]


def _template_dirs(ctx: typer.Context, given: list[Path] | None) -> list[Path]:
    if given:
        return list(given)
    cfg = settings(ctx).config
    return list(cfg.templates) if cfg else []


@app.command()
def build(
    ctx: typer.Context,
    spec: Annotated[Path, typer.Argument(help="Brief spec (YAML), e.g. briefs/default.yaml.")],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="Comma-separated: md,html,pdf "
                                                                   "[default: the spec's formats].")] = None,
    templates: TemplatesOpt = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder [default: reports].")] = None,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
) -> None:
    """Build a brief from the store: select facts, render, verify, write reports/<name>.md/.html/.pdf.

    Example: brief build briefs/default.yaml --format md,html --out reports
    """
    from ..build import build as run_build
    from ..build import parse_formats

    s = settings(ctx, store)
    out_dir = out or (s.config.output if s.config else Path("reports"))
    formats = parse_formats(fmt)
    with open_store(ctx, store, must_exist=True) as st:
        result = run_build(spec, st, out_dir, formats=formats, template_dirs=_template_dirs(ctx, templates))
    if as_json:
        echo_json({"brief": result.spec.name, "outputs": {k: str(v) for k, v in result.outputs.items()},
                   "facts": len(result.fact_ids), "sources": len(result.context.sources),
                   "refused_urls": result.refused_urls})
        return
    if not s.quiet:
        for path in result.outputs.values():
            typer.echo(f"wrote {path}")
        typer.echo(f"{len(result.fact_ids)} facts from {len(result.context.sources)} sources")
        if result.refused_urls:
            typer.echo(f"refused {len(result.refused_urls)} external resource(s) in the PDF", err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of brief specs (point your editor's YAML plugin at it).

    Example: brief schema > brief-spec.schema.json
    """
    from ..spec import json_schema

    echo_json(json_schema())


@app.command("templates")
def templates_cmd(
    ctx: typer.Context,
    audience: Annotated[str, typer.Option("--audience", "-a", help="Template set to inspect.")] = "analyst",
    templates: TemplatesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the template search path and which file wins for each template name.

    Example: brief templates --audience executive --templates my-templates
    """
    from ..render.env import make_env

    env = make_env(audience, _template_dirs(ctx, templates))
    names = sorted({str(p.relative_to(d)) for d in env.search_path for p in d.rglob("*") if p.is_file()})
    winners = {name: env.which(name) for name in names}
    if as_json:
        echo_json({"audience": audience, "search_path": [str(p) for p in env.search_path], "templates": winners})
        return
    typer.echo(f"search path for audience {audience!r} (first match wins):")
    for i, d in enumerate(env.search_path, start=1):
        typer.echo(f"  {i}. {d}")
    typer.echo("templates:")
    width = max((len(n) for n in names), default=0)
    for name, path in winners.items():
        typer.echo(f"  {name:<{width}}  {path}")
