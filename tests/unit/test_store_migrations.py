"""Schema migrations: numbered, the same on both backends, all of them or none."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from simulator.errors import StoreError
from simulator.store import migrations
from simulator.store.results_store import ResultStore
from tests.results_data import play


def _version(db: str) -> int:
    with ResultStore.open(db, create=False) as store:
        return int(store.db.value("SELECT version AS value FROM schema_info"))


def _columns(store: ResultStore) -> set[str]:
    row = store.db.one("SELECT * FROM attempts")
    assert row is not None
    return set(row.keys())


def test_fresh_store_gets_the_current_schema(db: str) -> None:
    ResultStore.open(db).close()
    assert _version(db) == migrations.schema_version() == len(migrations.MIGRATIONS)


def test_older_store_is_upgraded_and_keeps_its_rows(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ResultStore.open(db) as store:
        attempt = play(store, "alice")
    step = (
        "ALTER TABLE attempts ADD COLUMN reviewer TEXT",
        "CREATE INDEX attempts_by_reviewer ON attempts (reviewer)",
        "CREATE TABLE notes (id {id}, weight {real} NOT NULL)",
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, step))
    with ResultStore.open(db) as store:
        assert store.attempt(attempt).trainee_id == "alice"
        assert "reviewer" in _columns(store)
        store.db.execute("INSERT INTO notes (weight) VALUES (?)", (1.23456789012345,))
        assert store.db.value("SELECT weight AS value FROM notes") == 1.23456789012345
    assert _version(db) == len(migrations.MIGRATIONS)


def test_a_failing_migration_changes_nothing(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with ResultStore.open(db) as store:
        play(store, "alice")
    before = _version(db)
    broken = ("ALTER TABLE attempts ADD COLUMN reviewer TEXT", "THIS IS NOT SQL")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    with pytest.raises(StoreError):
        ResultStore.open(db)
    monkeypatch.undo()
    assert _version(db) == before
    with ResultStore.open(db) as store:
        assert store.count_attempts() == 1
        assert "reviewer" not in _columns(store)


def test_version_one_files_get_an_attempt_uuid_each(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(path)
    for step in migrations.MIGRATIONS[0]:
        assert isinstance(step, str)
        conn.execute(migrations.render(step, "sqlite"))
    conn.execute("UPDATE schema_info SET version = 1")
    conn.execute("INSERT INTO trainees (id, created_at) VALUES ('alice', '2026-01-01')")
    for n in (1, 2):
        conn.execute(
            "INSERT INTO attempts (trainee_id, scenario_id, scenario_version, scenario_hash, "
            "scenario_title, lang, seed, mode, attempt_no, started_at) "
            "VALUES ('alice', 's', '1', 'h', 't', 'en', 0, 'headless', ?, '2026-01-01')",
            (n,),
        )
    conn.commit()
    conn.close()
    with ResultStore.open(path) as store:
        ids = [a.uuid for a in store.attempts()]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert all(uuid.UUID(i).version == 4 for i in ids)
    assert _version(str(path)) == len(migrations.MIGRATIONS)
