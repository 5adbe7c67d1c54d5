"""The Typer application, its global options and the helpers every command shares.

Commands live in sibling modules (one concern each) and register on :data:`app`.
Nothing heavy is imported here: ``brief --help`` must start instantly.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from .. import __version__
from ..config import Config
from ..errors import BriefingError

DEFAULT_STORE = Path(".briefing") / "corpus.db"

class _Group(TyperGroup):
    """Turns user errors raised anywhere in a command into one line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BriefingError as exc:
            err(str(exc))
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    name="brief",
    cls=_Group,
    help="Turn a corpus of news articles into sourced briefing reports.\n\n"
    "Example:  brief ingest seeds/ && brief build briefs/default.yaml",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help text: rich markup would pull in markdown-it and pygments (~150 ms) on every start.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    """Global options, handed to every command through ``ctx.obj``."""

    store: Path
    quiet: bool = False
    config: Config | None = None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"brief {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    store: Annotated[
        Path | None,
        typer.Option("--store", envvar="BRIEFING_STORE", help="SQLite store [default: .briefing/corpus.db]."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", envvar="BRIEFING_CONFIG", help="Project config [default: ./briefing.toml if present]."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Turn a corpus of news articles into sourced briefing reports.

    Example: brief ingest seeds/ && brief docs
    """
    from ..config import Config, find_config

    config_path = config or find_config()
    cfg = Config.load(config_path) if config_path else None
    ctx.obj = Settings(store=store or (cfg.store if cfg and cfg.store else DEFAULT_STORE), quiet=quiet, config=cfg)


# Reusable option types (MkDocs/sqlite-utils style: declared once, used by many commands).
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]
StoreOpt = Annotated[
    # No envvar here: the global --store reads BRIEFING_STORE, and an explicit --store must beat it.
    Path | None, typer.Option("--store", help="SQLite store (overrides the global one).")
]


def settings(ctx: typer.Context, store: Path | None = None) -> Settings:
    s: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings(store=DEFAULT_STORE)
    if store is not None:
        s.store = store
    return s


def open_store(ctx: typer.Context, store: Path | None = None, *, must_exist: bool = False) -> Any:
    from ..store import Store

    path = settings(ctx, store).store
    if must_exist and not path.exists():
        fail(f"no store at {path}: run `brief ingest PATH` first", code=2)
    return Store(path)


def echo_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def err(message: str) -> None:
    """One line on stderr, no traceback."""
    typer.echo(f"brief: {message}", err=True)


def fail(message: str, code: int = 1) -> NoReturn:
    err(message)
    raise typer.Exit(code)


def main() -> None:
    """Console-script entry point: user errors become one line and an exit code."""
    from . import commands  # noqa: F401  (registers the commands)

    try:
        app(standalone_mode=True)
    except BriefingError as exc:
        err(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)


def stderr_is_tty() -> bool:
    return sys.stderr.isatty() and os.environ.get("CI") is None


@contextmanager
def progress_bar(label: str, quiet: bool = False, total: int | None = None) -> Iterator[Callable[[str], None]]:
    """A rich progress display on stderr (count, rate, ETA when the total is known).

    Yields a callback to call once per item done. Silent when quiet or not on a terminal.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class _RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:.1f}/s" if task.speed else "")

    progress = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(),
        _RateColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True, disable=quiet or not stderr_is_tty(),
    )
    with progress:
        task = progress.add_task(label, total=total)
        yield lambda _name: progress.advance(task)
