r"""Reading the small settings files users write (specs, briefing.toml, people.yaml).

One reader, so every such file gets the same size cap, encoding check and error wording::

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.yaml"
    >>> _ = p.write_bytes(b"title: x\n")
    >>> read_settings_text(p, 100, "spec")
    'title: x\n'
"""

from __future__ import annotations

from pathlib import Path

from .errors import SpecError


def read_settings_text(path: str | Path, max_bytes: int, what: str = "file") -> str:
    """A size-capped UTF-8 settings file (spec, config, people file); errors name the file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read {what}: {exc.strerror or exc}", path=str(p)) from None
    if len(data) > max_bytes:
        raise SpecError(f"{what} over {max_bytes:,} bytes", path=str(p))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(f"invalid UTF-8 at byte {exc.start}", path=str(p)) from None
