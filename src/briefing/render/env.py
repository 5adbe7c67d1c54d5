"""The Jinja environment: template search path, sandbox, escaping, filters, loud errors.

Search order (first match wins): for each user folder (``--templates`` / config) its
``<audience>/`` subfolder, then its shared part; then the built-in ``templates/<audience>/``,
then ``templates/base/``. Two prefixes reach past an override:
``default:NAME`` is the built-in file an override replaces (audience, then base) and
``base:NAME`` is the base file an audience extends::

    >>> env = make_env("analyst")
    >>> [p.name for p in env.search_path]
    ['analyst', 'base']
    >>> env.which("sections/timeline.md.j2").endswith("analyst/sections/timeline.md.j2")
    True
"""

from __future__ import annotations

import os
import re
import sys
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_eval_context,
    select_autoescape,
)
from jinja2 import (
    TemplateError as JinjaError,
)
from jinja2.loaders import split_template_path
from jinja2.nodes import EvalContext
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..errors import SpecError, TemplateError
from ..look import Look, read_audience_look
from ..packaged import BUILTIN_TEMPLATES
from ..select import date_label
from .bounds import check_binop

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024  # a template or style sheet file, checked before it is read
MAX_OUTPUT_CHARS = 20_000_000  # per template render; render_sections caps the whole brief too

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]>#|!])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def md_escape(text: Any) -> str:
    """Text from articles, made inert in Markdown: one line, active characters escaped.

    >>> md_escape("<b>*Q&A*</b> [x](y)")
    '&lt;b\\\\>\\\\*Q&A\\\\*&lt;/b\\\\> \\\\[x\\\\](y)'
    """
    s = " ".join(str(text).split())
    s = _ENTITY.sub("&amp;", s).replace("<", "&lt;")  # python-markdown has no ``\<`` escape
    return _MD_SPECIAL.sub(r"\\\1", s)


@pass_eval_context
def _finalize(eval_ctx: EvalContext, value: Any) -> Any:
    # Markdown templates get Markdown escaping for every {{ value }} that is not Markup;
    # HTML templates keep Jinja's autoescape (finalize runs before it).
    if eval_ctx.autoescape or isinstance(value, Markup):
        return value
    return md_escape(value)


class BriefEnvironment(SandboxedEnvironment):
    """A sandboxed environment that remembers its search path and renders with loud errors."""

    search_path: list[Path]
    audience: str
    look: Look  # what the audience folders declare (audience.yaml); the spec adds to it
    intercepted_binops = frozenset({"*", "**"})  # sizes checked before computing (render/bounds.py)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def render(self, name: str | Sequence[str], **context: Any) -> str:
        """Render a template (or the first of several names that exists), size-capped."""
        try:
            template = self.select_template([name] if isinstance(name, str) else list(name))
            # Streamed and counted, so a runaway loop is stopped at the cap, not after filling memory.
            chunks: list[str] = []
            size = 0
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise TemplateError(f"output over {MAX_OUTPUT_CHARS:,} characters (a runaway loop?)",
                                        path=template.filename or template.name)
                chunks.append(chunk)
            out = "".join(chunks)
        except TemplateSyntaxError as exc:
            raise TemplateError(f"template syntax: {exc.message}", path=exc.filename or exc.name,
                                line=exc.lineno) from None
        except TemplateNotFound as exc:
            path, line = _template_frame(exc.__traceback__)
            raise TemplateError(f"template not found: {exc.name} (search path: "
                                f"{', '.join(map(str, self.search_path))})", path=path, line=line) from None
        except MemoryError:
            path, line = _template_frame(sys.exc_info()[2])
            raise TemplateError("template needed more memory than the limit (pdf_memory_mb)",
                                path=path, line=line) from None
        except RecursionError:
            # A macro or include that calls itself: the innermost template frame is the culprit.
            path, line = _template_frame(sys.exc_info()[2])
            raise TemplateError("template recursion too deep (a macro or include that calls itself?)",
                                path=path, line=line) from None
        except (JinjaError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError) as exc:
            # A template's own mistakes (including what the sandbox refuses) point at its line.
            path, line = _template_frame(exc.__traceback__)
            raise TemplateError(f"{type(exc).__name__}: {exc}", path=path, line=line) from None
        return out

    def source_of(self, name: str) -> str:
        """The raw text of a non-template asset on the search path (e.g. ``style.css``)."""
        assert self.loader is not None
        try:
            return self.loader.get_source(self, name)[0]
        except TemplateNotFound:
            raise TemplateError(f"template not found: {name}") from None

    def which(self, name: str) -> str | None:
        """The file that wins for ``name`` on the search path."""
        assert self.loader is not None
        try:
            return self.loader.get_source(self, name)[1]
        except TemplateNotFound:
            return None
        except UnicodeDecodeError:  # an image (logo.png): found by path, not read as a template
            return next((str(d / name) for d in self.search_path if (d / name).is_file()), None)


