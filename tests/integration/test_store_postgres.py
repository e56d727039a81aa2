"""The PostgreSQL store: clear errors, never a local file for a URL, ROLEPLAY_DB as a URL.

Eight concurrent writers: tests/integration/test_store_concurrency.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.store.results_store import ResultStore


def test_a_url_never_becomes_a_local_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--db", "postgresql:/postgres@127.0.0.1:1/roleplay"]) == 2
    assert main(["trainees", "--db", "postgresql://postgres@127.0.0.1:1/roleplay"]) == 1
    assert "cannot reach the PostgreSQL server" in capsys.readouterr().err
    assert main(["export", "--db", "mysql://u@h/x"]) == 2
    assert os.listdir(tmp_path) == []


def test_a_wrong_password_is_named_without_the_password(
    pg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import psycopg

    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS roleplay_pw")
        conn.execute("CREATE ROLE roleplay_pw LOGIN PASSWORD 'right-one'")
    host = pg_server.split("@", 1)[1]
    assert main(["trainees", "--db", f"postgresql://roleplay_pw:Wr0ngSecret@{host}"]) == 1
    err = capsys.readouterr().err
    assert "refused the user name or password" in err
    assert "Wr0ngSecret" not in err and f"postgresql://roleplay_pw@{host}" in err


def test_missing_database_and_empty_database(
    pg_server: str, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = pg_server.rsplit("/", 1)[0]
    assert main(["export", "--db", f"{base}/no_such_db"]) == 1
    assert "no such database" in capsys.readouterr().err
    assert main(["export", "--db", pg_url]) == 1
    assert "roleplay db migrate" in capsys.readouterr().err
    with ResultStore.open(pg_url) as store:
        store.db.execute("UPDATE schema_info SET version = 99")
    assert main(["export", "--db", pg_url]) == 1
    assert "schema version 99, newer" in capsys.readouterr().err


def test_roleplay_db_may_name_the_server(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ROLEPLAY_DB", pg_url)
    monkeypatch.chdir(tmp_path)
    replies = Path(__file__).resolve().parents[2] / "scenarios" / "replies"
    good = replies / "angry-mail-outage-en.good.txt"
    assert (
        main(["play", "angry-mail-outage-en", "--replies", str(good), "--trainee", "gus", "--json"])
        == 0
    )
    played = json.loads(capsys.readouterr().out)
    with ResultStore.open() as store:
        assert store.path is None and store.target.postgresql
        record = store.attempt(played["session_id"])
    assert record.trainee_id == "gus" and record.turn_count > 0
    assert main(["report", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    session = str(played["session_id"])
    assert main(["debrief", session, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["session_id"] == played["session_id"]
    assert main(["replay", session, "--save", "--json"]) == 0
    capsys.readouterr()
    assert main(["trainees", "--json"]) == 0
    assert [t["trainee_id"] for t in json.loads(capsys.readouterr().out)] == ["gus"]
    assert main(["export", "--format", "xapi"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert os.listdir(tmp_path) == []


def test_a_failed_write_leaves_nothing_behind(db: str) -> None:
    from simulator.errors import StoreError

    with ResultStore.open(db) as store:
        with pytest.raises(StoreError), store.db.write() as tx:
            tx.execute("INSERT INTO trainees (id, created_at) VALUES ('hal', 'now')")
            tx.execute("INSERT INTO trainees (id, created_at) VALUES ('hal', 'again')")
        assert store.trainees() == []
        store.ensure_trainee("ida")  # the connection is usable afterwards
        assert [t[0] for t in store.trainees()] == ["ida"]
