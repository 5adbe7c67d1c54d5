"""Quotes: who said what, verbatim.

Direct quotes are the words between quote marks (straight ``"``, curly, ``''…''`` as some wires
write them, ``«…»``; mismatched pairs too) when a speech cue ties them to a speaker: before the
quote (``Smith said: “…”``), after it (``“…,” Smith said`` / ``said Smith`` / ``― Smith``), in
its middle, or a quote that goes on from the paragraph before. Reported speech is the clause a
speech verb governs (``Quan affirmed that …``, ``…, Quan said.``, ``according to …``); quoted
words inside it make it a partial quote whose text is the clause, quote marks included. The
speaker is resolved by :mod:`.speakers` (a person, an organisation, a pronoun's antecedent, or
unknown with the words as written). Quoted words with no speech cue (slogans, concept names,
event titles) become :class:`Phrase` facts.

    >>> from briefing.models import Document
    >>> from briefing.extract import DocContext, people
    >>> text = "Police Chief Jane Doe spoke on Monday. “We are ready,” Doe said."
    >>> doc = Document(id="d", file="a.txt", path="a.txt", raw=text, text=text, title=None,
    ...                published=None)
    >>> ctx = DocContext(doc)
    >>> ctx.facts["mention"] = people.extract(ctx)
    >>> [(q.text, q.speaker, q.mode, q.speaker_kind) for q in extract(ctx)]
    [('We are ready', 'Jane Doe', 'direct', 'person')]
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import lexicon
from ..models import Fact, Phrase, Quote
from ..text import TOKEN_JOINER, WordMemo, word_alternation
from .people.tokens import Tokens, positions
from .speakers import Resolver, Speaker, adverb_before

if TYPE_CHECKING:
    from . import DocContext


_LEX = lexicon()
_QW = _LEX.quotes


def _forms(*frames: str) -> list[str]:
    """The quote-use forms of the speech verbs with one of ``frames`` (see speech.yaml)."""
    return [f for v in _LEX.speech_verbs if v.frame in frames for f in v.forms_for("quote")]


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))  # one text every run


# Longest first, so that of two cues starting at one place the longer one wins ("called for").
_CUES = sorted(set(_forms("say", "tell", "praise", "quote")), key=lambda c: (-len(c), c))
_NAMING = frozenset(_forms("name"))  # 'called Trump a “bully”': a cue only when quote marks follow
_DIRECT_ONLY = frozenset(_forms("quote"))  # "She continued: “…”", never a clause ("continued to grow")
_PRAISE = frozenset(_forms("praise"))  # "hailed the accord": speech only of a named speaker
_OBJECT_CUES = frozenset(_forms("tell"))  # "told reporters that ..."
_NOUN_FORMS = _QW.noun_forms  # "Twenty-seven states": a cue only after a person
_PREPOSITION_CLAUSE = re.compile(r"(?:" + _alt(_QW.adjunct_prepositions) + r")\b")
_NO_CLAUSE = re.compile(r"(?:" + _alt(_QW.adjunct_prepositions + _QW.adjunct_times) + r")\b[^,]{0,60}[.!?]?[”\"’']?$")
# An adverb in -ly ("forcefully"), not a noun ("family").
_LY = r"\b(?!(?:" + _alt(_QW.ly_nouns) + r")\b)[a-z]+ly"
_PROGRESSIVE = re.compile(r"(?:\b(?:is|are|was|were|been)|[’']s)\s+(?:" + _LY + r"\s+)?$")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:" + _LY + r"\s+)?$", re.I)
_CUE_ALT = "|".join(re.escape(c) for c in _CUES)
# The same alternation factored by prefixes: much faster to scan, and it matches what _CUE_ALT
# matches (of cues that both fit at one place, one extends the other, and either way the
# longer one is tried first).
_CUE_TRIE = word_alternation(_CUES)
CUE = re.compile(r"\b(" + _CUE_TRIE + r")\b")
_CUE_OR_NAMING = re.compile(r"\b(" + word_alternation(sorted(set(_CUES) | _NAMING, key=len, reverse=True)) + r")\b")
_CUE_WORDS = frozenset(w for c in _CUES for w in c.split()[:1]) | _NAMING
# The leading word of every cue (its first run of word characters): a cue starts only at a word
# of the text that is one, a token or a part of a token after a hyphen or an apostrophe.
_CUE_HEADS = frozenset(re.split(r"\W", c, maxsplit=1)[0] for c in (*_CUES, *_NAMING))


def _cue_offsets(word: str) -> tuple[int, ...]:
    """Where a cue may start in the token ``word``: the offsets of its parts that open one."""
    out: list[int] = []
    at = 0
    for part in TOKEN_JOINER.split(word):
        if part in _CUE_HEADS:
            out.append(at)
        at += len(part) + 1
    return tuple(out)


_cue_offsets_of = WordMemo(_cue_offsets).__getitem__


def cue_matches(text: str, toks: Tokens) -> list[re.Match[str]]:
    """What ``_CUE_OR_NAMING.finditer(text)`` finds, tried only at the words that may open a
    cue (the scan tried every position of the text)."""
    out: list[re.Match[str]] = []
    end = 0  # matches do not overlap
    offsets = list(map(_cue_offsets_of, toks.words))
    for i in positions(offsets):
        for off in offsets[i]:
            m = _CUE_OR_NAMING.match(text, toks.starts[i] + off) if toks.starts[i] + off >= end else None
            if m:
                out.append(m)
                end = m.end()
    return out
_OPEN = "“\"«„"  # opening marks of one character ('' and `` are two)
# A cue right before a quote: 'Smith said: “...”', 'told reporters “...”', 'said in a statement: “...”'.
_CUE_BEFORE_QUOTE = re.compile(r"\b(" + _CUE_TRIE + r")((?:\s+(?:" + _alt(_QW.objects) + r"))?)\s*[:,]?\s*$")
_CUE_SET = frozenset(_CUES)
_CUE_OPENS_SENTENCE = re.compile(r"([A-Z][a-z]+)\s+[^,.;:“”\"]{1,40}[:,]\s*$")
_CUE_ENDS_PARAGRAPH = re.compile(r"\b(" + _CUE_TRIE + r")\s*:\s*$")
_CUE_COLON_BEFORE_QUOTE = re.compile(r"\b(" + _CUE_TRIE + r")(\s+[^,.;:“”\"]{1,40})\s*:\s*$")
# 'says of Clinton, “...”', 'told CNN on Sunday, “...”'
_CUE_PREP_BEFORE_QUOTE = re.compile(r"\b(" + _CUE_TRIE + r")(\s+[^,.;:“”\"]{1,40}),\s*$")
_ADVERBS = re.compile(r"(?:\b(?:" + _alt(_QW.cue_adverbs) + r")\s+|" + _LY + r"\s+)+$")
PARTICIPLE = re.compile(r",\s+(" + _alt(_QW.participles) + r")(\s+that)?\b\s*")
# The object of a telling verb: a listed one ("reporters") or a name ("told CNN").
_OBJECTS = re.compile(r"\s+(?:" + _alt(_QW.objects) + r"|(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)\b")
_LEAD = re.compile(r"\s*,?\s*(?:that\b)?\s*,?\s*")
_PREP_ADJUNCT = re.compile(r"^\s+(?:in|at|on|during|after|before|while|when|from|to|via|by|through|last|this|"
                           r"yesterday|today|on)\b")
_QUOTE_MARK = re.compile(r"''|``|[“”\"«»„]")
_MARK_OR_NEWLINE = re.compile(r"''|``|[“”\"«»„\n]")
_NAME_SUBJECT = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)(?=\s+(?!and\b|or\b|of\b)[a-z]+\b)")
_OBJECT_THAT = re.compile(r"(?:\s+[\w’'-]+){1,5}?(?=\s+that\b)")
_VERB_AFTER = re.compile(r"\s+(?:" + _LY + r"\s+)?[a-z]+(?:ed|s)\b")
_COMMA_GAP = re.compile(r"\s*,?\s*")
_ADVERB_GAP = re.compile(r"\s+(?:also\s+|then\s+|later\s+)?")
_SPEAKER_ASIDE = re.compile(r"(?:\s*\([^()]{1,40}\)|\s+(?:of|for|at)\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s*){1,5}|,[^“”\"«»;:]*?,)"
                            r"(?=\s+(?:" + _LY + r"\s+)?\w)")
_PREP_ASIDE = re.compile(r"\s+(?:in|of|for|at|from|with|on)\s+[^,.;:“”\"«»]{1,50}?(?=\s+(?:" + _CUE_TRIE + r")\b)")
_CLAUSE_WORD = re.compile(r"\b(?:that|which|who|whom|whose|when|where|if|because|is|are|was|were|be|been|has|have|had|"
                          r"will|would|can|could|should|may|might|must)\b", re.I)  # a clause, not a subject
_WORD_NEXT = re.compile(r" [a-z]\w* \w")  # '“...” the level of': the clause goes on
_DOC_PHRASE = re.compile(r"(?:an?|the)\s+(?:[a-z][\w-]*\s+){0,2}?(?:" + _alt(tuple(_QW.documents)) + r")\b")
# ", but he has ...": a clause with its own subject after a participle's object.
_BUT_CLAUSE = re.compile(r",?\s+but\s+(?=[A-Z]|(?:" + _alt(sorted(_QW.pronouns)) + r")\b)")
_PARTICIPLE_WORD = re.compile(r"[A-Z][a-z]{3,}(?:ed|ing)")  # "Based on ...", "Following ...": no subject
_BY = re.compile(r"\s+by\s+")
_AUX = frozenset(("is", "are", "was", "were", "be", "been", "being"))
_AS_END = re.compile(r"(?<![\w-])[Aa]s$")
_LABEL = re.compile(r"([A-Z][A-Z’'.-]+(?: [A-Z][A-Z’'.-]+){0,2}):\s+")  # "PENCE: " in a transcript
_ADJUNCT_BEFORE_COMMA = re.compile(r"\s+(?:" + _alt(_QW.adjunct_prepositions) + r")\b[^,.;:“”\"«»]{0,60}(?=,)")
_GERUND_AFTER = re.compile(r"\b(?:by|for|after|before|while|when|since|without|in)\s+$")
_NAMING_END = re.compile(r"[,;]|\s+(?:and|but)\s+(?=(?:" + word_alternation(sorted(_CUE_WORDS, key=len, reverse=True))
                         + r")\b)|\s+(?:--|—|–)\s")
_RELATIVE_BEFORE = re.compile(r"\b(?:what|which|that)\b[^“”\"«».;:]{0,60}$", re.I)
_QUOTE_WITHIN = re.compile(r"[^“”\"«».;:]{0,40}(?:[“\"«„]|''|``)")  # quote marks a few words on
_QUOTE_TAIL = re.compile(r"\s+[a-z][^“”\"«»,.;:!?]{0,70},\s+")
_LEAD_STOPS = _QW.phrase_openers
_PAREN_ASIDE = re.compile(r"\s*\([^()]{1,80}\)")
_DASH = re.compile(r"\s*(?:―|—|–|--)\s*")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_ADJUNCT_THAT = re.compile(r"\s+(?:(?:on|in|at|during|after|before|from|via|by|to|last|this|late|early)\b"
                           r"[^,.;:“”\"]{0,60}?)\s+that\b")
_QUOTE_NEXT = re.compile(r"\s*[:,]?\s*(?:[“\"«„]|''|``)")
_AND = re.compile(r"\s+and\s+(?:also\s+)?")
_OPEN_PREV = set(" \t\n([{—–-/:")


@dataclass
class _Pair:
    open: int  # position of the opening mark
    inner: int  # where the quoted words start (after the mark)
    close: int  # position of the closing mark (or the paragraph end if it never closes)
    end: int  # after the closing mark
    closed: bool


def quote_pairs(text: str) -> list[_Pair]:
    """Top-level quote-mark pairs, pairing straight and curly marks (``“...\"`` and ``\"...”`` too),
    ``''...''`` and ``«...»``; a quote open at its paragraph's end runs to it (wire style)."""
    out: list[_Pair] = []
    stack: list[tuple[int, int]] = []
    para_s = 0
    for m in _MARK_OR_NEWLINE.finditer(text):  # one scan: the marks, and the paragraph ends
        i, j = m.span()
        c = m.group()
        if c == "\n":
            if stack:  # a quote running to the end of its paragraph (wire style for long quotes)
                out.append(_Pair(stack[0][0], stack[0][1], i, i, False))
                stack = []
            para_s = j
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[j] if j < len(text) else " "
        starts_word = (prev in _OPEN_PREV or i == para_s) and not nxt.isspace()
        ends_word = not prev.isspace() and nxt.isspace()
        # A straight mark opens before a word and closes after one; a curly mark typed the
        # wrong way round ("”Fear." opening a paragraph, “Mostly False.“) does the same.
        opening = (c in "“«„``" and not (stack and ends_word) or c in ('"', "''") and starts_word
                   or c == "”" and not stack and starts_word)
        closing = not opening and (c in "”»“" or c in ('"', "''") and not prev.isspace())
        if opening:
            stack.append((i, j))
        elif closing and stack:
            o, inner = stack.pop()
            if not stack:
                out.append(_Pair(o, inner, i, j, True))
    if stack:
        out.append(_Pair(stack[0][0], stack[0][1], len(text), len(text), False))
    out.sort(key=lambda p: p.open)
    return out


def _strip_span(text: str, s: int, e: int, trailing: str) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in trailing):
        e -= 1
    return s, e


