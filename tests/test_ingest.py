"""Ingestion: cleaning, titles and publication dates on the seeds and on other outlets' shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.ingest import load_file, prepare
from briefing.ingest.clean import clean, normalize
from briefing.ingest.stamps import find_stamps, is_stamp_line
from briefing.models import RawArticle


def docs_by_file(seeds_dir: Path) -> dict:
    return {d.file: d for p in sorted(seeds_dir.iterdir()) for d in load_file(p)}


def test_seed_titles_match_gold(seeds_dir, gold):
    docs = docs_by_file(seeds_dir)
    for g in gold["documents"]:
        assert docs[g["file"]].title == g["title"], g["file"]


def test_seed_dates_match_gold(seeds_dir, gold):
    docs = docs_by_file(seeds_dir)
    for g in gold["documents"]:
        pub = docs[g["file"]].published
        assert pub is not None, g["file"]
        if g["published"]:
            assert (pub.value, pub.precision, pub.inferred) == (g["published"], "day", False)
        else:
            want = g["published_inferred"]["date"]
            assert pub.inferred and pub.value[:4] == want[:4], (g["file"], pub)
            assert pub.evidence, "an inferred date must quote its evidence"
            # never more precise than the truth allows: a prefix of the gold date
            assert want.startswith(pub.value) or pub.value.startswith(want), pub


def test_seed_boilerplate_is_removed_and_text_kept(seeds_dir, gold):
    docs = docs_by_file(seeds_dir)
    furniture = ["Font Size", "Send Print", "See more", "TIN LIÊN QUAN", "(Photo: VNA)", "ảnh 1", "By Nguyen Hong",
                 "(Source: WVR/VNA)", "This article was published", "NDO –", "Hanoi (VNA) –", "WVR/VNA -"]
    for d in docs.values():
        for f in furniture:
            assert f not in d.text, (d.file, f)
        assert d.raw.startswith(d.title) or d.title in d.raw
    # the teaser line of 003 is dropped, its lede kept once
    lede = "The Communist Party of Vietnam (CPV) will continue bolstering"
    assert docs["003_a4cb8ebfcc55111e.txt"].text.count(lede) == 1
    # captions glued to the headline are split off, not lost
    assert docs["001_c29610c3c6377c5a.txt"].text.count("General Secretary Nguyen Phu Trong led a high-ranking") == 1
    assert docs["001_c29610c3c6377c5a.txt"].author == "Nguyen Hong"
    assert docs["002_acaea5e382ca583c.txt"].author == "Hoang Binh Quan"


def test_seed_outlets(seeds_dir, gold):
    docs = docs_by_file(seeds_dir)
    assert docs["000_ebfe80f7694cd1bf.txt"].outlet == "Nhan Dan"
    assert docs["002_acaea5e382ca583c.txt"].outlet == "Communist Review"
    assert docs["003_a4cb8ebfcc55111e.txt"].outlet == "VNA"


WIRE = """Fed holds rates steady, signals cuts later this year

By Jane Q. Smith

Published: March 20, 2024 2:15 PM EDT
Share | Print | Email

WASHINGTON (Reuters) - The Federal Reserve held interest rates steady on Wednesday, Chair Jerome Powell said.

"We are not there yet," Powell told reporters.

Related stories
Markets rally after Fed decision
What rate cuts mean for mortgages

