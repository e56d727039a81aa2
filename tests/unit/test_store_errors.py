"""Missing, locked, corrupt, foreign and newer-schema databases: clear errors, files untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.errors import StoreError
from simulator.store import sqlite_backend as schema
from simulator.store.results_store import ResultStore
from tests.results_data import make_turn, play


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_missing_database_for_readers(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite3"
    with pytest.raises(StoreError, match="no results database here") as info:
        ResultStore.open(path, create=False)
    assert "--db" in str(info.value)
    assert not path.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a database, just some text\n" * 50,
        b"SQLite format 3\x00" + b"\xff" * 4080,  # right magic, garbage header
        bytes(range(256)) * 16,
    ],
)
def test_corrupt_file_is_refused_and_left_byte_identical(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "results.sqlite3"
    path.write_bytes(content)
    before = _files(tmp_path)
    with pytest.raises(StoreError) as info:
        ResultStore.open(path)
    message = str(info.value)
    assert str(path) in message
    assert "left untouched" in message or "not a" in message
    assert _files(tmp_path) == before  # byte-identical, and no -wal/-shm/-journal left behind


def test_corrupt_file_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "results.sqlite3"
    path.write_bytes(b"not a database" * 100)
    before = path.read_bytes()
    code = main(["export", "--format", "csv", "--db", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "not a readable roleplay results database" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with ResultStore.open(path) as store:
        play(store, "alice")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_info SET version = 99")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _files(tmp_path)
    with pytest.raises(StoreError, match="schema version 99, newer") as info:
        ResultStore.open(path)
    assert "upgrade roleplay" in str(info.value)
    assert _files(tmp_path) == before


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    conn.commit()
    conn.close()
    before = _files(tmp_path)
    with pytest.raises(StoreError, match="belongs to another program"):
        ResultStore.open(path)
    assert _files(tmp_path) == before


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        ResultStore.open(tmp_path)


def test_locked_database_gives_a_readable_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.db"
    with ResultStore.open(path) as store:
        play(store, "alice")
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with ResultStore.open(path) as store:
            assert store.count_attempts() == 1  # readers are not blocked (WAL)
            with pytest.raises(StoreError, match="locked by another program") as info:
                play(store, "bob")
            assert "try again" in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with ResultStore.open(path) as store:
        assert [a.trainee_id for a in store.attempts()] == ["alice"]


def test_unknown_attempt(tmp_path: Path) -> None:
    with (
        ResultStore.open(tmp_path / "r.db") as store,
        pytest.raises(StoreError, match="no attempt 42"),
    ):
        store.attempt(42)
    with (
        ResultStore.open(tmp_path / "r.db") as store,
        pytest.raises(StoreError, match="no attempt 42"),
    ):
        store.record_turn(42, make_turn(1))


def test_closed_store(tmp_path: Path) -> None:
    store = ResultStore.open(tmp_path / "r.db")
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.attempts()