def _opens_quote(text: str, pos: int) -> bool:
    return pos < len(text) and (text[pos] in _OPEN or text.startswith(("''", "``"), pos))


_Clauses = list[tuple[int, int, str | None]]  # reported clauses of a sentence and their speaker (for nesting)


class _Run:
    """The state of one document's pass: what was emitted, which cues and pairs are taken."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.res = Resolver(ctx)
        self.pairs = quote_pairs(self.text)
        self.opens = [p.open for p in self.pairs]
        self.out: list[Fact] = []
        self.seen: set[tuple[int, int]] = set()
        self.phrases: dict[tuple[int, int], Phrase] = {}
        self.direct_cues: set[int] = set()  # positions of cues already used by a direct quote
        self.taken: set[int] = set()  # opening marks already emitted as (part of) a quote
        self.last_direct: tuple[int, Speaker] | None = None  # (paragraph end, speaker) of the last direct quote
        # Every speech or naming verb of the text, found in one scan.
        self.cues = cue_matches(self.text, ctx.tokens)
        self.cue_starts = [m.start() for m in self.cues]
        # The sentences with a quote mark, a cue or 'according to': the others hold nothing to read.
        starts = [s for s, _ in ctx.sentences]
        marks = [*self.opens, *self.cue_starts]
        at = self.text.find("ccording to")
        while at >= 0:
            marks.append(at)
            at = self.text.find("ccording to", at + 1)
        self.busy = {bisect.bisect_right(starts, m) - 1 for m in marks}
        self.res.subject_of = lambda i: _subject(self, i)

    def cues_in(self, s: int, e: int) -> list[re.Match[str]]:
        return self.cues[bisect.bisect_left(self.cue_starts, s):bisect.bisect_left(self.cue_starts, e)]

    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_left(self.opens, pos) - 1  # top-level pairs do not overlap
        return i >= 0 and self.pairs[i].open < pos < self.pairs[i].close

    def emit(self, s: int, e: int, who: Speaker, mode: str, cue: str | None, trailing: str = "") -> None:
        text = self.text
        s, e = _strip_span(text, s, e, trailing)
        if e - s < 3 or len(text[s:e].split()) < 2:
            return
        if (s, e) in self.seen:
            if (s, e) not in self.phrases:
                return
            self.out.remove(self.phrases.pop((s, e)))  # quoted words found to be speech after all
        self.seen.add((s, e))
        self.out.append(Quote(doc_id=self.ctx.doc.id, span=(s, e), text=text[s:e], speaker=who.name,
                              mode=mode, cue=cue, speaker_text=who.text,  # type: ignore[arg-type]
                              speaker_kind=who.kind))  # type: ignore[arg-type]
        self.res.note(who)

    def phrase(self, s: int, e: int) -> None:
        s, e = _strip_span(self.text, s, e, ",.;:")
        if e > s and (s, e) not in self.seen:
            self.seen.add((s, e))
            self.phrases[(s, e)] = Phrase(doc_id=self.ctx.doc.id, span=(s, e), text=self.text[s:e])
            self.out.append(self.phrases[(s, e)])

    def but_end(self, s: int, e: int) -> int:
        """Where the object of a participle ends: "promising “jobs,” but he has ...", the clause
        after "but" has its own subject and is the writer's again."""
        but = next((m for m in _BUT_CLAUSE.finditer(self.text, s, e) if not self.inside_quote(m.start())), None)
        return but.start() if but else e

    def emit_participle(self, pm: re.Match[str], end: int, who: Speaker) -> None:
        """'..., adding that nurses deserved better': the clause after the participle, to ``end``."""
        end = end if pm.group(2) else self.but_end(pm.end(), end)
        self.emit(pm.end(), end, who, "reported", (pm.group(1) + (pm.group(2) or "")).strip())
        for i in range(bisect.bisect_left(self.opens, pm.end()), bisect.bisect_left(self.opens, end)):
            self.taken.add(self.pairs[i].open)  # its quoted words are part of the clause


