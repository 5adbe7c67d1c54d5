"""The Jinja environment: template search path, sandbox, escaping, filters, loud errors.

Search order (first match wins): the user's folders (``--templates`` / config), then
``templates/<audience>/``, then ``templates/base/``. Two prefixes reach past an override:
``default:NAME`` is the built-in file an override replaces (audience, then base) and
``base:NAME`` is the base file an audience extends::

    >>> env = make_env("analyst")
    >>> [p.name for p in env.search_path]
    ['analyst', 'base']
    >>> env.which("sections/timeline.md.j2").endswith("analyst/sections/timeline.md.j2")
    True
"""

from __future__ import annotations

import re
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
from jinja2.nodes import EvalContext
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..errors import TemplateError
from ..packaged import BUILTIN_TEMPLATES
from ..select import date_label

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
    """Built-in audience template sets (folders of ``templates/`` other than ``base``)."""
    return sorted(p.name for p in BUILTIN_TEMPLATES.iterdir() if p.is_dir() and p.name != "base")


def search_path(audience: str, user_dirs: Sequence[Path] = ()) -> list[Path]:
    """User folders, then the audience's built-in folder, then the shared base."""
    for d in user_dirs:
        if not Path(d).is_dir():
            raise TemplateError("template folder not found", path=str(d))
    builtin = BUILTIN_TEMPLATES / audience
    if not builtin.is_dir() and not user_dirs:
        raise TemplateError(f"unknown audience {audience!r}; built-in: {', '.join(audiences())}"
                            " (or give --templates DIR)")
    path = [Path(d) for d in user_dirs]
    if builtin.is_dir():
        path.append(builtin)
    return [*path, BUILTIN_TEMPLATES / "base"]


class ContainedLoader(FileSystemLoader):
    """A ``FileSystemLoader`` whose files must really lie inside its folders.

    Jinja already refuses ``..`` and absolute names; this also refuses a symlink (committed to a
    shared template repository, say) that points at ``/etc/passwd`` or ``~/.ssh``.
    """

    def get_source(self, environment: Any, template: str) -> Any:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(root).resolve()) for root in self.searchpath):
            raise TemplateError(f"template {template!r} resolves outside its template folder (symlink?)",
                                path=filename)
        return source, filename, uptodate


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
    env.filters.update(FILTERS)
    return env


# --------------------------------------------------------------------------- filters


def _md(text: Any) -> Markup:
    return Markup(md_escape(text))


def _cite(item: Any) -> Markup:
    """``[[3]](#src-3 "fact ID")``: a link to the numbered source, titled with the fact id."""
    n = int(item.source)
    fact = getattr(item, "fact_id", "")
    title = f' "fact {fact}"' if fact else ""
    return Markup(f"[[{n}]](#src-{n}{title})")


def _fact(item: Any) -> Markup:
    """The fact id as a small code span (analysts paste it into include/exclude)."""
    return Markup(f"`{item.fact_id}`{{.fact}}")


def _heading(text: Any, level: int, anchor: str) -> Markup:
    """A Markdown heading with an explicit id (stable links across formats)."""
    if not re.fullmatch(r"[A-Za-z][\w-]*", anchor):
        raise ValueError(f"bad anchor {anchor!r}")
    return Markup(f"{'#' * level} {md_escape(text)} {{#{anchor}}}")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _capfirst(text: Any) -> str:
    """Upper-case the first letter only (``capitalize`` would lower-case the rest)."""
    s = str(text)
    return s[:1].upper() + s[1:]


def _number_word(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _chart(series: Any) -> Markup:
    from .charts import chart_markdown

    return Markup(chart_markdown(series))


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
    "number_word": _number_word, "capfirst": _capfirst, "date": date_label, "chart": _chart, "source_anchor": _source_anchor,
    "link": _link,
}


