"""`brief init`: a new project folder with a config, a spec and a commented audience folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app, fail, settings


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Project folder (created if missing).")] = Path("."),
) -> None:
    """Scaffold a project: briefing.toml, articles/, briefs/board.yaml and templates/board/.

    The board audience shows every way to customise without copying a built-in file: a logo,
    a footer line, extra CSS, one overridden block and a custom section. Existing files are
    never overwritten.

    Example: brief init my-briefs && cd my-briefs && cp ~/news/*.txt articles/ && brief build --all
    """
    from ..packaged import SCAFFOLD

    if directory.exists() and not directory.is_dir():
        fail(f"{directory} exists and is not a folder", code=2)
    created, kept = [], []
    for source in sorted(p for p in SCAFFOLD.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        target = directory / source.relative_to(SCAFFOLD)
        if target.exists():
            kept.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
        created.append(target)
    (directory / "articles").mkdir(parents=True, exist_ok=True)
    if settings(ctx).quiet:
        return
    for path in created:
        typer.echo(f"created {path}")
    for path in kept:
        typer.echo(f"kept    {path} (exists)")
    typer.echo(f"next: put articles into {directory / 'articles'}, then run `brief build --all` in {directory}")