def extract(ctx: DocContext) -> list[Fact]:
    """Direct and reported quotes with their speakers, and quoted phrases that are not speech."""
    run = _Run(ctx)
    for i, (sent_s, sent_e) in enumerate(ctx.sentences):
        if i not in run.busy:
            continue  # no quote mark, speech verb or 'according to': nothing to attribute
        run.res.sentence = i
        clauses: _Clauses = []
        _direct(run, sent_s, sent_e)
        _according_to(run, sent_s, sent_e, clauses)
        _reported(run, sent_s, sent_e, clauses)
    run.out.sort(key=lambda f: f.span)
    return run.out


def _subject(run: _Run, i: int) -> Speaker | None:
    """The person the sentence ``i`` is about, for the pronouns that follow: one named at its
    start, or after an opening phrase ("On behalf of the unions, CGT leader X, ... said")."""
    text, res = run.text, run.res
    sent_s, sent_e = run.ctx.sentences[i]
    lo = bisect.bisect_left(res.starts, sent_s)
    hi = bisect.bisect_left(res.starts, sent_e)
    for r in res.dp.refs[max(0, lo - 1):hi]:
        r_s = r.title_start if r.title_start is not None else r.start
        if not (sent_s <= r_s < sent_e) or run.inside_quote(r_s):
            continue
        lead_in = text[sent_s:r_s]
        after_ref = text[(r.app_end + 1) if r.app_end is not None else r.end:sent_e]
        if r_s == sent_s or (lead_in.rstrip().endswith(",") and "," not in lead_in.rstrip()[:-1]
                             and _VERB_AFTER.match(after_ref)):
            return res.person(r.key, text[r_s:r.end], r_s, r.end)
    # A name people extraction does not know, opening the sentence before its verb ("Jane Doe spoke").
    m = _NAME_SUBJECT.match(text, sent_s, sent_e)
    if m and (" " in m.group(1) or not _PARTICIPLE_WORD.fullmatch(m.group(1))) and not run.inside_quote(sent_s):
        who = res.phrase(sent_s, m.end(1), None)
        if who is not None and who.kind == "person":
            return who
    return None


