"""Long fuzz run (outside CI): ingestion, the date tagger, extraction and rendering on generated text.

    python tests/fuzz/fuzz_extract.py --minutes 10            # all targets, round robin
    python tests/fuzz/fuzz_extract.py --minutes 2 --target tagger

Each round gives every target a batch of Hypothesis examples; a failure is shrunk by
Hypothesis, printed, saved under ``tests/fuzz/crashes/`` (its input as JSON, to paste into a
regression test) and the run goes on with the other targets. Examples slower than
``--slow`` seconds are saved too (a hang in a scheduled build is a bug as well); the
``repeat`` target (a short motif repeated up to 3,000 times) is there to find them.
Exit status: 0 if nothing failed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.fuzz import properties as prop  # noqa: E402
from tests.fuzz import strategies  # noqa: E402
from tests.fuzz.strategies import any_text, article_text  # noqa: E402

CRASHES = Path(__file__).resolve().parent / "crashes"


def _render(arg: tuple[list[str], str]) -> None:
    texts, audience = arg
    docs = [prop.document(t, doc_id=f"{i:016x}") for i, t in enumerate(texts) if t.strip()]
    if docs:
        prop.check_render(docs, f"title: Fuzz\naudience: {audience}\nformats: [md, html]\n")


def _read_bytes(arg: tuple[bytes, str, bytes]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        prop.check_read_bytes(*arg, folder)


def targets(extreme_dates: bool = True) -> dict[str, tuple[Any, Callable[..., Any]]]:
    """Strategy and check of every target (``extreme_dates``: also year 1 / 9999 references)."""
    references = strategies.references if extreme_dates else strategies.ordinary_references
    return {
        "readers": (strategies.file_bytes(), _read_bytes),
        "prepare": (st.tuples(any_text, st.sampled_from(["txt", "md", "html", "jsonl"])),
                    lambda a: prop.check_prepare_and_extract(a[0], a[1])),
        "tagger": (st.tuples(any_text, references, st.booleans()), lambda a: prop.check_tagger(*a)),
        "extract": (st.tuples(article_text(max_tokens=300), references), lambda a: prop.check_extract(*a)),
        # A short motif repeated up to 3,000 times: finds work that grows faster than the text.
        "repeat": (st.tuples(article_text(max_tokens=12), st.integers(50, 3000), references),
                   lambda a: prop.check_extract(a[0] * a[1], a[2]) if a[0] else None),
        "render": (st.tuples(st.lists(article_text(max_tokens=150), min_size=1, max_size=3),
                             st.sampled_from(["analyst", "executive"])), _render),
    }


def run_target(name: str, examples: int, slow: float, seed: int, extreme_dates: bool = True) -> list[dict[str, Any]]:
    strategy, check = targets(extreme_dates)[name]
    found: list[dict[str, Any]] = []

    @hypothesis_seed(seed)
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(strategy)
    def body(arg: Any) -> None:
        t0 = time.perf_counter()
        check(arg)
        took = time.perf_counter() - t0
        if took > slow:
            found.append({"target": name, "kind": "slow", "seconds": round(took, 2), "input": arg})

    try:
        body()
    except Exception as exc:  # the shrunk failing example is in the Hypothesis report
        found.append({"target": name, "kind": "crash", "error": f"{type(exc).__name__}: {exc}"[:2000],
                      "traceback": traceback.format_exc()[-4000:],
                      "input": getattr(exc, "__notes__", None)})
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--target", choices=sorted(targets()), action="append")
    parser.add_argument("--batch", type=int, default=200, help="examples per target per round")
    parser.add_argument("--no-extreme-dates", action="store_true",
                        help="leave out reference dates in year 1 / 9999 (ordinary dates only)")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds after which an example is reported")
    args = parser.parse_args(argv)
    names = args.target or sorted(targets())
    deadline = time.monotonic() + args.minutes * 60
    CRASHES.mkdir(exist_ok=True)
    counts = dict.fromkeys(names, 0)
    problems: list[dict[str, Any]] = []
    rounds = 0
    started = time.monotonic()
    while time.monotonic() < deadline:
        rounds += 1
        for name in names:
            if time.monotonic() >= deadline:
                break
            found = run_target(name, args.batch, args.slow, seed=rounds * 1000 + len(name),
                               extreme_dates=not args.no_extreme_dates)
            counts[name] += args.batch
            for item in found:
                problems.append(item)
                stamp = time.strftime("%Y%m%d-%H%M%S")
                out = CRASHES / f"{stamp}-{name}-{item['kind']}-{len(problems)}.json"
                out.write_text(json.dumps(item, ensure_ascii=False, indent=1, default=repr), encoding="utf-8")
                print(f"[{name}] {item['kind']}: {item.get('error') or item.get('seconds')} -> {out}", flush=True)
        print(f"round {rounds}: {sum(counts.values()):,} examples, {len(problems)} problems, "
              f"{time.monotonic() - started:.0f}s", flush=True)
    print(json.dumps({"minutes": round((time.monotonic() - started) / 60, 1), "examples": counts,
                      "problems": len(problems)}))
    return 1 if any(p["kind"] == "crash" for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
