"""Schema migrations: an older file is upgraded in one transaction, or not at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simulator.errors import StoreError
from simulator.store import schema
from simulator.store.results_store import ResultStore
from tests.results_data import play


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT version FROM schema_info").fetchone()[0])
    finally:
        conn.close()


def test_statements_split_like_sqlite() -> None:
    script = "CREATE TABLE a (x TEXT DEFAULT ';');\nINSERT INTO a VALUES ('1;2');\n"
    assert schema._statements(script) == [
        "CREATE TABLE a (x TEXT DEFAULT ';');",
        "INSERT INTO a VALUES ('1;2');",
    ]


def test_fresh_file_gets_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    ResultStore.open(path).close()
    assert _version(path) == schema.SCHEMA_VERSION


def test_older_file_is_upgraded_and_keeps_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.db"
    with ResultStore.open(path) as store:
        attempt = play(store, "alice")
    step = "ALTER TABLE attempts ADD COLUMN reviewer TEXT;\nCREATE INDEX attempts_by_reviewer ON attempts (reviewer);"
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, step))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with ResultStore.open(path) as store:
        assert store.attempt(attempt).trainee_id == "alice"
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(attempts)")}
    assert "reviewer" in columns
    assert _version(path) == schema.SCHEMA_VERSION


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.db"
    with ResultStore.open(path) as store:
        play(store, "alice")
    before = _version(path)
    broken = "ALTER TABLE attempts ADD COLUMN reviewer TEXT;\nTHIS IS NOT SQL;"
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with pytest.raises(StoreError):
        ResultStore.open(path)
    assert _version(path) == before
    conn = sqlite3.connect(path)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(attempts)")}
    conn.close()
    assert "reviewer" not in columns
    monkeypatch.undo()
    with ResultStore.open(path) as store:
        assert store.count_attempts() == 1