def _direct(run: _Run, sent_s: int, sent_e: int) -> None:
    """Quote marks opening in this sentence: a direct quote when a cue ties them to a speaker,
    else a phrase."""
    text = run.text
    para_s = text.rfind("\n", 0, sent_s) + 1
    para_e = text.find("\n", sent_s)
    para_e = len(text) if para_e < 0 else para_e
    for i in range(bisect.bisect_left(run.opens, sent_s), bisect.bisect_left(run.opens, sent_e)):
        pair = run.pairs[i]
        if pair.open in run.taken:
            continue
        label = _LABEL.match(text, pair.inner, pair.close) if pair.open == para_s else None
        # 'PENCE: Well, look, ...' (a transcript's speaker label opening the quoted paragraph)
        who_label = run.res.label(label.start(1), label.end(1)) if label else None
        found = (who_label, None, None) if who_label and who_label.name else _attribute(
            run, pair, sent_s, sent_e, para_s, para_e)
        if found is None:
            run.phrase(pair.inner, pair.close)
            continue
        who, cue, tail_at = found
        run.taken.add(pair.open)
        run.emit(label.end() if label and who_label else pair.inner, pair.close, who, "direct", cue, trailing=",")
        run.last_direct = (para_e, who)
        if tail_at is not None:  # '“...,” X said in a statement, adding that ...'
            adj = _ADJUNCT_BEFORE_COMMA.match(text, tail_at, sent_e)
            tail_at = adj.end() if adj and PARTICIPLE.match(text, adj.end()) else tail_at
        pm = PARTICIPLE.match(text, tail_at) if tail_at is not None else None
        if pm:  # “...,” Starmer said, adding that nurses deserved better.
            p_end = next((e for s, e in run.ctx.sentences if s <= pm.end() < e), para_e)
            run.emit_participle(pm, p_end, who)


