"""Is a finished report inert? HTML read as a browser reads it, CSS as a browser tokenizes it.

Section HTML is sanitised by nh3, but the document wrapper ``document.html.j2`` and
``style.css`` may come from a user folder, so the finished report is checked as a whole. A
regular-expression or ``html.parser`` scan reads markup differently from browsers
(``<!-->`` ends a comment, ``</style x>`` ends a style element, ``--!>`` ends a comment), so
the HTML is parsed by ``tinyhtml5`` (the WHATWG tree builder, as browsers build it) and the
CSS by ``tinycss2`` (escapes decoded: ``u\\72l(`` is ``url(``)::

    >>> active_content('<!--><img alt=x onerror=alert(1)>-->')
    '<img onerror=…>'
    >>> active_content(r'<style>p{background:u\\72l(http://127.0.0.1/x)}</style>')
    'an external resource (url()) in the CSS'
    >>> active_content('<p title="x onload=y">ok</p>') is None
    True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import tinycss2
import tinyhtml5
import tinyhtml5.inputstream


class _UntilRegexes(dict[tuple[Any, bool], re.Pattern[str]]):
    """tinyhtml5's cache of its "characters until" regular expressions, filled on a miss.

    tinyhtml5 2.1 stores each new expression under the compiled pattern instead of the
    characters it was asked for, so every lookup missed and the tokenizer built and compiled
    its expression again at each text run (≈ 9,000 times for a 10k brief's HTML, a third of
    the parse). The same expression as tinyhtml5 builds: a run of these characters
    (``opposite``) or of any other."""

    def __missing__(self, key: tuple[Any, bool]) -> re.Pattern[str]:
        characters, opposite = key
        chars = "".join(f"\\x{ord(c):02x}" for c in characters)
        pattern = self[key] = re.compile(f"[{chars}]+" if opposite else f"[^{chars}]+")
        return pattern


if isinstance(getattr(tinyhtml5.inputstream, "characters_until_regex", None), dict):
    tinyhtml5.inputstream.characters_until_regex = _UntilRegexes()

# Elements that run script, embed other documents, submit, or change how URLs resolve.
_ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link",
                "portal", "noscript", "template", "svg", "math", "video", "audio", "source", "track",
                "input", "button", "textarea", "select", "dialog"}
_HTML_NS = "{http://www.w3.org/1999/xhtml}"
# Attributes a browser fetches from (only our own chart data URLs may) and ones it navigates to.
_FETCH_ATTRS = {"src", "poster", "background", "data", "srcset", "ping", "manifest", "codebase", "lowsrc",
                "dynsrc", "imagesrcset", "archive", "classid", "profile", "icon"}
_LINK_ATTRS = {"href", "action", "formaction", "xlink:href", "cite", "longdesc", "usemap"}
_DATA_IMAGE = re.compile(r"^data:image/(svg\+xml|png|jpeg|gif);base64,[A-Za-z0-9+/=]*$", re.IGNORECASE)
_SAFE_LINK = re.compile(r"^(#|https?:|mailto:)", re.IGNORECASE)
_RELATIVE = re.compile(r"^[^:/?#]*(?:[?#]|$)|^[\w.-]+/[^:]*$")
# Browsers drop ASCII tab and newline anywhere in a URL and C0 controls/space at its ends.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
# CSS functions and at-rules that fetch (or, in old engines, run) something.
_CSS_FETCH_FUNCTIONS = {"url", "src", "image-set", "-webkit-image-set", "image", "cross-fade",
                        "-webkit-cross-fade", "element", "-moz-element", "expression", "paint"}
_CSS_FETCH_AT_RULES = {"import", "font-face", "namespace", "document", "-moz-document", "property"}
_CSS_FETCH_PROPERTIES = {"src", "behavior", "-moz-binding"}


def _url_allowed(attr: str, value: str) -> bool:
    value = _URL_NOISE.sub("", value)
    if attr in _FETCH_ATTRS:
        return not value or bool(_DATA_IMAGE.match(value))
    if attr in _LINK_ATTRS:
        return bool(_SAFE_LINK.match(value) or _RELATIVE.match(value))  # relative: a sibling report
    return True


def _local(name: str) -> str:
    """``{namespace}local`` -> ``local``; the xlink namespace keeps its ``xlink:`` prefix."""
    if name.startswith("{http://www.w3.org/1999/xlink}"):
        return "xlink:" + name.rsplit("}", 1)[1]
    return name.rsplit("}", 1)[-1].lower()


def _css_tokens(css: str) -> Iterator[Any]:
    """Every token of ``css``, blocks and function arguments included (an explicit stack:
    a hostile style sheet may nest thousands deep)."""
    stack = [iter(tinycss2.parse_component_value_list(css, skip_comments=True))]
    while stack:
        token = next(stack[-1], None)
        if token is None:
            stack.pop()
            continue
        yield token
        if token.type == "function":
            stack.append(iter(token.arguments))
        elif token.type in ("() block", "[] block", "{} block"):
            stack.append(iter(token.content))


@functools.lru_cache(maxsize=16)  # the style sheet is checked alone, then again in the report
def css_problem(css: str) -> str | None:
    """The first construct in ``css`` (a style sheet or a style attribute) that would make a
    browser fetch something, or None.

        >>> css_problem('p { color: red; content: target-counter(attr(href url), page) }') is None
        True
        >>> css_problem('@font-face { font-family: x; src: local(x) }')
        'an external resource (@font-face) in the CSS'
    """
    property_name: str | None = None  # an ident just seen, which a ``:`` would make a property
    for token in _css_tokens(css):
        kind = token.type
        if kind == "url" or (kind == "error" and token.kind == "bad-url"):
            return "an external resource (url()) in the CSS"
        if kind == "function" and token.lower_name in _CSS_FETCH_FUNCTIONS:
            return f"an external resource ({token.lower_name}()) in the CSS"
        if kind == "at-keyword" and token.lower_value in _CSS_FETCH_AT_RULES:
            return f"an external resource (@{token.lower_value}) in the CSS"
        if kind == "literal" and token.value == ":" and property_name in _CSS_FETCH_PROPERTIES:
            return f"an external resource ({property_name}:) in the CSS"
        if kind != "whitespace":
            property_name = token.lower_value if kind == "ident" else None
    return None


def _element_problem(element: Any) -> str | None:
    tag = _local(element.tag)
    if not element.tag.startswith(_HTML_NS) or tag in _ACTIVE_TAGS:
        return f"<{tag}>"
    for raw_name, raw_value in element.attrib.items():
        name, value = _local(raw_name), raw_value or ""
        if name.startswith("on"):
            return f"<{tag} {name}=…>"
        if not _url_allowed(name, value):
            return f"<{tag} {name}={_URL_NOISE.sub('', value)[:60]!r}>"
        if name == "style" and css_problem(value):
            return f"<{tag} style=…>: {css_problem(value)}"
        if tag == "meta" and name == "http-equiv" and value.strip().lower() != "content-security-policy":
            return f"<meta http-equiv={value[:30]!r}>"
    if tag == "style":
        return css_problem("".join(element.itertext()))
    return None


def active_content(html: str) -> str | None:
    """The first piece of active or external content in ``html`` as a browser parses it, or None.

        >>> active_content('<p onclick="x()">no</p>')
        '<p onclick=…>'
        >>> active_content('<style>p{}</style x><img alt=x onerror=y>')
        '<img onerror=…>'
    """
    root = tinyhtml5.parse(html)
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions: inert
            continue
        problem = _element_problem(element)
        if problem:
            return problem
    return None
