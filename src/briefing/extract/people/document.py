"""Persons named in one document, and every place each is named (full name, short form, title).

No statistical model: titles are the strongest signal in news copy, so a capitalised name
counts as a person only when something marks it as one — a title before it (``US President
Joe Biden``), an apposition after it (``Hoang Binh Quan, Head of ...,``), an honorific
(``Mr. Le Hoai Trung``) or the byline. Short forms (the last word, ``Quan``) then resolve to
the full name met in the same document.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...lexicon import lexicon
from ...models import Fact, Mention, NameCandidate, TitleRecord
from ...text import fold, name_key
from .candidates import name_candidates, patch_likes
from .dating import as_of, sentence_at, tagged_dates
from .evidence import headlines, name_start, org_like, person_evidence, thing_like
from .gender import compatible
from .posts import post_key
from .titles import apposition, description_spans, lead_title, split_titles, title_before
from .tokens import Tokens, positions
from .vocab import CUE_AFTER, HONORIFIC, HONORIFICS, NAME_PARTICLES, POSSESSIVE, base, lw, name_like

if TYPE_CHECKING:
    from .. import DocContext

Span = tuple[int, int]


@dataclass
class Ref:
    """One place a person is named (or described by a known title) in a document."""

    start: int
    end: int
    key: str  # the person's key in :class:`DocPeople`
    form: str  # "full", "short" or "title"
    title_start: int | None = None  # where a title right before the name starts
    app_end: int | None = None  # end of an apposition after the name (at its closing comma)


@dataclass
class DocPerson:
    name: str
    first: tuple[int, int] | None
    aliases: list[str] = field(default_factory=list)
    titles: list[TitleRecord] = field(default_factory=list)


@dataclass
class DocPeople:
    persons: dict[str, DocPerson]
    refs: list[Ref]
    # Names of two words or more with no evidence here (key -> first span): persons only if
    # the corpus knows them as persons (see merge.py).
    unconfirmed: dict[str, Span] = field(default_factory=dict)

    def ref_ending_at(self, pos: int) -> Ref | None:
        for r in self.refs:
            if r.end == pos or r.app_end == pos:
                return r
        return None

    def ref_starting_at(self, pos: int) -> Ref | None:
        for r in self.refs:
            if r.start == pos or r.title_start == pos:
                return r
        return None


_CACHE: weakref.WeakKeyDictionary[Any, DocPeople] = weakref.WeakKeyDictionary()


def analyse(ctx: DocContext) -> DocPeople:
    """Persons and every reference to them in ``ctx``'s document (computed once per context)."""
    found = _CACHE.get(ctx)
    if found is None:
        found = _Analysis(ctx).run()
        _CACHE[ctx] = found
    return found


def better_name(a: str, b: str) -> str:
    """Of two spellings of one name, the one with diacritics (else the longer)."""
    if len(a.split()) != len(b.split()):
        return a if len(a.split()) > len(b.split()) else b
    return b if (b != fold(b) and a == fold(a)) else a


# "Raymond Chan of People Power, and ...": a name after a preposition is an organisation's.
_OWNED = re.compile(r"\b(?:of|from|at|for|in)\s+$")
_NUMBERS = frozenset(lexicon().cardinals)
_LIST_GAP = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
# What stands between an honorific and the name ("Mr. Trump", "Mrs Clinton").
_AFTER_HONORIFIC = re.compile(r"\.?\s+")
_AUTHOR_SEP = re.compile(r",|\s+and\s+|&")
_OF_FOR = re.compile(r"\b(of|for)\b")


@dataclass
class _Named:
    """A candidate name and the signals around it."""

    start: int
    end: int
    key: str
    pre: Span | None  # a title right before it
    apps: list[Span]  # titles in apposition (or set off before it)
    app_end: int | None
    hon: re.Match[str] | None  # an honorific right before it
    evidence: str | None  # why it names a person without a title (see evidence.py)
    thing: bool  # it names an organisation, a place, a work or an event


