"""Hypothesis strategies for article-like text: news vocabulary mixed with hostile characters.

Random Unicode alone rarely forms a date, a quote or a list, so most examples are built from
tokens that the extractors react to (dates, speech verbs, quote marks, list markers, figures),
joined by spaces, newlines and punctuation, with control, bidi and markup characters mixed in.
(No doctest here: a search over random examples is not deterministic enough for the suite.)
"""

from __future__ import annotations

from hypothesis import strategies as st

# General news vocabulary and forms (no names or phrases from the seeds).
WORDS = (
    "The minister said on Monday that the government would act . Officials told reporters : "
    "the committee had set three priorities first , second , third ; and finally the bank "
    "raised rates by a quarter point to in since before after until last week next month year "
    "President Prime Minister Chair Secretary Mr. Mrs. Dr. Gen. Sen. according to added told "
    "announced warned we will not , he said . she said , “ ” \" ' ‘ ’ « » „ — – - : ; ( ) [ ] "
    "1. 2) a) • * # > | ` _ ~ & < > ! ?"
).split()
NAMES = ("Jerome Powell", "Janet Yellen", "Mark Ellison", "Anna Schmidt", "Ursula von der Leyen",
         "Jean-Luc Martin", "Maria O'Brien", "Li Wei", "Kwame Mensah", "J. R. Smith")
DATES = ("5 May 2020", "May 5, 2020", "Jan. 31, 2024", "2019", "2019-20", "March 2022", "mid-2021",
         "on Wednesday", "last year", "next month", "2024-01-31", "31/12/2023", "12/31/2023", "1990s",
         "the 19th century", "three years ago", "Q3 2022", "FY2023", "between 2010 and 2015", "29 Feb 2023",
         "99 December 0000", "31 June 2020", "9999", "10:30 GMT", "yesterday", "from May to June 2021")
FIGURES = ("4.75%", "$3bn", "€1.2 million", "1,000", "12,5", "-3.4 percent", "two-thirds", "10x",
           "1e308", "0.0000001", "99999999999999999999", "£", "5.25 per cent")
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[a](javascript:alert(1))",
           "<iframe src=http://127.0.0.1/>", "url(file:///etc/passwd)", "{{ 7*7 }}", "{% include x %}",
           "\x00", "\x07", "\x1b[31m", "\u202e", "\u202c", "\u200b", "\ufeff", "\r\n", "\r", "\u2028",
           "\u0301", "\U0001F600", "\ud7ff", "&amp;", "&#x3c;", "<!--", "]]>", "\\", "$$", "\t")
SEPARATORS = (" ", " ", " ", "  ", "\n", "\n\n", "", ", ", ". ", "\n- ", "\n> ", "\n1. ", ": “", "”")

token = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(NAMES), st.sampled_from(DATES), st.sampled_from(FIGURES),
    st.sampled_from(HOSTILE), st.sampled_from(SEPARATORS),
    st.text(max_size=8),  # anything at all, surrogates excluded by Hypothesis
    st.integers(-10**6, 10**6).map(str),
)


@st.composite
def article_text(draw: st.DrawFn, max_tokens: int = 120) -> str:
    """Article-like text: a headline line, a blank line, then tokens with separators."""
    tokens = draw(st.lists(token, max_size=max_tokens))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(tokens), max_size=len(tokens)))
    body = "".join(t + s for t, s in zip(tokens, seps, strict=True))
    headline = draw(st.one_of(st.just("Headline"), st.text(max_size=30)))
    return draw(st.sampled_from([f"{headline}\n\n{body}", body]))


any_text = st.one_of(article_text(), st.text(max_size=400))
REFERENCES = ["2024-01-31", "2023", "2020-02", "1999-12-31", "not a date", ""]
# Dates at the ends of the calendar (found a crash: "yesterday" against 0001-01-01, fixed in cd5b190).
EXTREME_REFERENCES = ["0001-01-01", "9999-12-31"]
references = st.one_of(st.none(), st.sampled_from(REFERENCES + EXTREME_REFERENCES))
ordinary_references = st.one_of(st.none(), st.sampled_from(REFERENCES))


# --------------------------------------------------------------------------- bytes, as the readers get them

# Lines a JSONL feed may hold, hostile ones included: deep nesting, lone surrogates (valid JSON,
# not text), wrong types, broken JSON, metadata with bidi controls and impossible dates.
JSONL_LINES = (
    '{"text": "The minister said on Monday that the bank would act."}',
    '{"text": "A", "title": "T\\u202e\\u200b", "author": "\\u2066X", "published": "2021-02-30"}',
    '{"text": "caf\\ud800", "title": "x"}', '{"text": "ok", "outlet": "\\udfff"}',
    '{"text": ' + "[" * 3000 + "]" * 3000 + "}", '{"text": {"a": ' * 50 + "1" + "}" * 50 + "}",
    '{"text": 5}', "[1, 2]", '{"text": "x"', "", "\ufeff", '{"published": "99999", "text": "Body text."}',
)


@st.composite
def file_bytes(draw: st.DrawFn) -> tuple[bytes, str, bytes]:
    """``(content, suffix, name)``: bytes a reader meets, with a file name that may not be UTF-8."""
    suffix = draw(st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
    if suffix == ".jsonl":
        lines = draw(st.lists(st.one_of(st.sampled_from(JSONL_LINES), article_text(max_tokens=20)), max_size=6))
        content = "\n".join(lines).encode("utf-8", "surrogatepass")
    else:
        content = draw(article_text(max_tokens=60)).encode("utf-8", "surrogatepass")
    content = draw(st.one_of(st.just(content), st.binary(max_size=200),
                             st.just(content[: len(content) // 2] + b"\xff\xfe\x00" + content[len(content) // 2:])))
    name = draw(st.sampled_from([b"article", b"\xff\xfe", b"caf\xc3\xa9", b"a\x1b[31m", b"-rf"]))
    return content, suffix, name
