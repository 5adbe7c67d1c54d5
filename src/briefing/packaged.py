"""Files Briefing ships as package data, found through :mod:`importlib.resources`.

The built-in templates live in ``src/briefing/templates/`` (one folder per audience plus
``base``), so a wheel installed anywhere renders exactly like a checkout. Jinja's loaders
need real folders, which an installed wheel provides. No Jinja import here: the scheduler
hashes these files on every run, and ``brief --help`` must stay fast.

    >>> (BUILTIN_TEMPLATES / "base" / "document.html.j2").is_file()
    True
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

BUILTIN_TEMPLATES = Path(str(files("briefing") / "templates"))
# What `brief init` copies into a new project (a config, a spec, a commented audience folder).
SCAFFOLD = Path(str(files("briefing") / "scaffold"))
