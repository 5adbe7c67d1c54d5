"""`brief dates`: show the temporal expressions found in a file (timeline issue).

The analyst's tool for asking "why did you date this so?", and the interface external evaluation
tools call: offsets are into the file's text exactly as read (UTF-8, no cleaning), and the JSON
records are ``{start, end, text, type, value}`` (keep them stable).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from .app import CsvOpt, JsonOpt, NlOpt, app, emit_rows, fail

# A time part is accepted and ignored: evaluation kits hand over creation times ("1998-02-13T14:26").
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?")


def default_reference(path: Path, day_first: bool = True) -> str | None:
    """The date ingestion finds for ``path`` (its first document's), or None."""
    from ..errors import BriefingError
    from ..ingest import load_file

    try:
        docs = load_file(path, day_first)
    except (BriefingError, OSError, ValueError):
        return None
    published = docs[0].published if docs else None
    return published.value if published else None


@app.command()
def dates(
    file: Annotated[Path, typer.Argument(help="An article file; offsets are into its text exactly as read.")],
    reference_date: Annotated[
        str | None,
        typer.Option("--reference-date", help="YYYY, YYYY-MM or YYYY-MM-DD (a THH:MM time part is ignored) for relative dates (default: the date ingestion finds)."),
    ] = None,
    day_first: Annotated[
        bool, typer.Option("--day-first/--month-first", help="Reading of ambiguous dates like 2/5/2018.")
    ] = True,
    as_json: JsonOpt = False,
    as_nl: NlOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Show every temporal expression in a file: start, end, text, type (DATE, TIME, DURATION, SET), value.

    Example: brief dates seeds/003_a4cb8ebfcc55111e.txt --reference-date 2016-02-26 --json
    """
    from ..extract.dates import tag

    if reference_date is not None and not _ISO.fullmatch(reference_date):
        fail(f"--reference-date must be YYYY, YYYY-MM or YYYY-MM-DD, not {reference_date!r}", code=2)
    try:
        # Bytes decoded as-is: no newline translation, so offsets match the file.
        text = file.read_bytes().decode("utf-8")
    except FileNotFoundError:
        fail(f"{file}: no such file", code=2)
    except IsADirectoryError:
        fail(f"{file}: is a directory, not a file", code=2)
    except UnicodeDecodeError as exc:
        fail(f"{file}: not UTF-8 text ({exc.reason} at byte {exc.start})", code=2)
    reference = reference_date if reference_date is not None else default_reference(file, day_first)
    found = tag(text, reference, day_first=day_first)
    if emit_rows([t.to_json() for t in found], as_json, as_nl, as_csv):
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(found)} expressions in {file.name} (reference {reference or 'none'})",
                  title_justify="left")
    for col, justify in (("start", "right"), ("end", "right"), ("text", "left"), ("type", "left"),
                         ("value", "left")):
        table.add_column(col, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for t in found:
        value = t.value + (f" → {t.end_value}" if t.end_value else "")
        table.add_row(str(t.start), str(t.end), t.text, t.type, value)
    Console().print(table)
