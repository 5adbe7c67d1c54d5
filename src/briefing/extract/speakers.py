"""Speakers of quotes: the subject phrase next to a speech cue, resolved.

A speaker is found before a cue (``Jane Doe said``, ``the ministry, in a statement, said``) or
after it (``said Jane Doe``, ``according to the report``) and resolved, in this order, to a
person people extraction found (by name or by a title they hold: ``the minister`` → the
minister named in the article), an organisation or publication (``the Times``, ``the Chinese
Embassy``), the person or organisation a pronoun refers back to (``he`` → the last speaker or
subject of that gender; ``it`` → the last organisation), a capitalised name people extraction
did not know (taken as written, honorific dropped, a surname linked to the full name said
before), or left unknown with the words as written (``a senior official``).

    >>> from briefing.models import Document
    >>> from briefing.extract import DocContext
    >>> text = "The Times wrote that the deal was dead."
    >>> doc = Document(id="d", file="a.txt", path="a.txt", raw=text, text=text, title=None,
    ...                published=None)
    >>> res = Resolver(DocContext(doc))
    >>> sp = res.before(0, text.index(" wrote"))
    >>> (sp.name, sp.text, sp.kind)
    ('The Times', 'The Times', 'organisation')
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import lexicon
from ..text import fold
from . import people
from .people import DocPeople, Ref, post_key

if TYPE_CHECKING:
    from . import DocContext

PERSON, ORGANISATION, PRONOUN, UNKNOWN = "person", "organisation", "pronoun-resolved", "unknown"


@dataclass(frozen=True)
class Speaker:
    """Who said it: ``name`` is the canonical person or organisation (None when unknown)."""

    name: str | None
    text: str  # the words that name the speaker, as written
    kind: str  # person, organisation, pronoun-resolved or unknown
    start: int
    end: int
    gender: str | None = None  # "m", "f" or "org" (what a later pronoun may refer to)


_LEX = lexicon()
_QW, _PW = _LEX.quotes, _LEX.people
_PRONOUNS = _QW.pronouns  # "he" -> "m": what a pronoun may refer back to
_HONORIFIC_GENDER = _QW.honorific_genders
_DETERMINERS = _QW.determiners
_FAMILY_FIRST = _PW.vietnamese_surnames | _PW.east_asian_surnames
_ORG_WORDS = _PW.org_words | _QW.organisations | _PW.countries
# Capitalised words that open a sentence without being names ("In", "After", "Monday").
_NOT_NAME = _PW.common_caps | frozenset(_LEX.months) | frozenset(_LEX.weekdays)
_TITLEISH = _PW.title_heads | _PW.title_modifiers | _PW.nationalities
_CONNECTORS = _QW.name_connectors | _PW.name_particles
# Lower-case words that end a speaker read after a cue ("said Jane Doe in a statement").
_STOPS = _QW.subject_stops | frozenset(f.split()[0] for f in _LEX.speech_forms("quote"))
GENERIC = _QW.generic_heads  # "the official": the person already named
_TOKEN = re.compile(r"\S+")
_CLOSING_DASH = re.compile(r"\s*(--|—|–|\s-)$")
_WHEN_BEFORE_CUE = re.compile(r"\s+(?:(?:later|earlier)\s+)?(?:on\s+)?(?:"
                              + "|".join(w.title() for w in sorted(_LEX.weekdays, key=len, reverse=True) if len(w) > 4)
                              + r")\s+$")
_TRAILING_PAREN = re.compile(r"\s*\([^()]{1,40}\)\s*$")
# Where a subject phrase cannot reach back across: punctuation that closes a clause, and
# (soft) words that open one.
_HARD = r"[;:\[\]“”\"«»―—–]|''|``|--|\s-\s"
# The last boundary of a stretch, found in one pass (a greedy prefix backs off to it).
_LAST_HARD_BOUNDARY = re.compile(r"(?s:.*)(" + _HARD + ")")
_LAST_BOUNDARY = re.compile(r"(?s:.*)(" + _HARD + r"|\b(?:that|and|but|because|while|when|where|if|so|then|which|"
                            r"who|whom|whose|since|although|though)\b)")
_WORD = re.compile(r"[a-z][\w’'-]*")
_GIVEN_BEFORE = re.compile(r"(?<![\w’'-])((?:[A-Z][a-z]+ ){1,2})$")  # "Rosa " before "Joseph"
_NEXT_TOKEN = re.compile(r"\s*(\S+?)[,.;:!?”\"’']*(?:\s|$)")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}")
_APPOSED_NAME = re.compile(r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*(?=\s*[,.;]|\s*$)")
_CONTRACTION = re.compile(r"[’'](?:ve|re|ll|d|m)$|n[’']t$", re.I)
_NEXT_WORD = re.compile(r" ([a-z][\w-]*)")
_DIGITS = re.compile(r"^\d[\d,.]*%?$")
_HONORIFIC = re.compile(r"(?:" + "|".join(sorted({*_PW.honorifics, *(h.title() for h in _HONORIFIC_GENDER)}))
                        + r")\.?\s+")
_HONORIFIC_BEFORE = re.compile(r"\b" + _HONORIFIC.pattern + "$")
_ADVERBS = re.compile(r"(?:\b(?:" + "|".join(_QW.cue_adverbs) + r")\s+|\b(?!(?:" + "|".join(_QW.ly_nouns)
                      + r")\b)[a-z]+ly\s+)+$")  # "also said", "forcefully said", not "the family said"
_ADJECTIVES = re.compile(r"^(?:(?:" + "|".join(map(re.escape, _QW.description_adjectives)) + r")\s+)+", re.I)
_HYPHENATED_WORD = re.compile(r"[\w-]+")
_ASIDE = re.compile(r",\s+[a-z][^,;:“”\"]{0,120},$")
_RELATIVE = re.compile(r"\b(which|who|that)\b")
_DETERMINER = re.compile(r"^(?:and\s+)?(?:the|a|an|The|A|An)\s+")
_POSSESSOR = re.compile(r"[A-Z][\w.&-]*[’']s\s+(?=[A-Z])")
_POSSESSIVE = re.compile(r"[’']s$")


_ADVERB_WORDS = frozenset(_QW.cue_adverbs)


def adverb_before(t: str) -> bool:
    """The last word of ``t`` may be an adverb or auxiliary before a cue (a cheap test before the regex)."""
    words = t[-30:].split()
    return bool(words) and (words[-1] in _ADVERB_WORDS or words[-1].endswith("ly"))


def _cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:3] in ("al-", "el-") and tok[3:4].isupper())


class Resolver:
    """Finds the speaker phrase at a cue and resolves it (people first, then the fallbacks)."""

    def __init__(self, ctx: DocContext) -> None:
        self.text = ctx.text
        self.dp: DocPeople = people.analyse(ctx)
        self._focus: Speaker | None = None  # the speaker or subject currently in focus
        # The subject of sentence i (a person), for the focus; read only when a pronoun or a
        # description asks, back to the sentence of the last note (most sentences are never read).
        self.subject_of: Callable[[int], Speaker | None] | None = None
        self.sentence = 0  # the sentence being read
        self._scanned = -1  # the sentences up to this one are taken into the focus
        self._lower: dict[str, bool] = {}
        self.last_org: Speaker | None = None
        self.gender: dict[str, str] = {}  # canonical name -> "m" / "f"
        self.surnames: dict[str, str] = {}  # folded last word -> full name said before
        self.starts = [r.start for r in self.dp.refs]  # refs are sorted by start
        self.by_end: dict[int, Ref] = {}
        self.by_app_end: dict[int, Ref] = {}
        self.by_start: dict[int, Ref] = {}
        for r in self.dp.refs:
            self.by_end.setdefault(r.end, r)
            if r.app_end is not None:
                self.by_app_end.setdefault(r.app_end + 1, r)
            self.by_start.setdefault(r.start, r)
            if r.title_start is not None:
                self.by_start.setdefault(r.title_start, r)
        for p in self.dp.persons.values():
            last = fold(p.name.split()[-1]) if p.name.split() else ""
            self.surnames.setdefault(last, p.name)

    # ------------------------------------------------------------------ focus and pronouns

    def note(self, sp: Speaker | None) -> None:
        """``sp`` spoke (or is the subject): later pronouns may refer to it."""
        if sp is None or sp.name is None:
            return
        self._scanned = self.sentence
        self._focus = sp
        if sp.kind == ORGANISATION or sp.gender == "org":
            self.last_org = sp

    @property
    def focus(self) -> Speaker | None:
        if self.subject_of is not None and self._scanned < self.sentence:
            scanned, self._scanned = self._scanned, self.sentence  # (set first: a subject may read the focus)
            for i in range(self.sentence, scanned, -1):  # the newest subject since the last note
                sp = self.subject_of(i)
                if sp is not None:
                    self._focus = sp
                    break
        return self._focus

    def _gender_of(self, name: str) -> str | None:
        g = self.gender.get(name)
        if g is None:
            for r in self.dp.refs:
                if self.dp.persons[r.key].name == name:
                    hon = re.search(r"\b(\w+)\.?\s+$", self.text[max(0, r.start - 6):r.start])
                    g = _HONORIFIC_GENDER.get(hon.group(1).lower()) if hon else None
                    if g:
                        break
            words = name.split()
            # A given name of one gender only ("Elizabeth Warren"); not where the family name
            # comes first ("Le Hoai Trung").
            if g is None and len(words) > 1 and fold(words[0]) not in _FAMILY_FIRST:
                g = _QW.given_genders.get(fold(words[0]))
            self.gender[name] = g or "?"
        return None if g in (None, "?") else g

    def person(self, key: str, text: str, s: int, e: int, kind: str = PERSON) -> Speaker:
        name = self.dp.persons[key].name
        return Speaker(name, text, kind, s, e, self._gender_of(name))

    def pronoun(self, word: str, s: int, e: int, exclude: str | None) -> Speaker:
        want = _PRONOUNS[word.lower()]
        unknown = Speaker(None, word, UNKNOWN, s, e)
        if want == "org":
            org = self.last_org
            return unknown if org is None or org.name == exclude else Speaker(org.name, word, PRONOUN, s, e, "org")
        f = self.focus
        if f and f.name != exclude and f.kind != ORGANISATION and self._fits(f.name, want):
            return self._resolved(f.name, word, s, e, want)  # type: ignore[arg-type]
        i = bisect.bisect_left(self.starts, s) - 1
        for r in self.dp.refs[max(0, i - 30):i + 1][::-1]:
            name = self.dp.persons[r.key].name
            if name != exclude and self._fits(name, want):
                return self._resolved(name, word, s, e, want)
        return unknown

    def _fits(self, name: str | None, want: str) -> bool:
        g = self._gender_of(name) if name else None
        return g is None or g == want

    def _resolved(self, name: str, word: str, s: int, e: int, want: str) -> Speaker:
        self.gender[name] = want  # a pronoun that refers to a person tells their gender
        return Speaker(name, word, PRONOUN, s, e, want)

    # ------------------------------------------------------------------ classifying a phrase

    def phrase(self, s: int, e: int, exclude: str | None) -> Speaker | None:
        """The speaker named by ``text[s:e]`` (a subject phrase), or None if it is no subject."""
        text = self.text
        words = text[s:e].split()
        if not words or len(words) > 9 or e - s > 120:  # a speaker is a few words, none of them huge
            return None
        if len(words) == 1 and words[0].lower() in _PRONOUNS:
            return self.pronoun(words[0], s, e, exclude)
        if any(_CONTRACTION.search(w) for w in words):
            return None  # "We’ve", "Don’t": a clause, no speaker
        first = words[0]
        if first.lower() in _DETERMINERS or any(_POSSESSIVE.search(w) for w in words[:-1]):
            return self._description(s, e, exclude)  # "the senator", "Clinton's campaign"
        if _DIGITS.match(first) or fold(first).split("-")[0] in _LEX.cardinals:
            return Speaker(None, text[s:e], UNKNOWN, s, e) if len(words) <= 4 else None  # "63 percent"
        if fold(first.rstrip(".")) in _NOT_NAME and not _HONORIFIC.match(first + " "):
            return None
        lower = [w for w in words if not _cap(w) and w not in _CONNECTORS]
        titled = [w for w in lower if fold(w) in _TITLEISH or fold(w) in _ORG_WORDS]
        # Lower-case words may only be title or organisation words ("retired Air Force general
        # Lloyd Newton"), or one or two of any kind before a name ("panel Chairman Jason Chaffetz").
        if len(titled) < len(lower) and (len(lower) - len(titled) > 2 or not _cap(words[-1])
                                         or not _cap(words[-2] if len(words) > 1 else "")):
            return None
        if not _cap(words[-1]):
            return self._description(s, e, exclude) if _cap(first) else None
        if len(words) > 1 and fold(words[-1].strip(".,")) in _NOT_NAME or _POSSESSIVE.search(words[-1]):
            return None  # "Jo Day on Wednesday", "Tom's" (of a phrase cut short)
        return self._name(s, e, words)

    def _name(self, s: int, e: int, words: list[str]) -> Speaker | None:
        as_written = self.text[s:e]
        folded = [fold(w.strip(".,")) for w in words]
        if len(words) == 1 and (folded[0] in _PW.org_words or _ACRONYM.fullmatch(words[0])
                                and folded[0] not in self.surnames):  # "Police", "the IMF"
            return Speaker(as_written, as_written, ORGANISATION, s, e, "org")  # "Police said"
        if len(words) == 1 and self._common_word(words[0]):
            return Speaker(None, as_written, UNKNOWN, s, e)  # "Critics said", "Officials say"
        # The name proper is the run of capitalised words at the end, after any titles and
        # honorifics: "Republican vice-presidential nominee Gov. Mike Pence" -> "Mike Pence".
        i = len(words)
        while i > 0 and self._name_word(words[i - 1], folded[i - 1]):
            i -= 1
        while i < len(words) and words[i] in _CONNECTORS:
            i += 1
        if i == len(words) > 1 and folded[-2] in _HONORIFIC_GENDER:
            i -= 1  # "Mr. King": after an honorific, a title word is a surname
        if i == len(words) and not any(f in _ORG_WORDS for f in folded) and all(
                f.rstrip(".") in _TITLEISH or f in _HONORIFIC_GENDER for f in folded):
            # A title alone ("President") names no one, unless it is the surname of someone named
            # before ("Carl Dean ... Dean said").
            name = (self.surnames.get(folded[-1]) or self._full_name(words[-1].strip(".,"), s)) if len(words) == 1 else None
            if name:
                return Speaker(name, as_written, PERSON, s, e, self._gender_of(name))
            return Speaker(None, as_written, UNKNOWN, s, e)
        org = i == len(words) or folded[-1] in _ORG_WORDS
        titled = i > 0 and (folded[i - 1] in _TITLEISH or words[i - 1].endswith("."))
        if org or not titled and any(f in _ORG_WORDS for f in folded):
            return Speaker(as_written, as_written, ORGANISATION, s, e, "org")
        hon = next((_HONORIFIC_GENDER[f] for f in folded[:i] if f in _HONORIFIC_GENDER), None)
        core = " ".join(words[i:])
        last = fold(words[-1].strip("."))
        name = core
        if len(words) - i == 1:  # a surname alone: the full name said before ("Jane Doe ... Doe said")
            name = self.surnames.get(last) or self._full_name(words[-1].strip(".,"), s) or core
            self.surnames.setdefault(last, name)
        if len(core.split()) > 1:
            self.surnames.setdefault(last, core)
        if hon and name not in self.gender:
            self.gender[name] = hon
        return Speaker(name, as_written, PERSON, s, e, self._gender_of(name))

    def _full_name(self, word: str, pos: int) -> str | None:
        """The first earlier "Given Surname" of a lone surname people extraction did not know."""
        text = self.text
        i = text.find(word, 0, pos)
        while i > 0:
            m = _GIVEN_BEFORE.search(text, max(0, i - 40), i)
            if m and not text[i + len(word):i + len(word) + 1].isalnum():
                given = m.group(1).split()
                if all(self._name_word(g, f) and f not in _NOT_NAME and f.removesuffix("s") not in _TITLEISH
                       for g in given for f in (fold(g),)):
                    return " ".join([*given, word])
            i = text.find(word, i + 1, pos)
        return None

    @staticmethod
    def _name_word(word: str, folded: str) -> bool:
        """A word of a name proper: capitalised, not a title, organisation or honorific word
        (an initial like "J." is)."""
        if word in _CONNECTORS:
            return True
        if not _cap(word) or folded in _TITLEISH or folded in _ORG_WORDS or folded in _HONORIFIC_GENDER:
            return False
        return not word.endswith(".") or len(word) == 2

    def _common_word(self, word: str) -> bool:
        """A capitalised word that the article also writes in lower case is no name ("Critics")."""
        w = word.lower()
        if w == word or not _WORD.fullmatch(w):
            return False
        known = self._lower.get(w)
        if known is None:  # a substring search first: most capitalised words never occur in lower case
            known = self._lower[w] = w in self.text and re.search(
                r"(?<![\w’'-])" + re.escape(w) + r"(?![\w’'-])", self.text) is not None
        return known

    def is_document(self, desc: str, indefinite: bool = False) -> bool:
        """``desc`` names a document ("the IMF report"); ``indefinite``: one with "a" ("a statement")."""
        words = desc.lower().split()
        return bool(words) and fold(words[-1].strip(".,")) in _QW.documents and (
            not indefinite or words[0] in ("a", "an") or len(words) > 2 and words[-2] == "of")

    def _author(self, s: int, e: int, exclude: str | None) -> Speaker | None:
        """The author a document speaks for: 'Ivana Trump's brief', 'the IMF report', 'a Times article'."""
        text = self.text
        desc = text[s:e].rstrip()
        head = desc.rfind(" ")
        det = _DETERMINER.match(desc)
        a_s = s + (det.end() if det else 0)
        a_e = s + head
        pos = _POSSESSIVE.search(text, a_s, a_e)
        a_e = pos.start() if pos else a_e
        if a_e <= a_s or not _cap(text[a_s:a_e].split()[-1]) or _cap(desc[head + 1:]):
            return None  # no author, or a name ("the U.S. Geological Survey")
        who = self.phrase(a_s, a_e, exclude)
        author = text[a_s:a_e]
        if (who is None or who.name is None) and all(_cap(w) and fold(w) not in _PW.nationalities for w in author.split()):
            who = Speaker(author, author, ORGANISATION, a_s, a_e, "org")  # "a Treasury memo"
        if who is None or who.name is None:
            return None
        return dataclasses.replace(who, text=text[s:e], start=s, end=e)

    def _description(self, s: int, e: int, exclude: str | None) -> Speaker | None:
        desc = self.text[s:e]
        words = desc.split()
        if len(words) > 1 and self.is_document(desc):
            author = self._author(s, e, exclude)
            if author is not None:
                return author
        key = self.description(desc, s, exclude)  # "the Party Secretary": who holds that title
        if key:
            return self.person(key, desc, s, e)
        if len(words) > 2 and words[0].lower() in ("the", "a", "an") and _cap(words[1]) and _cap(words[-1]):
            named = self.phrase(s + len(words[0]) + 1, e, exclude)  # "the Rev. Peter Wherry"
            if named is not None and named.kind == PERSON:
                return dataclasses.replace(named, text=desc, start=s)
            if named is not None and named.kind == ORGANISATION:  # "The Daily Ledger"
                return Speaker(desc, desc, ORGANISATION, s, e, "org")
        if (len(words) == 2 and words[0].lower() == "the" and _cap(words[1]) and self._phrase_ends(e)
                and all(w not in self.surnames and w not in _NOT_NAME and w not in _TITLEISH
                        for w in (fold(words[1].strip(".,")),))):
            return Speaker(desc, desc, ORGANISATION, s, e, "org")  # "The Hill", "The Economist"
        core = _ADJECTIVES.sub("", _DETERMINER.sub("", desc.strip()))
        folded = [fold(w.strip(".,")) for w in core.split()]
        if not folded or len(folded) > 7 or _RELATIVE.search(core):
            return None
        if any(w.endswith("ed") and w not in _TITLEISH for w in folded[1:]):
            return None  # a clause, not a name: "the Council issued a statement"
        if folded[-1] in _ORG_WORDS:
            return Speaker(desc, desc, ORGANISATION, s, e, "org")
        return Speaker(None, desc, UNKNOWN, s, e)

    def _phrase_ends(self, e: int) -> bool:
        """Nothing of a noun phrase follows ``e``: punctuation, a cue, an adverb or a subject stop
        ("The Hill reported", not "The Miami relatives", "The United States")."""
        m = _NEXT_TOKEN.match(self.text, e)
        if m is None or not m.group(1)[:1].isalnum():
            return True
        w = m.group(1)
        return w in _STOPS or w in _QW.cue_adverbs or w.endswith("ly") and w.islower()

    def description(self, desc: str, pos: int, exclude: str | None) -> str | None:
        """The person a description stands for: a title they hold, or a generic head in focus."""
        core = _ADJECTIVES.sub("", _DETERMINER.sub("", desc.strip()))
        if not core:
            return None
        exact: list[str] = []
        same: list[str] = []
        core_fold, core_post = fold(core), post_key(core)
        for key, p in self.dp.persons.items():
            if p.name == exclude:
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
        if desc.strip().lower().startswith(("a ", "an ", "one ")):  # a new person: only one named next
            return self._following(pos, exclude) if self._recent(pos, exclude) is None else None
        f = self.focus
        if f and f.name != exclude and f.kind == PERSON:
            focus_key = next((k for k, p in self.dp.persons.items() if p.name == f.name), None)
            if focus_key:
                return focus_key
        return self._recent(pos, exclude) or self._following(pos, exclude)

    def _recent(self, pos: int, exclude: str | None) -> str | None:
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and self.dp.persons[self.dp.refs[i].key].name == exclude:
            i -= 1
        return self.dp.refs[i].key if i >= 0 else None

    def _following(self, pos: int, exclude: str | None) -> str | None:
        i = bisect.bisect_left(self.starts, pos)
        while i < len(self.dp.refs) and self.dp.persons[self.dp.refs[i].key].name == exclude:
            i += 1
        return self.dp.refs[i].key if i < len(self.dp.refs) else None

    # ------------------------------------------------------------------ finding the phrase

    def before(self, sent_s: int, q: int, exclude: str | None = None) -> Speaker | None:
        """The speaker whose phrase ends right before ``q`` (a cue), in the sentence from ``sent_s``."""
        # A subject is a few words long: look back a bounded window, so that a sentence with
        # thousands of quotes stays linear.
        lo = max(sent_s, q - 400)
        t = self.text[lo:q]
        adv = _ADVERBS.search(t, max(0, len(t) - 60)) if adverb_before(t) else None  # a few words before the cue
        if adv:
            t = t[:adv.start()]
        when = _WHEN_BEFORE_CUE.search(t, max(0, len(t) - 30)) if t[-1:] == " " else None
        if when:  # "Jo Day on Thursday told", "Jo Day later Monday said"
            t = t[:when.start()]
        paren = _TRAILING_PAREN.search(t) if t.rstrip().endswith(")") else None  # "Rep. Gwen Moore (D-Wis.) said"
        if paren:
            t = t[:paren.start()]
        t = t.rstrip()
        end = lo + len(t)
        if not t:
            return None
        dash = _CLOSING_DASH.search(t) if t[-1] in "-—–" else None
        if dash:  # "Jo Day, head of X -- the firm that makes Y -- told me": the subject before the aside
            opening = t.rfind(dash.group(1), 0, dash.start())
            if opening > 0 and len(t[opening:dash.start()].split()) <= 30:
                sp = self._before_dash(sent_s, lo, lo + len(t[:opening].rstrip()), exclude)
                if sp is None or sp.name is None:  # "A former candidate -- John McCain, who lost -- said"
                    named = self._tail(lo + opening + len(dash.group(1)), lo + dash.start(), exclude)
                    sp = named if named is not None and named.kind == PERSON else sp
                return sp
        ends = {end}
        if t.endswith(","):  # "A spokesperson for the Kremlin, Dmitry Peskov, said"
            ends.add(end - 1)
        aside = _ASIDE.search(t) if t.endswith(",") else None  # "Sunak, speaking in Leeds, said"
        if aside and len(aside.group().split()) <= 16:
            ends.add(lo + aside.start())
        hit = next((self.by_end[x] for x in sorted(ends, reverse=True) if x in self.by_end), None)
        if hit is None and t.endswith(","):
            hit = self.by_app_end.get(end)
        if hit is not None:
            s = hit.title_start if hit.title_start is not None else hit.start
            hon = _HONORIFIC_BEFORE.search(self.text, max(0, s - 8), s)  # "Mr. Kamin said"
            s = hon.start() if hon else s
            if self.dp.persons[hit.key].name != exclude:
                return self.person(hit.key, self.text[s:hit.end], s, hit.end)
        return self._before_phrase(lo, end, exclude)

    def _before_dash(self, sent_s: int, lo: int, end: int, exclude: str | None) -> Speaker | None:
        """The subject before a dash aside, whose apposition the dash closes as a comma would
        ("Jo Day, the head of X -- ... -- said": Jo Day, not X)."""
        comma = self.text.rfind(",", lo, end)
        hit = self.by_end.get(comma) if comma > 0 and self.text[end - 1] != "," else None
        if hit is not None and self.dp.persons[hit.key].name != exclude:  # the person named before the comma
            return self.person(hit.key, self.text[hit.start:hit.end], hit.start, hit.end)
        return self.before(sent_s, end, exclude)

    def _before_phrase(self, lo: int, end: int, exclude: str | None) -> Speaker | None:
        text = self.text
        if text[end - 1] == ",":  # Subject, aside, aside, cue: "Johnnie Wilson, of Springfield, Va., said".
            return self._before_asides(lo, end, exclude)
        b = _LAST_BOUNDARY.match(text, lo, end)
        seg_lo, soft = (b.end(), b.group(1)) if b else (lo, None)
        t = text[seg_lo:end]
        if not t.strip() and soft in ("and", "but"):  # "Trump bemoaned the unrest and said ..."
            return self.sentence_subject(lo, seg_lo, exclude)
        if soft in ("who", "which") and not t.strip(" ,") or soft == "who" and len(t.split()) <= 4 and not any(
                _cap(w) for w in t.split()):  # "McConnell, now the leader, who in 2010 said"
            at = seg_lo - len(soft)
            return self.before(lo, at, exclude)
        return self._tail(seg_lo + t.rfind(",") + 1, end, exclude)

    def _before_asides(self, lo: int, end: int, exclude: str | None) -> Speaker | None:
        text = self.text
        b = _LAST_HARD_BOUNDARY.match(text, lo, end)
        seg_lo = b.end() if b else lo
        commas = [end - 1]
        while len(commas) < 6:  # the last few commas, back to the boundary
            c = text.rfind(",", seg_lo, commas[-1])
            if c < 0:
                break
            commas.append(c)
        commas.reverse()
        if len(commas) < 6:  # the first chunk starts at the boundary
            commas.insert(0, seg_lo - 1)
        bounds = [(a + 1, b) for a, b in itertools.pairwise(commas)]
        first: Speaker | None = None
        for cs, ce in bounds[:-1]:
            if len(text[ce:end].split()) > 40:
                continue
            sp = self._tail(cs, ce, exclude)
            if sp is not None and sp.name is not None:
                return sp
            first = first or sp
        if first is not None and len(bounds) == 2:  # "the ministry spokesman, Marco Ferri, said"
            return self._named_apposition(first, *bounds[1], exclude)
        return None

    def _named_apposition(self, desc: Speaker, s: int, e: int, exclude: str | None) -> Speaker | None:
        """The person named in apposition to a description ("Tom's grandmother, Rosa")."""
        words = desc.text.split()
        if not (words[0].lower() in _DETERMINERS or any(_POSSESSIVE.search(w) for w in words)):
            return None
        sp = self.phrase(s, e, exclude)
        if sp is None or sp.kind != PERSON or sp.name is None:
            return None
        return dataclasses.replace(sp, text=self.text[desc.start:sp.end], start=desc.start)

    def sentence_subject(self, lo: int, at: int, exclude: str | None = None) -> Speaker | None:
        """The subject opening the sentence, for a second verb of it ("X did A and said B")."""
        if len(self.text[lo:at].split()) > 40:
            return None
        comma = self.text.find(",", lo, at)
        while 0 < comma - lo < 120 and lo not in self.by_start:  # past an opening phrase: "Following a meeting, X"
            sp = self.after(comma + 1, at, exclude)
            if sp is not None and sp.name is not None and (sp.kind == PERSON or not self.text.startswith(",", sp.end)):
                return sp  # not a place between commas: "At an event in Ames, Iowa, on Sunday, Jo Day ..."
            comma = self.text.find(",", comma + 1, at)
        sp = self.after(lo, at, exclude)
        return sp if sp is not None and sp.name is not None else None

    def label(self, s: int, e: int) -> Speaker:
        """The speaker of a transcript label ("PENCE:"): the person of that surname, or the label."""
        words = self.text[s:e].split()
        name = self.surnames.get(fold(words[-1])) or " ".join(w.title() for w in words)
        return Speaker(name, self.text[s:e], PERSON, s, e, self._gender_of(name))

    def _tail(self, s: int, e: int, exclude: str | None) -> Speaker | None:
        """The longest phrase ending at ``e`` that names a speaker (or the whole stretch, unknown)."""
        text = self.text
        paren = _TRAILING_PAREN.search(text, s, e)  # "Roy Cooper (D)"
        if paren and paren.end() == e:
            e = paren.start()
        starts = [m.start() for m in _TOKEN.finditer(text, s, e)][-9:]
        first: Speaker | None = None
        for i, cs in enumerate(starts):
            sp = self.phrase(cs, e, exclude)
            if sp is not None and sp.name is not None:
                return sp
            if i == 0 and cs == s + len(text[s:e]) - len(text[s:e].lstrip()):
                first = sp
        return first

    def after(self, p: int, limit: int, exclude: str | None = None,
              stop: frozenset[str] = frozenset()) -> Speaker | None:
        """The speaker whose phrase starts at ``p`` (after a cue); ``stop``: words that end it."""
        text = self.text
        while p < limit and text[p].isspace():
            p += 1
        hon = _HONORIFIC.match(text, p, limit)
        starts = {p, hon.end()} if hon else {p}
        det = _DETERMINER.match(text[p:limit])
        if det:
            starts.add(p + det.end())
        owner = _POSSESSOR.match(text, p + det.end() if det else p, limit)
        if owner:  # "Gallup's Jeffrey M. Jones", "the Post's Jo Day": the person named after the owner
            starts.add(owner.end())
        for at in sorted(starts):
            r = self.by_start.get(at)
            if r is not None and self._modifier(r.end):
                break  # "Clinton campaign spokesman Brian Fallon": the name is further on
            if r is not None and self.dp.persons[r.key].name != exclude:
                e = r.app_end if r.app_end is not None else r.end
                return self.person(r.key, text[p:r.end], p, e)
        sp = self._after_phrase(p, limit, exclude, stop)
        if sp is not None and sp.name is None and self.text.startswith(", ", sp.end):
            # "said the ministry spokesman, Marco Ferri."
            m = _APPOSED_NAME.match(self.text, sp.end + 2, limit)
            named = self._named_apposition(sp, m.start(), m.end(), exclude) if m else None
            return named or sp
        return sp

    def _modifier(self, end: int) -> bool:
        """A name followed by a title or organisation word modifies it ("Clinton campaign")."""
        m = _NEXT_WORD.match(self.text, end)
        return m is not None and (fold(m.group(1)) in _TITLEISH or fold(m.group(1)) in _ORG_WORDS)

    def _after_phrase(self, p: int, limit: int, exclude: str | None, stop: frozenset[str]) -> Speaker | None:
        text = self.text
        ends: list[int] = []
        for m in _TOKEN.finditer(text, p, limit):
            tok = m.group()
            word = tok.rstrip(",;:!?.”\"’'")
            if ends and (word.lower() in _STOPS or word in stop) or not word or tok[0] in "“\"(«":
                break
            ends.append(m.start() + len(word))
            if word != tok and not (tok.endswith(".") and len(tok) <= 4 and tok[0].isupper()):
                break  # punctuation ends the phrase (but not the dot of "Mr." or "J.")
            if len(ends) == 9:
                break
        unknown: Speaker | None = None
        for e in reversed(ends):
            nxt = _NEXT_WORD.match(text, e)
            if (unknown is not None and nxt and not nxt.group(1).endswith("ly")
                    and unknown.text.split()[0].lower() in _DETERMINERS):
                break  # "A senior government official who ...": not "A senior government"
            sp = self.phrase(p, e, exclude)
            if sp is not None and sp.name is not None:
                return sp
            if sp is not None and unknown is None and e == ends[-1]:
                unknown = sp
        return unknown
