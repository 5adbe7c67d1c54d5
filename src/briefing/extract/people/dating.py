"""The date a title holds on: the event's date in the sentence naming it, else the article's."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ...lexicon import lexicon

if TYPE_CHECKING:
    from .. import DocContext


_MONTHS = [m.lower() for m in lexicon().month_names]
_DATE_FALLBACK = re.compile(
    r"\b(?:(?:(?P<d1>\d{1,2})\s+)?(?P<m1>" + "|".join(lexicon().month_names) + r")"
    r"(?:\s+(?P<d2>\d{1,2}),?)?\s+(?P<y1>(?:19|20)\d{2})|(?P<y2>(?:19|20)\d{2}))\b(?!\s*[-–]\s*\d)"
)
_ISO_VALUE = re.compile(r"^\d{4}(-\d\d){0,2}$")
_RANGE_BEFORE = re.compile(r"\d[-–]$")


def tagged_dates(ctx: DocContext) -> list[tuple[int, str]] | None:
    """(position, ISO value) of the document's single dates from the date tagger, in its order;
    ranges are skipped (they date an anniversary or a period, not the title). None when the
    tagger found nothing (or failed): then :func:`dates_in` falls back to a small pattern."""
    try:
        timexes = list(ctx.timexes)
    except Exception:  # the date tagger is optional here
        timexes = []
    if not timexes:
        return None
    out: list[tuple[int, str]] = []
    for t in timexes:
        # briefing.extract.dates.Timex: start/end, value, precision, end_value (ranges)
        t_start, t_end = getattr(t, "start", None), getattr(t, "end", None)
        if not isinstance(t_start, int) or not isinstance(t_end, int):
            continue
        if getattr(t, "type", "DATE") != "DATE" or getattr(t, "end_value", None) or not getattr(t, "precision", None):
            continue
        # "since 2011", "until 2025", "before 2020" bound a period; they do not date a title.
        if getattr(t, "mod", None) in ("ON_OR_AFTER", "AFTER", "BEFORE", "ON_OR_BEFORE"):
            continue
        value = getattr(t, "value", None)
        if isinstance(value, str) and _ISO_VALUE.match(value):
            out.append((t_start, value))
    return out


def dates_in(ctx: DocContext, start: int, end: int,
              tagged: list[tuple[int, str]] | None) -> list[tuple[int, str]]:
    """(position, ISO value) of single dates in ``[start, end)``; ``tagged``: :func:`tagged_dates`."""
    if tagged is not None:
        return [d for d in tagged if start <= d[0] < end]
    out: list[tuple[int, str]] = []
    for m in _DATE_FALLBACK.finditer(ctx.text, start, end):
        if m.group("y2"):
            value = m.group("y2")
            before = ctx.text[max(0, m.start() - 2):m.start()]
            if _RANGE_BEFORE.search(before):
                continue
        else:
            mm = _MONTHS.index(m.group("m1").lower()) + 1
            day = m.group("d1") or m.group("d2")
            value = f"{m.group('y1')}-{mm:02d}" + (f"-{int(day):02d}" if day else "")
        out.append((m.start(), value))
    return out


def sentence_at(ctx: DocContext, pos: int) -> tuple[int, int] | None:
    """The sentence containing ``pos`` (binary search over the sentence spans)."""
    spans = ctx.sentences
    i = bisect.bisect_right(spans, (pos, len(ctx.text) + 1)) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


_CLAUSE_BREAK = re.compile(r"\b(?:that|which|who|whose|when|where)\b")


def as_of(ctx: DocContext, pos: int, tagged: list[tuple[int, str]] | None) -> str | None:
    """The date of the event in the sentence at ``pos`` (nearest one), else the article's date.

    ``tagged``: :func:`tagged_dates` (computed once per document).
    """
    for s, e in [sentence_at(ctx, pos) or (0, 0)]:
        if s < e:
            ref = ctx.reference_date
            # A title is not dated by a future plan ("until 2025").
            dates = [d for d in dates_in(ctx, s, e, tagged) if not ref or d[1][:len(ref)] <= ref]
            # A date inside a reported or relative clause ("X noted that since 2011 ...",
            # "... which was revised in 2011") dates what was said, not the speaker's title.
            dates = [d for d in dates
                     if not _CLAUSE_BREAK.search(ctx.text, min(pos, d[0]), max(pos, d[0]))]
            if dates:
                return min(dates, key=lambda d: abs(d[0] - pos))[1]
            break
    return ctx.reference_date


