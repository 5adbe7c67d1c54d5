"""Cleaning scraped article text: general rules for page furniture, not one site's strings.

The raw text is kept beside the cleaned one; every fact span points into the cleaned text.

    >>> c = clean("Big news\\n\\nMonday, 2024-01-01 10:00\\nFont Size: | Print\\n"
    ...           "HANOI (VNA) – It rained all day in the capital.\\nVNA")
    >>> c.title, c.text, c.dateline, c.stamps
    ('Big news', 'It rained all day in the capital.', 'HANOI (VNA)', ['Monday, 2024-01-01 10:00'])
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .stamps import is_stamp_line

# Characters that only hide or reorder text: zero-width, BOM, bidi embedding and overrides.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# Every run of spaces becomes one plain space. Only runs of two or more and lone spaces other
# than " " change, so only those are matched: most spaces are a lone " ", and a pattern opening
# with a character class is scanned for quickly.
_SPACES_TO_FOLD = re.compile(rf"{_SPACE}(?:{_SPACE}+|(?<=[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]))")

# Words that make up share/print/font widgets and "more" links.
_FURNITURE_WORDS = (
    r"font\s*size:?|print|send|share|email|e-mail|tweet|comment(?:s)?|see more|read more|back to top"
    r"|text size|zoom|bookmark|save|facebook|twitter|zalo|copy link|listen|\|"
)
_FURNITURE = re.compile(rf"^(?:\s*(?:{_FURNITURE_WORDS})\s*)+$", re.I)
_RELATED_HEADING = re.compile(
    r"^(?:tin li[êe]n quan|related(?: news| articles| stories| posts| content)?|see also|more news"
    r"|read also|you may also like|most read|latest news)\s*:?$",
    re.I,
)
_SOURCE_LINE = re.compile(r"^\(?\s*(?:source|nguồn)\s*:\s*(?P<src>[^)]+?)\s*\)?\.?$", re.I)
_AGENCY_LINE = re.compile(r"^(?P<src>[A-Z]{2,6}(?:/[A-Z]{2,6})?)$")
_PUBLISHED_IN = re.compile(
    r"^(?:this (?:article|story|interview) (?:was|is) )?(?:first )?published (?:in|by) (?:the )?(?P<src>.+?)\.?$",
    re.I,
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|van|von|der|de|da|di|le|la|bin|al))*"
# "By Jane Smith", "By Jan Strupczewski and Philip Blenkinsop", "By A, B and C"
_BYLINE = re.compile(rf"^(?i:by|written by|story by|reporting by)\s+(?P<name>{_NAME}(?:(?:,\s*|\s+and\s+|\s*&\s*){_NAME})*)"
                     r"(?:\s*[|,;–—-]\s*(?:staff writer|correspondent|reporter)s?)?$")
_PHOTO_CREDIT = re.compile(
    r"\s*\((?:photo|photos|ảnh|image|file photo|source)\s*:[^)]*\)|\.\s*(?:photo|ảnh)\s*:\s*[\w/ .-]{1,30}$",
    re.I,
)
_IMAGE_LABEL = re.compile(r"^\s*(?:ảnh|photo|image|hình|picture)\s*\d+\s*", re.I)
# "HANOI (VNA) –", "NDO –", "WVR/VNA -", "WASHINGTON (Reuters) -"
_DATELINE = re.compile(
    r"^(?P<dl>(?:[A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){0,3}\s*\((?:[A-Z][\w/]{1,15})\)|[A-Z]{2,6}(?:/[A-Z]{2,6})?))"
    r"\s*[–—-]{1,2}\s+"
)
_TRAILING_AGENCY = re.compile(r"(?<=[.!?”\"’])\s*[-–—]\s*(?P<src>[A-Z]{2,6}(?:/[A-Z]{2,6})?)$")
_SENTENCE_END = re.compile(r"[.!?]$")
# "Hoang Binh QuanMember of the ..." : a name glued to the title that follows it.
_GLUED_BYLINE = re.compile(r"^(?P<name>(?:[A-Z][a-zà-ỹ'’]+ ){1,3}[A-Z][a-zà-ỹ'’]+)(?P<rest>[A-Z][a-z]+ (?:of|at|for)\b.*)$")


# An ISO date or date-time opening a line, optionally labelled, followed by text (no digits right after).
_GLUED_STAMP = re.compile(
    r"^(?P<stamp>(?:(?i:date|published|updated|posted)\s*:?\s*)?\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?)"
    r"\s+(?=[A-Z])")


@dataclass
class Cleaned:
    """The cleaned body plus what cleaning learnt about the article on the way."""

    text: str
    title: str | None
    stamps: list[str] = field(default_factory=list)  # date/time stamp lines, in order
    dateline: str | None = None  # "HANOI (VNA)"
    sources: list[str] = field(default_factory=list)  # agency marks: "VNA", "WVR/VNA"
    published_in: str | None = None  # "the Communist Review No. 904 (February 2018)"
    author: str | None = None
    dropped: list[str] = field(default_factory=list)  # every line removed, for --verbose


def normalize(raw: str) -> str:
    """NFC, unified line ends, no control or invisible characters, plain spaces."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    # No space run holds a line break, so one pass over the whole text is the same as one per line.
    return "\n".join(line.strip() for line in _SPACES_TO_FOLD.sub(" ", text).split("\n"))


