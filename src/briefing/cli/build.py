"""`brief build`, `brief schema`, `brief templates`: turning a spec into reports."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Annotated

import typer

from ..config import Config
from .app import (
    JsonOpt,
    StoreOpt,
    app,
    echo_json,
    elapsed,
    err,
    fail,
    open_store,
    report_error,
    settings,
    store_exists,
)

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
    spec: Annotated[Path | None, typer.Argument(help="Brief spec (YAML), e.g. briefs/default.yaml.")] = None,
    all_briefs: Annotated[bool, typer.Option("--all", help="Scheduled run: ingest the configured corpus, "
                                                             "then rebuild every configured brief whose inputs changed.")] = False,
    force: Annotated[bool, typer.Option("--force", help="With --all: rebuild even when nothing changed.")] = False,
    wait: Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for another run's lock "
                                                             "(then exit 4).")] = 0.0,
    log: Annotated[Path | None, typer.Option("--log", help="Append one line per brief to this file.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="Comma-separated: md,html,pdf "
                                                                   "[default: the spec's formats].")] = None,
    templates: TemplatesOpt = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder [default: reports].")] = None,
    pdf_timeout: Annotated[float | None, typer.Option("--pdf-timeout", min=0.001, help="Seconds one PDF may take "
                                                      "[default: config pdf_timeout or 120].")] = None,
    pdf_memory: Annotated[int | None, typer.Option("--pdf-memory", min=1, help="MB of memory for the PDF "
                                                   "renderer [default: config pdf_memory_mb or 2048].")] = None,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
) -> None:
    """Build a brief from the store: select facts, render, verify, write reports/<name>.md/.html/.pdf.

    With --all (for cron): ingest new articles from the config's corpus and rebuild only the
    briefs whose facts, spec, templates or code changed; one line per brief (built / unchanged /
    failed); exit 1 if any brief failed, 4 if another run holds the lock.

    Example: brief build briefs/default.yaml --format md,html --out reports

    Example: brief build --all --wait 60 --log build.log
    """
    from ..formats import parse_formats
    from ..locking import store_lock

    s = settings(ctx, store)
    formats = parse_formats(fmt)
    cfg = s.config or Config()
    cfg = dataclasses.replace(cfg, pdf_timeout=pdf_timeout or cfg.pdf_timeout,
                              pdf_memory_mb=pdf_memory or cfg.pdf_memory_mb)
    if all_briefs:
        if spec is not None:
            fail("give either a SPEC or --all, not both", code=2)
        _build_all(ctx, s.store, formats, templates, out, force, wait, log, as_json, cfg)
        return
    if spec is None:
        fail("missing SPEC (or --all for every brief in briefing.toml); see `brief build --help`", code=2)
    from ..build import build as run_build
    from ..render.pdf import PdfLimits

    started = time.perf_counter()
    out_dir = out or (s.config.output if s.config else Path("reports"))
    if not store_exists(s.store):  # checked before the lock, which would leave a stray .lock file behind
        fail(f"no store at {s.store}: run `brief ingest PATH` first", code=2)
    with store_lock(s.store, wait), open_store(ctx, store, must_exist=True) as st:
        result = run_build(spec, st, out_dir, formats=formats, template_dirs=_template_dirs(ctx, templates),
                           pdf_limits=PdfLimits(cfg.pdf_timeout, cfg.pdf_memory_mb))
    for warning in result.context.warnings:  # a filter that matched nothing is never silent
        err(f"warning: {result.spec.path}: {warning}")
    if as_json:
        echo_json({"brief": result.spec.name, "outputs": {k: str(v) for k, v in result.outputs.items()},
                   "facts": len(result.fact_ids), "sources": len(result.context.sources),
                   "refused_urls": result.refused_urls, "warnings": list(result.context.warnings)})
        return
    if not s.quiet:
        for path in result.outputs.values():
            typer.echo(f"wrote {path}")
        typer.echo(f"{len(result.fact_ids)} facts from {len(result.context.sources)} sources{elapsed(started)}")
        if result.refused_urls:
            typer.echo(f"refused {len(result.refused_urls)} external resource(s) in the PDF", err=True)


def _config_or_fail(ctx: typer.Context, cfg: Config | None = None) -> Config:
    cfg = cfg if cfg is not None and cfg.path is not None else settings(ctx).config
    if cfg is None:
        fail("no briefing.toml here (or --config): --all needs the list of briefs and the corpus", code=2)
    if not cfg.briefs:
        fail(f"{cfg.path}: 'briefs' lists no spec files", code=2)
    return cfg


def _build_all(ctx: typer.Context, store_path: Path | str, formats: tuple[str, ...] | None, templates: list[Path] | None,
               out: Path | None, force: bool, wait: float, log: Path | None, as_json: bool,
               cfg: Config) -> None:
    from .build_run import run_all

    cfg = _config_or_fail(ctx, cfg)
    if out is not None:
        cfg = dataclasses.replace(cfg, output=out)
    code = run_all(store_path, cfg, formats, templates=tuple(templates or ()), force=force, wait=wait, log=log,
                   quiet=settings(ctx).quiet, as_json=as_json, executor=settings(ctx).executor)
    if code:
        raise typer.Exit(code)


@app.command()
def watch(
    ctx: typer.Context,
    serve: Annotated[bool, typer.Option("--serve", help="Also serve the reports with live reload.")] = False,
    port: Annotated[int, typer.Option("--port", help="Port for --serve (localhost only).")] = 8000,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="Formats to rebuild [default: md,html].")] = None,
) -> None:
    """Rebuild the configured briefs whenever the corpus, specs or templates change (Ctrl-C stops).

    Example: brief watch --serve --format md,html
    """
    from watchfiles import watch as watch_paths

    from ..formats import parse_formats
    from ..locking import store_lock
    from ..schedule import build_all
    from ..store import open_store as open_target

    cfg = _config_or_fail(ctx)
    formats = parse_formats(fmt or "md,html")
    store_path = settings(ctx).store
    roots = [p for p in (*cfg.corpus, *cfg.templates, *{b.parent for b in cfg.briefs}) if p.exists()]
    from ..packaged import BUILTIN_TEMPLATES

    roots.append(BUILTIN_TEMPLATES)
    if cfg.path is not None:
        roots.append(cfg.path)
    if serve:
        from ..serve import serve_in_thread

        _server, url = serve_in_thread(cfg.output, port=port)
        typer.echo(f"serving {cfg.output} at {url}")

    def run_once() -> None:
        try:
            with store_lock(store_path, wait=30), open_target(store_path) as st:
                build_all(st, cfg, formats=formats, on_outcome=lambda o: typer.echo(o.line()),
                          executor=settings(ctx).executor)
        except Exception as exc:  # one failed round is reported; watching goes on
            report_error(exc, store_path)

    run_once()
    typer.echo(f"watching {len(roots)} paths for changes (Ctrl-C to stop)")
    for _changes in watch_paths(*roots, raise_interrupt=False):
        run_once()


@app.command("serve")
def serve_cmd(
    ctx: typer.Context,
    directory: Annotated[Path | None, typer.Argument(help="Folder of reports [default: config output or reports].")]
    = None,
    port: Annotated[int, typer.Option("--port", help="Port on localhost.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Interface to bind (keep it local).")] = "127.0.0.1",
) -> None:
    """Serve the HTML reports on localhost; open pages reload after each rebuild.

    Example: brief serve reports --port 8000
    """
    from ..serve import make_server

    cfg = settings(ctx).config
    folder = directory or (cfg.output if cfg else Path("reports"))
    server = make_server(folder, host, port)
    typer.echo(f"serving {folder} at http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


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
    show: Annotated[str | None, typer.Option("--print", "-p", metavar="NAME",
                                             help="Print the file that wins for NAME (e.g. document.html.j2).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the template search path of an audience and which file wins for each name.

    Example: brief templates --audience board --templates my-templates

    Example: brief templates --print sections/timeline.md.j2 > my-templates/board/sections/timeline.md.j2
    """
    from ..render.env import make_env, template_names

    dirs = _template_dirs(ctx, templates)
    env = make_env(audience, dirs)
    if show is not None:
        path = env.which(show)
        if path is None:
            fail(f"no template {show!r} for audience {audience!r}; `brief templates -a {audience}` lists them", code=2)
        typer.echo(env.source_of(show), nl=False)
        return
    winners = {name: env.which(name) for name in template_names(env, dirs)}
    look = env.look
    declared = {"layout": look.layout, "footer": look.footer, "extends": look.extends,
                "extra_css": [str(p) for p in look.extra_css], "assets": {k: str(v) for k, v in look.assets.items()}}
    if as_json:
        echo_json({"audience": audience, "search_path": [str(p) for p in env.search_path], "templates": winners,
                   "look": declared})
        return
    typer.echo(f"search path for audience {audience!r} (first match wins):")
    for i, d in enumerate(env.search_path, start=1):
        typer.echo(f"  {i}. {d}")
    typer.echo("templates:")
    width = max((len(n) for n in winners), default=0)
    for name, path in winners.items():
        typer.echo(f"  {name:<{width}}  {path}")
    shown = {k: v for k, v in declared.items() if v}
    if shown:
        typer.echo("audience.yaml:")
        for key, value in shown.items():
            typer.echo(f"  {key}: {value}")
