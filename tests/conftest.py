"""Fixtures shared by every test folder: the results-store targets and the test LRS."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.services import fresh_schema, started

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of the test PostgreSQL database (started for this run when needed)."""
    with started(
        "pg-server.sh",
        "ROLEPLAY_TEST_PG",
        "ROLEPLAY_TEST_PG_DIR",
        os.environ.get("ROLEPLAY_TEST_PG"),
    ) as url:
        yield url


@pytest.fixture(scope="session")
def lrs_endpoint() -> Iterator[str]:
    """The statements endpoint base of the test LRS, ending in '/'."""
    with started(
        "lrs-server.sh",
        "ROLEPLAY_TEST_LRS",
        "ROLEPLAY_TEST_LRS_PID",
        os.environ.get("ROLEPLAY_TEST_LRS"),
    ) as url:
        yield url if url.endswith("/") else url + "/"


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A PostgreSQL results target of its own for one test (a fresh schema)."""
    return fresh_schema(pg_server)


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh results target on each backend: an SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "results.sqlite3")
    return fresh_schema(request.getfixturevalue("pg_server"))
