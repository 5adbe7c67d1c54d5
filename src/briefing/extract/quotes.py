"""Quotes: who said what, verbatim.

Direct quotes are the words between quote marks (straight or curly, mismatched pairs too)
when a speech verb ties them to a speaker; reported speech is the clause governed by a
speech verb (``Quan affirmed that ...``, ``..., Quan said.``, ``according to ...``). Pronouns
and descriptions (``he``, ``the official``, ``the Party Secretary``) resolve to a person
named in the same document. Quoted words with no speaker (slogans, concept names, event
titles) become :class:`Phrase` facts.

    >>> from briefing.models import Document
    >>> from briefing.extract import DocContext, people
    >>> text = "Police Chief Jane Doe spoke on Monday. “We are ready,” Doe said."
    >>> doc = Document(id="d", file="a.txt", path="a.txt", raw=text, text=text, title=None,
    ...                published=None)
    >>> ctx = DocContext(doc)
    >>> ctx.facts["mention"] = people.extract(ctx)
    >>> [(q.text, q.speaker, q.mode) for q in extract(ctx)]
    [('We are ready', 'Jane Doe', 'direct')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import lexicon
from ..models import Fact, Phrase, Quote
from ..text import fold, word_alternation
from . import people
from .people import DocPeople, Ref, post_key

if TYPE_CHECKING:
    from . import DocContext

# Longest first, so that of two cues starting at one place the longer one wins ("called for").
_CUES = sorted(lexicon().speech_forms("quote"), key=len, reverse=True)
_CUE_ALT = "|".join(re.escape(c) for c in _CUES)
# The same alternation factored by prefixes: much faster to scan, and it matches what _CUE_ALT
# matches (of cues that both fit at one place, one extends the other, and either way the
# longer one is tried first).
_CUE_TRIE = word_alternation(_CUES)
CUE = re.compile(r"\b(" + _CUE_TRIE + r")\b")
# A cue right before a quote: 'Smith said: “...”', 'told reporters “...”', 'said in a statement: “...”'.
_CUE_BEFORE_QUOTE = re.compile(r"\b(" + _CUE_TRIE + r")((?:\s+(?:him|her|them|reporters|journalists|the press|"
                               r"the media|delegates|the audience))?)\s*[:,]?\s*$")
_CUE_COLON_BEFORE_QUOTE = re.compile(r"\b(" + _CUE_TRIE + r")(\s+[^,.;:“”\"]{1,40})\s*:\s*$")
_ADVERBS = re.compile(r"(?:\b(?:also|once|further|then|later|again|repeatedly|strongly|clearly|firmly|recently|"
                      r"previously|earlier|specifically|particularly|had|has|have|was|were)\s+)+$")
PARTICIPLE = re.compile(r",\s+(adding|stressing|saying|noting|emphasi[sz]ing|underlining|affirming|highlighting|"
                        r"explaining|pointing out|warning|insisting|urging|asserting|reiterating)(\s+that)?\b\s*")
_OBJECTS = re.compile(r"\s+(?:him|her|them|us|me|reporters|journalists|the press|the media|delegates|lawmakers|"
                      r"the audience|the meeting|the conference|participants)\b")
_LEAD = re.compile(r"\s*,?\s*(?:that\b)?\s*,?\s*")
_PREP_ADJUNCT = re.compile(r"^\s+(?:in|at|on|during|after|before|while|when|from|to|via|by|through|last|this|"
                           r"yesterday|today|on)\b")
_CLAUSE_SUBJECT = re.compile(r"\b(?:that|" + "|".join(re.escape(c) for c in _CUES) + r")\s+"
                             r"((?:the|a|an)\s+[^,;:()“”\"]+)$")
_PRONOUN = re.compile(r"\b(he|she|He|She)$")
_DETERMINER = re.compile(r"^(?:and\s+)?(?:the|a|an|The|A|An)\s+")
_ADJECTIVES = re.compile(r"^(?:(?:senior|top|late|former|veteran|visiting|leading|high-ranking|outgoing|"
                         r"then|current|new)\s+)+", re.I)
# Heads of descriptions that stand for a person already named ("the official", "the leader").
GENERIC = frozenset((
    "official leader chief spokesman spokeswoman spokesperson diplomat minister president ambassador secretary "
    "chairman chairwoman head envoy politician lawmaker premier chancellor executive director governor "
    "mayor general commander officer"
).split())
_PARAGRAPH = re.compile(r"[^\n]+")
_QUOTE_MARK = re.compile(r"[“”\"]")
_HYPHENATED_WORD = re.compile(r"[\w-]+")
_ASIDE = re.compile(r",\s+[a-z][^,;:“”\"]{0,120},$")
_RELATIVE = re.compile(r"\b(which|who|that)\b")
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+")
_PRONOUN_AFTER = re.compile(r"(he|she|He|She)\b")
_PHRASE = re.compile(r"[^,.;:!?()“”\"]+")
_VERB_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b")
_COMMA_GAP = re.compile(r"\s*,?\s*")
_ADVERB_GAP = re.compile(r"\s+(?:also\s+|then\s+|later\s+)?")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_ADJUNCT_THAT = re.compile(r"\s+(?:(?:on|in|at|during|after|before|from|via|by|to|last|this|late|early)\b"
                           r"[^,.;:“”\"]{0,60}?)\s+that\b")
_QUOTE_NEXT = re.compile(r"\s*[:,]?\s*[“\"]")
_AND = re.compile(r"\s+and\s+(?:also\s+)?")
_OPEN_PREV = set(" \t\n([{—–-/:")


@dataclass
class _Pair:
    open: int  # position of the opening mark
    close: int  # position of the closing mark (or the paragraph end if it never closes)
    closed: bool


def quote_pairs(text: str) -> list[_Pair]:
    """Top-level quote-mark pairs, pairing straight and curly marks (``“...\"`` and ``\"...”`` too)."""
    out: list[_Pair] = []
    for para in _PARAGRAPH.finditer(text):
        stack: list[int] = []
        for m in _QUOTE_MARK.finditer(text, para.start(), para.end()):
            i = m.start()
            c = text[i]
            prev = text[i - 1] if i > 0 else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            opening = c == "“" or (c == '"' and (prev in _OPEN_PREV or i == para.start()) and not nxt.isspace())
            closing = c == "”" or (c == '"' and not opening and not prev.isspace())
            if opening:
                stack.append(i)
            elif closing and stack:
                o = stack.pop()
                if not stack:
                    out.append(_Pair(o, i, True))
        if stack:  # a quote running to the end of its paragraph (wire style for long quotes)
            out.append(_Pair(stack[0], para.end(), False))
    out.sort(key=lambda p: p.open)
    return out


def _strip_span(text: str, s: int, e: int, trailing: str) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in trailing):
        e -= 1
    return s, e


