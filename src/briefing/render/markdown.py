"""Markdown -> safe HTML: python-markdown (tables, attr_list, toc), then nh3.

The sanitiser runs on everything python-markdown makes, so raw HTML that reached the
Markdown (from an article or a user template) cannot carry script, handlers or frames::

    >>> to_html("## Hi {#x}\\n\\n<script>alert(1)</script> [a](javascript:alert(1))")
    '<h2 id="x">Hi</h2>\\n\\n<p><a rel="noopener noreferrer">a</a></p>'
"""

from __future__ import annotations

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


def to_html(text: str) -> str:
    """Convert one Markdown section to sanitised HTML."""
    md = _markdown.Markdown(extensions=["tables", "attr_list", "toc", "sane_lists"], output_format="html")
    # "<li>\n<p>": the newline would sit on the marker's line and push the text below it in print.
    return _LI_GAP.sub("<li><p>", sanitise(md.convert(text)))
