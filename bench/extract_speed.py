"""CPU time of extraction per article, by extractor, on one core: the figure the extraction
issues must keep within 1.5x of the previous round.

    .venv/bin/python bench/extract_speed.py /tmp/corpus-1k seeds

Documents are read and cleaned first (not timed); then every registered extractor runs over
every document, timed with the process clock, best of ``--repeat`` rounds.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

from briefing.errors import InputError
from briefing.extract import DocContext, extractors
from briefing.ingest import discover, prepare, read_path
from briefing.models import Document


def documents(folders: list[str]) -> list[Document]:
    docs = []
    for path in discover(folders):
        if isinstance(path, InputError):
            continue
        for raw in read_path(Path(path)):
            if isinstance(raw, InputError):
                continue
            try:
                docs.append(prepare(raw))
            except InputError:
                continue
    return docs


def one_round(docs: list[Document]) -> dict[str, float]:
    spent = {e.name: 0.0 for e in extractors()}
    for doc in docs:
        ctx = DocContext(doc)
        for extractor in extractors():
            t = time.process_time()
            found = extractor.run(ctx)
            spent[extractor.name] += time.process_time() - t
            for fact in found:
                ctx.facts.setdefault(fact.kind, []).append(fact)
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = documents(args.folders)
    one_round(docs[:20])  # warm the memo tables and the lexicon
    gc.disable()
    rounds = [one_round(docs) for _ in range(args.repeat)]
    best = {name: min(r[name] for r in rounds) for name in rounds[0]}
    per_doc = {name: round(1000 * s / len(docs), 3) for name, s in best.items()}
    print(json.dumps({"docs": len(docs), "ms_per_article": round(sum(per_doc.values()), 3),
                      "by_extractor_ms": per_doc}))


if __name__ == "__main__":
    main()
