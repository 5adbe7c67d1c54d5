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
