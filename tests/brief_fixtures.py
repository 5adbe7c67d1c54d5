"""A small synthetic corpus with hand-made facts, for brief tests that must not depend on the
extractors (which change under us): wire copy, Western names, one hostile article.

Every fact's span is found in its document's text, so ``fact.text == doc.text[span]`` holds.
"""

from __future__ import annotations

from pathlib import Path

from briefing.models import (
    DateRef,
    Document,
    Enumeration,
    EnumItem,
    Event,
    Fact,
    Figure,
    Person,
    PublishedDate,
    Quote,
    TitleRecord,
)
from briefing.store import Store

WIRE = (
    "The Federal Reserve raised its benchmark rate by a quarter point to 4.75% on Wednesday, "
    "Fed Chair Jerome Powell said in Washington.\n\n"
    "“We remain strongly committed to bringing inflation back down to our 2% goal,” Powell told reporters.\n\n"
    "The central bank first raised rates in March 2022 after keeping them near zero since 2020.\n\n"
    "Powell said the committee had set three priorities: first, restore price stability; second, keep the "
    "banking system sound; third, communicate clearly with the public."
)
AP = (
    "Federal Reserve officials left their key rate at 5.25% on Jan. 31, 2024, and Chair Jerome Powell "
    "signaled that cuts were not imminent.\n\n"
    "“We want to see more good data,” Powell said at a news conference.\n\n"
    "Treasury Secretary Janet Yellen said separately that the economy was on a \"soft landing\" path."
)
HOSTILE = (
    "Officials met on 6 July 2021 <script>alert('x')</script> to review <img src=\"file:///etc/passwd\" "
    "onerror=\"alert(1)\"> the [plan](javascript:alert(1)) and url(file:///etc/shadow) "
    "http://169.254.169.254/latest/meta-data in Hà Nội with Nguyễn Thị Hương.\n\n"
    "“Nothing <iframe src=http://127.0.0.1/></iframe> was agreed,” said Mark Ellison."
)


def _doc(doc_id: str, file: str, text: str, title: str, date: str, precision: str, outlet: str) -> Document:
    return Document(id=doc_id, file=file, path=f"/corpus/{file}", raw=text, text=text, title=title,
                    published=PublishedDate(date, precision), outlet=outlet)  # type: ignore[arg-type]


DOCS = [
    _doc("d1" * 8, "reuters-fed.txt", WIRE, "Fed raises rates a quarter point", "2023-03-22", "day", "Reuters"),
    _doc("d2" * 8, "ap-fed.txt", AP, "Fed holds rates steady", "2024-01-31", "day", "AP"),
    _doc("d3" * 8, "hostile.html", HOSTILE, "Officials <b>meet</b>", "2021-07-07", "day", "Example Wire"),
]


def _span(doc: Document, needle: str) -> tuple[int, int]:
    start = doc.text.index(needle)
    return start, start + len(needle)


def _at(doc: Document, needle: str) -> dict:
    s = _span(doc, needle)
    return {"doc_id": doc.id, "span": s, "text": doc.text[s[0]:s[1]]}


def facts() -> dict[str, list[Fact]]:
    wire, ap, hostile = DOCS
    out: dict[str, list[Fact]] = {d.id: [] for d in DOCS}
    out[wire.id] += [
        Event(**_at(wire, "The Federal Reserve raised its benchmark rate by a quarter point to 4.75% on Wednesday"),
              date=DateRef("2023-03-22", "day"), summary="Fed raises its benchmark rate to 4.75%",
              people=("Jerome Powell",)),
        Event(**_at(wire, "The central bank first raised rates in March 2022"), date=DateRef("2022-03", "month"),
              summary="Fed begins raising rates"),
        Event(**_at(wire, "keeping them near zero since 2020"), date=DateRef("2020", "year"),
              summary="Rates held near zero"),
        Quote(**_at(wire, "We remain strongly committed to bringing inflation back down to our 2% goal"),
              speaker="Jerome Powell", mode="direct", cue="told"),
        Enumeration(**_at(wire, "first, restore price stability; second, keep the banking system sound; third, "
                                "communicate clearly with the public"),
                    label="priorities", category="goals", announced_count=3, speaker="Jerome Powell",
                    as_of="2023-03-22",
                    items=(EnumItem(1, "restore price stability", "Price stability"),
                           EnumItem(2, "keep the banking system sound", "Sound banks"),
                           EnumItem(3, "communicate clearly with the public", "Clear communication"))),
        Figure(**_at(wire, "4.75%"), value=4.75, unit="percent (federal funds rate)", as_of="2023-03-22",
               series="fed-rate"),
    ]
    out[ap.id] += [
        Event(**_at(ap, "Federal Reserve officials left their key rate at 5.25% on Jan. 31, 2024"),
              date=DateRef("2024-01-31", "day"), summary="Fed holds its key rate at 5.25%",
              people=("Jerome Powell",)),
        Quote(**_at(ap, "We want to see more good data"), speaker="Jerome Powell", mode="direct", cue="said"),
        Figure(**_at(ap, "5.25%"), value=5.25, unit="percent (federal funds rate)", as_of="2024-01-31",
               series="fed-rate"),
    ]
    out[hostile.id] += [
        Event(**_at(hostile, HOSTILE.split("\n\n")[0]), date=DateRef("2021-07-06", "day"),
              summary="Officials <script>alert('x')</script> meet in Hà Nội [x](javascript:alert(1))"),
        Quote(**_at(hostile, "Nothing <iframe src=http://127.0.0.1/></iframe> was agreed"), speaker="Mark Ellison",
              mode="direct", cue="said"),
        Figure(**_at(hostile, "2021"), value=(10.0, 12.0), unit="delegates <b>present</b>", as_of="2021-07-06"),
    ]
    return out


def persons() -> list[Fact]:
    wire, ap, hostile = DOCS
    return [
        Person(**_at(wire, "Jerome Powell"), name="Jerome Powell", aliases=("Powell",),
               titles=(TitleRecord("Fed Chair", "2023-03-22", wire.file),
                       TitleRecord("Chair", "2024-01-31", ap.file)), docs=(wire.file, ap.file)),
        Person(**_at(ap, "Janet Yellen"), name="Janet Yellen", titles=(TitleRecord("Treasury Secretary",
               "2024-01-31", ap.file),), docs=(ap.file,)),
        Person(**_at(hostile, "Mark Ellison"), name="Mark Ellison", docs=(hostile.file,)),
    ]


def make_store(path: str | Path) -> Store:
    """A store holding :data:`DOCS` and their facts (the caller closes it)."""
    st = Store(path)
    by_doc = facts()
    for doc in DOCS:
        st.put_document(doc, by_doc[doc.id], "test")
    st.replace_persons([(None, f) for f in persons()], groups=None)
    return st