class _Resolver:
    """Finds and resolves the speaker of a cue: a name, a pronoun or a description."""

    def __init__(self, ctx: DocContext, dp: DocPeople) -> None:
        self.text = ctx.text
        self.dp = dp
        self.focus: str | None = None  # the person currently speaking / in focus
        self.starts = [r.start for r in dp.refs]  # refs are sorted by start
        self.by_end: dict[int, Ref] = {}
        self.by_app_end: dict[int, Ref] = {}
        self.by_start: dict[int, Ref] = {}
        for r in dp.refs:
            self.by_end.setdefault(r.end, r)
            if r.app_end is not None:
                self.by_app_end.setdefault(r.app_end + 1, r)
            self.by_start.setdefault(r.start, r)
            if r.title_start is not None:
                self.by_start.setdefault(r.title_start, r)

    def name(self, key: str | None) -> str | None:
        return self.dp.persons[key].name if key and key in self.dp.persons else None

    def recent(self, pos: int, exclude: str | None) -> str | None:
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and self.dp.refs[i].key == exclude:
            i -= 1
        return self.dp.refs[i].key if i >= 0 else None

    def following(self, pos: int, exclude: str | None) -> str | None:
        i = bisect.bisect_left(self.starts, pos)
        while i < len(self.dp.refs) and self.dp.refs[i].key == exclude:
            i += 1
        return self.dp.refs[i].key if i < len(self.dp.refs) else None

    def pronoun(self, pos: int, exclude: str | None) -> str | None:
        if self.focus and self.focus != exclude:
            return self.focus
        return self.recent(pos, exclude)

    def description(self, desc: str, pos: int, exclude: str | None) -> str | None:
        core = _ADJECTIVES.sub("", _DETERMINER.sub("", desc.strip()))
        if not core:
            return None
        exact: list[str] = []
        same: list[str] = []
        core_fold, core_post = fold(core), post_key(core)
        for key, p in self.dp.persons.items():
            if key == exclude:
                continue
            for t in p.titles:
                if fold(t.title) == core_fold:
                    exact.append(key)
                elif "|" in core_post and core_post == post_key(t.title) and core_post != "|":
                    same.append(key)
        for found in (exact, same):
            if found:
                recent = [r.key for r in self.dp.refs if r.key in found and r.start < pos]
                return recent[-1] if recent else found[0]
        words = _HYPHENATED_WORD.findall(fold(core))
        if not words or words[-1] not in GENERIC or len(words) > 6:
            return None
        return self.pronoun(pos, exclude) or self.following(pos, exclude)

    def before(self, sent_start: int, q: int, exclude: str | None) -> tuple[str | None, int] | None:
        """The subject ending at ``q`` (before a cue): (person key, where the subject starts)."""
        # A subject is a few words long: look back a bounded window, so that a sentence with
        # thousands of quotes stays linear.
        sent_start = max(sent_start, q - 400)
        t = self.text[sent_start:q]
        adv = _ADVERBS.search(t)
        if adv:
            t = t[:adv.start()]
        t = t.rstrip()
        end = sent_start + len(t)
        if not t:
            return None
        ends = {end}
        if t.endswith(","):  # "A spokesperson for the Kremlin, Dmitry Peskov, said"
            ends.add(end - 1)
        aside = _ASIDE.search(t)  # "Sunak, speaking in Leeds, said"
        if aside and len(aside.group().split()) <= 16:
            ends.add(sent_start + aside.start())
        hit = next((self.by_end[x] for x in sorted(ends, reverse=True) if x in self.by_end), None)
        if hit is None and t.endswith(","):
            hit = self.by_app_end.get(end)
        if hit is not None:
            return hit.key, (hit.title_start if hit.title_start is not None else hit.start)
        m = _PRONOUN.search(t)
        if m:
            return self.pronoun(end, exclude), sent_start + m.start()
        cut = max(t.rfind(","), t.rfind(";"), t.rfind(":"), t.rfind("("), t.rfind("—"), t.rfind("–"))
        tail = t[cut + 1:]
        lead = len(tail) - len(tail.lstrip())
        tail = tail.strip()
        m2 = _DETERMINER.match(tail)
        if m2 and len(tail.split()) <= 12 and not _RELATIVE.search(tail):
            key = self.description(tail, end, exclude)
            if key:
                return key, sent_start + cut + 1 + lead
        # A description opening a reported clause: "Roe said the leader reminded him ...".
        m4 = _CLAUSE_SUBJECT.search(t)
        if m4 and len(m4.group(1).split()) <= 6:
            key = self.description(m4.group(1), end, exclude)
            if key:
                return key, sent_start + m4.start(1)
        return None

    def after(self, p: int, limit: int, exclude: str | None) -> tuple[str | None, int] | None:
        """The subject starting at ``p`` (after a cue): (person key, where the subject ends)."""
        text = self.text
        while p < limit and text[p].isspace():
            p += 1
        hon = _HONORIFIC.match(text[p:limit])
        starts = {p, p + hon.end()} if hon else {p}
        det = _DETERMINER.match(text[p:limit])
        if det:
            starts.add(p + det.end())
        for at in sorted(starts):
            r = self.by_start.get(at)
            if r is not None:
                return r.key, (r.app_end if r.app_end is not None else r.end)
        m = _PRONOUN_AFTER.match(text[p:limit])
        if m:
            return self.pronoun(p, exclude), p + m.end()
        if det:
            m3 = _PHRASE.match(text[p:limit])
            if m3 and len(m3.group().split()) <= 14:
                key = self.description(m3.group(), p, exclude)
                if key:
                    return key, p + len(m3.group().rstrip())
        return None


