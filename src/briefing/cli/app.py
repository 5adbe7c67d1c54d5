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
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from .. import __version__
from ..config import Config
from ..errors import BriefingError, user_error

if TYPE_CHECKING:
    from ..store.protocol import FactStore

DEFAULT_STORE = Path(".briefing") / "corpus.db"

# Global options that may also come after the subcommand (`brief build b.yaml -q`); ``--store``
# is not among them because most commands have their own.
_GLOBAL_FLAGS = {"--quiet", "-q", "--verbose", "-v"}
_GLOBAL_VALUED = {"--config"}


def hoist_globals(args: list[str], commands: Any) -> list[str]:
    """``args`` with global options given after the subcommand moved before it.

        >>> hoist_globals(["build", "b.yaml", "-q", "--config", "c.toml"], {"build"})
        ['-q', '--config', 'c.toml', 'build', 'b.yaml']
    """
    out = list(args)
    i = 0
    while i < len(out) and out[i] not in commands:  # the subcommand (values of global options skipped)
        i += 2 if out[i] in ("--store", "--config") else 1
    if i >= len(out):
        return out
    head, cmd, tail = out[:i], out[i], out[i + 1:]
    moved: list[str] = []
    rest: list[str] = []
    j = 0
    while j < len(tail):
        a = tail[j]
        if a == "--":
            rest += tail[j:]
            break
        if a in _GLOBAL_FLAGS:
            moved.append(a)
        elif a in _GLOBAL_VALUED and j + 1 < len(tail):
            moved += [a, tail[j + 1]]
            j += 1
        elif a.split("=", 1)[0] in _GLOBAL_VALUED:
            moved.append(a)
        else:
            rest.append(a)
        j += 1
    return [*head, *moved, cmd, *rest]


_json_errors = False  # set per invocation by _Group.parse_args
# click's UsageError, wherever this Typer version keeps click.
_USAGE_ERROR: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def json_mode() -> bool:
    """Whether the running command was asked for ``--json`` (errors then come as JSON too)."""
    return _json_errors

def report_error(exc: Exception, store: Path | str | None = None) -> int:
    """The CLI's one error path: print ``exc`` as one line and return its exit code.

    Raises ``exc`` again when it is a bug rather than something the input or the system caused
    (see :func:`briefing.errors.user_error`), so that bugs keep their traceback.
    """
    error = user_error(exc, str(store) if store else None)
    if error is None:
        raise exc
    show_error(error)
    return error.exit_code


class _Group(TyperGroup):
    """Turns user errors raised anywhere in a command into one line and an exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        args = hoist_globals(list(args), self.commands)
        global _json_errors
        _json_errors = "--json" in args[: args.index("--") if "--" in args else len(args)]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _USAGE_ERROR as exc:  # a bad option or argument: click prints it; scripts get JSON too
            if json_mode():
                echo_json({"error": {"code": exc.exit_code, "type": "UsageError", "message": exc.format_message(),
                                     "file": None, "line": None}})
            raise
        except Exception as exc:
            store = ctx.obj.store if isinstance(ctx.obj, Settings) else None
            raise typer.Exit(report_error(exc, store)) from None


app = typer.Typer(
    name="brief",
    cls=_Group,
    help="Turn a corpus of news articles into sourced briefing reports.\n\n"
    "Example:  brief ingest seeds/ && brief build briefs/default.yaml",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish
    pretty_exceptions_enable=False,
    # Plain help text: rich markup would pull in markdown-it and pygments (~150 ms) on every start.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    """Global options, handed to every command through ``ctx.obj``."""

    store: Path | str  # a SQLite file, or a postgresql:// URL
    quiet: bool = False
    config: Config | None = None
    verbose: bool = False
    executor: str = "local"  # where cleaning and extraction run (see briefing.executors)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"brief {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    store: Annotated[
        str | None,
        typer.Option("--store", envvar="BRIEFING_STORE",
                     help="SQLite file or postgresql://user@host/db [default: .briefing/corpus.db]."),
    ] = None,
    executor: Annotated[
        str | None,
        typer.Option("--executor", envvar="BRIEFING_EXECUTOR",
                     help="local, dask://HOST:PORT or dask-local:N [default: config, else local]."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", envvar="BRIEFING_CONFIG", help="Project config [default: ./briefing.toml if present]."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print errors (also after the command).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say more: e.g. name every skipped file.")] = False,
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
    ctx.obj = Settings(store=store_target(store) if store else (cfg.store if cfg and cfg.store else DEFAULT_STORE), quiet=quiet, config=cfg,
                       verbose=verbose, executor=executor or (cfg.executor if cfg else "local"))


# Reusable option types (MkDocs/sqlite-utils style: declared once, used by many commands).
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]
NlOpt = Annotated[bool, typer.Option("--nl", help="Newline-delimited JSON: one object a line.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="CSV with a header row (nested values as JSON).")]
StoreOpt = Annotated[
    # No envvar here: the global --store reads BRIEFING_STORE, and an explicit --store must beat it.
    str | None, typer.Option("--store", help="SQLite file or postgresql:// URL (overrides the global one).")
]


def store_target(value: str | Path) -> Path | str:
    """A ``postgresql://`` URL as it is, anything else as a path."""
    text = str(value)
    return text if text.startswith(("postgresql://", "postgres://")) else Path(text)


