"""The real servers some tests need: a throwaway PostgreSQL and a Learning Record Store.

``make test`` runs pytest, and the first test that needs a server starts it with the
scripts in scripts/ (installing Debian's postgresql, or the pinned LRS from npm, when
missing) and stops it when the run ends. ``ROLEPLAY_TEST_PG`` / ``ROLEPLAY_TEST_LRS``
point the tests at servers started some other way (the wrong-password test needs the
server to ask user ``roleplay_pw`` for a password, as scripts/pg-server.sh sets up in
pg_hba.conf; tests create schemas and that role). A server that cannot be started
fails the tests that need it, with what to do; nothing is skipped.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def started(script: str, env_name: str, handle_name: str, existing: str | None) -> Iterator[str]:
    """The server's address, started by ``scripts/SCRIPT start`` unless already given."""
    if existing:
        yield existing
        return
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / script), "start"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    values = dict(
        line.split("=", 1) for line in done.stdout.splitlines() if "=" in line and line[0].isupper()
    )
    if done.returncode != 0 or env_name not in values:
        pytest.fail(
            f"could not start the test server with scripts/{script}:\n{done.stderr.strip()}\n"
            f"Fix that, or set {env_name} to a running server's address.",
            pytrace=False,
        )
    try:
        yield values[env_name]
    finally:
        subprocess.run(
            ["bash", str(REPO / "scripts" / script), "stop", values[handle_name]],
            capture_output=True,
            check=False,
            timeout=120,
        )


def fresh_schema(server_url: str) -> str:
    """A URL whose connections use a new, empty schema of the test database."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in server_url else "?"
    return f"{server_url}{sep}options={quote(f'-csearch_path={name}')}"
