"""`roleplay db`: copy between SQLite and PostgreSQL (again adds nothing twice), migrate, check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.store.results_store import ResultStore
from tests.results_data import T0, cohort_store, make_grade, make_turn, play


def _snapshot(db: str) -> list[tuple[object, ...]]:
    with ResultStore.open(db, create=False) as store:
        return [
            (
                a.uuid,
                a.trainee_id,
                a.display_name,
                a.cohort,
                a.scenario_id,
                a.attempt_no,
                a.started_at,
                a.finished_at,
                a.duration_seconds,
                a.status,
                a.outcome,
                a.opening,
                a.overall,
                a.passed,
                tuple(a.scores.items()),
                tuple(a.weights.items()),
                a.turns,
            )
            for a in store.attempts()
        ]


def test_copy_both_ways_loses_and_doubles_nothing(tmp_path: Path, pg_url: str) -> None:
    laptop = str(tmp_path / "laptop.sqlite3")
    cohort_store(laptop).close()
    with ResultStore.open(laptop) as store:  # a weight PostgreSQL's 4-byte real would round
        attempt = play(store, "dora", finish=False)
        store.finish_attempt(
            attempt,
            finished_at=T0,
            final_state="resolved",
            outcome="resolved",
            grade=make_grade({"empathy": 61, "avoided": 77}),
        )
        store.db.execute(
            "UPDATE scores SET weight = ? WHERE dimension = 'empathy'", (1.23456789012345,)
        )
    assert main(["db", "copy", laptop, pg_url]) == 0
    assert _snapshot(pg_url) == _snapshot(laptop)
    assert main(["db", "copy", laptop, pg_url]) == 0  # again: nothing doubled
    assert _snapshot(pg_url) == _snapshot(laptop)
    back = str(tmp_path / "back.sqlite3")
    assert main(["db", "copy", pg_url, back]) == 0
    assert _snapshot(back) == _snapshot(laptop)


def test_an_attempt_that_moved_on_is_brought_up_to_date(db: str, tmp_path: Path) -> None:
    laptop = str(tmp_path / "laptop.sqlite3")
    with ResultStore.open(laptop) as store:
        attempt = play(store, "erin", replies=("Hello.",), finish=False)
    with ResultStore.open(db) as shared:  # the shared store numbers erin's attempts already
        play(shared, "erin")
    assert main(["db", "push", db, "--db", laptop]) == 0
    with ResultStore.open(laptop) as store:
        store.record_turn(attempt, make_turn(2, "Fixed in ten minutes."))
        store.finish_attempt(
            attempt, finished_at=T0, final_state="resolved", outcome="resolved", grade=make_grade()
        )
        uuid = store.attempt(attempt).uuid
    assert main(["db", "push", db, "--db", laptop]) == 0
    with ResultStore.open(db) as shared:
        copied = [a for a in shared.attempts(trainee_id="erin") if a.uuid == uuid]
        assert [a.attempt_no for a in shared.attempts(trainee_id="erin")] == [1, 2]
    assert len(copied) == 1
    assert copied[0].status == "complete" and len(copied[0].turns) == 2
    assert copied[0].attempt_no == 2  # numbered after what the shared store had


def test_migrate_and_check(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "migrate", "--db", db]) == 0
    with ResultStore.open(db) as store:
        play(store, "fay")
    assert main(["db", "check", "--db", db, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["attempts"] == 1 and report["turns"] == 2
    assert report["schema_version"] == report["expected_version"]
    with ResultStore.open(db) as store:
        store.db.execute("UPDATE attempts SET uuid = NULL")
    assert main(["db", "check", "--db", db]) == 1
    assert "1 attempts without a UUID" in capsys.readouterr().out


def test_copy_to_itself_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "r.sqlite3")
    ResultStore.open(path).close()
    assert main(["db", "copy", path, path]) == 2
    assert "same database" in capsys.readouterr().err
