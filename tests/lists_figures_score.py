"""Score extracted lists and figures against ``tests/fixtures/lists-figures/gold.yaml``.

Used by ``tests/test_lists_figures_set.py``; run as a script to see the misses::

    .venv/bin/python -m tests.lists_figures_score [-v]
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.extract import extract_document
from briefing.ingest import load_file
from briefing.models import Enumeration, Figure

FOLDER = Path(__file__).resolve().parent / "fixtures" / "lists-figures"
_WORD = re.compile(r"\w+")
_STOP = frozenset("a an the of in on for to and or by with at from its their s".split())


def _toks(s: str) -> list[str]:
    s = unicodedata.normalize("NFKD", s or "").lower()
    return _WORD.findall("".join(c for c in s if not unicodedata.combining(c)))


def _stem(w: str) -> str:
    return w[:5]


def _contain(small: str, big: str) -> float:
    a, b = _toks(small), set(_toks(big))
    return sum(t in b for t in a) / len(a) if a else 0.0


def measure_ok(gold: str, predicted: str | None) -> bool:
    """Nearly all the gold measure's words in a short predicted measure (crude stems)."""
    if not predicted or len(predicted.split()) > 12:
        return False
    want = {_stem(t) for t in _toks(gold) if t not in _STOP}
    have = {_stem(t) for t in _toks(predicted)}
    return bool(want) and len(want & have) / len(want) >= 0.66


def _value(v: Any) -> tuple[float, ...]:
    return tuple(float(x) for x in v) if isinstance(v, list | tuple) else (float(v),)


def _close(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 1e-9 * max(1.0, abs(y)) for x, y in zip(a, b, strict=True))


def figure_matches(p: Figure, g: dict[str, Any]) -> bool:
    if not _close(_value(p.value), _value(g["value"])):
        return False
    total = getattr(p, "total", None)
    return g.get("total") is None or (total is not None and _close((float(total),), (float(g["total"]),)))


def _item_hit(start: str, item: str) -> bool:
    return _contain(start, item) >= 0.8


def _list_hits(p: Enumeration, g: dict[str, Any]) -> int:
    texts = [i.text for i in p.items]
    return sum(any(_item_hit(s, t) for t in texts) for s in g["items"])


@dataclass
class Score:
    lists_gold: int = 0
    lists_found: int = 0
    lists_exact: int = 0
    lists_pred: int = 0
    lists_pred_ok: int = 0
    figs_gold: int = 0
    figs_found: int = 0
    figs_pred: int = 0
    figs_pred_ok: int = 0
    measure_ok: int = 0
    log: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        def r(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "lists_recall": r(self.lists_found, self.lists_gold), "lists_exact": r(self.lists_exact, self.lists_gold),
            "lists_precision": r(self.lists_pred_ok, self.lists_pred),
            "figures_precision": r(self.figs_pred_ok, self.figs_pred), "figures_recall": r(self.figs_found, self.figs_gold),
            "figures_measure": r(self.measure_ok, self.figs_found),
            "n_lists": self.lists_pred, "n_figures": self.figs_pred,
        }  # fmt: skip


def _score_doc(sc: Score, name: str, facts: Sequence[Any], gold: dict[str, Any]) -> None:
    enums = [f for f in facts if isinstance(f, Enumeration)]
    figs = [f for f in facts if isinstance(f, Figure)]
    sc.lists_gold += len(gold["lists"])
    sc.lists_pred += len(enums)
    for g in gold["lists"]:
        m = [p for p in enums if _list_hits(p, g) * 2 >= len(g["items"])]
        if not m:
            sc.log.append(f"LIST MISS {name}: {g['label']}")
            continue
        sc.lists_found += 1
        if any(len(p.items) == len(g["items"]) and _list_hits(p, g) == len(g["items"]) for p in m):
            sc.lists_exact += 1
        else:
            sc.log.append(f"LIST ITEMS {name}: {g['label']}: want {len(g['items'])} got "
                          f"{[[i.text[:30] for i in p.items] for p in m]}")
    for p in enums:
        if any(_list_hits(p, g) * 2 >= len(g["items"]) for g in gold["lists"]):
            sc.lists_pred_ok += 1
        else:
            sc.log.append(f"LIST EXTRA {name}: {p.label!r} {[i.text[:30] for i in p.items]}")
    sc.figs_gold += len(gold["figures"])
    sc.figs_pred += len(figs)
    for g in gold["figures"]:
        m = [p for p in figs if figure_matches(p, g)]
        if not m:
            sc.log.append(f"FIGURE MISS {name}: {g['text']!r} ({g['measure']})")
            continue
        sc.figs_found += 1
        if any(measure_ok(g["measure"], getattr(p, "measure", None)) for p in m):
            sc.measure_ok += 1
        else:
            sc.log.append(f"MEASURE {name}: {g['text']!r} want {g['measure']!r} got "
                          f"{[getattr(p, 'measure', None) for p in m]}")
    for p in figs:
        if any(figure_matches(p, g) for g in gold["figures"]):
            sc.figs_pred_ok += 1
        else:
            sc.log.append(f"FIGURE EXTRA {name}: {p.text!r} {p.value} {p.unit}")


def score(folder: Path = FOLDER) -> Score:
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    by_file = {g["file"]: g for g in gold["documents"]}
    sc = Score()
    seen = set()
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".txt", ".md", ".html", ".jsonl"):
            continue
        for doc in load_file(path):
            seen.add(doc.file)
            g = by_file.get(doc.file)
            if g is None:
                raise AssertionError(f"{doc.file}: no gold entry")
            _score_doc(sc, doc.file, extract_document(doc), g)
    missing = set(by_file) - seen
    if missing:
        raise AssertionError(f"gold names documents that were not read: {sorted(missing)}")
    return sc


if __name__ == "__main__":
    result = score()
    if "-v" in sys.argv:
        print("\n".join(result.log), file=sys.stderr)
    print(json.dumps(result.summary()))
