"""Titles around a name: before it (``Deputy Prime Minister``), in apposition after it
(``, head of the Commission,``), set off before it (``A spokesperson for X, Name,``), and
title phrases standing alone for a person (``the head of the Commission``).

    >>> text = "Tran Van A, member of the Politburo and head of the Commission, said"
    >>> titles, end = apposition(text, 10, len(text))
    >>> [text[s:e] for s, e in titles], text[end]
    (['member of the Politburo', 'head of the Commission'], ',')
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

from ...text import fold
from .tokens import Tokens, indices
from .vocab import (
    APPOSITION_BAD_STARTS,
    APPOSITION_NOUNS,
    COMMON_CAPS,
    CONNECTORS,
    COUNTRIES,
    DETERMINERS,
    HONORIFICS,
    NATIONALITIES,
    ORG_WORDS,
    POSSESSIVE,
    RELATIVE_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    is_head,
    lw,
    name_like,
    titleish,
)

_HYPHENATED_WORD = re.compile(r"[\w’'-]+")
_TITLE_JOIN = re.compile(r"\s+and\s+|,\s+")
_TITLE_WORD = re.compile(r"[\w’'.-]+")
_MODIFIER_OR_NATIONALITY = TITLE_MODIFIERS | NATIONALITIES
# Title words, then capitalised words up to the end of the coordinated part: a titled person.
# A rank abbreviation opening a title ("Gov.", "Lt. Gen."), not right after another one.
_RANK = re.compile(r"(?<![.\w]) ?\b(?:" + "|".join(sorted(a.capitalize() for a in TITLE_ABBREVIATIONS)) + r")\.")
_TITLED_NAME = re.compile(r"(?:[A-Z][\w’'.-]*\s+){1,4}(?:[A-Z][\w’'-]*\s*){2,4}(?=$|,|\s+and\s)")


def split_titles(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the titles in a coordinated title phrase (``member of X and head of Y``)."""
    out: list[tuple[int, int]] = []
    s = start
    for m in _TITLE_JOIN.finditer(text):
        first = [lw(w.group()) for w in itertools.islice(_TITLE_WORD.finditer(text, m.end()), 3)]
        # Split only when a new title starts after the conjunction ("and Chinese President"),
        # not one that names its holder ("envoy of General Secretary and President Xi Jinping").
        if first and (first[0] in TITLE_HEADS or (first[0] in _MODIFIER_OR_NATIONALITY
                                                  and any(w in TITLE_HEADS for w in first[1:]))) \
                and not _TITLED_NAME.match(text, m.end()):
            out.append((s, start + m.start()))
            s = start + m.end()
    out.append((s, start + len(text)))
    return [piece for a, b in out if b > a for piece in _split_ranks(text, start, a, b)]


def _split_ranks(text: str, start: int, a: int, b: int) -> list[tuple[int, int]]:
    """A rank abbreviation after a title is a title of its own: "Republican nominee | Gov.",
    "Navy spokesman | Capt." (but "Lt. Gen." and "Retired Lt. Gen." stay whole)."""
    for m in _RANK.finditer(text, a - start, b - start):
        before = text[a - start:m.start()]
        if any(lw(w) in TITLE_HEADS for w in _TITLE_WORD.findall(before)):
            return [(a, start + m.start() - 1), (start + m.start(), b)]
    return [(a, b)]


_HEAD_OR_ORG = TITLE_HEADS | ORG_WORDS
_FORMAL = TITLE_HEADS | TITLE_MODIFIERS | ORG_WORDS | CONNECTORS | DETERMINERS
_CONNECTOR_OR_COMMON = CONNECTORS | COMMON_CAPS


def _title_gap(toks: Tokens, k: int) -> str | None:
    """How the title may run on from token ``k`` to token ``k + 1``: "space", "comma" (a chain:
    "Politburo member, Secretary of ..."), "bracket" (an acronym: "National Assembly (NA)
    Chairman"), or None."""
    gap, words = toks.gaps[k + 1], toks.words
    if gap.isspace() and "\n" not in gap:
        return "space"
    if gap == ". " and lw(words[k]) in TITLE_ABBREVIATIONS:  # "Gov. John Kasich", "Lt. Gen. ..."
        return "space"
    if gap == ", " and is_head(words[k]):
        return "comma"
    if (gap == " (" and k + 2 < len(words) and toks.gaps[k + 2] == ") " and words[k + 1].isupper()) \
            or (gap == ") " and words[k].isupper() and toks.gaps[k] == " ("):
        return "bracket"
    return None


