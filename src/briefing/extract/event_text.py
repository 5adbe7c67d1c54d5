"""What an event says, as a clause a reader understands out of the article: who did what.

A sentence with several dates is cut into clauses at a semicolon or at a conjunction that opens a
dated clause ("..., and in late 2017, Xi Jinping paid a visit"); each date keeps its own clause.
A clause too long for a timeline line keeps its start (the subject and the verb), drops asides in
parentheses and cuts after the date's part, marked with an ellipsis. A list item is read with
the line that introduces it; an anniversary's founding event is the thing founded.

    >>> text = "In early 2017, Trong visited China and in late 2017, Xi Jinping visited Vietnam."
    >>> bounds = clause_bounds(text, 0, len(text), [(9, 13), (text.index("late") - 3, text.index("late") + 9)])
    >>> [summary(text, lo, hi, lo) for lo, hi in bounds]
    ['In early 2017, Trong visited China', 'In late 2017, Xi Jinping visited Vietnam.']
"""

from __future__ import annotations

import re

from ..lexicon import lexicon

_EW = lexicon().events
_JOINERS = "|".join(w.replace(" ", r"\s+") for w in _EW.clause_joiners)
# A conjunction (after a comma or not) right before a dated clause: "... China and in late 2017".
_JOIN_BEFORE = re.compile(r"(?:,\s*|\s+)(?:" + _JOINERS + r")\s+(?:[a-z]+\s+){0,2}$")
_OPENERS = re.compile(r"(?i)^(?:(?:" + "|".join(w.replace(" ", r"\s+") for w in _EW.summary_openers)
                      + r")\b[\s,:]*)+")
_OPENER_WORDS = frozenset(w.split()[0] for w in _EW.summary_openers)
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|[-•*–·])\s+")
_PARENS = re.compile(r"\s*\([^()]{0,200}\)")
_AFTER_COMMA = re.compile(r"(?<=[,:])\s+")
_ANNIVERSARY = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:[\w-]+\s+){0,2}?anniversary\s+of\s+")
# Where the thing an anniversary is of ends: "the Carnation Revolution| in Lisbon".
_PHRASE_END = re.compile(r"\s*[(,;:.!?]|\s+(?:and|or)\s+the\s+\d|\s+(?:" + _JOINERS
                         + r")\s+(?:the\s+)?\d|\s+(?:in|with|on|during|across|by)\s")
MAX_WORDS = 25
_SLACK = 5  # a clause a few words over the budget is shown whole rather than cut


