"""People: person mentions per document, and persons merged across the corpus.

No statistical model: titles are the strongest signal in news copy, so a capitalised name
counts as a person only when something marks it as one — a title before it (``US President
Joe Biden``), an apposition after it (``Hoang Binh Quan, Head of ...,``), an honorific
(``Mr. Le Hoai Trung``), a speech verb (``Jane Doe said``) or the byline. Short forms (the
last word, ``Quan``) then resolve to the full name met in the same document.

    >>> from briefing.models import Document
    >>> text = "US President Joe Biden met the press. Biden said little."
    >>> doc = Document(id="d", file="a.txt", path="a.txt", raw=text, text=text, title=None,
    ...                published=None)
    >>> from briefing.extract import DocContext
    >>> [(m.name, m.aliases, [t.title for t in m.titles]) for m in extract(DocContext(doc))]
    [('Joe Biden', ('Biden',), ['US President'])]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ..models import Fact, Mention, Person, StoredFact, TitleRecord
from ..text import fold, name_key

if TYPE_CHECKING:
    from . import DocContext

_V = TypeVar("_V")

# --------------------------------------------------------------------------- vocabulary


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that head a title ("President", "head of ...", "Moroccan Ambassador").
TITLE_HEADS = _words("""
president vice-president president-elect chairman chairwoman chairperson chair head secretary
secretary-general minister premier chancellor ambassador envoy consul member director
director-general governor mayor senator congressman congresswoman representative deputy
spokesman spokeswoman spokesperson chief leader commander king queen prince princess emperor
pope cardinal bishop archbishop sultan emir sheikh speaker judge justice prosecutor attorney
officer executive ceo cfo coo cto founder co-founder editor editor-in-chief professor lecturer
researcher economist analyst adviser advisor counsellor counselor diplomat official delegate
lawmaker legislator commissioner inspector colonel lieutenant major captain admiral marshal
sergeant brigadier treasurer manager coordinator rapporteur correspondent reporter chairmen
vice-chairman vice-chairwoman vice-chair superintendent provost rector dean principal nurse doctor
teacher lawyer activist engineer farmer student resident witness worker scientist expert historian
""")
# Words that may stand in a title before its head ("Deputy Prime Minister", "Party Secretary").
TITLE_MODIFIERS = _words("""
deputy vice acting former first second permanent standing executive senior general prime
foreign defence defense interior finance trade party state national chief assistant associate
managing top late outgoing incoming interim then politburo communist central federal regional
provincial municipal army military press us u.s. uk u.k. un eu white house
""")
# Words of organisation names (never part of a person's name).
ORG_WORDS = _words("""
party committee commission central ministry department council assembly congress union
association organisation organization bank company group corporation agency news newspaper
forum conference summit university institute office government state national republic kingdom
federation army navy force forces police court parliament senate house fund foundation center
centre society front movement alliance league review times post daily press radio television tv
network airlines politburo secretariat cabinet administration affairs relations external foreign
international people's communist workers democratic parties committees commissions
ministries unions associations organizations organisations groups nations states countries movements
forums political parliamentary socialist liberal conservative republican
labour labor diplomatic corps city province district county region bureau board authority service
services embassy consulate mission school college academy hospital club team federation council
ministry's revolution revolutionary reform day week year institution investment planning development
industry health education agriculture transport environment culture tourism science technology
information communications energy security construction commerce resources
""")
COUNTRIES = _words("""
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil
brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros congo
croatia cuba cyprus czechia czech denmark djibouti dominica ecuador egypt eritrea estonia eswatini
ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea
guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan
jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia
libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania
mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia
nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama
paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia
seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria
taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine
uruguay uzbekistan vanuatu vatican venezuela vietnam viet nam yemen zambia zimbabwe america zealand kong
lanka arabia emirates
africa asia europe oceania britain england scotland wales hanoi beijing moscow washington london
paris tokyo seoul bangkok vientiane phnom penh jakarta manila delhi brussels berlin geneva
""")
NATIONALITIES = _words("""
afghan albanian algerian american angolan argentine argentinian armenian australian austrian
bangladeshi belarusian belgian bolivian brazilian british bruneian bulgarian burmese cambodian
cameroonian canadian chilean chinese colombian congolese croatian cuban cypriot czech danish dutch
egyptian emirati english estonian ethiopian european filipino finnish french georgian german
ghanaian greek hungarian icelandic indian indonesian iranian iraqi irish israeli italian jamaican
japanese jordanian kazakh kenyan korean kuwaiti lao laotian latvian lebanese libyan lithuanian
malaysian malian mexican mongolian moroccan mozambican namibian nepalese nigerian norwegian
pakistani palestinian panamanian peruvian philippine polish portuguese qatari romanian russian
rwandan saudi scottish senegalese serbian singaporean slovak slovenian somali spanish sri lankan
sudanese swedish swiss syrian taiwanese thai tunisian turkish ugandan ukrainian uruguayan uzbek
venezuelan vietnamese welsh yemeni zambian zimbabwean asian african southeast
""")
MONTHS_DAYS = _words("""
january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
""")
# Capitalised words that open sentences or headlines but are not names.
COMMON_CAPS = _words("""
the a an in on at for with by from to as of and but or if when while after before since during
under over within through throughout although though however meanwhile moreover besides also
therefore thus particularly especially first second third fourth fifth last next this that these
those it he she they we i you our his her their its my according touching recalling entering
building creating another many some all both each every other such only not no yes photo source
read more see related news tin editor mr mrs ms dr prof sir madam lord lady dear god internet
covid-19 covid today yesterday tomorrow earlier later now then here there where what who why how
breaking update updated exclusive video watch listen
""")
CONNECTORS = _words("of the for and to on in at")
NAME_PARTICLES = _words("van von der den de da di du del della la le bin binti ibn al el dos das")
HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr|Prof|Madam|Mme|Sir)\.?\s+$")
VIETNAMESE_SURNAMES = _words("nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh truong lam mai trinh")
# Speech verbs after a name ("Xi said": a short form in a speech context).
CUE_AFTER = re.compile(
    r"\s+(?:also\s+|once\s+|further\s+)?(said|says|told|added|stated|noted|stressed|emphasi[sz]ed|affirmed|"
    r"reaffirmed|highlighted|underlined|explained|announced|declared|warned|urged|wrote|asked|replied)\b"
)

TOKEN = re.compile(r"\w+(?:[-‐'’]\w+)*")

_POSSESSIVE = re.compile(r"[’']s$")
# What _POSSESSIVE finds at the end of a token (tokens hold no newline for "$" to stop before).
_POSSESSIVE_ENDS = ("'s", "’s")


_HYPHENATED_WORD = re.compile(r"[\w’'-]+")


# The word-level functions below are pure and called for every token of every document (and
# name_key for every mention in the corpus merge): memoised, as fold is.
@functools.lru_cache(maxsize=65536)
def _base(word: str) -> str:
    return _POSSESSIVE.sub("", word).rstrip(".")


class _WordMemo(dict[str, _V]):
    """``fn(word)`` memoised in a plain dict. Its bound ``__getitem__`` is a C-level call, cheaper
    than an lru_cache wrapper when mapped over every token of a document. Emptied when full:
    a corpus's vocabulary is open-ended."""

    def __init__(self, fn: Callable[[str], _V], limit: int = 65536) -> None:
        super().__init__()
        self._fn = fn
        self._limit = limit

    def __missing__(self, word: str) -> _V:
        if len(self) >= self._limit:
            self.clear()
        value = self[word] = self._fn(word)
        return value


