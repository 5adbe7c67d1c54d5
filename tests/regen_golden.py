"""Regenerate the golden Markdown and HTML briefs of the seeds (``make golden``).

Run it only when an output change is intended, then review ``git diff tests/golden``::

    python tests/regen_golden.py

The build date is fixed (:data:`GOLDEN_BUILT`) so goldens never change with the calendar.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
GOLDEN_BUILT = "2024-01-01"
SPECS = ("default", "executive")
FORMATS = ("md", "html")


def build_golden(store_path: Path, out_dir: Path) -> list[Path]:
    """Build every golden spec (Markdown and HTML only) from the store into ``out_dir``."""
    from briefing.build import build
    from briefing.store import open_store

    written: list[Path] = []
    with open_store(store_path) as st:
        for name in SPECS:
            result = build(ROOT / "briefs" / f"{name}.yaml", st, out_dir, formats=FORMATS, built=GOLDEN_BUILT)
            written += list(result.outputs.values())
    return written


def main() -> int:
    from briefing.pipeline import ingest
    from briefing.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(tmp) / "corpus.db"
        with Store(store_path) as st:
            report = ingest(st, [ROOT / "seeds"])
        if report.errors:
            print("\n".join(report.errors), file=sys.stderr)
            return 1
        for path in build_golden(store_path, GOLDEN_DIR):
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