def _attribute(run: _Run, pair: _Pair, sent_s: int, sent_e: int, para_s: int,
               para_e: int) -> tuple[Speaker, str | None, int | None] | None:
    """(speaker, cue, where the attribution ends) of a direct quote, or None if it is no speech."""
    if pair.closed:
        found = _cue_after(run, pair, sent_s, para_e)
        if found:
            return found
    text, res = run.text, run.res
    # Smith said: “...” / Trong once reaffirmed “...” / says of Clinton, “...”
    win_s = max(sent_s, pair.open - 100)  # the cue is a few words back: a short window keeps this linear
    before = text[win_s:pair.open]
    bm = (_CUE_BEFORE_QUOTE.search(before) or _CUE_COLON_BEFORE_QUOTE.search(before)
          or _CUE_PREP_BEFORE_QUOTE.search(before))
    if bm:
        c_s = win_s + bm.start()
        if (pair.closed and not before.rstrip().endswith((",", ":")) and bm.group(1) not in _DIRECT_ONLY
                and text[pair.close - 1] not in ".?!" and _WORD_NEXT.match(text, pair.end)):
            return None  # 'claimed “Trump exaggerates” the level of ...': a clause quoting words (reported)
        who = _cue_speaker(run, c_s, bm.group(1), sent_s, None)
        if who:
            run.direct_cues.add(c_s)
            return who, bm.group(1), None
    lead = _CUE_OPENS_SENTENCE.match(text, sent_s, pair.open)  # 'Said Ellis: “...”'
    if lead and lead.group(1).lower() in _CUE_SET:
        who = res.after(lead.end(1), pair.open, None, _CUE_WORDS)
        if who and who.name:
            return who, lead.group(1), None
    if pair.open == para_s and para_s > 0:  # "The Times reports:" ending the paragraph before
        prev = _CUE_ENDS_PARAGRAPH.search(text, max(0, para_s - 120), para_s)
        prev_s = text.rfind("\n", 0, prev.start()) + 1 if prev else 0
        who = run.res.before(prev_s, prev.start(), None) if prev else None
        if prev and who:
            return who, prev.group(1), None
    last = run.last_direct
    if last and (last[0] == para_e or (pair.open == para_s and not text[last[0]:para_s].strip())):
        return last[1], None, None  # the same speaker goes on (in the paragraph, or into the next one)
    focus = res.focus
    if (pair.open == para_s and focus and focus.name and len(text[pair.inner:pair.close].split()) >= 6
            and not text[pair.end:para_e].strip(" .!?,”\"’'")):
        return focus, None, None  # a paragraph that is all quote
    subject = text[sent_s:win_s + bm.start()].strip() if bm else ""
    if bm and 0 < len(subject.split()) <= 12 and not _CLAUSE_WORD.search(subject):
        # 'Protesters marching through the streets chanted “...”': speech of someone unnamed
        run.direct_cues.add(win_s + bm.start())
        return Speaker(None, subject, "unknown", sent_s, win_s + bm.start()), bm.group(1), None
    return None