def _fold_base(word: str) -> str:
    return fold(_base(word))


# The word as the vocabulary lists spell it: folded, possessive and full stop dropped.
_lw = _WordMemo(_fold_base).__getitem__


_VOCAB = TITLE_HEADS | TITLE_MODIFIERS | ORG_WORDS | COUNTRIES | NATIONALITIES | MONTHS_DAYS | COMMON_CAPS
_TITLEISH = TITLE_HEADS | TITLE_MODIFIERS | NATIONALITIES | COUNTRIES


def _is_vocab(word: str) -> bool:
    return _lw(word) in _VOCAB


def _is_name_like(word: str) -> bool:
    """A capitalised word that may be part of a personal name."""
    w = _base(word)
    if not w or not w[0].isupper() or not w[0].isalpha() or any(c.isdigit() for c in w):
        return False
    if len(w) > 1 and w.isupper():  # acronyms: VNA, PCC, US
        return False
    return not _is_vocab(w)


_name_like = _WordMemo(_is_name_like).__getitem__


def _titleish(word: str) -> bool:
    return _lw(word) in _TITLEISH


# --------------------------------------------------------------------------- titles


_POST_SYNONYMS = {
    "chairman": "head", "chairwoman": "head", "chairperson": "head", "chair": "head",
    "leader": "head", "chief": "head", "affairs": "relations", "vice": "deputy",
    "secretary-general": "general secretary", "vice-president": "deputy president",
    "vice-chairman": "deputy head", "vice-chair": "deputy head",
}
_POST_DROP = _words("the a an of for to and in party central national")


@functools.lru_cache(maxsize=65536)
def post_key(title: str) -> str:
    """A key under which the same post worded two ways compares equal.

    >>> post_key("Head of the Commission for External Relations")
    'head|commission external relations'
    >>> post_key("Chairman of the Party Central Committee’s Commission for External Affairs")
    'head|commission external relations'
    """
    words = _HYPHENATED_WORD.findall(fold(title))
    role: list[str] = []
    org: list[str] = []
    target = role
    for w in words:
        if target is role and w in ("of", "for", "to", "at", "in"):
            target = org
            continue
        if _POSSESSIVE.search(w):  # an owner ("the Committee's Commission"): drop it
            org.clear()
            if target is role:
                role.clear()
            continue
        for part in _POST_SYNONYMS.get(w, w).split():
            if part not in _POST_DROP:
                target.append(part)
    return " ".join(role) + "|" + " ".join(org)


