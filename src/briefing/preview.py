"""What the preview server shows besides the reports: a styled index with each brief's build
status, and a banner on a report whose latest rebuild failed.

``brief build --all`` and ``brief watch`` write the outcome of every brief to
``<output>/.build-status.json``; a failed rebuild leaves the last good report in place (writes
are atomic), so the preview keeps showing it, with the error (template or spec, file and line)
in a banner on top. The files on disk are never changed::

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_status(folder, [{"spec": "briefs/a.yaml", "status": "failed", "error": "a.yaml:2: bad",
    ...                        "outputs": [str(folder / "a.html")], "seconds": 0.1}])
    >>> b"a.yaml:2: bad" in failure_banner(folder, "a.html")
    True
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

STATUS_FILE = ".build-status.json"
_REPORT_SUFFIXES = (".html", ".pdf", ".md")

_STYLE = """
body { font: 15px/1.45 "DejaVu Sans", Arial, sans-serif; color: #222831; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; }
h1 { font-size: 1.5rem; color: #1f2a44; border-bottom: 2px solid #2f5d8a; padding-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #d9dee5; vertical-align: top; }
th { background: #f3f5f8; font-size: .85rem; }
a { color: #2f5d8a; text-decoration: none; margin-right: .6rem; }
.status { font-weight: bold; border-radius: 3px; padding: .05rem .4rem; font-size: .8rem; }
.built { background: #e3f4e8; color: #1d6b35; } .unchanged { background: #eef1f5; color: #4b5563; }
.failed { background: #fbe4e4; color: #9b1c1c; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: .3rem 0 0; font-size: .8rem; color: #9b1c1c; }
.muted { color: #6b7280; font-size: .85rem; }
@media (max-width: 40rem) { td, th { display: block; } tr { display: block; border-bottom: 1px solid #d9dee5; } }
"""


def write_status(folder: Path, outcomes: Iterable[dict[str, Any]]) -> None:
    """Record the outcome of each brief of a run (atomically: the server may be reading it).

    A run that changes no status, error or output leaves the file alone, so a no-op scheduled
    run touches nothing in the reports folder (and open previews do not reload)."""
    briefs = list(outcomes)

    def key(rows: list[Any]) -> list[tuple[Any, ...]]:
        return [(b.get("spec"), b.get("status") if b.get("status") != "built" else "unchanged", b.get("error"),
                 b.get("outputs")) for b in rows if isinstance(b, dict)]

    if (folder / STATUS_FILE).is_file() and key(read_status(folder)["briefs"]) == key(briefs):
        return
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    data = {"at": stamp, "briefs": briefs}
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".build-status.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, folder / STATUS_FILE)


def read_status(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"at": None, "briefs": []}
    return data if isinstance(data, dict) and isinstance(data.get("briefs"), list) else {"at": None, "briefs": []}


def _name(path: str) -> str:
    return Path(path).name


def index_page(folder: Path) -> bytes:
    """The styled index: one row per brief (status, time, links to its formats, the error)."""
    status = read_status(folder)
    rows = []
    listed: set[str] = set()
    for b in status["briefs"]:
        outputs = [_name(p) for p in b.get("outputs") or [] if (folder / _name(p)).is_file()]
        listed.update(outputs)
        links = " ".join(f'<a href="{html.escape(o)}">{html.escape(Path(o).suffix[1:])}</a>' for o in outputs)
        state = str(b.get("status", "?"))
        error = f"<pre>{html.escape(str(b['error']))}</pre>" if b.get("error") else ""
        if state == "failed" and outputs:
            error += '<div class="muted">showing the last good version</div>'
        spec = str(b.get("spec", ""))
        rows.append(f'<tr><td title="{html.escape(spec)}">{html.escape(Path(spec).name)}</td>'
                    f'<td><span class="status {html.escape(state)}">{html.escape(state)}</span></td>'
                    f"<td>{float(b.get('seconds') or 0):.2f} s</td><td>{links or '—'}{error}</td></tr>")
    others = sorted(p.name for p in folder.iterdir() if p.suffix in _REPORT_SUFFIXES and p.name not in listed)
    for name in others:
        rows.append(f'<tr><td>{html.escape(name)}</td><td></td><td></td>'
                    f'<td><a href="{html.escape(name)}">{html.escape(Path(name).suffix[1:])}</a></td></tr>')
    when = f"last run {html.escape(status['at'])} (UTC)" if status.get("at") else "no scheduled run recorded yet"
    body = ("<table><tr><th>brief</th><th>status</th><th>time</th><th>reports</th></tr>" + "".join(rows)
            + "</table>") if rows else "<p>No reports yet: run <code>brief build --all</code>.</p>"
    return (f'<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Briefs</title><style>{_STYLE}</style>'
            f'<body><h1>Briefs</h1><p class="muted">{when}; this page reloads after each rebuild.</p>'
            f"{body}</body></html>").encode()


def failure_banner(folder: Path, report_name: str) -> bytes:
    """A banner for ``report_name`` when the latest rebuild of its brief failed, else ``b""``."""
    for b in read_status(folder)["briefs"]:
        if b.get("status") == "failed" and report_name in {_name(p) for p in b.get("outputs") or []}:
            return (b'<div role="alert" style="position:sticky;top:0;z-index:9;background:#fbe4e4;color:#9b1c1c;'
                    b'border-bottom:2px solid #9b1c1c;padding:.6em 1em;font:14px/1.4 sans-serif;'
                    b'white-space:pre-wrap;overflow-wrap:anywhere">'
                    b"<strong>The latest rebuild failed; this is the last good version.</strong>\n"
                    + html.escape(str(b.get("error", ""))).encode() + b"</div>")
    return b""