def _template_frame(tb: types.TracebackType | None) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template file (Jinja rewrites them)."""
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "/templates/" in filename:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def audiences(user_dirs: Sequence[Path] = ()) -> list[str]:
    """Audiences there are templates for: built-in folders (not ``base``) and user subfolders."""
    names = {p.name for p in BUILTIN_TEMPLATES.iterdir() if p.is_dir() and p.name != "base"}
    for d in user_dirs:
        if Path(d).is_dir():
            names.update(p.name for p in Path(d).iterdir() if p.is_dir() and p.name not in _SHARED_FOLDERS)
    return sorted(names)


# Subfolders of a user template folder that hold shared templates, not an audience.
_SHARED_FOLDERS = {"sections", "partials", "assets", "css", "images"}


def audience_look(audience: str, user_dirs: Sequence[Path] = ()) -> Look:
    """The look declared by the ``audience.yaml`` files of ``audience`` (first folder wins)."""
    look = Look()
    for d in reversed(list(user_dirs)):
        look = look.then(read_audience_look(Path(d) / audience))
    return look


def search_path(audience: str, user_dirs: Sequence[Path] = ()) -> list[Path]:
    """For each user folder its ``<audience>/`` subfolder then its shared part; then the built-in
    audience (or the one a new audience ``extends`` in its audience.yaml); then ``base``.

    A brief sees only its own audience's subfolders: a board logo never reaches the analysts.
    """
    for d in user_dirs:
        if not Path(d).is_dir():
            raise TemplateError("template folder not found", path=str(d))
    if audience not in audiences(user_dirs):
        raise SpecError(f"unknown audience {audience!r}; known: {', '.join(audiences(user_dirs))} "
                        "(a new audience is a subfolder of a --templates folder)")
    path: list[Path] = []
    for d in map(Path, user_dirs):
        if (d / audience).is_dir():
            path.append(d / audience)
        path.append(d)
    builtin = audience if (BUILTIN_TEMPLATES / audience).is_dir() else audience_look(audience, user_dirs).extends
    if builtin and builtin != "base":
        if not (BUILTIN_TEMPLATES / builtin).is_dir():
            raise SpecError(f"audience {audience!r} extends {builtin!r}, which is not a built-in audience "
                            f"({', '.join(audiences())})")
        path.append(BUILTIN_TEMPLATES / builtin)
    return [*path, BUILTIN_TEMPLATES / "base"]


def template_names(env: BriefEnvironment, user_dirs: Sequence[Path] = ()) -> list[str]:
    """Every file name on ``env``'s search path (another audience's subfolder is not on it)."""
    others = set(audiences(user_dirs)) | {"base"}
    names: set[str] = set()
    for d in env.search_path:
        for p in d.rglob("*"):
            rel = p.relative_to(d)
            if p.is_file() and "__pycache__" not in rel.parts and not (
                    Path(d) in map(Path, user_dirs) and len(rel.parts) > 1 and rel.parts[0] in others):
                names.add(rel.as_posix())
    return sorted(names)


class ContainedLoader(FileSystemLoader):
    """A ``FileSystemLoader`` whose files must really lie inside its folders.

    Jinja already refuses ``..`` and absolute names; this also refuses a symlink (committed to a
    shared template repository, say) that points at ``/etc/passwd`` or ``~/.ssh``.
    """

    def get_source(self, environment: Any, template: str) -> Any:
        # Checked before Jinja reads the file: a link to a 3 GB file is never read.
        pieces = split_template_path(template)
        for root in self.searchpath:
            filename = os.path.join(root, *pieces)
            if os.path.isfile(filename):
                real = Path(filename).resolve()
                if not real.is_relative_to(Path(root).resolve()):
                    raise TemplateError(f"template {template!r} resolves outside its template folder "
                                        "(symlink?)", path=filename)
                size = real.stat().st_size
                if size > MAX_TEMPLATE_BYTES:
                    raise TemplateError(f"template is {size:,} bytes, over the {MAX_TEMPLATE_BYTES:,}-byte "
                                        "limit", path=filename)
                break
        return super().get_source(environment, template)


def make_env(audience: str, user_dirs: Sequence[Path] = ()) -> BriefEnvironment:
    """The sandboxed environment for one audience, with filters and the prefix loaders."""
    path = search_path(audience, user_dirs)
    builtin = [p for p in path if p.parent == BUILTIN_TEMPLATES]
    loader = ChoiceLoader([
        ContainedLoader([str(p) for p in path]),
        PrefixLoader({"default": ContainedLoader([str(p) for p in builtin]),
                      "base": ContainedLoader(str(BUILTIN_TEMPLATES / "base"))}, delimiter=":"),
    ])
    env = BriefEnvironment(
        loader=loader, undefined=StrictUndefined, finalize=_finalize,
        autoescape=select_autoescape(["html", "html.j2", "svg", "svg.j2", "xml"], default=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
    )
    env.search_path = path
    env.audience = audience
    env.look = audience_look(audience, user_dirs)
    env.filters.update(FILTERS)
    return env


# --------------------------------------------------------------------------- filters


def _md(text: Any) -> Markup:
    """Text made inert in Markdown (what ``{{ value }}`` does anyway), as Markup for joining."""
    return Markup(md_escape(text))


def _cite(item: Any) -> Markup:
    """``[[3]](#src-3 "fact ID")``: a link to the numbered source, titled with the fact id (and
    links to the other sources that report the same event)."""
    n = int(item.source)
    fact = getattr(item, "fact_id", "")
    title = f' "fact {fact}"' if fact else ""
    also = "".join(f"[[{int(m)}]](#src-{int(m)})" for m in getattr(item, "also", ()))  # the same event, reported again
    return Markup(f"[[{n}]](#src-{n}{title}){also}")


def _fact(item: Any) -> Markup:
    """The fact id as a small code span (analysts paste it into include/exclude)."""
    return Markup(f"`{item.fact_id}`{{.fact}}")


def _heading(text: Any, level: int, anchor: str) -> Markup:
    """A Markdown heading with an explicit id (stable links across formats)."""
    if not re.fullmatch(r"[A-Za-z][\w-]*", anchor):
        raise ValueError(f"bad anchor {anchor!r}")
    return Markup(f"{'#' * level} {md_escape(text)} {{#{anchor}}}")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    """``3|plural("document")`` -> ``3 documents`` (an irregular plural as the second argument)."""
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _capfirst(text: Any) -> str:
    """Upper-case the first letter only (``capitalize`` would lower-case the rest)."""
    s = str(text)
    return s[:1].upper() + s[1:]


def _number_word(n: int) -> str:
    """``5|number_word`` -> ``five`` (zero to ten; digits above)."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _chart(series: Any) -> Markup:
    """An SVG line chart of a ``Series``, as a Markdown image with a ``data:`` URL."""
    from .charts import chart_svg, svg_data_url

    return Markup(f"![Chart: {md_escape(series.label)}]({svg_data_url(chart_svg(series))}){{.chart}}")


