"""Output formats of a brief (kept tiny: the CLI parses ``--format`` before anything heavy loads).

    >>> parse_formats("md, html")
    ('md', 'html')
"""

from __future__ import annotations

from .errors import SpecError

FORMATS = ("md", "html", "pdf")


def parse_formats(value: str | None) -> tuple[str, ...] | None:
    """``"md,html"`` -> ``("md", "html")``; ``None`` stays ``None`` (use the spec's formats)."""
    if value is None:
        return None
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise SpecError(f"--format takes a comma-separated subset of {','.join(FORMATS)}, not {value!r}")
    return formats
