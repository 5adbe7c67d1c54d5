"""Shared fixtures: the seeds, their gold annotation, a fresh store, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "fixtures" / "seeds-gold.yaml"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "corpus.db"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the seeds ingested and extracted once per test session (read-only use)."""
    from briefing.pipeline import ingest
    from briefing.store import Store

    path = tmp_path_factory.mktemp("seeds") / "corpus.db"
    with Store(path) as st:
        report = ingest(st, [SEEDS])
    assert report.new == 5 and not report.errors, report.errors
    return path


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the session (see tests/pg_cluster.py)."""
    from tests.pg_cluster import cluster

    with cluster() as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str):
    """An empty database of its own on the session's server."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
