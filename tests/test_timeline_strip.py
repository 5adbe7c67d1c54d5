"""The timeline strip: an SVG of events over time with targets in their own lane, and its text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from briefing.render.charts import timeline_summary, timeline_svg
from briefing.select import TimelineItem


def _item(date_iso: str, summary: str = "x") -> TimelineItem:
    return TimelineItem(fact_id=date_iso, source=1, doc_id="d", span=(0, 1), evidence=summary,
                        date=date_iso, date_iso=date_iso, summary=summary)


def test_strip_draws_density_period_and_targets() -> None:
    items = [_item(d) for d in ("2016-01", "2017-08-15", "2017-11", "2017", "2019-03-02")]
    targets = [_item("2030"), _item("2045")]
    svg = timeline_svg(items, targets, ("2017-01-01", "2019-12-31"))
    root = ET.fromstring(svg)  # well-formed
    assert root.get("role") == "img" and "5 dated events, 2016–2019; most in 2017 (3)" in root.get("aria-label", "")
    assert "Events per year" in svg and "shaded: period of the brief" in svg
    assert ">2030<" in svg and ">2045<" in svg and "Targets" in svg
    heights = [float(r.get("height", 0)) for r in root.iter("{http://www.w3.org/2000/svg}rect")
               if r.get("fill") == "#2f5d8a"]
    assert len(heights) == 3 and max(heights) == heights[1]  # 2016, 2017 (the busiest), 2019


def test_short_spans_are_binned_by_month_and_text_is_escaped() -> None:
    svg = timeline_svg([_item("2024-03-12", "<b>"), _item("2024-05-01")])
    assert "Events per month" in svg and "<b>" not in svg
    assert timeline_summary([], []) == "Timeline: no dated events."
    assert timeline_summary([_item("2024")], [_item("2030")]) == "Timeline: 1 dated event, 2024; most in 2024 (1); 1 target (2030)."


def test_one_event_reported_by_two_articles_is_one_item_citing_both(tmp_path) -> None:
    import briefing

    with briefing.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest_text("Trade ministers signed the Mercosur pact in Brussels on 5 May 2021, officials said.",
                           title="Pact signed", published="2021-05-06", outlet="Wire A")
        corpus.ingest_text("On 5 May 2021 the Mercosur pact was signed in Brussels by trade ministers.",
                           title="Deal done", published="2021-05-07", outlet="Paper B")
        corpus.ingest_text("On 5 May 2021 a storm closed schools across the north of the country.",
                           title="Storm", published="2021-05-07", outlet="Paper C")
        corpus.extract()
        ctx = corpus.select({"title": "t", "sections": ["timeline", "sources"]})
        md = corpus.render({"title": "t", "sections": ["timeline", "sources"]})
    pact = [e for e in ctx.timeline if "pact" in e.summary]
    assert len(pact) == 1 and len({pact[0].source, *pact[0].also}) == 2
    assert len(ctx.timeline) == 2  # the storm is another thing on the same day
    assert f"(#src-{pact[0].also[0]})" in md
