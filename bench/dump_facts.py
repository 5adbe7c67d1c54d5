"""Every per-document fact of a set of folders, one JSON line each, sorted: for checking that a
refactor changes no output (`diff` two dumps) and for seeing what a rule change did.

    .venv/bin/python bench/dump_facts.py seeds ../shared/dev/gum-news/texts > /tmp/facts.jsonl

Folders of .txt/.md/.html/.jsonl are read as `brief ingest` reads them; TimeML files (.tml) are
reduced to their TEXT element and dated by their DCT, so the TempEval data can be compared too
(the dump stays on this machine: those texts are never copied into the repository).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from briefing.errors import InputError
from briefing.extract import extract_document
from briefing.ingest import discover, prepare, read_path
from briefing.models import RawArticle

_TML_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TML_DCT = re.compile(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d{2}-\d{2})')
_TAG = re.compile(r"<[^>]+>")


def _raw_articles(folder: Path):
    for path in sorted(folder.rglob("*.tml")):
        tml = path.read_text(encoding="utf-8")
        body = _TML_TEXT.search(tml)
        dct = _TML_DCT.search(tml)
        yield RawArticle(path=str(path), raw=_TAG.sub("", body.group(1) if body else ""), fmt="txt",
                         published=dct.group(1) if dct else None)
    for path in discover([folder]):
        if isinstance(path, InputError):
            continue
        for item in read_path(Path(path)):
            if not isinstance(item, InputError):
                yield item


def main(folders: list[str]) -> None:
    rows = []
    for folder in folders:
        for raw in _raw_articles(Path(folder)):
            try:
                doc = prepare(raw)
            except InputError:
                continue
            for fact in extract_document(doc):
                rows.append(json.dumps({"doc": doc.path, "kind": fact.kind, "span": fact.span, "text": fact.text,
                                       "fact": fact.payload()},
                                       sort_keys=True, ensure_ascii=False, default=str))
    sys.stdout.write("\n".join(sorted(rows)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