class _Run:
    """The state of one document's pass: what was emitted, which cues and pairs are taken."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.dp = people.analyse(ctx)
        self.res = _Resolver(ctx, self.dp)
        self.pairs = quote_pairs(self.text)
        self.opens = [p.open for p in self.pairs]
        self.out: list[Fact] = []
        self.seen: set[tuple[int, int]] = set()
        self.direct_cues: set[int] = set()  # positions of cues already used by a direct quote
        self.last_direct: tuple[int, str | None] | None = None  # (paragraph start, speaker) of the last direct quote

    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_left(self.opens, pos) - 1  # top-level pairs do not overlap
        return i >= 0 and self.pairs[i].open < pos < self.pairs[i].close

    def emit(self, s: int, e: int, key: str | None, mode: str, cue: str | None, trailing: str = "") -> None:
        text = self.text
        s, e = _strip_span(text, s, e, trailing)
        if e - s < 3 or len(text[s:e].split()) < 2 or (s, e) in self.seen:
            return
        self.seen.add((s, e))
        self.out.append(Quote(doc_id=self.ctx.doc.id, span=(s, e), text=text[s:e], speaker=self.res.name(key),
                              mode=mode, cue=cue))  # type: ignore[arg-type]
        if key:
            self.res.focus = key

    def phrase(self, s: int, e: int) -> None:
        s, e = _strip_span(self.text, s, e, ",.;:")
        if e > s and (s, e) not in self.seen:
            self.seen.add((s, e))
            self.out.append(Phrase(doc_id=self.ctx.doc.id, span=(s, e), text=self.text[s:e]))

    def emit_participle(self, pm: re.Match[str], end: int, key: str | None) -> None:
        """'..., adding that nurses deserved better': the clause after the participle, to ``end``."""
        self.emit(pm.end(), end, key, "reported", (pm.group(1) + (pm.group(2) or "")).strip())


def extract(ctx: DocContext) -> list[Fact]:
    """Direct and reported quotes with their speakers, and quoted phrases that are not speech."""
    run = _Run(ctx)
    for sent_s, sent_e in ctx.sentences:
        _focus_subject(run, sent_s, sent_e)
        clauses: list[tuple[int, int, str | None]] = []  # reported clauses in this sentence (for nesting)
        _direct(run, sent_s, sent_e)
        _according_to(run, sent_s, sent_e, clauses)
        _reported(run, sent_s, sent_e, clauses)
    run.out.sort(key=lambda f: f.span)
    return run.out


def _focus_subject(run: _Run, sent_s: int, sent_e: int) -> None:
    """The subject of the sentence is in focus for the pronouns that follow: a person named at
    its start, or after an opening phrase ("On behalf of the unions, CGT leader X, ... said")."""
    text, res = run.text, run.res
    lo = bisect.bisect_left(res.starts, sent_s)
    hi = bisect.bisect_left(res.starts, sent_e)
    for r in run.dp.refs[max(0, lo - 1):hi]:
        r_s = r.title_start if r.title_start is not None else r.start
        if not (sent_s <= r_s < sent_e) or run.inside_quote(r_s):
            continue
        lead_in = text[sent_s:r_s]
        after_ref = text[(r.app_end + 1) if r.app_end is not None else r.end:sent_e]
        if r_s == sent_s or (lead_in.rstrip().endswith(",") and "," not in lead_in.rstrip()[:-1]
                             and _VERB_AFTER.match(after_ref)):
            res.focus = r.key
            break


def _direct(run: _Run, sent_s: int, sent_e: int) -> None:
    """Quote marks opening in this sentence: a direct quote when a cue ties them to a speaker,
    else a phrase."""
    text = run.text
    para_s = text.rfind("\n", 0, sent_s) + 1
    para_e = text.find("\n", sent_s)
    para_e = len(text) if para_e < 0 else para_e
    for i in range(bisect.bisect_left(run.opens, sent_s), bisect.bisect_left(run.opens, sent_e)):
        pair = run.pairs[i]
        found = _attribute(run, pair, sent_s, para_s, para_e)
        if found is None:
            run.phrase(pair.open + 1, pair.close)
            continue
        speaker, cue, tail_at = found
        run.emit(pair.open + 1, pair.close, speaker, "direct", cue, trailing=",")
        run.last_direct = (para_s, speaker)
        pm = PARTICIPLE.match(text, tail_at) if tail_at is not None else None
        if pm:  # “...,” Starmer said, adding that nurses deserved better.
            p_end = next((e for s, e in run.ctx.sentences if s <= pm.end() < e), para_e)
            run.emit_participle(pm, p_end, speaker)


def _attribute(run: _Run, pair: _Pair, sent_s: int, para_s: int,
               para_e: int) -> tuple[str | None, str | None, int | None] | None:
    """(speaker key, cue, where the attribution ends) of a direct quote, or None if it is no speech."""
    text, res = run.text, run.res
    if pair.closed:
        after = text[pair.close + 1:para_e]
        m = _COMMA_GAP.match(after)
        p = pair.close + 1 + (m.end() if m else 0)
        cm = CUE.match(text, p, para_e)
        if cm:  # “...,” said Smith / said the official
            subj = res.after(cm.end(), para_e, None)
            if subj:
                run.direct_cues.add(cm.start())
                return subj[0], cm.group(), subj[1]
        subj = res.after(p, para_e, None)  # “...,” Smith said
        if subj:
            adv = _ADVERB_GAP.match(text[subj[1]:para_e])
            cm2 = CUE.match(text, subj[1] + (adv.end() if adv else 0), para_e)
            if cm2:
                run.direct_cues.add(cm2.start())
                return subj[0], cm2.group(), cm2.end()
    # Smith said: “...” / Trong once reaffirmed “...”
    win_s = max(sent_s, pair.open - 400)  # bounded look-back keeps long sentences linear
    before = text[win_s:pair.open]
    bm = _CUE_BEFORE_QUOTE.search(before) or _CUE_COLON_BEFORE_QUOTE.search(before)
    if bm:
        subj2 = res.before(sent_s, win_s + bm.start(), None)
        if subj2:
            run.direct_cues.add(sent_s + bm.start())
            return subj2[0], bm.group(1), None
    last = run.last_direct
    if last and last[0] == para_s and last[1]:
        return last[1], None, None  # the same speaker goes on
    if (pair.open == para_s and res.focus and len(text[pair.open + 1:pair.close].split()) >= 6
            and not text[pair.close + 1:para_e].strip(" .!?,”\"’'")):
        return res.focus, None, None  # a paragraph that is all quote
    return None


def _according_to(run: _Run, sent_s: int, sent_e: int, clauses: list[tuple[int, int, str | None]]) -> None:
    """'According to X, CLAUSE.' and 'CLAUSE, according to X.'"""
    text = run.text
    # The substring test spares most sentences the scan for it.
    if text.find("ccording to", sent_s, sent_e) < 0:
        return
    for am in _ACCORDING.finditer(text[sent_s:sent_e]):
        a_s = sent_s + am.start()
        if run.inside_quote(a_s):
            continue
        subj = run.res.after(sent_s + am.end(), sent_e, None)
        if not subj or subj[0] is None:
            continue
        key, subj_end = subj
        rest = text[subj_end:sent_e]
        if rest.lstrip().startswith(","):  # According to X, CLAUSE.
            c_s = subj_end + rest.index(",") + 1
            clauses.append((c_s, sent_e, key))
            run.emit(c_s, sent_e, key, "reported", am.group().strip())
        elif not rest.strip(" .!?”\"’'"):  # CLAUSE, according to X.
            run.emit(sent_s, a_s, key, "reported", am.group().strip(), trailing=",")
            clauses.append((sent_s, a_s, key))
        else:
            continue
        run.res.focus = key


def _reported(run: _Run, sent_s: int, sent_e: int, clauses: list[tuple[int, int, str | None]]) -> None:
    """Reported speech: the clause a speech verb governs, before it or after it."""
    text = run.text
    for cm in CUE.finditer(text, sent_s, sent_e):
        c_s, c_e = cm.span()
        if run.inside_quote(c_s) or c_s in run.direct_cues:
            continue
        exclude = next((k for a, b, k in clauses if a <= c_s < b), None)
        win_s = max(sent_s, c_s - 400)
        adv = _ADVERBS.search(text[win_s:c_s])
        subj = run.res.before(sent_s, win_s + adv.start() if adv else c_s, exclude)
        if not subj or subj[0] is None:
            continue
        key, subj_s = subj
        # The cue of a direct quote right after it ('Trong reaffirmed “...”') is handled above.
        follow = text[c_e:sent_e]
        obj = _OBJECTS.match(follow)
        skip = obj.end() if obj and cm.group() in ("told", "reminded", "assured", "asked", "thanked") else 0
        adj = _ADJUNCT_THAT.match(text[c_e + skip:sent_e])
        if adj and len(adj.group().split()) <= 9:  # "said on Tuesday that ...", "said in a statement that"
            skip += adj.end()
        lead = _LEAD.match(text, c_e + skip)
        start = lead.end() if lead else c_e
        if start < len(text) and text[start] in "“\"" or _QUOTE_NEXT.match(follow):
            continue
        if run.inside_quote(sent_s) and run.inside_quote(c_s):
            continue
        head = text[sent_s:subj_s].rstrip()
        rest = follow.strip()
        postposed = head.endswith(",") and len(head.split()) >= 3 and (
            not rest.strip(".!?”\"’' ") or rest.startswith(",")
            or (_PREP_ADJUNCT.match(follow) and " that " not in follow and len(follow.split()) <= 10))
        if postposed:
            if text[sent_s] not in "“\"":  # a direct quote opening the sentence is already taken
                _postposed(run, sent_s, sent_e, sent_s + len(head), cm, key, clauses)
            continue
        _preposed(run, start, sent_e, cm.group(), key, clauses)


def _postposed(run: _Run, sent_s: int, sent_e: int, head_e: int, cm: re.Match[str], key: str | None,
               clauses: list[tuple[int, int, str | None]]) -> None:
    """'CLAUSE, X said[, adding that CLAUSE2].'"""
    text, c_e = run.text, cm.end()
    run.emit(sent_s, head_e, key, "reported", cm.group(), trailing=",")
    clauses.append((sent_s, head_e, key))
    pm = PARTICIPLE.match(text, c_e) if text[c_e:sent_e].strip().startswith(",") else None
    if not pm:
        pm = PARTICIPLE.search(text, c_e, min(sent_e, c_e + 400))
    if pm:
        run.emit_participle(pm, sent_e, key)


def _preposed(run: _Run, pos: int, end: int, cue: str, key: str | None,
              clauses: list[tuple[int, int, str | None]]) -> None:
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
        run.emit(pos, c_end, key, "reported", cue, trailing="," if stop else "")
        clauses.append((pos, c_end if stop else end, key))
        if not stop:
            break
        pos, cue = stop[1], stop[2]