def _words(s: str) -> list[str]:
    return s.split()


def _glued_prefix(line: str, title: str) -> str | None:
    """If ``line`` starts with (most of) the headline glued to a caption, return the caption."""
    if line.startswith(title) and len(line) > len(title):
        rest = line[len(title):]
    else:
        # Common word prefix: a headline whose tail was replaced by the caption.
        if line.partition(" ")[0] != title.partition(" ")[0]:
            return None  # no word in common (most lines): not worth splitting both
        lw, tw = line.split(" "), title.split(" ")
        n = 0
        while n < min(len(lw), len(tw)) and lw[n] == tw[n]:
            n += 1
        if n < max(5, int(0.6 * len(tw))) or n == len(lw):
            return None
        rest = " ".join(lw[n:])
    rest = _IMAGE_LABEL.sub("", rest).strip()
    return rest or None


def clean(raw: str, title: str | None = None) -> Cleaned:
    """Split ``raw`` into title and body and drop page furniture (see module doc)."""
    lines = [ln for ln in normalize(raw).split("\n")]
    out = Cleaned(text="", title=title)
    body: list[str] = []
    in_related = False
    wraps = False  # the line before was a body line, with no blank line since
    for line in lines:
        if not line:
            wraps = False
            continue
        if wraps and _continues(body[-1], line):
            body[-1] = _join_wrapped(body[-1], line)
            continue
        wraps = False
        if in_related:
            # Related-links blocks: short headline-like lines until a real sentence or a source line.
            if len(_words(line)) <= 30 and not _SENTENCE_END.search(line) and not _SOURCE_LINE.match(line):
                out.dropped.append(line)
                continue
            in_related = False
        if _FURNITURE.match(line):
            out.dropped.append(line)
            continue
        if is_stamp_line(line):
            out.stamps.append(line)
            out.dropped.append(line)
            continue
        if not body:
            # "date 2024-03-12 Representatives of ...": a scraper glued the stamp to the next line.
            glued = _GLUED_STAMP.match(line)
            if glued and is_stamp_line(glued.group("stamp")):
                out.stamps.append(glued.group("stamp"))
                out.dropped.append(glued.group("stamp"))
                line = line[glued.end():]
        if _RELATED_HEADING.match(line):
            in_related = True
            out.dropped.append(line)
            continue
        m = _SOURCE_LINE.match(line) or _AGENCY_LINE.match(line)
        if m:
            out.sources.append(m.group("src").strip())
            out.dropped.append(line)
            continue
        m = _PUBLISHED_IN.match(line)
        if m and len(_words(line)) <= 20:
            out.published_in = m.group("src")
            out.dropped.append(line)
            continue
        m = _BYLINE.match(line)
        if m:
            out.author = m.group("name")
            out.dropped.append(line)
            continue
        if out.title is None:
            out.title = line
            continue
        if line == out.title:
            out.dropped.append(line)
            continue
        caption = _glued_prefix(line, out.title)
        if caption is not None:
            out.dropped.append(line[: len(line) - len(caption)])
            line = caption
        body.append(line)
        wraps = True

    # Both forms of a photo credit hold a colon: most paragraphs need no look for one.
    body = [_PHOTO_CREDIT.sub("", b).strip() if ":" in b else b.strip() for b in body]
    body = [b for b in body if b]
    body = _strip_datelines(body, out)
    body = _drop_teasers(body, out)
    body = _split_glued_byline(body, out)
    out.text = "\n\n".join(body)
    return out


