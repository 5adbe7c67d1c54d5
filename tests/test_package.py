"""The wheel is a working Briefing: built, installed into a fresh virtualenv outside the checkout,
and used from a temporary folder to build the default brief in every format (issue #17).

No network: the wheel is built with ``--no-build-isolation`` from the development tools already
installed, and the fresh environment finds its dependencies (Jinja2, WeasyPrint ...) through a
``.pth`` line naming this environment's site-packages, after its own. Briefing itself must come
from the wheel, never from the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*cmd: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{cmd}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel built from a copy of the sources installed into it."""
    tmp = tmp_path_factory.mktemp("wheel")
    project = tmp / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "-w", tmp / "dist", project)
    wheels = list((tmp / "dist").glob("briefing-*.whl"))
    assert len(wheels) == 1
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", "--no-deps",
         "--no-index", wheels[0])
    site = Path(_run(venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip())
    (site / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    shutil.rmtree(project)  # nothing may be read from the sources any more
    return venv


def test_the_wheel_ships_templates_and_no_missing_package_data(installed: Path) -> None:
    code = ("import briefing, briefing.packaged as p; print(briefing.__file__); "
            "print(sorted(d.name for d in p.BUILTIN_TEMPLATES.iterdir()))")
    where, folders = _run(installed / "bin" / "python", "-c", code).splitlines()
    assert where.startswith(str(installed)), where  # the wheel, not the checkout
    assert folders == "['analyst', 'base', 'executive']"


def test_installed_brief_builds_the_default_brief_in_every_format(installed: Path, tmp_path: Path,
                                                                  seeds_dir: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(seeds_dir, work / "articles")
    shutil.copy(ROOT / "briefs" / "default.yaml", work / "default.yaml")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("BRIEFING_STORE", None)
    env.pop("BRIEFING_CONFIG", None)
    brief = installed / "bin" / "brief"
    _run(brief, "ingest", "articles", cwd=work, env=env)
    _run(brief, "build", "default.yaml", "--format", "md,html,pdf", cwd=work, env=env)
    reports = work / "reports"
    assert "## Timeline" in (reports / "default.md").read_text(encoding="utf-8")
    assert "<section class=\"section section-timeline" in (reports / "default.html").read_text(encoding="utf-8")
    assert (reports / "default.pdf").read_bytes().startswith(b"%PDF-")
    listing = _run(brief, "templates", "--audience", "executive", cwd=work, env=env)
    assert str(installed) in listing and str(ROOT) not in listing


def test_installed_brief_scaffolds_and_builds_the_one_page_board_brief(installed: Path, tmp_path: Path,
                                                                       seeds_dir: Path) -> None:
    from pypdf import PdfReader

    env = {k: v for k, v in os.environ.items() if k not in ("BRIEFING_STORE", "BRIEFING_CONFIG")}
    brief = installed / "bin" / "brief"
    _run(brief, "init", "board-project", cwd=tmp_path, env=env)
    project = tmp_path / "board-project"
    for article in seeds_dir.iterdir():
        shutil.copy(article, project / "articles")
    out = _run(brief, "build", "--all", cwd=project, env=env)
    assert "built     briefs/board.yaml" in out
    assert len(PdfReader(project / "reports" / "board.pdf").pages) == 1
    html = (project / "reports" / "board.html").read_text(encoding="utf-8")
    assert 'class="logo" src="data:image/svg+xml;base64,' in html and "section-recommendations" in html