def same_post(a: str, b: str) -> bool:
    """Same role, and one organisation's words contained in the other's ("head of the commission")."""
    ra, _, oa = post_key(a).partition("|")
    rb, _, ob = post_key(b).partition("|")
    if ra != rb or not ra:
        return False
    sa, sb = set(oa.split()), set(ob.split())
    return sa == sb or (bool(sa) and bool(sb) and (sa <= sb or sb <= sa))


_TITLE_JOIN = re.compile(r"\s+and\s+|,\s+")
_TITLE_WORD = re.compile(r"[\w’'.-]+")
_MODIFIER_OR_NATIONALITY = TITLE_MODIFIERS | NATIONALITIES


def split_titles(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the titles in a coordinated title phrase (``member of X and head of Y``)."""
    out: list[tuple[int, int]] = []
    s = start
    for m in _TITLE_JOIN.finditer(text):
        first = [_lw(w.group()) for w in itertools.islice(_TITLE_WORD.finditer(text, m.end()), 3)]
        # Split only when a new title starts after the conjunction ("and Chinese President").
        if first and (first[0] in TITLE_HEADS or (first[0] in _MODIFIER_OR_NATIONALITY
                                                  and any(w in TITLE_HEADS for w in first[1:]))):
            out.append((s, start + m.start()))
            s = start + m.end()
    out.append((s, start + len(text)))
    return [(a, b) for a, b in out if b > a]


# --------------------------------------------------------------------------- per document


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
        found = _analyse(ctx)
        _CACHE[ctx] = found
    return found


class _Tokens(NamedTuple):
    """A document's tokens (:data:`TOKEN`) as parallel lists, built once per document."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    gaps: list[str]  # gaps[i]: the text between token i - 1 and token i (gaps[n]: the tail)


# The same tokens as TOKEN; possessive ("*+": nothing after it can make it give back) so the
# engine keeps no backtracking state, and a group so that the split keeps the tokens.
_TOKEN_SPLIT = re.compile(r"(\w+(?:[-‐'’]\w+)*+)")


def _tokens(text: str) -> _Tokens:
    """The tokens of ``text``: one split, the gaps and words in turn, whose running lengths are
    the offsets (no match object per token: this runs over every word of every document)."""
    parts = _TOKEN_SPLIT.split(text)
    offsets = list(itertools.accumulate(map(len, parts)))
    return _Tokens(starts=offsets[0:-1:2], ends=offsets[1::2], words=parts[1::2], gaps=parts[0::2])


def _indices(words: list[str], word: str) -> Iterator[int]:
    """Positions of ``word`` in ``words`` (list.index does the scanning, in C)."""
    i = -1
    while True:
        try:
            i = words.index(word, i + 1)
        except ValueError:
            return
        yield i


def _positions(flags: Iterable[bool]) -> Iterator[int]:
    """Indices of the true flags, scanned without a Python-level step per token."""
    return itertools.compress(itertools.count(), flags)


def _name_candidates(toks: _Tokens, sent_starts: set[int], likes: list[bool]) -> list[tuple[int, int, int]]:
    """Runs of 2-6 name-like words joined by single spaces (particles allowed inside):
    (start, end, index of the first token). ``likes[i]`` is ``_name_like`` of token ``i``."""
    starts, ends, words, gaps = toks
    out: list[tuple[int, int, int]] = []
    n = len(words)
    done = 0  # tokens before this one already belong to a run
    # Only name-like tokens can open a run: skip the others without a Python-level step each.
    for i in _positions(likes):
        if i < done:
            continue
        j = i
        while j + 1 < n:
            if gaps[j + 1] != " " or words[j].endswith(_POSSESSIVE_ENDS):
                break
            if likes[j + 1]:
                j += 1
                continue
            # Particles, possibly several ("Ursula von der Leyen"), then a name-like word.
            k = j + 1
            while k < n and fold(words[k]) in NAME_PARTICLES and k - j <= 3:
                if k + 1 >= n or gaps[k + 1] != " ":
                    k = n
                    break
                k += 1
            if j + 1 < k < n and likes[k]:
                j = k
                continue
            break
        a = i  # the run is tokens a..j
        # A sentence-opening common word is not part of the name ("Yesterday John Smith").
        while j - a + 1 > 2 and starts[a] in sent_starts and fold(words[a]) in COMMON_CAPS:
            a += 1
        # "Planning and Investment Tran Quoc Phuong": a long run that reaches a Vietnamese
        # family name after its first word starts the name there.
        if j - a + 1 >= 4:
            cut = next((k for k in range(a + 1, j) if fold(words[k]) in VIETNAMESE_SURNAMES), None)
            if cut is not None and not any(fold(words[k]) in VIETNAMESE_SURNAMES for k in range(a, cut)):
                a = cut
        if j - a + 1 > 6:
            a = j - 5
        if j - a + 1 >= 2:
            end = ends[j]
            if words[j].endswith(_POSSESSIVE_ENDS):
                end -= 2
            out.append((starts[a], end, a))
        done = j + 1
    return out


_HEAD_OR_ORG = TITLE_HEADS | ORG_WORDS
_CONNECTOR_OR_COMMON = CONNECTORS | COMMON_CAPS


def _title_before(toks: _Tokens, idx: int, floor: int,
                  names: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """The title phrase ending right before token ``idx`` (``Chairman of the ... Commission``)."""
    starts, ends, words, gaps = toks
    k = idx - 1
    first = None
    count = 0
    while k >= 0 and starts[k] >= floor and count < 18:
        gap = gaps[k + 1]
        if not gap.isspace() or "\n" in gap:
            break
        w = words[k]
        lw = _lw(w)
        if k in names:  # another person's name ("Health Secretary Victoria Atkins and Chancellor ...")
            break
        if w[0].isupper() or lw in TITLE_HEADS or lw in TITLE_MODIFIERS or lw in ORG_WORDS or lw in CONNECTORS:
            if w[0].isdigit():
                break
            first = k
            k -= 1
            count += 1
            continue
        break
    if first is None:
        return None
    # The word right before the name must belong to a title or an organisation/place name.
    last = words[idx - 1]
    if not (last[0].isupper() or _lw(last) in _HEAD_OR_ORG):
        return None
    # Drop what cannot open a title ("of the", "according to"); keep capitalised modifiers
    # such as "Labour leader" or "Health Secretary".
    while first < idx and not _titleish(words[first]) and (
            fold(words[first]) in _CONNECTOR_OR_COMMON or not words[first][0].isupper()):
        first += 1
    if first >= idx:
        return None
    if not any(_lw(w) in TITLE_HEADS for w in words[first:idx]):
        return None
    return starts[first], ends[idx - 1]


_APP_START = re.compile(r",\s+(?:(?:the|a|an|The|A|An)\s+)?")
_APP_END = re.compile(r"[,;:.()“”\"!?]|\s[-–—]\s")
_APP_END_NOT_ABBREVIATION = re.compile(r"[,;:()“”\"!?]|\.(?=\s|$)|\s[-–—]\s")
_APP_BAD_START = _words("who which that whose where when said says told and or but in on at as")


def _apposition(text: str, pos: int, limit: int) -> tuple[list[tuple[int, int]], int | None]:
    """Titles in an apposition after a name: ``, member of the PCC and head of the commission,``."""
    titles: list[tuple[int, int]] = []
    end: int | None = None
    while True:
        m = _APP_START.match(text, pos, limit)
        if not m:
            break
        seg_start = m.end() if m.group().strip(", ") == "" or True else pos
        seg_end_m = _APP_END.search(text, seg_start, limit)
        seg_end = seg_end_m.start() if seg_end_m else limit
        # A full stop after an abbreviation ("U.S.") does not end the segment.
        while seg_end_m and text[seg_end] == "." and seg_end + 1 < limit and not text[seg_end + 1].isspace():
            seg_end_m = _APP_END_NOT_ABBREVIATION.search(text, seg_end + 1, limit)
            seg_end = seg_end_m.start() if seg_end_m else limit
        seg = text[seg_start:seg_end]
        words = [_lw(w) for w in _TITLE_WORD.findall(seg)]
        if not words or words[0] in _APP_BAD_START or len(words) > 22:
            break
        head_at = next((i for i, w in enumerate(words[:5]) if w in TITLE_HEADS), None)
        if head_at is None:
            break
        if not all(w in TITLE_MODIFIERS or w in NATIONALITIES or w in COUNTRIES or w in ORG_WORDS
                   or w in TITLE_HEADS or _POSSESSIVE.search(w) or w in ("country", "company", "firm", "party")
                   for w in words[:head_at]):
            break
        # Start the title at the first title-ish word (drop "the", "a").
        title_start = m.start() + len(m.group()) if m.group() else seg_start
        titles.extend(split_titles(text[title_start:seg_end], title_start))
        end = seg_end
        pos = seg_end
        if seg_end >= limit or text[seg_end] != ",":
            break
    return titles, end


_COMMA_AT_END = re.compile(r",\s+$")
_LEAD_ARTICLE = re.compile(r"\s*(?:(?:the|a|an|The|A|An)\s+)?")
_LEAD_WORDS = TITLE_HEADS | TITLE_MODIFIERS | NATIONALITIES | ORG_WORDS


def _lead_title(text: str, sent_s: int, s: int, e: int) -> tuple[int, int] | None:
    """A description set off before a name: ``A spokesperson for the Kremlin, Dmitry Peskov, said``."""
    if not text.startswith(",", e) or not _COMMA_AT_END.search(text[max(sent_s, s - 3):s]):
        return None
    seg_end = text.rindex(",", sent_s, s)
    seg_start = max(text.rfind(c, sent_s, seg_end) for c in ",;:(") + 1
    seg_start = max(seg_start, sent_s)
    seg = text[seg_start:seg_end]
    m = _LEAD_ARTICLE.match(seg)
    start = seg_start + (m.end() if m else 0)
    words = [_lw(w) for w in _HYPHENATED_WORD.findall(text, start, seg_end)]
    if not words or len(words) > 12 or not any(w in TITLE_HEADS for w in words[:4]):
        return None
    if not all(w in _LEAD_WORDS for w in words[:next(
            i for i, w in enumerate(words) if w in TITLE_HEADS)]):
        return None
    return start, seg_end


_DATE_FALLBACK = re.compile(
    r"\b(?:(?:(?P<d1>\d{1,2})\s+)?(?P<m1>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?:\s+(?P<d2>\d{1,2}),?)?\s+(?P<y1>(?:19|20)\d{2})|(?P<y2>(?:19|20)\d{2}))\b(?!\s*[-–]\s*\d)"
)
_ISO_VALUE = re.compile(r"^\d{4}(-\d\d){0,2}$")
_RANGE_BEFORE = re.compile(r"\d[-–]$")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


def _tagged_dates(ctx: DocContext) -> list[tuple[int, str]] | None:
    """(position, ISO value) of the document's single dates from the date tagger, in its order;
    ranges are skipped (they date an anniversary or a period, not the title). None when the
    tagger found nothing (or failed): then :func:`_dates_in` falls back to a small pattern."""
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


def _dates_in(ctx: DocContext, start: int, end: int,
              tagged: list[tuple[int, str]] | None) -> list[tuple[int, str]]:
    """(position, ISO value) of single dates in ``[start, end)``; ``tagged``: :func:`_tagged_dates`."""
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


def _sentence_at(ctx: DocContext, pos: int) -> tuple[int, int] | None:
    """The sentence containing ``pos`` (binary search over the sentence spans)."""
    spans = ctx.sentences
    i = bisect.bisect_right(spans, (pos, len(ctx.text) + 1)) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


_CLAUSE_BREAK = re.compile(r"\b(?:that|which|who|whose|when|where)\b")


def _as_of(ctx: DocContext, pos: int, tagged: list[tuple[int, str]] | None) -> str | None:
    """The date of the event in the sentence at ``pos`` (nearest one), else the article's date.

    ``tagged``: :func:`_tagged_dates` (computed once per document).
    """
    for s, e in [_sentence_at(ctx, pos) or (0, 0)]:
        if s < e:
            ref = ctx.reference_date
            # A title is not dated by a future plan ("until 2025").
            dates = [d for d in _dates_in(ctx, s, e, tagged) if not ref or d[1][:len(ref)] <= ref]
            # A date inside a reported or relative clause ("X noted that since 2011 ...",
            # "... which was revised in 2011") dates what was said, not the speaker's title.
            dates = [d for d in dates
                     if not _CLAUSE_BREAK.search(ctx.text, min(pos, d[0]), max(pos, d[0]))]
            if dates:
                return min(dates, key=lambda d: abs(d[0] - pos))[1]
            break
    return ctx.reference_date


def _better_name(a: str, b: str) -> str:
    """Of two spellings of one name, the one with diacritics (else the longer)."""
    if len(a.split()) != len(b.split()):
        return a if len(a.split()) > len(b.split()) else b
    return b if (b != fold(b) and a == fold(a)) else a


_AUTHOR_SEP = re.compile(r",|\s+and\s+|&")
_OF_FOR = re.compile(r"\b(of|for)\b")


def _analyse(ctx: DocContext) -> DocPeople:
    text = ctx.text
    toks = _tokens(text)
    n_toks = len(toks.words)
    sent_bounds = ctx.sentences
    starts = {s for s, _ in sent_bounds}
    persons: dict[str, DocPerson] = {}
    refs: list[Ref] = []

    def sentence_of(pos: int) -> tuple[int, int]:
        return _sentence_at(ctx, pos) or (0, len(text))

    def para_end(pos: int) -> int:
        nl = text.find("\n", pos)
        return len(text) if nl < 0 else nl

    tagged: list[tuple[int, str]] | None = None  # _tagged_dates, once a first title needs a date
    tagged_done = False

    def add_title(key: str, span: tuple[int, int], at: int | None = None) -> None:
        nonlocal tagged, tagged_done
        title = text[span[0]:span[1]].strip(" ,")
        if not title:
            return
        if not tagged_done:
            tagged, tagged_done = _tagged_dates(ctx), True
        as_of = _as_of(ctx, span[0] if at is None else at, tagged)
        rec = TitleRecord(title=title, as_of=as_of, doc=ctx.doc.file, span=span)
        if all(t.span != rec.span for t in persons[key].titles):
            persons[key].titles.append(rec)

    # 1. Full names with a person signal.
    candidates = _name_candidates(toks, starts, list(map(_name_like, toks.words)))
    name_toks: set[int] = set()
    for _s, e, j in candidates:
        while j < n_toks and toks.starts[j] < e:
            name_toks.add(j)
            j += 1
    frozen_names = frozenset(name_toks)
    signalled: dict[str, str] = {}  # key -> best spelling
    info: list[tuple[int, int, str, tuple[int, int] | None, list[tuple[int, int]], int | None,
                     re.Match[str] | None]] = []
    for s, e, idx in candidates:
        sent_s, _sent_e = sentence_of(s)
        pre = _title_before(toks, idx, sent_s, frozen_names)
        apps, app_end = _apposition(text, e, para_end(e))
        lead = _lead_title(text, sent_s, s, e)
        if lead:
            apps = [lead, *apps]
        name = text[s:e]
        key = name_key(name)
        hon = HONORIFIC.search(text[max(0, s - 6):s])
        info.append((s, e, key, pre, apps, app_end, hon))
        # A speech verb alone is not enough ("Goldman Sachs said"): it takes a title, an
        # apposition or an honorific; a later "Smith said" then resolves as a short form.
        if pre or apps or hon:
            signalled[key] = _better_name(signalled.get(key, name), name)
    author = (ctx.doc.author or "").strip()
    author_names = [a.strip() for a in _AUTHOR_SEP.split(author) if a.strip()]
    for a in author_names:
        words = a.split()
        if 2 <= len(words) <= 5 and all(_name_like(w) or fold(w) in NAME_PARTICLES for w in words):
            key = name_key(a)
            signalled[key] = _better_name(signalled.get(key, a), a)

    for key, name in signalled.items():
        persons[key] = DocPerson(name=name, first=None)
    for s, e, key, pre, apps, app_end, hon in info:
        if key not in persons:
            continue
        p = persons[key]
        if p.first is None:
            p.first = (s, e)
        refs.append(Ref(s, e, key, "full", title_start=pre[0] if pre else None, app_end=app_end))
        if pre:
            for span in split_titles(text[pre[0]:pre[1]], pre[0]):
                add_title(key, span, s)
        for span in apps:
            add_title(key, span, s)
        if hon:
            form = text[s - len(hon.group()):e]
            if form not in p.aliases:
                p.aliases.append(form)
    for key in persons:
        if persons[key].first is None:
            name = persons[key].name
            at = text.find(name)
            persons[key].first = (at, at + len(name)) if at >= 0 else (0, 0)

    # 2. Short forms: a lone capitalised word equal to the last word of a name met earlier.
    # The full names' spans, sorted and disjoint (one per candidate run): a bisect finds the
    # one a word may fall in.
    full_starts = [r.start for r in refs]
    full_ends = [r.end for r in refs]
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for key in persons:
        by_last.setdefault(key.split()[-1], []).append(key)
        if len(key.split()) == 2:  # "Xi Jinping" -> "Xi", but only where Xi speaks (below)
            by_first.setdefault(key.split()[0], []).append(key)
    # Only words equal to some name's first or last word can be short forms (by_last gains
    # only by_first's keys below).
    wanted = by_last.keys() | by_first.keys()
    lws = list(map(_lw, toks.words)) if wanted else []
    for i in _positions(map(wanted.__contains__, lws)):
        s, e, w = toks.starts[i], toks.ends[i], toks.words[i]
        wb = _base(w)
        if not wb or not wb[0].isupper():
            continue
        if fold(wb) not in by_last:
            if fold(wb) not in by_first or not (CUE_AFTER.match(text, s + len(wb))
                                                or HONORIFIC.search(text[max(0, s - 6):s])):
                continue
            by_last.setdefault(fold(wb), by_first[fold(wb)])
        k = bisect.bisect_right(full_starts, s) - 1
        if k >= 0 and s < full_ends[k]:
            continue
        prev_adj = i > 0 and toks.gaps[i] == " " and _name_like(toks.words[i - 1])
        next_adj = (i + 1 < n_toks and toks.gaps[i + 1] == " " and _name_like(toks.words[i + 1])
                    and not _POSSESSIVE.search(w))
        if prev_adj or next_adj:
            continue
        keys = [k for k in by_last[fold(wb)] if (persons[k].first or (0, 0))[0] <= s] or by_last[fold(wb)]
        # Several people share the word: the one named most recently.
        key = keys[0] if len(keys) == 1 else max(
            keys, key=lambda k: max([r.start for r in refs if r.key == k and r.start <= s] or [-1]))
        end = s + len(wb)
        sent_s, _ = sentence_of(s)
        pre = _title_before(toks, i, sent_s, frozen_names)
        apps, app_end = _apposition(text, end, para_end(end))
        refs.append(Ref(s, end, key, "short", title_start=pre[0] if pre else None, app_end=app_end))
        p = persons[key]
        hon = HONORIFIC.search(text[max(0, s - 6):s])
        form = (text[s - len(hon.group()):end] if hon else wb)
        if form not in p.aliases and fold(form) != fold(p.name):
            p.aliases.append(form)
        if pre:
            for span in split_titles(text[pre[0]:pre[1]], pre[0]):
                add_title(key, span, s)
        for span in apps:
            add_title(key, span, s)

    # 3. Titles standing for a person named elsewhere in the document ("Chairman of the
    #    Commission for External Affairs says ...", "according to the head of the ... Commission").
    refs.sort(key=operator.attrgetter("start"))
    taken = [(r.title_start if r.title_start is not None else r.start, r.end) for r in refs]
    posts: dict[str, list[str]] = {}
    for key, p in persons.items():
        for t in p.titles:
            if _OF_FOR.search(t.title):
                posts.setdefault(key, []).append(t.title)
    if posts:
        for s, e in description_spans(text, toks):
            if any(a <= s < b for a, b in taken):
                continue
            phrase = text[s:e]
            hits = [k for k, ts in posts.items() if any(post_key(phrase) == post_key(t) for t in ts)]
            if len(hits) == 1:
                key = hits[0]
                refs.append(Ref(s, e, key, "title"))
                add_title(key, (s, e))
    refs.sort(key=operator.attrgetter("start"))
    return DocPeople(persons=persons, refs=refs)


def description_spans(text: str, toks: _Tokens) -> Iterable[tuple[int, int]]:
    """Title phrases with an ``of`` complement that are not followed by a name."""
    starts, ends, words, gaps = toks
    n = len(words)
    done = 0  # tokens before this one are already part of a phrase
    # A phrase opens with a title head followed by "of": look only before each "of".
    for of_at in _indices(words, "of"):
        i = of_at - 1
        if i < done:  # also an "of" opening the text
            continue
        if _lw(words[i]) not in TITLE_HEADS:
            continue
        j = i + 1
        while j + 1 < n:
            gap = gaps[j + 1]
            nw = words[j + 1]
            lw = _lw(nw)
            if not gap.isspace() or "\n" in gap:
                break
            if lw == "and":
                break
            if nw[0].isupper() and not _name_like(nw) or lw in ORG_WORDS or lw in CONNECTORS or lw in TITLE_HEADS:
                j += 1
                continue
            break
        while j > i and fold(words[j]) in CONNECTORS:
            j -= 1
        if j > i + 1 and not (j + 1 < n and gaps[j + 1] == " " and _name_like(words[j + 1])):
            yield starts[i], ends[j]
        done = j + 1


def extract(ctx: DocContext) -> list[Fact]:
    """One :class:`Mention` per person named in the document."""
    found = analyse(ctx)
    out: list[Fact] = []
    for key, p in found.persons.items():
        first = p.first or (0, 0)
        text = ctx.text[first[0]:first[1]]
        name = p.name if text == "" else _better_name(p.name, text)
        aliases = tuple(a for a in p.aliases if name_key(a) != key or a != name)
        out.append(Mention(doc_id=ctx.doc.id, span=first, text=text, name=name,
                           titles=tuple(p.titles), aliases=aliases))
    out.sort(key=operator.attrgetter("span"))
    return out


# --------------------------------------------------------------------------- corpus merge


@dataclass
class _Group:
    name: str
    spellings: list[str] = field(default_factory=list)
    mentions: list[StoredFact] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    note: str | None = None
    applied: set[int] = field(default_factory=set)  # the override entries whose aliases are in


MAX_PEOPLE_FILE_BYTES = 4 * 1024 * 1024


def load_people_file(path: str) -> list[dict[str, Any]]:
    """Read ``people.yaml``: a list of entries (or ``{people: [...]}``).

    Each entry: ``name`` (canonical name and spelling, required), ``aliases`` (other names
    that mean this person: extracted persons with any of them are merged into it), ``docs``
    (only mentions in these source files: splits one extracted name into several persons),
    ``note`` (one line), ``drop: true`` (not a person: remove it).
    """
    from ..errors import SpecError
    from ..spec import read_yaml_file

    # Plain YAML only (no tags, no duplicate keys, no alias bombs), size-capped; errors name file and line.
    data = read_yaml_file(path, MAX_PEOPLE_FILE_BYTES, "people file", max_nodes=200_000)
    if isinstance(data, dict):
        data = data.get("people", [])
    if data is None:
        return []
    if not isinstance(data, list):
        raise SpecError("expected a list of people (or a `people:` list)", path=path)
    out = []
    for i, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise SpecError(f"entry {i}: each person needs a `name`", path=path)
        unknown = set(entry) - {"name", "aliases", "docs", "note", "drop"}
        if unknown:
            raise SpecError(f"entry {i} ({entry['name']}): unknown key {sorted(unknown)[0]!r}; expected "
                            "name, aliases, docs, note, drop", path=path)
        for key in ("aliases", "docs"):
            value = entry.get(key, [])
            if isinstance(value, str):
                entry[key] = [value]
            elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SpecError(f"entry {i} ({entry['name']}): `{key}` must be a list of strings", path=path)
        out.append(entry)
    return out


def _best_spelling(spellings: list[str]) -> str:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for i, s in enumerate(spellings):
        counts[s] = counts.get(s, 0) + 1
        first.setdefault(s, i)
    # Diacritics first (they carry information the plain spelling lost), then frequency.
    return max(counts, key=lambda s: (s != fold(s) and not s.isascii(), counts[s], -first[s]))


def merge(facts: list[StoredFact], people_file: str | None = None) -> list[Fact]:
    """Persons across the corpus from the per-document :class:`Mention` facts.

    Names match without regard to case or diacritics; a one-word name joins the one person
    whose name ends with it; ``people_file`` (see :func:`load_people_file`) overrides.
    """
    return [person for _key, person in merge_groups(facts, people_file)]


def affected_groups(changed: set[str], keys: set[str]) -> set[str]:
    """The group keys whose persons may differ after mentions with the name keys ``changed``
    were added or removed, given the name keys of all mentions now stored (``keys``).

    A one-word name joins the one full name ending with it, so a change to any name ending
    in a word touches that word's group and every full name ending in it. The mentions of the
    returned keys are all :func:`merge_groups` needs to redo those persons.
    """
    words = {k.rsplit(" ", 1)[-1] for k in changed}
    groups = {k for k in changed if " " in k} | words
    groups.update(k for k in keys if " " in k and k.rsplit(" ", 1)[-1] in words)
    return groups


class _Overrides:
    """The people file's entries, indexed by the name keys they claim."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.entries = entries
        self.docs = [frozenset(e.get("docs") or ()) for e in entries]
        self.by_key: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            for k in {name_key(e["name"])} | {name_key(a) for a in e.get("aliases", [])}:
                self.by_key.setdefault(k, []).append(i)

    def find(self, m: StoredFact, key: str) -> tuple[int, dict[str, Any]] | None:
        """The first entry (in file order) claiming one of the mention's names (``key`` is its
        name's), for its document: (index, entry)."""
        hits = set(self.by_key.get(key, ()))
        for a in m.data.get("aliases") or []:
            hits.update(self.by_key.get(name_key(a), ()))
        for i in sorted(hits):
            if not self.docs[i] or m.doc_file in self.docs[i]:
                return i, self.entries[i]
        return None


def merge_groups(facts: list[StoredFact], people_file: str | None = None,
                 full_keys: set[str] | None = None) -> list[tuple[str, Person]]:
    """:func:`merge`, with each person's group key (its name key, or ``=name`` for an override).

    ``full_keys`` are the name keys of every mention in the corpus, when ``facts`` hold only
    some of them (an incremental merge; see :func:`affected_groups`).

    Linear in the mentions (plus sorting them): overrides are looked up by name key, and each
    group's aliases, titles and spellings are deduplicated through dicts and sets.
    """
    mentions = sorted((f for f in facts if f.kind == "mention"), key=operator.attrgetter("doc_file", "span"))
    overrides = _Overrides(load_people_file(people_file)) if people_file else None
    groups: dict[str, _Group] = {}

    names = [m.data.get("name", "") for m in mentions]
    keys = [name_key(n) for n in names]
    if full_keys is None:
        full_keys = set(keys)
    # "Smith" alone joins the one full name ending with it: full names by their last word.
    ending_with: dict[str, list[str]] = {}
    for k in full_keys:
        if " " in k:
            ending_with.setdefault(k.rsplit(" ", 1)[-1], []).append(k)
    for m, name, key in zip(mentions, names, keys, strict=True):
        hit = overrides.find(m, key) if overrides else None
        if hit:
            index, entry = hit
            if entry.get("drop"):
                continue
            key = "=" + entry["name"]
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(name=entry["name"], note=entry.get("note"))
            if index not in g.applied:  # applying an entry's aliases again would add nothing
                g.applied.add(index)
                g.aliases.extend(a for a in entry.get("aliases", []) if a not in g.aliases)
        else:
            if key and " " not in key:
                longer = ending_with.get(key, [])
                if len(longer) == 1:
                    key = longer[0]
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(name=name)
        g.mentions.append(m)
        g.spellings.append(name)

    out: list[tuple[str, Person]] = []
    for key, g in groups.items():
        first = g.mentions[0]
        name = g.name if key.startswith("=") else _best_spelling(g.spellings)
        folded_name = fold(name)
        # Each distinct alias once, in order of first appearance; whether one is kept depends
        # on it alone.
        candidates = dict.fromkeys(itertools.chain(
            g.aliases, (x for m in g.mentions for x in m.data.get("aliases") or []), g.spellings))
        aliases = [a for a in candidates if a != name and not (fold(a) == folded_name and a == fold(a))]
        titles = []
        seen = set()
        for m in g.mentions:
            for t in m.data.get("titles") or []:
                title, doc, as_of = t.get("title", ""), t.get("doc") or m.doc_file, t.get("as_of")
                if (title, doc, as_of) not in seen:  # the same title again in one doc: once
                    seen.add((title, doc, as_of))
                    titles.append(TitleRecord(title=title, as_of=as_of, doc=doc,
                                              span=(t["span"][0], t["span"][1]) if t.get("span") else None))
        titles.sort(key=lambda t: (t.as_of or "", t.doc))
        docs = tuple(dict.fromkeys(m.doc_file for m in g.mentions))
        out.append((key, Person(doc_id=first.doc_id, span=first.span, text=first.text, name=name,
                                aliases=tuple(aliases), titles=tuple(titles), docs=docs, note=g.note)))
    return out