def _timeline_chart(brief: Any) -> Markup:
    """The timeline strip of a brief (events over time, targets in their own lane), as a Markdown
    image whose alt text says what it shows."""
    from .charts import svg_data_url, timeline_summary, timeline_svg

    svg = timeline_svg(brief.timeline, brief.timeline_targets, brief.timeline_period)
    alt = md_escape(timeline_summary(brief.timeline, brief.timeline_targets))
    return Markup(f"![{alt}]({svg_data_url(svg)}){{.chart}}")


def _code(text: Any) -> Markup:
    """A code span (Markdown does not unescape inside code, so no backslashes here)."""
    s = " ".join(str(text).split())
    return Markup(f"`{s}`") if "`" not in s else _md(s)


def _source_anchor(source: Any) -> Markup:
    """``**[3]**{#src-3}``: the label citations link to."""
    n = int(source.number)
    return Markup(f"**[{n}]**{{#src-{n}}}")


_SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]`\\]+$")


def _link(url: Any) -> Markup:
    """An autolink for a plain http(s) URL; anything else is shown as inert text."""
    s = str(url).strip()
    return Markup(f"<{s}>") if _SAFE_URL.match(s) else _md(s)


FILTERS: dict[str, Any] = {
    "md": _md, "cite": _cite, "fact": _fact, "heading": _heading, "plural": _plural, "code": _code,
    "number_word": _number_word, "capfirst": _capfirst, "date": date_label, "chart": _chart,
    "timeline_chart": _timeline_chart, "source_anchor": _source_anchor,
    "link": _link,
}


