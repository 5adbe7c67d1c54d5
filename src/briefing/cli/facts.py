"""`brief facts`: the fact listing, in the JSON contract shared by every fact kind."""

from __future__ import annotations

from typing import Annotated

import typer

from ..models import PUBLIC_KINDS, StoredFact
from .app import CsvOpt, JsonOpt, NlOpt, StoreOpt, app, emit_rows, fail, open_store


@app.command()
def facts(
    ctx: typer.Context,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", help=f"Only these kinds ({', '.join(PUBLIC_KINDS)}, mention); repeatable."),
    ] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only facts from this source file name.")] = None,
    as_json: JsonOpt = False,
    as_nl: NlOpt = False,
    as_csv: CsvOpt = False,
    store: StoreOpt = None,
) -> None:
    """List extracted facts: id, kind, source file, span and text (plus each kind's fields).

    Example: brief facts --kind event --json

    Example: brief facts --kind quote --nl | jq .speaker
    """
    kinds = [k for value in (kind or []) for k in value.split(",") if k] or list(PUBLIC_KINDS)
    unknown = [k for k in kinds if k not in (*PUBLIC_KINDS, "mention")]
    if unknown:
        fail(f"unknown fact kind {unknown[0]!r}; choose from {', '.join(PUBLIC_KINDS)}", code=2)
    with open_store(ctx, store, must_exist=True) as st:
        found = [f for f in st.facts(kinds) if doc is None or f.doc_file == doc]
    if emit_rows([f.to_json() for f in found], as_json, as_nl, as_csv):
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(found)} facts", title_justify="left")
    for col in ("id", "kind", "doc", "what"):
        table.add_column(col, overflow="fold")
    for f in found:
        table.add_row(f.id, f.kind, f.doc_file, describe(f)[:300])
    Console().print(table)


def describe(f: StoredFact) -> str:
    """One line saying what a fact states, for the table view."""
    d = f.data
    if f.kind == "event":
        return f"{(d.get('date') or {}).get('value')}  {d.get('summary', '')}"
    if f.kind == "person":
        titles = d.get("titles") or []
        return f"{d.get('name')}" + (f" — {titles[-1]['title']}" if titles else "")
    if f.kind == "quote":
        return f"{d.get('speaker') or '?'} ({d.get('mode')}): {f.text}"
    if f.kind == "enumeration":
        return f"{d.get('label')} [{len(d.get('items') or [])} items]"
    if f.kind == "figure":
        return f"{d.get('qualifier') or ''} {d.get('value')} {d.get('unit')}".strip()
    return f.text