def _cue_after(run: _Run, pair: _Pair, sent_s: int, para_e: int) -> tuple[Speaker, str | None, int | None] | None:
    """'“...,” said Smith', '“...,” Smith said', '“...” ― Smith', '“...” of the plan, Smith said'."""
    text, res = run.text, run.res
    lead = text[sent_s:pair.open].split()
    if len(lead) > 3 or lead and lead[-1].lower() in _LEAD_STOPS:
        return None  # a quote inside a longer sentence: its clause is reported speech
    m = _COMMA_GAP.match(text, pair.end, para_e)
    found = _speaker_then_cue(run, m.end() if m else pair.end, para_e)
    tail = _QUOTE_TAIL.match(text, pair.end, min(para_e, pair.end + 80))
    if found is None and tail:  # “I have admiration for the mechanics” of the plan, Smith said.
        found = _speaker_then_cue(run, tail.end(), para_e)
    if found:
        return found
    dash = _DASH.match(text, pair.end, para_e)
    if dash and dash.end() > pair.end:
        who = res.after(dash.end(), para_e, None, _CUE_WORDS)
        if who and who.name and not text[who.end:para_e].strip(" .") or who and text[who.end:who.end + 1] == ",":
            return who, None, None
    return None


def _speaker_then_cue(run: _Run, p: int, para_e: int) -> tuple[Speaker, str | None, int | None] | None:
    """'said Smith' or 'Smith said' (with asides) starting at ``p``, right after a quote."""
    text, res = run.text, run.res
    cm = CUE.match(text, p, para_e)
    if cm:
        who = res.after(cm.end(), para_e, None, _CUE_WORDS)
        if who:
            run.direct_cues.add(cm.start())
            return who, cm.group(), who.end
    who = res.after(p, para_e, None, _CUE_WORDS)
    if who is None:
        return None
    # '“...,” Scott Pruitt, the attorney general of Oklahoma, said', 'Mr. Morgan of the Sierra Club said',
    # 'a narrator in the Clinton ad asks': the cue right after the speaker first, then past an aside.
    for gap in (None, _SPEAKER_ASIDE, _PREP_ASIDE):
        m = gap.match(text, who.end, min(para_e, who.end + 300)) if gap else None
        if gap and not m:
            continue
        at = m.end() if m else who.end
        if text.startswith(",", at):  # the closing comma of an apposition people extraction read
            at += 1
        adv = _ADVERB_GAP.match(text, at, para_e)
        cm2 = CUE.match(text, adv.end() if adv else at, para_e)
        if cm2:
            run.direct_cues.add(cm2.start())
            return who, cm2.group(), cm2.end()
    return None


def _according_to(run: _Run, sent_s: int, sent_e: int, clauses: _Clauses) -> None:
    """'According to X, CLAUSE.' and 'CLAUSE, according to X.'"""
    text = run.text
    # The substring test spares most sentences the scan for it.
    if text.find("ccording to", sent_s, sent_e) < 0:
        return
    for am in _ACCORDING.finditer(text[sent_s:sent_e]):
        a_s = sent_s + am.start()
        if run.inside_quote(a_s):
            continue
        who = run.res.after(sent_s + am.end(), sent_e, None)
        doc = _DOC_PHRASE.match(text, sent_s + am.end(), sent_e)
        if doc and (who is None or who.name is None):  # 'according to a speech Mrs. Clinton delivered'
            author = _author_after(run, Speaker(None, doc.group(), "unknown", doc.start(), doc.end()), sent_e)
            who = author if author.name or who is None else who
        if not who:
            continue
        rest = text[who.end:sent_e]
        if rest.lstrip().startswith(","):  # According to X, CLAUSE.
            c_s = who.end + rest.index(",") + 1
            clauses.append((c_s, sent_e, who.name))
            run.emit(c_s, sent_e, who, "reported", am.group().strip())
        elif not rest.strip(" .!?”\"’'") or ((doc or run.res.is_document(who.text)) and who.name
                                               and text[sent_s:a_s].rstrip().endswith(",")):
            # CLAUSE, according to X. / CLAUSE, according to a speech Mrs. Clinton delivered in July.
            run.emit(sent_s, a_s, who, "reported", am.group().strip(), trailing=",")
            clauses.append((sent_s, a_s, who.name))
        else:
            continue
        run.res.note(who)


def _author_after(run: _Run, doc: Speaker, sent_e: int) -> Speaker:
    """The author named after a document ('a speech Mrs. Clinton delivered'), else the document."""
    by = _BY.match(run.text, doc.end, sent_e)  # 'an analysis by Lily Batchelder'
    who = run.res.after(by.end() if by else doc.end, sent_e, None, _CUE_WORDS)
    if who is None or who.name is None or who.kind == "unknown":
        return doc
    return dataclasses.replace(who, text=run.text[doc.start:who.end], start=doc.start)