def store_exists(target: Path | str) -> bool:
    return isinstance(target, str) or target.exists()  # a server's database is made by its admin


def settings(ctx: typer.Context, store: str | Path | None = None) -> Settings:
    s: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings(store=DEFAULT_STORE)
    if store is not None:
        s.store = store_target(store)
    return s


def open_store(ctx: typer.Context, store: str | Path | None = None, *, must_exist: bool = False) -> FactStore:
    from ..store import open_store as open_target

    target = settings(ctx, store).store
    if must_exist and not store_exists(target):
        fail(f"no store at {target}: run `brief ingest PATH` first", code=2)
    return open_target(target)


def echo_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def emit_rows(rows: list[dict[str, Any]], as_json: bool = False, as_nl: bool = False, as_csv: bool = False) -> bool:
    """Print a listing as JSON, newline-delimited JSON or CSV; False when none was asked for."""
    if as_json:
        echo_json(rows)
    elif as_nl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif as_csv:
        import csv

        columns = list(dict.fromkeys(k for row in rows for k in row))
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: v if isinstance(v, str | int | float) or v is None
                             else json.dumps(v, ensure_ascii=False) for k, v in row.items()})
    return as_json or as_nl or as_csv


def err(message: str) -> None:
    """One line on stderr, no traceback."""
    typer.echo(f"brief: {message}", err=True)


def show_error(exc: BriefingError) -> None:
    """A user error: one line on stderr; with ``--json`` also ``{"error": {...}}`` on stdout."""
    err(str(exc))
    if json_mode():
        echo_json({"error": {"code": exc.exit_code, "type": type(exc).__name__, "message": exc.message,
                             "file": exc.path, "line": exc.line}})


def fail(message: str, code: int = 1) -> NoReturn:
    error = BriefingError(message)
    error.exit_code = code
    show_error(error)
    raise typer.Exit(code)


def stderr_is_tty() -> bool:
    return sys.stderr.isatty() and os.environ.get("CI") is None


@contextmanager
def progress_bar(label: str, quiet: bool = False, total: int | None = None) -> Iterator[Callable[[str], None] | None]:
    """Progress on stderr: a bar with count, percentage, rate and ETA when ``total`` is known,
    a spinner with the count and elapsed time when it is not.

    Yields a callback to call once per item done, or None when nothing is shown (quiet or not
    on a terminal); then rich is not even loaded.
    """
    if quiet or not stderr_is_tty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class _RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:.1f}/s" if task.speed else "")

    columns: list[Any] = (
        [TextColumn(label), BarColumn(), TaskProgressColumn(), MofNCompleteColumn(), _RateColumn(),
         TimeRemainingColumn()] if total is not None
        else [SpinnerColumn(), TextColumn(label), TextColumn("{task.completed}"), _RateColumn(), TimeElapsedColumn()])
    progress = Progress(*columns, console=Console(stderr=True), transient=True)
    with progress:
        task = progress.add_task(label, total=total)
        yield lambda _name: progress.advance(task)


@contextmanager
def spinner(label: str, quiet: bool = False) -> Iterator[None]:
    """A spinner on stderr for a step with no countable items (``brief people`` merging)."""
    from rich.console import Console

    console = Console(stderr=True)
    if quiet or not stderr_is_tty():
        yield
        return
    with console.status(label):
        yield


def elapsed(started: float) -> str:
    """`` in 1.2 s`` since ``started`` (time.perf_counter), for summaries."""
    import time

    return f" in {time.perf_counter() - started:.1f} s"
