"""`brief people`: persons, their current titles, documents and quotes (profiles issue)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .app import CsvOpt, JsonOpt, NlOpt, StoreOpt, app, emit_rows, open_store, settings, spinner


def profiles(persons: list[Any], quotes: list[Any]) -> list[dict[str, Any]]:
    """One JSON-ready profile per person: titles over time, documents, number of quotes.

    A quote counts for a person when its speaker is the person's name or one of its aliases.
    """
    from ..text import name_key

    out = []
    for p in persons:
        d = p.data
        keys = {name_key(d.get("name", ""))} | {name_key(a) for a in d.get("aliases") or []}
        n_quotes = sum(1 for q in quotes if q.data.get("speaker") and name_key(q.data["speaker"]) in keys)
        titles = d.get("titles") or []
        out.append(_profile(p, titles, n_quotes))
    out.sort(key=lambda x: (-len(x["docs"]), -x["quotes"], x["name"] or ""))
    return out


def _profile(p: Any, titles: list[dict[str, Any]], n_quotes: int) -> dict[str, Any]:
    from ..extract.people import post_key

    d = p.data
    dated = [t for t in titles if t.get("as_of")]
    if dated:
        # All the posts given on the latest date and document ("member of X, head of Y").
        latest = max(dated, key=lambda t: (t["as_of"], t.get("doc") or ""))
        now = [t for t in dated if t["as_of"] == latest["as_of"] and t.get("doc") == latest.get("doc")]
    else:
        now = titles[-1:]
    current_posts: dict[str, str] = {}
    for t in now:
        current_posts.setdefault(post_key(t["title"]), t["title"])
    current = ", ".join(current_posts.values()) or None
    # The same post worded several ways is listed once (its first wording).
    posts: dict[str, dict[str, Any]] = {}
    for t in titles:
        posts.setdefault(post_key(t.get("title", "")), t)
    return {
        "id": p.id, "name": d.get("name"), "current_title": current, "aliases": d.get("aliases") or [],
        "titles": titles, "posts": list(posts.values()), "docs": d.get("docs") or [], "quotes": n_quotes,
        "note": d.get("note"),
    }


@app.command()
def people(
    ctx: typer.Context,
    people_file: Annotated[
        Path | None, typer.Option("--people", help="people.yaml with analyst overrides (re-merges persons).")
    ] = None,
    as_json: JsonOpt = False,
    as_nl: NlOpt = False,
    as_csv: CsvOpt = False,
    store: StoreOpt = None,
) -> None:
    """List the people in the corpus: name, current title, documents and number of quotes.

    Example: brief people --people people.yaml
    """
    from ..pipeline import refresh_corpus_facts

    cfg = settings(ctx).config
    path = people_file or (cfg.people if cfg and cfg.people else None)
    quiet = settings(ctx).quiet or as_json or as_nl or as_csv
    with open_store(ctx, store, must_exist=True) as st, spinner("reading people and their quotes", quiet):
        if path is not None:
            refresh_corpus_facts(st, str(path))
        rows = profiles(st.facts(["person"]), st.facts(["quote"]))
    if emit_rows(rows, as_json, as_nl, as_csv):
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} people", title_justify="left")
    table.add_column("name", no_wrap=True)
    table.add_column("current title", overflow="fold", ratio=3)
    table.add_column("documents", overflow="fold", ratio=2)
    table.add_column("quotes", justify="right")
    for r in rows:
        table.add_row(r["name"] or "—", r["current_title"] or "—", "\n".join(r["docs"]), str(r["quotes"]))
    Console().print(table)
