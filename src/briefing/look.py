"""How a brief looks beyond its templates: layout, footer line, extra CSS and embedded images.

Declared in an audience folder (``<templates>/<audience>/audience.yaml``) and/or in the spec.
The spec wins for ``layout`` and ``footer``; ``extra_css`` and ``assets`` add up (the spec's
last, so it can replace an audience's logo). Paths are relative to the file that names them.

Images are local files only, checked by their first bytes and size and embedded as ``data:``
URLs: a report never fetches anything, in a browser or in the PDF renderer::

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "logo.png").write_bytes(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(16))
    >>> embed_image(folder / "logo.png")[:30]
    'data:image/png;base64,iVBORw0K'
    >>> local_file("https://example.com/logo.png", folder, "assets.logo")
    Traceback (most recent call last):
    ...
    briefing.errors.SpecError: assets.logo: 'https://example.com/logo.png' must be a local file, not a URL
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SpecError

AUDIENCE_FILE = "audience.yaml"
LAYOUTS = ("standard", "compact")
MAX_ASSET_BYTES = 512 * 1024
MAX_CSS_BYTES = 256 * 1024
MAX_AUDIENCE_FILE_BYTES = 16 * 1024

_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"),
          (b"GIF89a", "image/gif"))
_SVG_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<svg[\s>]", re.DOTALL)
# An <img> never runs an SVG's script, but the PDF renderer reads the SVG: no script, handlers,
# foreign HTML or references to anything outside the file.
_SVG_ACTIVE = re.compile(rb"<script|<foreignObject|\son\w+\s*=|(?:xlink:)?href\s*=\s*[\"'](?!#)|url\(\s*[\"']?(?!#)"
                         rb"|<!ENTITY", re.IGNORECASE)
_URLISH = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)")
ASSET_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class Look:
    """Layout, footer and resources of one brief (or one audience folder, before merging)."""

    layout: str | None = None  # None: not set here (merging keeps the other's)
    footer: str | None = None
    extra_css: tuple[Path, ...] = ()
    assets: Mapping[str, Path] = field(default_factory=dict)
    extends: str | None = None  # audience.yaml only: the built-in audience a new one builds on

    def then(self, other: Look) -> Look:
        """This look with ``other`` applied on top (``other`` wins)."""
        return Look(layout=other.layout or self.layout, footer=other.footer or self.footer,
                    extra_css=(*self.extra_css, *other.extra_css), assets={**self.assets, **other.assets},
                    extends=other.extends or self.extends)


def local_file(value: Any, base: Path, where: str) -> Path:
    """``value`` as an existing regular file under ``base``'s reach, or a SpecError naming ``where``."""
    if not isinstance(value, str) or not value.strip():
        raise SpecError(f"{where} must be a file name")
    if _URLISH.match(value.strip()):
        raise SpecError(f"{where}: {value!r} must be a local file, not a URL")
    path = (base / value.strip()).resolve()
    if not path.is_file():
        raise SpecError(f"{where}: file not found: {path}")
    return path


def parse_look(raw: Mapping[str, Any], base: Path, doc: Any, allow_extends: bool = False) -> Look:
    """Validate the look keys of a spec or audience file (``doc`` makes line-numbered errors)."""
    def fail(message: str, *where: Any) -> SpecError:
        return doc.error(message, where) if doc is not None else SpecError(message)

    layout = raw.get("layout")
    if layout is not None and layout not in LAYOUTS:
        raise fail(f"layout {layout!r} must be one of {', '.join(LAYOUTS)}", "layout")
    footer = raw.get("footer")
    if footer is not None and (not isinstance(footer, str) or len(footer) > 300):
        raise fail("footer must be one line of text (at most 300 characters)", "footer")
    css = raw.get("extra_css", [])
    if not isinstance(css, list):
        raise fail("extra_css must be a list of .css files", "extra_css")
    extra: list[Path] = []
    for i, item in enumerate(css):
        try:
            path = local_file(item, base, f"extra_css[{i}]")
        except SpecError as exc:
            raise fail(str(exc), "extra_css", i) from None
        if path.suffix.lower() != ".css":
            raise fail(f"extra_css[{i}]: {item!r} is not a .css file", "extra_css", i)
        extra.append(path)
    assets_raw = raw.get("assets", {})
    if not isinstance(assets_raw, dict):
        raise fail("assets must be a mapping of name: file (e.g. logo: logo.png)", "assets")
    assets: dict[str, Path] = {}
    for name, item in assets_raw.items():
        if not ASSET_NAME.match(name):
            raise fail(f"asset name {name!r} must be lower-case letters, digits or _", "assets", name)
        try:
            assets[name] = local_file(item, base, f"assets.{name}")
            embed_image(assets[name])  # checked now, so the error names the spec line
        except SpecError as exc:
            raise fail(str(exc), "assets", name) from None
    extends = raw.get("extends") if allow_extends else None
    if extends is not None and (not isinstance(extends, str) or not re.fullmatch(r"[A-Za-z0-9][\w.-]*", extends)):
        raise fail(f"extends {extends!r} must be an audience name", "extends")
    return Look(layout=layout, footer=" ".join(footer.split()) if footer else None, extra_css=tuple(extra),
                assets=assets, extends=extends)


def read_audience_look(folder: Path) -> Look:
    """The ``audience.yaml`` of an audience folder (an empty look when there is none)."""
    from .settings_file import read_settings_text
    from .yaml_input import parse_yaml

    path = folder / AUDIENCE_FILE
    if not path.is_file():
        return Look()
    raw, doc = parse_yaml(read_settings_text(path, MAX_AUDIENCE_FILE_BYTES, "audience file"), str(path))
    if raw is None:
        return Look()
    if not isinstance(raw, dict):
        raise doc.error("an audience file is a mapping (extends, layout, footer, extra_css, assets)")
    for key in raw:
        if key not in ("extends", "layout", "footer", "extra_css", "assets"):
            raise doc.error(f"unknown key {key!r}; expected extends, layout, footer, extra_css, assets", (key,))
    return parse_look(raw, folder, doc, allow_extends=True)


def embed_image(path: Path) -> str:
    """A ``data:`` URL for a PNG, JPEG, GIF or inert SVG of at most :data:`MAX_ASSET_BYTES`."""
    size = path.stat().st_size
    if size > MAX_ASSET_BYTES:
        raise SpecError(f"{path}: {size:,} bytes; images are limited to {MAX_ASSET_BYTES:,}")
    data = path.read_bytes()
    mime = next((m for magic, m in _MAGIC if data.startswith(magic)), None)
    if mime is None and _SVG_START.match(data):
        if _SVG_ACTIVE.search(data):
            raise SpecError(f"{path}: SVG with scripts, event handlers or external references")
        mime = "image/svg+xml"
    if mime is None:
        raise SpecError(f"{path}: not a PNG, JPEG, GIF or SVG image")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def read_css(path: Path) -> str:
    """An extra stylesheet: UTF-8, size-capped (its content is checked with the whole report)."""
    size = path.stat().st_size
    if size > MAX_CSS_BYTES:
        raise SpecError(f"{path}: {size:,} bytes; a stylesheet is limited to {MAX_CSS_BYTES:,}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SpecError(f"{path}: not UTF-8 text") from None