def _reported(run: _Run, sent_s: int, sent_e: int, clauses: _Clauses) -> None:
    """Reported speech: the clause a speech verb governs, before it or after it."""
    text = run.text
    for cm in run.cues_in(sent_s, sent_e):
        c_s, c_e = cm.span()
        if run.inside_quote(c_s) or c_s in run.direct_cues or cm.group() in _DIRECT_ONLY:
            continue
        exclude = next((k for a, b, k in clauses if a <= c_s < b), None)
        who = _cue_speaker(run, c_s, cm.group(), sent_s, exclude)
        if who is None and _inverted(run, cm, sent_s, sent_e, clauses):
            continue
        praise = cm.group() in _PRAISE
        if who is None or praise and (who.name is None or who.kind == "organisation" and not (
                run.res.is_document(who.text) or _QUOTE_WITHIN.match(text, c_e, sent_e))):
            continue  # "hailed the accord": an organisation's praise is speech only with quoted words
        if cm.group() in _NOUN_FORMS and (who.name is None or who.kind == "organisation" and " " not in who.text):
            continue  # "Twenty-seven states", "the reports", "Republican claims"
        if cm.group() in _NAMING or praise and _QUOTE_WITHIN.match(text, c_e, sent_e):
            _naming(run, who, cm, sent_e)  # 'hailed Trump as “The Comeback Kid”'
            continue
        start = _clause_start(run, cm, sent_e)
        follow = text[c_e:sent_e]
        # The cue of a direct quote right after it ('Trong reaffirmed “...”') is handled above.
        if _opens_quote(text, start) or _QUOTE_NEXT.match(follow):
            _quote_after_cue(run, start, sent_e, cm.group(), who)
            continue
        if run.inside_quote(sent_s) and run.inside_quote(c_s):
            continue
        head = text[sent_s:who.start].rstrip()
        as_said = _AS_END.search(head)  # 'CLAUSE, as X put it.' / 'Yet, as X observed, CLAUSE.'
        head = head[:as_said.start()].rstrip() if as_said else head
        rest = follow.strip()
        postposed = head.rstrip("”\"’'").endswith(",") and len(head.split()) >= 2 and (
            not rest.strip(".!?”\"’' ") or rest.startswith(",")
            or (_PREP_ADJUNCT.match(follow) and " that " not in follow and len(follow.split()) <= 10))
        if postposed:
            if not _opens_quote(text, sent_s) or sent_s not in run.taken:
                _postposed(run, sent_s, sent_e, sent_s + len(head), cm, who, clauses)
            continue
        if (_PREPOSITION_CLAUSE.match(text, start) and cm.group() not in _QW.fronted_adjunct_cues and not as_said
                or _NO_CLAUSE.match(text[start:sent_e]) and " that " not in text[start:sent_e]):
            continue  # "reported from Midway Atoll", "said at an event this month."
        participle = cm.group().endswith("ing") and not text[c_e:start].strip()  # "promising X": an object
        _preposed(run, start, run.but_end(start, sent_e) if participle else sent_e, cm.group(), who, clauses)


def _inverted(run: _Run, cm: re.Match[str], sent_s: int, sent_e: int, clauses: _Clauses) -> bool:
    """'CLAUSE, says X.' (the speaker after the cue, the clause before it): emitted, and True."""
    text, c_s = run.text, cm.start()
    if not text[sent_s:c_s].rstrip().rstrip("”\"’'").endswith(",") or _opens_quote(text, sent_s):
        return False
    who = run.res.after(cm.end(), sent_e, None, _CUE_WORDS)
    paren = _PAREN_ASIDE.match(text, who.end, sent_e) if who else None  # "said Mr. Burman (a view ...)."
    rest = text[paren.end() if paren else who.end:sent_e] if who else ""
    if who is None or who.name is None or rest.strip(" .!?") and not rest.startswith(","):
        return False
    _postposed(run, sent_s, sent_e, len(text[:c_s].rstrip()), cm, who, clauses)
    return True


def _cue_speaker(run: _Run, c_s: int, cue: str, sent_s: int, exclude: str | None) -> Speaker | None:
    """Who speaks at a cue found in running text: the subject before it ('X said', 'X is telling',
    'X, ..., said'), or the sentence's subject for a participle ('X mocked it, saying ...')."""
    text = run.text
    near = max(sent_s, c_s - 60)  # the auxiliaries and adverbs of a cue are a few words before it
    last = text[max(near, c_s - 30):c_s].split()[-2:]
    aux = any(w.lower() in _AUX or w.endswith(("’s", "'s")) for w in last)  # cheap tests before the regexes
    if cue.endswith("ing"):
        prog = _PROGRESSIVE.search(text, near, c_s) if aux else None
        if prog:
            return run.res.before(sent_s, prog.start(), exclude)
        if text[near:c_s].rstrip().endswith(",") or _GERUND_AFTER.search(text, near, c_s):
            return run.res.sentence_subject(sent_s, c_s, exclude)  # 'X ..., saying', 'X began by saying'
        who = run.res.before(sent_s, c_s, exclude)
        if who is None or who.name is None or run.res.is_document(who.text, indefinite=True):
            # 'X issued a statement saying ...': the object's participle speaks for the subject
            return run.res.sentence_subject(sent_s, c_s, exclude) or who
        return who
    elif aux and _PASSIVE.search(text, near, c_s):  # "was reported by", "is expected to"
        return None
    adv = _ADVERBS.search(text, near, c_s) if adverb_before(text[near:c_s]) else None
    return run.res.before(sent_s, adv.start() if adv else c_s, exclude)