class _Analysis:
    """One document's persons, found in three passes: full names with a person signal, short
    forms of them, then title phrases standing for one of them."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.toks: Tokens = ctx.tokens
        self.persons: dict[str, DocPerson] = {}
        self.refs: list[Ref] = []
        self._tagged: list[tuple[int, str]] | None = None  # tagged_dates, once a title needs a date
        self._tagged_done = False

    def run(self) -> DocPeople:
        named, frozen_names = self._candidates()
        self._full_names(named)
        self._short_forms(frozen_names)
        self._honorific_names()
        self._title_refs()
        unconfirmed: dict[str, Span] = {}
        for c in named:
            if c.key not in self.persons and not c.thing and " " in c.key:
                unconfirmed.setdefault(c.key, (c.start, c.end))
        return DocPeople(persons=self.persons, refs=self.refs, unconfirmed=unconfirmed)

    def sentence_of(self, pos: int) -> Span:
        return sentence_at(self.ctx, pos) or (0, len(self.text))

    def para_end(self, pos: int) -> int:
        nl = self.text.find("\n", pos)
        return len(self.text) if nl < 0 else nl

    def add_title(self, key: str, span: Span, at: int | None = None) -> None:
        title = self.text[span[0]:span[1]].strip(" ,")
        if not title:
            return
        if not self._tagged_done:
            self._tagged, self._tagged_done = tagged_dates(self.ctx), True
        when = as_of(self.ctx, span[0] if at is None else at, self._tagged)
        rec = TitleRecord(title=title, as_of=when, doc=self.ctx.doc.file, span=span)
        if all(t.span != rec.span for t in self.persons[key].titles):
            self.persons[key].titles.append(rec)

    def _add_titles(self, key: str, pre: Span | None, apps: list[Span], at: int) -> None:
        if pre:
            for span in split_titles(self.text[pre[0]:pre[1]], pre[0]):
                self.add_title(key, span, at)
        for span in apps:
            self.add_title(key, span, at)

    def _candidates(self) -> tuple[list[_Named], frozenset[int]]:
        """Every candidate name with its signals; the indices of the tokens in candidates."""
        text, toks = self.text, self.toks
        starts = {s for s, _ in self.ctx.sentences}
        likes = list(map(name_like, toks.words))
        weak = patch_likes(toks, likes)
        candidates = name_candidates(toks, starts, likes)
        name_starts = [s for s, _e, _i in candidates]
        name_toks: set[int] = set()
        for _s, e, j in candidates:
            name_toks.update(range(j, bisect.bisect_left(toks.starts, e, j)))
        frozen_names = frozenset(name_toks)
        named: list[_Named] = []
        heads = headlines(text, self.ctx.paragraphs, name_starts)
        for s, e, idx in candidates:
            if heads and any(a <= s < b for a, b in heads):
                continue
            j = bisect.bisect_left(toks.starts, e) - 1
            idx = name_start(toks, idx, j)
            s = toks.starts[idx]
            named.append(self._signals(s, e, idx, j, name_starts, frozen_names, idx in weak))
        # A name said once to be a company's is one throughout the article ("Eli Lilly and
        # Pfizer lobbied ... Eli Lilly said in a statement that it ...").
        orgs = {c.key for c in named if c.thing and c.evidence == "organisation"}
        for c in named:
            if c.key in orgs and not c.hon:
                c.pre, c.apps, c.evidence, c.thing = None, [], None, True
        return named, frozen_names

    def _signals(self, s: int, e: int, idx: int, j: int, name_starts: list[int],
                 frozen_names: frozenset[int], weak: bool) -> _Named:
        """The candidate name at ``s:e`` (tokens ``idx..j``) with the signals around it."""
        text, toks = self.text, self.toks
        key = name_key(text[s:e])
        sent_s, _sent_e = self.sentence_of(s)
        pre = title_before(toks, idx, sent_s, frozen_names)
        apps: list[Span] = []
        app_end = None
        if text.startswith(",", e):  # appositions and titles set off before stand between commas
            apps, app_end = apposition(text, e, self.para_end(e), name_starts)
            lead = lead_title(text, sent_s, s, e)
            if lead:
                apps = [lead, *apps]
        hon = HONORIFIC.search(text[max(0, s - 6):s])
        # What is said of a firm outweighs a given name, not a title ("GSA spokeswoman Ashley
        # Nash-Hahn noted that it's ...").
        if not hon and not pre and not apps and org_like(text, key, s, e):
            return _Named(s, e, key, None, [], app_end, None, "organisation", True)
        thing = not hon and thing_like(text, toks, idx, j)
        if thing:  # "Director of the National Iodine Nutrition study"
            pre, apps = None, []
        why = None if pre or apps or hon else person_evidence(text, toks, idx, j)
        if weak and why in ("given name", "family name"):  # "To Lam met ..." opening a sentence
            why = None
        return _Named(s, e, key, pre, apps, app_end, hon, why, thing)

    def _signalled(self, named: list[_Named]) -> dict[str, str]:
        """The names marked as persons (key -> best spelling): a title, an apposition or an
        honorific, or the byline. A speech verb alone is not enough ("Goldman Sachs said"); a
        later "Smith said" then resolves as a short form."""
        signalled: dict[str, str] = {}
        for c in named:
            if (c.pre or c.apps or c.hon or c.evidence) and not c.thing:
                name = self.text[c.start:c.end]
                known = signalled.get(c.key)
                signalled[c.key] = name if known is None or known == name else better_name(known, name)
        self._coordinated(named, signalled)
        author = (self.ctx.doc.author or "").strip()
        for a in (a.strip() for a in _AUTHOR_SEP.split(author)):
            words = a.split()
            # A byline names persons: a given name that is also a month or a word counts ("Jan").
            if 2 <= len(words) <= 5 and all(w[:1].isupper() and w[:1].isalpha() and not (len(w) > 2 and w.isupper())
                                             or fold(w) in NAME_PARTICLES for w in words):
                key = name_key(a)
                signalled[key] = better_name(signalled.get(key, a), a)
        return signalled

    def _coordinated(self, named: list[_Named], signalled: dict[str, str]) -> None:
        """Names listed with a person's name are persons' names ("such as Ansel Adams, Chuck
        Close and Walker Evans"; "with Romelu Lukaku, Yannick Carrasco, and Dries Mertens")."""
        for _ in range(2):  # forward, then once more for what the list's later names marked
            for a, b in itertools.pairwise(named):
                if not _LIST_GAP.fullmatch(self.text, a.end, b.start):
                    continue
                for x, y in ((a, b), (b, a)):
                    if x.key in signalled and y.key not in signalled and not y.thing and " " in y.key \
                            and not _OWNED.search(self.text, max(0, y.start - 6), y.start) \
                            and y.key.split()[0] not in _NUMBERS:
                        signalled[y.key] = self.text[y.start:y.end]

    def _full_names(self, named: list[_Named]) -> None:
        """1. Full names with a person signal, and every other place they are named in full."""
        text, persons = self.text, self.persons
        for key, name in self._signalled(named).items():
            persons[key] = DocPerson(name=name, first=None)
        for c in named:
            if c.key not in persons:
                continue
            p = persons[c.key]
            if p.first is None:
                p.first = (c.start, c.end)
            self.refs.append(Ref(c.start, c.end, c.key, "full", title_start=c.pre[0] if c.pre else None,
                                 app_end=c.app_end))
            self._add_titles(c.key, c.pre, c.apps, c.start)
            if c.hon:
                form = text[c.start - len(c.hon.group()):c.end]
                if form not in p.aliases:
                    p.aliases.append(form)
        for p in persons.values():
            if p.first is None:
                at = text.find(p.name)
                p.first = (at, at + len(p.name)) if at >= 0 else (0, 0)

    def _short_form_keys(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Persons by the last word of their key, and two-word ones by their first word."""
        by_last: dict[str, list[str]] = {}
        by_first: dict[str, list[str]] = {}
        for key in self.persons:
            by_last.setdefault(key.split()[-1], []).append(key)
            if len(key.split()) == 2:  # "Xi Jinping" -> "Xi", but only where Xi speaks (below)
                by_first.setdefault(key.split()[0], []).append(key)
        return by_last, by_first

    def _short_forms(self, frozen_names: frozenset[int]) -> None:
        """2. Short forms: a lone capitalised word equal to the last word of a name met earlier."""
        text, toks, persons, refs = self.text, self.toks, self.persons, self.refs
        # The full names' spans, sorted and disjoint (one per candidate run): a bisect finds the
        # one a word may fall in.
        full_starts = [r.start for r in refs]
        full_ends = [r.end for r in refs]
        by_last, by_first = self._short_form_keys()
        # Only words equal to some name's first or last word can be short forms (by_last gains
        # only by_first's keys below).
        wanted = by_last.keys() | by_first.keys()
        lws = list(map(lw, toks.words)) if wanted else []
        for i in positions(map(wanted.__contains__, lws)):
            s, w = toks.starts[i], toks.words[i]
            k = bisect.bisect_right(full_starts, s) - 1
            if k >= 0 and s < full_ends[k]:  # inside a full name (most hits)
                continue
            wb = base(w)
            if not wb or not wb[0].isupper():
                continue
            if fold(wb) not in by_last:
                if fold(wb) not in by_first or not (CUE_AFTER.match(text, s + len(wb))
                                                    or HONORIFIC.search(text[max(0, s - 6):s])):
                    continue
                by_last.setdefault(fold(wb), by_first[fold(wb)])
            prev_adj = i > 0 and toks.gaps[i] == " " and name_like(toks.words[i - 1])
            next_adj = (i + 1 < len(toks.words) and toks.gaps[i + 1] == " " and name_like(toks.words[i + 1])
                        and not POSSESSIVE.search(w))
            if prev_adj or next_adj:
                continue
            keys = [k for k in by_last[fold(wb)] if (persons[k].first or (0, 0))[0] <= s] or by_last[fold(wb)]
            hon = HONORIFIC.search(text[max(0, s - 6):s])
            if hon:  # "Mrs. Clinton" is not "Bill Clinton"
                keys = [k for k in keys if compatible(hon.group(1), persons[k].name)]
                if not keys:
                    continue
            # Several people share the word: the one named most recently.
            key = keys[0] if len(keys) == 1 else max(keys, key=lambda k: self._last_ref(k, s))
            self._short_ref(key, i, wb, frozen_names)

    def _honorific_names(self) -> None:
        """A lone surname after an honorific that names no one met so far ("Mr. Trump" in an
        article that never gives his first name; "Mrs. Clinton" beside "Bill Clinton") is a
        person of its own, named by the surname."""
        text, toks = self.text, self.toks
        words, gaps, n = toks.words, toks.gaps, len(toks.words)
        taken = sorted((r.start, r.end) for r in self.refs)
        for h in positions(map(HONORIFICS.__contains__, words)):
            i = h + 1
            if i >= n or not _AFTER_HONORIFIC.fullmatch(gaps[i]) or not words[i][0].isupper():
                continue
            s = toks.starts[i]
            k = bisect.bisect_right(taken, (s, len(text))) - 1
            if k >= 0 and s < taken[k][1]:
                continue
            if not name_like(words[i]) or (i + 1 < n and gaps[i + 1] == " " and name_like(words[i + 1])):
                continue
            word = base(toks.words[i])
            key = name_key(word)
            p = self.persons.get(key)
            if p is None:
                p = self.persons[key] = DocPerson(name=word, first=(s, s + len(word)))
            self.refs.append(Ref(s, s + len(word), key, "full"))
            form = text[toks.starts[h]:s + len(word)]
            if form not in p.aliases:
                p.aliases.append(form)

    def _last_ref(self, key: str, pos: int) -> int:
        """Where ``key`` was last named before ``pos`` (-1: not yet)."""
        return max((r.start for r in self.refs if r.key == key and r.start <= pos), default=-1)

    def _short_ref(self, key: str, i: int, word: str, frozen_names: frozenset[int]) -> None:
        """Record the short form ``word`` (token ``i``) of ``key``, with its titles and alias."""
        text = self.text
        s = self.toks.starts[i]
        end = s + len(word)
        sent_s, _ = self.sentence_of(s)
        pre = title_before(self.toks, i, sent_s, frozen_names)
        apps, app_end = apposition(text, end, self.para_end(end))
        self.refs.append(Ref(s, end, key, "short", title_start=pre[0] if pre else None, app_end=app_end))
        p = self.persons[key]
        hon = HONORIFIC.search(text[max(0, s - 6):s])
        form = (text[s - len(hon.group()):end] if hon else word)
        if form not in p.aliases and fold(form) != fold(p.name):
            p.aliases.append(form)
        self._add_titles(key, pre, apps, s)

    def _title_refs(self) -> None:
        """3. Titles standing for a person named elsewhere in the document ("Chairman of the
        Commission for External Affairs says ...", "according to the head of the ... Commission")."""
        refs = self.refs
        refs.sort(key=operator.attrgetter("start"))
        taken = [(r.title_start if r.title_start is not None else r.start, r.end) for r in refs]
        posts: dict[str, list[str]] = {}
        for key, p in self.persons.items():
            for t in p.titles:
                if _OF_FOR.search(t.title):
                    posts.setdefault(key, []).append(t.title)
        if posts:
            for s, e in description_spans(self.text, self.toks):
                if any(a <= s < b for a, b in taken):
                    continue
                phrase = self.text[s:e]
                hits = [k for k, ts in posts.items() if any(post_key(phrase) == post_key(t) for t in ts)]
                if len(hits) == 1:
                    refs.append(Ref(s, e, hits[0], "title"))
                    self.add_title(hits[0], (s, e))
        refs.sort(key=operator.attrgetter("start"))


def extract(ctx: DocContext) -> list[Fact]:
    """One :class:`Mention` per person named in the document, then one :class:`NameCandidate`
    per other capitalised name the corpus may know as a person's."""
    found = analyse(ctx)
    out: list[Fact] = []
    for key, p in found.persons.items():
        first = p.first or (0, 0)
        text = ctx.text[first[0]:first[1]]
        name = p.name if text == "" else better_name(p.name, text)
        aliases = tuple(a for a in p.aliases if name_key(a) != key or a != name)
        out.append(Mention(doc_id=ctx.doc.id, span=first, text=text, name=name,
                           titles=tuple(p.titles), aliases=aliases))
    out.sort(key=operator.attrgetter("span"))
    for span in found.unconfirmed.values():
        name = ctx.text[span[0]:span[1]]
        out.append(NameCandidate(doc_id=ctx.doc.id, span=span, text=name, name=name))
    return out
