"""Smoke test of the benchmark corpus generator (bench/generate.py): reproducible, and its
articles ingest cleanly with the headline and posting date the generator wrote. No timings."""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

import pytest

from briefing.cli import app

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

DOCS, SEED = 20, 7
SHARES = {"jsonl_share": 0.25, "html_share": 0.1}  # every format shows up in 20 articles


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, generate.CorpusInfo]:
    out = tmp_path_factory.mktemp("corpus")
    return out, generate.write_corpus(out, DOCS, seed=SEED, **SHARES)


def test_same_seed_same_bytes(corpus, tmp_path):
    out, info = corpus
    again = generate.write_corpus(tmp_path / "again", DOCS, seed=SEED, **SHARES)
    assert tree(tmp_path / "again") == tree(out)
    assert (again.docs, again.files, again.bytes) == (info.docs, info.files, info.bytes)


def test_other_seed_other_articles(corpus, tmp_path):
    out, _ = corpus
    generate.write_corpus(tmp_path / "other", DOCS, seed=SEED + 1, **SHARES)
    assert tree(tmp_path / "other") != tree(out)


def test_article_depends_only_on_seed_and_index():
    # So a small corpus is a prefix of a big one, and --start extends a corpus by "the next" articles.
    assert generate.as_text(generate.article(SEED, 5)) == generate.as_text(generate.article(SEED, 5))
    assert generate.as_text(generate.article(SEED, 5)) != generate.as_text(generate.article(SEED, 6))


def test_every_format_and_realistic_content(corpus):
    out, info = corpus
    assert info.docs == DOCS
    assert set(info.by_format) == {"txt", "jsonl", "html"}
    text = "\n".join(generate.as_text(generate.article(SEED, i)) for i in range(DOCS))
    # Wire datelines, page furniture, quotes, announced lists and figures all occur.
    for needle in ("(", "Font Size:", "“", "First", "%"):
        assert needle in text, needle
    feeds = list((out / "feeds").glob("*.jsonl"))
    records = [json.loads(line) for f in feeds for line in f.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["text"] and r["title"] for r in records)


def test_stamp_forms_cover_the_site_formats():
    stamps = {generate.Writer(1, i).stamp_line(9, 5) for i in range(200)}
    assert None in stamps  # some pages are undated
    assert any("|" in s for s in stamps if s)  # 13/12/2021| 16:40
    assert any(s.split(",")[0] in generate.WEEKDAY_NAMES for s in stamps if s)  # Thursday, 2019-10-31 ...
    assert any(s.startswith(("Updated:", "Posted:")) for s in stamps if s)


def _article_of(file: str, feeds: dict[int, list[int]]) -> generate.Article:
    if file.startswith("feed-"):
        name, line = file.split(":")
        return generate.article(SEED, feeds[int(name[5:10])][int(line) - 1])
    return generate.article(SEED, int(file[:6]))


def test_generated_articles_ingest_cleanly(corpus, runner, store_path):
    out, _ = corpus
    r = runner.invoke(app, ["--store", str(store_path), "ingest", str(out), "--jobs", "1", "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert (report["new"], report["failed"]) == (DOCS, 0)

    docs = json.loads(runner.invoke(app, ["--store", str(store_path), "docs", "--json"]).stdout)
    assert len(docs) == DOCS
    feeds: dict[int, list[int]] = collections.defaultdict(list)
    for i in range(DOCS):
        if generate.fmt_of(SEED, i, SHARES["jsonl_share"], SHARES["html_share"]) == "jsonl":
            feeds[i // generate.JSONL_PER_FILE].append(i)
    dated = 0
    for d in docs:
        a = _article_of(d["file"], feeds)
        assert d["title"] == a.headline, d["file"]
        if a.stamp is not None:  # the posting stamp (or feed/meta date) is found and read right
            dated += 1
            assert d["published"]["value"] == a.published.isoformat(), (d["file"], a.stamp)
    assert dated >= DOCS // 2