def _quote_after_cue(run: _Run, start: int, sent_e: int, cue: str, who: Speaker) -> None:
    """'said via email that, “…”' (a direct quote the patterns before it missed) and
    'said that “a bomb” had gone off' (a clause that opens with quoted words)."""
    i = bisect.bisect_left(run.opens, start)
    if i >= len(run.pairs) or run.pairs[i].open in run.taken or run.pairs[i].open >= sent_e:
        return
    pair = run.pairs[i]
    if len(run.text[pair.end:sent_e].split()) >= 2:
        run.emit(pair.open, sent_e, who, "reported", cue)
    else:
        run.taken.add(pair.open)
        run.emit(pair.inner, pair.close, who, "direct", cue, trailing=",")


def _clause_start(run: _Run, cm: re.Match[str], sent_e: int) -> int:
    """Where the reported clause after a cue starts: past an object ('told reporters') and an
    adjunct ('said on Tuesday that'), and past 'that'."""
    text, c_e = run.text, cm.end()
    skip = 0
    if cm.group() in _OBJECT_CUES:  # "told reporters (that)", "is telling a veterans group that"
        obj = _OBJECTS.match(text, c_e, sent_e) or _OBJECT_THAT.match(text, c_e, sent_e)
        skip = obj.end() - c_e if obj else 0
    adj = _ADJUNCT_THAT.match(text[c_e + skip:sent_e])
    if adj and len(adj.group().split()) <= 9:  # "said on Tuesday that ...", "said in a statement that"
        skip += adj.end()
    lead = _LEAD.match(text, c_e + skip)
    return lead.end() if lead else c_e


def _naming(run: _Run, who: Speaker, cm: re.Match[str], sent_e: int) -> None:
    """'X called Y “a bully”' (the words after the verb) and 'what X called “a rant”' (the quote)."""
    text = run.text
    i = bisect.bisect_left(run.opens, cm.end())
    if i >= len(run.pairs) or run.pairs[i].open >= sent_e:
        return
    pair = run.pairs[i]
    if _RELATIVE_BEFORE.search(text, max(0, who.start - 60), who.start):  # 'which X called “...”'
        run.emit(pair.inner, pair.close, who, "direct", cm.group(), trailing=",")
    else:  # to the end of the naming: 'called Clinton a “champion” for its members, citing ...'
        stop = _NAMING_END.search(text, pair.end, sent_e) if pair.end < sent_e else None
        run.emit(cm.end(), stop.start() if stop else sent_e, who, "reported", cm.group())


def _postposed(run: _Run, sent_s: int, sent_e: int, head_e: int, cm: re.Match[str], who: Speaker,
               clauses: _Clauses) -> None:
    """'CLAUSE, X said[, adding that CLAUSE2].' and 'CLAUSE, X said, CLAUSE GOES ON.'"""
    text, c_e = run.text, cm.end()
    clauses.append((sent_s, head_e, who.name))
    after = text[c_e:sent_e]
    pm = PARTICIPLE.match(text, c_e) if after.strip().startswith(",") else None
    if not pm:
        pm = PARTICIPLE.search(text, c_e, min(sent_e, c_e + 400))
    if not pm and after.startswith(", ") and len(after.split()) > len(text[sent_s:head_e].split()):
        # "Acts of protest, Mr. Obama said, are acts of patriotism": one clause around the cue;
        # its longer part stands for it.
        run.emit(c_e + 2, sent_e, who, "reported", cm.group())
        return
    run.emit(sent_s, head_e, who, "reported", cm.group(), trailing=",")
    if _QUOTE_MARK.search(text, sent_s, head_e):  # a quote after it in the paragraph goes on
        run.last_direct = (len(text) if text.find("\n", sent_s) < 0 else text.find("\n", sent_s), who)
    if pm:
        run.emit_participle(pm, sent_e, who)


def _preposed(run: _Run, pos: int, end: int, cue: str, who: Speaker, clauses: _Clauses) -> None:
    """'X said CLAUSE': the clause after the cue, split at '..., adding that' and '... and spoke highly of'."""
    text = run.text
    while True:
        stops = []
        pm = PARTICIPLE.search(text, pos, end)
        if pm:
            stops.append((pm.start(), pm.end(), (pm.group(1) + (pm.group(2) or "")).strip()))
        for am2 in _AND.finditer(text[pos:end]):
            nxt = CUE.match(text, pos + am2.end(), end)
            if nxt:
                lead2 = _LEAD.match(text, nxt.end())
                stops.append((pos + am2.start(), lead2.end() if lead2 else nxt.end(), nxt.group()))
                break
        stop = min(stops) if stops else None
        c_end = stop[0] if stop else end
        run.emit(pos, c_end, who, "reported", cue, trailing="," if stop else "")
        clauses.append((pos, c_end if stop else end, who.name))
        if not stop:
            break
        pos, cue = stop[1], stop[2]