(Source: Reuters)
"""


def test_wire_copy_other_outlet():
    doc = prepare(RawArticle(path="wire.txt", raw=WIRE, fmt="txt"))
    assert doc.title == "Fed holds rates steady, signals cuts later this year"
    assert doc.author == "Jane Q. Smith"
    assert doc.published and doc.published.value == "2024-03-20" and not doc.published.inferred
    assert doc.dateline == "WASHINGTON (Reuters)"
    assert doc.outlet == "Reuters"
    assert doc.text.startswith("The Federal Reserve held")
    assert "Markets rally" not in doc.text and "Share" not in doc.text
    assert '"We are not there yet," Powell told reporters.' in doc.text


@pytest.mark.parametrize(
    "line, day_first, iso",
    [
        ("Thursday, 2019-10-31 16:52:42", True, "2019-10-31"),
        ("13/12/2021| 16:40", False, "2021-12-13"),  # unambiguous whatever the default
        ("2/5/2018 15:38' Send Print", True, "2018-05-02"),
        ("2/5/2018 15:38' Send Print", False, "2018-02-05"),
        ("Updated: Jan 5, 2023 10:00 GMT+7", True, "2023-01-05"),
        ("Monday, 4 March 2024", True, "2024-03-04"),
    ],
)
def test_stamp_lines(line, day_first, iso):
    assert is_stamp_line(line)
    assert find_stamps(line)[0].iso(day_first) == iso


@pytest.mark.parametrize("line", ["In 2017, the world changed.", "On 5 May 2017 the party met in Hanoi to talk."])
def test_sentences_with_dates_are_not_stamp_lines(line):
    assert not is_stamp_line(line)


def test_unambiguous_stamp_on_the_page_decides_day_first():
    raw = "Headline here\nWednesday, 22/1/2020\n2/5/2018 15:38\nBody sentence one. Body two."
    doc = prepare(RawArticle(path="a.txt", raw=raw, fmt="txt"), day_first=False)
    assert doc.published and doc.published.value == "2018-05-02"


def test_weekday_decides_ambiguous_stamp():
    # 4 March 2024 was a Monday; 3 April 2024 was a Wednesday.
    raw = "Headline\nMonday, 4/3/2024 09:00\nBody text of the article."
    doc = prepare(RawArticle(path="a.txt", raw=raw, fmt="txt"), day_first=False)
    assert doc.published and doc.published.value == "2024-03-04"


def test_metadata_wins_over_guessing():
    raw = RawArticle(path="f.jsonl", raw="Body 13/12/2021 text. More text.", fmt="jsonl", line=3,
                     title="Given title", published="2020-01-02T10:00:00Z", outlet="Example Times")
    doc = prepare(raw)
    assert doc.title == "Given title" and doc.published.value == "2020-01-02" and doc.outlet == "Example Times"
    assert doc.file == "f.jsonl:3"


def test_normalize_strips_controls_and_invisibles():
    text = normalize("A\x00b\u200bc\u202ed\r\ne\u00a0f\ufeff")
    assert text == "Abcd\ne f"


def test_clean_is_nfc():
    decomposed = "Nguye\u0302\u0303n"  # e + combining circumflex + tilde
    assert clean("Title\n" + decomposed + " spoke today.").text == "Nguyễn spoke today."


def test_undated_article_without_clues_has_no_date():
    doc = prepare(RawArticle(path="a.txt", raw="A headline\n\nSomething happened somewhere.", fmt="txt"))
    assert doc.published is None


def test_jsonl_reader(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": "First article body. It is long enough.", "title": "One", "published": "2024-05"}) + "\n"
        + "{not json\n"
        + json.dumps({"title": "no text"}) + "\n",
        encoding="utf-8",
    )
    from briefing.errors import InputError
    from briefing.ingest.readers import read_path

    items = list(read_path(feed))
    assert [type(i).__name__ for i in items] == ["RawArticle", "InputError", "InputError"]
    assert isinstance(items[1], InputError) and "feed.jsonl:2" in str(items[1])
    assert "missing or empty 'text'" in str(items[2]) and "feed.jsonl:3" in str(items[2])
    doc = prepare(items[0])
    assert doc.published.value == "2024-05" and doc.published.precision == "month"


def test_html_goes_through_trafilatura(tmp_path):
    page = tmp_path / "a.html"
    body = " ".join(["The ministry said on Monday that exports rose sharply in the first quarter."] * 6)
    page.write_text(
        "<html><head><title>Exports rise | Example News</title>"
        '<meta property="article:published_time" content="2023-04-03T08:00:00+07:00">'
        "</head><body><nav>Home | World | Business</nav><article><h1>Exports rise</h1>"
        f"<p>{body}</p><p>{body}</p></article><footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    (doc,) = load_file(page)
    assert doc.title.startswith("Exports rise")
    assert doc.published and doc.published.value == "2023-04-03"
    assert "Contact us" not in doc.text and "exports rose sharply" in doc.text


def test_target_years_do_not_date_an_undated_article():
    from briefing.ingest.infer import infer_published

    p = infer_published("The plan was adopted in 2021. The country aims to become developed by 2045.")
    assert p is not None and p.value == "2021" and p.inferred


def test_hard_wrapped_lines_are_joined_but_paragraphs_and_items_are_not() -> None:
    from briefing.ingest.clean import clean

    raw = ("Headline of the bulletin\n\nThe ministry asked provinces in the\nMekong Delta to act,\n"
           "said Nam, who praised the high-\nquality seed.\nA new paragraph starts here.\n\n"
           "1. Sow early and\nwell;\n2. Repair canals.")  # fmt: skip
    c = clean(raw)
    assert c.text.split("\n\n") == [
        "The ministry asked provinces in the Mekong Delta to act, said Nam, who praised the high-quality seed.",
        "A new paragraph starts here.",
        "1. Sow early and well;",
        "2. Repair canals.",
    ]
