"""`brief ingest`, `brief docs`, `brief extract`: getting articles into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import EXIT_PARTIAL
from .app import (
    CsvOpt,
    JsonOpt,
    NlOpt,
    StoreOpt,
    app,
    echo_json,
    elapsed,
    emit_rows,
    err,
    open_store,
    progress_bar,
    settings,
)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .htm .jsonl).")],
    day_first: Annotated[
        bool, typer.Option("--day-first/--month-first", help="Reading of ambiguous dates like 2/5/2018.")
    ] = True,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Skip files larger than this.")] = 5 * 1024 * 1024,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Store documents only; extract later.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes [default: all cores].")] = None,
    wait: Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for another run's lock "
                                                             "(then exit 4).")] = 0.0,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
) -> None:
    """Ingest articles into the store (unchanged files are skipped), then extract their facts.

    Takes the store's lock, like `brief build`: an ingest never commits in the middle of a build.

    Example: brief ingest seeds/ feed.jsonl
    """
    from .ingest_run import run

    s = settings(ctx, store)
    raise typer.Exit(run(paths, s.store, quiet=s.quiet, verbose=s.verbose, as_json=as_json, day_first=day_first,
                         max_bytes=max_bytes, extract=not no_extract, jobs=jobs, wait=wait, executor=s.executor))


@app.command()
def docs(ctx: typer.Context, as_json: JsonOpt = False, as_nl: NlOpt = False, as_csv: CsvOpt = False,
         store: StoreOpt = None) -> None:
    """List the documents in the store: file, title, date (+ precision), outlet, words.

    Example: brief docs --csv > documents.csv
    """
    with open_store(ctx, store, must_exist=True) as st:
        documents = st.documents()
    if emit_rows([d.to_json() for d in documents], as_json, as_nl, as_csv):
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(documents)} documents", title_justify="left")
    table.add_column("file", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=3)
    table.add_column("date", overflow="fold", ratio=1)
    table.add_column("outlet", overflow="fold", ratio=1)
    table.add_column("words", justify="right")
    for d in documents:
        pub = d.published
        date = "—" if pub is None else f"{pub.value} ({pub.precision}{', inferred' if pub.inferred else ''})"
        table.add_row(d.file, d.title or "—", date, d.outlet or "—", str(d.words))
    Console().print(table)


@app.command()
def extract(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Re-extract every document.")] = False,
    people: Annotated[Path | None, typer.Option("--people", help="people.yaml with analyst overrides.")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes [default: all cores].")] = None,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
) -> None:
    """Extract facts from documents whose facts are stale (after a code change), or all with --force.

    Example: brief extract --force
    """
    import time

    from ..locking import store_lock
    from ..pipeline import extract_all

    started = time.perf_counter()
    quiet = settings(ctx).quiet or as_json
    with open_store(ctx, store, must_exist=True) as st, store_lock(settings(ctx, store).store), \
            progress_bar("extract", quiet) as advance:
        report = extract_all(st, force=force, people_file=str(people) if people else None, jobs=jobs,
                             on_doc=advance, executor=settings(ctx).executor)
        stats = st.stats()
    for message in report.errors:
        err(message)
    if as_json:
        echo_json({"documents": report.documents, "facts": report.facts, "errors": report.errors, "store": stats})
    elif not settings(ctx).quiet:
        typer.echo(f"extracted {report.facts} facts from {report.documents} documents{elapsed(started)}")
    if report.errors:
        raise typer.Exit(EXIT_PARTIAL)