def clause_bounds(text: str, s: int, e: int, dated: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clauses of sentence [s, e): cut at semicolons and before the conjunction opening a
    clause that starts with one of the dates at spans ``dated`` (in text order), unless only a
    list of dates comes before it ("until 2025, 2030 and 2045")."""
    if len(dated) < 2 and text.find(";", s, e) < 0:
        return [(s, e)]  # most sentences: one clause
    cuts = set()
    i = text.find(";", s, e)
    while i >= 0:  # a semicolon inside parentheses cuts nothing
        if text.count("(", s, i) <= text.count(")", s, i):
            cuts.add(i + 1)
        i = text.find(";", i + 1, e)
    last = s
    for at, end in dated:
        m = _JOIN_BEFORE.search(text, max(s, at - 40), at)
        if m and m.start() > s and len(text[last:m.start()].split()) >= 3:
            cuts.add(m.start())
        last = end
    edges = [s, *sorted(c for c in cuts if s < c < e), e]
    return [(a, b) for a, b in zip(edges, edges[1:], strict=False) if text[a:b].strip(" ;,")]


def clause_at(bounds: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """The clause holding offset ``at``."""
    for lo, hi in bounds:
        if lo <= at < hi:
            return lo, hi
    return bounds[-1]


def summary(text: str, lo: int, hi: int, at: int, intro: str | None = None) -> str:
    """Clause [lo, hi) as a timeline line of at most MAX_WORDS words, kept around offset ``at``."""
    clause = text[lo:hi]
    if not clause[:1].isupper():  # a list marker, or a clause cut from a sentence
        clause = _LIST_MARK.sub("", clause, count=1)
    if clause.count(" ") >= MAX_WORDS + _SLACK:  # (fewer spaces: fewer words, nothing to cut)
        at = max(0, at - hi + len(clause))
        if len(clause.split()) > MAX_WORDS + _SLACK:
            clause, at = _without_asides(clause, at)
        if len(clause.split()) > MAX_WORDS + _SLACK:
            clause = _cut(clause, at)
    clause = clause.strip(" ,;:")
    first = clause.split(None, 1)
    if first and first[0].lower().rstrip(",;:") in _OPENER_WORDS:
        clause = _OPENERS.sub("", clause).rstrip(" ,;:")
    if intro and len(intro.split()) + len(clause.split()) <= MAX_WORDS + 10:
        return f"{intro} {clause}"
    return clause[:1].upper() + clause[1:]


def _without_asides(clause: str, at: int) -> tuple[str, int]:
    """The clause without parenthesised asides that do not hold the date."""
    out, pos, new_at = [], 0, at
    for m in _PARENS.finditer(clause):
        if m.start() <= at < m.end():
            continue
        out.append(clause[pos:m.start()])
        if m.end() <= at:
            new_at -= m.end() - m.start()
        pos = m.end()
    out.append(clause[pos:])
    return "".join(out), max(0, new_at)


def _cut(clause: str, at: int) -> str:
    """The start of the clause up to the end of the date's part, filled up to the budget; when
    the date lies too deep, as much of the start as fits, then the date's part."""
    chunks = _AFTER_COMMA.split(clause)
    ends, pos = [], 0
    for ch in chunks:
        pos = clause.find(ch, pos) + len(ch)
        ends.append(pos)
    k = next((i for i, end in enumerate(ends) if at < end), len(chunks) - 1)
    words = [ch.split() for ch in chunks]
    sizes = [len(w) for w in words]
    if sum(sizes[:k + 1]) <= MAX_WORDS:
        while k + 1 < len(chunks) and sum(sizes[:k + 2]) <= MAX_WORDS:
            k += 1
        kept = [w for ch in words[:k + 1] for w in ch]
        rest = MAX_WORDS - len(kept)
        if k + 1 < len(chunks) and rest >= 6:  # "At its recent 12th Congress," says nothing alone
            kept += words[k + 1][:rest]
        return _joined(kept, len(kept) < sum(sizes))
    # The date's part, from a little before the date's own word when the part is long.
    first = len(clause[ends[k] - len(chunks[k]):at].split())
    if k == 0 and first < MAX_WORDS - 6:
        return _joined(words[0][:MAX_WORDS], True)
    part = words[k][max(0, first - 4):] if first >= MAX_WORDS // 2 else words[k]
    j = 0
    while j < k and sum(sizes[:j + 1]) + len(part) <= MAX_WORDS:
        j += 1
    head = [w for ch in words[:j] for w in ch] or words[0][:8]
    part = part[:max(6, MAX_WORDS - len(head))]
    return _joined(head, True) + " " + _joined(part, k + 1 < len(chunks) or len(part) < sizes[k] - max(0, first - 4))


def _joined(words: list[str], cut: bool) -> str:
    return " ".join(words).rstrip(" ,;:") + (" …" if cut else "")


def list_intro(text: str, s: int) -> str | None:
    """'The tasks ahead include:' for an item '1. completing the baseline study by March 2025'."""
    pos = text.rfind("\n", 0, s) + 1  # the item's line: its marker may precede the sentence
    if s - pos > 6 or not _LIST_MARK.match(text[pos:s + 6]):
        return None
    while pos > 0:
        start = text.rfind("\n", 0, pos - 1) + 1
        line = text[start:pos].strip()
        if line and not _LIST_MARK.match(line):
            return line if line.endswith(":") and len(line.split()) <= 15 else None
        pos = start
    return None


def anniversaries(sentence: str) -> list[tuple[int, int, int, str]]:
    """Each 'Nth anniversary of X' of a sentence: where it starts, where X starts, N and X.

        >>> anniversaries("They marked the 40th anniversary of the 1973 Paris Agreement.")
        [(16, 36, 40, 'the 1973 Paris Agreement')]
    """
    out = []
    for m in _ANNIVERSARY.finditer(sentence):
        end = _PHRASE_END.search(sentence, m.end())
        thing = sentence[m.end():end.start() if end else len(sentence)].split()
        if thing:
            out.append((m.start(), m.end(), int(m.group(1)), " ".join(thing[:14])))
    return out


def founding_summary(n: int, thing: str, year: str) -> str:
    """'The Russian October Revolution (100th anniversary in 2017)'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{thing[:1].upper()}{thing[1:]} ({n}{suffix} anniversary in {year})"


def anniversary_summary(n: int, thing: str) -> str:
    """'100th anniversary of the Russian October Revolution'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} anniversary of {thing}"