def title_before(toks: Tokens, idx: int, floor: int,
                 names: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """The title phrase ending right before token ``idx`` (``Chairman of the ... Commission``),
    leaving out an honorific right before the name (``Police chief Sir Mark Rowley``)."""
    starts, ends, words, gaps = toks
    last = idx - 1
    if last >= 0 and words[last] in HONORIFICS:
        last -= 1
    # Only white space between the title and the name (or its honorific).
    if last < 0 or _title_gap(toks, last) not in ("space", "bracket"):
        return None
    k, first, count, commas = last, None, 0, []
    owner = -2  # the first token of an organisation's name inside the title
    while k >= 0 and starts[k] >= floor and count < 24:
        if k < last:
            how = _title_gap(toks, k)
            if how is None:
                break
            if how == "comma":
                commas.append(k + 1)
        w = words[k]
        # Another person's name ("Health Secretary Victoria Atkins and Chancellor ..."), unless a
        # title word follows it: then it names the organisation ("Plaid Cymru leader Rhun ...").
        if k in names:
            if not (k < last and (k + 1 == owner or (titleish(words[k + 1]) and k + 1 not in names))):
                break
            owner = k
        low = lw(w)
        if w[0].isdigit() or not (w[0].isupper() or is_head(w) or low in TITLE_MODIFIERS or low in ORG_WORDS
                                  or low in CONNECTORS):
            break
        # "and" joins two titles ("Secretary of State and Defence Minister"), not a name and a
        # title ("President Obama and Republican nominee Donald Trump").
        if low == "and" and k > 0 and not (titleish(words[k - 1]) or lw(words[k - 1]) in ORG_WORDS):
            break
        first = k
        k -= 1
        count += 1
    if first is None:
        return None
    # The word right before the name must belong to a title or an organisation/place name.
    if not (words[last][0].isupper() or lw(words[last]) in _HEAD_OR_ORG or is_head(words[last])):
        return None
    first = _title_start(words, first, last, commas)
    if first > last or not any(is_head(w) for w in words[first:last + 1]):
        return None
    # "National Assembly (NA)", "Gov.": the closing bracket or the abbreviation's full stop
    end = ends[last] + (1 if gaps[last + 1].startswith((")", ".")) else 0)
    return starts[first], end


def _title_start(words: list[str], first: int, last: int, commas: list[int]) -> int:
    """Where the title really starts in tokens ``first..last``."""
    # "special envoy of General Secretary Xi Jinping": a title after "of" is the name's own.
    for m in range(last - 1, first - 1, -1):
        if lw(words[m]) in ("of", "for"):
            # ... up to a coordinated title ("of the Committee and head of ..." stays whole)
            own = list(itertools.takewhile(lambda w: lw(w) != "and", words[m + 1:last + 1]))
            if len(own) == last - m and any(is_head(w) for w in own):
                first = m + 1
            break
    # Drop what cannot open a title ("of the", "according to"); keep capitalised modifiers
    # such as "Labour leader" or "Health Secretary".
    while first <= last and not titleish(words[first]) and (
            fold(words[first]) in _CONNECTOR_OR_COMMON or not words[first][0].isupper()):
        first += 1
    # A chain of titles opens with a capital ("Politburo member, Secretary of ..."), not "the
    # minister, President ...": start after the last comma crossed.
    crossed = [c for c in commas if c > first]
    if crossed and first <= last and not words[first][0].isupper():
        first = max(crossed)
    return first


_ABBREVIATED = re.compile(r"\b(?:" + "|".join(sorted(HONORIFICS | {a.capitalize() for a in TITLE_ABBREVIATIONS}))
                          + r")$")
_CLAUSE = re.compile(r"\s+(?:" + "|".join(sorted(RELATIVE_WORDS)) + r")\b")
_ACRONYM = re.compile(r"\([A-Z][A-Z0-9&]{1,9}\)")
_APP_START = re.compile(r",\s+(?:(?:the|a|an|The|A|An)\s+)?")
_APP_END = re.compile(r"[,;:.()“”\"!?]|\s[-–—_]\s")
_APP_END_NOT_ABBREVIATION = re.compile(r"[,;:()“”\"!?]|\.(?=\s|$)|\s[-–—_]\s")
# "executive director at the Center of Media Justice and whose ...": no connector ends a title.
_TRAILING_CONNECTOR = re.compile(r"(?:\s+(?:and|or|but))+\s*$")


_OWNER = re.compile(r"\b(?:of|for|to|at|with)\b")


def _names_the_next_person(text: str, start: int, end: int, names: list[int]) -> bool:
    k = bisect.bisect_left(names, start)
    return k < len(names) and names[k] < end and not _OWNER.search(text, start, names[k])


def apposition(text: str, pos: int, limit: int,
               names: list[int] | None = None) -> tuple[list[tuple[int, int]], int | None]:
    """Titles in an apposition after a name: ``, member of the PCC and head of the commission,``.

    ``names``: where candidate names start (sorted). A segment that opens with a title and a
    name ("..., General Secretary Nguyen Phu Trong and ...") is the next person's, not an
    apposition; a name after "of" stays in it ("special envoy of President Xi Jinping")."""
    titles: list[tuple[int, int]] = []
    end: int | None = None
    while True:
        m = _APP_START.match(text, pos, limit)
        if not m:
            break
        seg_start = m.end()  # after the comma and an article
        seg_end_m = _APP_END.search(text, seg_start, limit)
        seg_end = seg_end_m.start() if seg_end_m else limit
        # A full stop after an abbreviation ("U.S.") or a bracketed acronym ("State Bank of Viet
        # Nam (SBV)") does not end the segment.
        while seg_end_m:
            acronym = _ACRONYM.match(text, seg_end)
            if acronym:
                skip = acronym.end()
            elif text[seg_end] == "." and seg_end + 1 < limit and (
                    not text[seg_end + 1].isspace() or _ABBREVIATED.search(text, seg_start, seg_end)):
                skip = seg_end + 1  # "U.S.", "Mr. Trump's campaign manager"
            else:
                break
            seg_end_m = _APP_END_NOT_ABBREVIATION.search(text, skip, limit)
            seg_end = seg_end_m.start() if seg_end_m else limit
        seg = text[seg_start:seg_end]
        # A relative clause ends the title ("former Mexican foreign minister who is a critic ...").
        clause = _CLAUSE.search(text, seg_start, seg_end)
        if clause:
            seg_end = clause.start()
            trailing = _TRAILING_CONNECTOR.search(text, seg_start, seg_end)
            if trailing:
                seg_end = trailing.start()
        if names and _names_the_next_person(text, seg_start, seg_end, names):
            break
        raw = _TITLE_WORD.findall(seg)
        words = [lw(w) for w in raw[:5]]  # a title head comes within the first five words
        if not words or words[0] in APPOSITION_BAD_STARTS or len(raw) > 40:
            break
        # Past 22 words only a formal chain of posts goes on ("a member of the Standing Committee
        # of the Political Bureau of the CPC Central Committee and director of ...").
        if len(raw) > 22 and not all(w[0].isupper() or lw(w) in _FORMAL for w in raw):
            break
        head_at = next((i for i, w in enumerate(words) if w in TITLE_HEADS), None)
        if head_at is None:
            break
        # An owner may open it ("Mr. Trump's campaign manager", "the company's chief executive").
        owner = max((i for i in range(head_at) if POSSESSIVE.search(raw[i])), default=-1)
        if owner > 0 and not all(w[0].isupper() or lw(w) in DETERMINERS for w in raw[:owner]):
            break
        if not all(w in TITLE_MODIFIERS or w in NATIONALITIES or w in COUNTRIES or w in ORG_WORDS
                   or w in TITLE_HEADS or w in APPOSITION_NOUNS for w in words[owner + 1:head_at]):
            break
        titles.extend(split_titles(text[seg_start:seg_end], seg_start))
        end = seg_end
        pos = seg_end
        if seg_end >= limit or text[seg_end] != ",":
            break
    return titles, end


_COMMA_AT_END = re.compile(r",\s+$")
_LEAD_WORDS = TITLE_HEADS | TITLE_MODIFIERS | NATIONALITIES | ORG_WORDS


def lead_title(text: str, sent_s: int, s: int, e: int) -> tuple[int, int] | None:
    """A description set off before a name: ``A spokesperson for the Kremlin, Dmitry Peskov, said``,
    ``... asked the press secretary, Karoline Leavitt, about ...``."""
    if not text.startswith(",", e) or not _COMMA_AT_END.search(text[max(sent_s, s - 3):s]):
        return None
    seg_end = text.rindex(",", sent_s, s)
    seg_start = max(text.rfind(c, sent_s, seg_end) for c in ",;:(") + 1
    seg_start = max(seg_start, sent_s)
    found = list(_HYPHENATED_WORD.finditer(text, seg_start, seg_end))
    words = [lw(w.group()) for w in found]
    head = next((i for i, w in enumerate(words) if w in TITLE_HEADS), None)
    if head is None:
        return None
    # The title opens the segment or follows a determiner; what stands between is a modifier.
    k = head
    while k > 0 and words[k - 1] in _LEAD_WORDS:
        k -= 1
    if (k > 0 and words[k - 1] not in DETERMINERS) or head - k > 3 or len(words) - k > 12:
        return None
    return found[k].start(), seg_end


def description_spans(text: str, toks: Tokens) -> Iterable[tuple[int, int]]:
    """Title phrases with an ``of`` complement that are not followed by a name."""
    starts, ends, words, gaps = toks
    n = len(words)
    done = 0  # tokens before this one are already part of a phrase
    # A phrase opens with a title head followed by "of": look only before each "of".
    for of_at in indices(words, "of"):
        i = of_at - 1
        if i < done:  # also an "of" opening the text
            continue
        if lw(words[i]) not in TITLE_HEADS:
            continue
        j = i + 1
        while j + 1 < n:
            gap = gaps[j + 1]
            nw = words[j + 1]
            low = lw(nw)
            if not gap.isspace() or "\n" in gap:
                break
            if low == "and":
                break
            if nw[0].isupper() and not name_like(nw) or low in ORG_WORDS or low in CONNECTORS or low in TITLE_HEADS:
                j += 1
                continue
            break
        while j > i and fold(words[j]) in CONNECTORS:
            j -= 1
        if j > i + 1 and not (j + 1 < n and gaps[j + 1] == " " and name_like(words[j + 1])):
            yield starts[i], ends[j]
        done = j + 1


