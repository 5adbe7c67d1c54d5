"""Markdown -> safe HTML: python-markdown (tables, attr_list, toc), then nh3.

The sanitiser runs on everything python-markdown makes, so raw HTML that reached the
Markdown (from an article or a user template) cannot carry script, handlers or frames::

    >>> to_html("## Hi {#x}\\n\\n<script>alert(1)</script> [a](javascript:alert(1))")
    '<h2 id="x">Hi</h2>\\n\\n<p><a rel="noopener noreferrer">a</a></p>'
"""

from __future__ import annotations

import functools
import re

import markdown as _markdown
import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}
_COMMON = {"id", "class", "title", "lang", "dir"}
_ATTRIBUTES = {
    "*": _COMMON, "a": {"href"}, "img": {"src", "alt", "width", "height"}, "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"}, "ol": {"start"},
}
# Charts are the only images: SVG we made ourselves, as base64 data URLs.
_LI_GAP = re.compile(r"<li>\s+<p>")
_CHART_SRC = re.compile(r"^data:image/svg\+xml;base64,[A-Za-z0-9+/=]+$")


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "img" and attr == "src":
        return value if _CHART_SRC.match(value) else None
    if attr == "href":
        return None if value.lower().startswith("data:") else value
    return value


def sanitise(html: str) -> str:
    """Keep only harmless tags and attributes; links may be http(s), mailto or in-page."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto", "data"},
                     attribute_filter=_attribute_filter, strip_comments=True, link_rel="noopener noreferrer")


@functools.lru_cache(maxsize=64)  # a brief's sections
def _convert(text: str) -> str:
    """python-markdown's HTML for ``text``, not yet sanitised (kept for the next call: a section
    with a chart is converted to be checked, then again for the HTML report)."""
    md = _markdown.Markdown(extensions=["tables", "attr_list", "toc", "sane_lists"], output_format="html")
    return md.convert(text)


def to_html(text: str) -> str:
    """Convert one Markdown section to sanitised HTML."""
    # "<li>\n<p>": the newline would sit on the marker's line and push the text below it in print.
    return _LI_GAP.sub("<li><p>", sanitise(_convert(text)))


# The Markdown file is a deliverable too, opened in viewers that may not sanitise. Article
# text reaches it escaped (md_escape); what a template writes literally is checked here.
_SCHEME_AUTOLINK = re.compile(r"<(?!https?:|mailto:)[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>")
_RAW_TAG = re.compile(r"<(?!https?://|mailto:)[A-Za-z!?/]")
_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]]+\]:\s*<?(\S*)", re.MULTILINE)
_SAFE_DESTINATION = re.compile(r"^(#|https?://|mailto:)", re.IGNORECASE)
# A chart as the templates write it: a line holding one image of a base64 data: URL (an <img>
# the report check allows), its alt text plain or with backslash-escaped punctuation, and at
# most a class. The ``!`` opens the line, so nothing can escape it into a link; group 1 is
# where _DESTINATION finds the image's destination.
_CHART_LINE = re.compile(r"^!\[(?:[^\[\]\\\r\n`<]|\\[!-/:-@\[-`{-~])*(\]\(data:image/(?:svg\+xml|png|jpeg|gif);base64,"
                         r"[A-Za-z0-9+/=]*\))(?:\{\.[A-Za-z][\w-]*\})?$", re.MULTILINE)


def markdown_problem(text: str) -> str | None:
    """Active content a Markdown viewer would make of ``text`` (raw script, handlers,
    ``javascript:`` links, fetched images), or None. Plain Markdown with in-page, http(s) and
    mailto links and chart lines (images of data: URLs) is not even parsed.

        >>> markdown_problem("[a](#src-1) <https://example.com/> *b*\\n![Chart: x](data:image/png;base64,AA==)") is None
        True
        >>> markdown_problem("[a](javascript:alert(1))")
        "<a href='javascript:alert(1)'>"
        >>> markdown_problem("<javascript:alert(1)>")
        'an autolink <javascript:…>'
    """
    from .inert import active_content

    autolink = _SCHEME_AUTOLINK.search(text)
    if autolink:
        return f"an autolink {autolink.group(0).split(':', 1)[0]}:…>"
    charts = {m.start(1) for m in _CHART_LINE.finditer(text)}
    destinations = (m.group(1) or m.group(2) or "" for m in _DESTINATION.finditer(text) if m.start() not in charts)
    if _RAW_TAG.search(text) or not all(_SAFE_DESTINATION.match(d) for d in destinations if d):
        return active_content(_convert(text))
    return None