# A hard-wrapped line ends mid-sentence: on a comma, a hyphen or a word that cannot end one.
_OPEN_END = re.compile(r"(?:[,-]|\b(?:the|a|an|of|to|in|for|and|or|with|on|at|by|from|as|that|than))$")
_SENTENCE_DONE = re.compile(r"[.!?:;\"”’)\]]$")
_ITEM_MARK = re.compile(r"(?:\d{1,2}[.)]|[a-z][.)]|\(\w{1,4}\)|[-•*+–—])\s")


def _continues(prev: str, line: str) -> bool:
    """Whether ``line`` carries on the sentence of the line before (text wrapped at a fixed
    width: "provinces in the" / "Mekong Delta to ..."), not a new paragraph or list item."""
    if _SENTENCE_DONE.search(prev) or _ITEM_MARK.match(line):
        return False
    return line[:1].islower() or bool(_OPEN_END.search(prev))


def _join_wrapped(prev: str, line: str) -> str:
    """``high-`` + ``quality`` -> ``high-quality``; otherwise the two joined by a space."""
    if prev.endswith("-") and prev[-2:-1].isalpha():
        return prev + line
    return f"{prev} {line}"


def _strip_datelines(body: list[str], out: Cleaned) -> list[str]:
    result = []
    for i, para in enumerate(body):
        if i < 6 and out.dateline is None:
            m = _DATELINE.match(para)
            if m and len(para) > m.end() + 20:
                out.dateline = m.group("dl")
                out.dropped.append(m.group(0))
                para = para[m.end():]
        # (the mark ends the paragraph: a capital letter last, or no need to look)
        m = _TRAILING_AGENCY.search(para) if "A" <= para[-1:] <= "Z" else None
        if m:
            out.sources.append(m.group("src"))
            out.dropped.append(m.group(0))
            para = para[: m.start()]
        result.append(para)
    return result


def _drop_teasers(body: list[str], out: Cleaned) -> list[str]:
    """A paragraph repeated inside a later one is a teaser of the lede: keep only the later."""
    keep = []
    # Paragraphs hold no line break, so a paragraph is in a later one exactly when it is in the
    # text after it joined by line breaks: one linear search instead of one per later paragraph.
    joined = "\n".join(body)
    after = 0  # where the paragraph after the current one starts in ``joined``
    for para in body:
        after += len(para) + 1
        if len(_words(para)) >= 8 and joined.find(para, after) >= 0:
            out.dropped.append(para)
            continue
        keep.append(para)
    return keep


def _split_glued_byline(body: list[str], out: Cleaned) -> list[str]:
    """A last line ``NameTitle of ...`` is the author's byline with their title."""
    if not body:
        return body
    last = body[-1]
    m = _GLUED_BYLINE.match(last)
    if m and len(_words(last)) <= 30 and not last.endswith("."):
        name, rest = m.group("name"), m.group("rest")
        out.author = out.author or name
        body = body[:-1] + [f"{name}, {rest}"]
    return body
