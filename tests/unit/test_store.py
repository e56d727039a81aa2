"""The results store: the session's API, attempt numbering, filters, round trips."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.transcript import Turn
from simulator.store.results_store import ResultStore, default_path
from simulator.store.target import parse_target
from tests.results_data import T0, cohort_store, make_grade, make_turn, play
from tests.strategies import turns


def test_new_file_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "results.sqlite3"
    with ResultStore.open(path) as store:
        assert store.path == path
        play(store, "alice")
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for sidecar in (Path(str(path) + "-wal"), Path(str(path) + "-shm")):
        if sidecar.exists():
            assert stat.S_IMODE(sidecar.stat().st_mode) & 0o077 == 0


def test_default_path_follows_roleplay_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEPLAY_DB", str(tmp_path / "x.sqlite3"))
    assert parse_target(None).path == tmp_path / "x.sqlite3"
    with ResultStore.open() as store:
        assert store.path == tmp_path / "x.sqlite3"
    monkeypatch.delenv("ROLEPLAY_DB")
    assert parse_target(None).path == default_path()
    assert default_path().name == "results.sqlite3"


def test_attempt_round_trip(db: str) -> None:
    with ResultStore.open(db) as store:
        store.ensure_trainee("alice", "Alice", "march")
        attempt = play(store, "alice", scores={"empathy": 55, "avoided": 90})
        record = store.attempt(attempt)
    assert record.id == attempt
    assert record.trainee_id == "alice"
    assert record.display_name == "Alice"
    assert record.cohort == "march"
    assert record.scenario_id == "angry-mail-outage-en"
    assert record.scenario_hash == "sha256:angry-mail-outage-en-1.0"
    assert record.attempt_no == 1
    assert record.started_at == T0
    assert record.finished_at == T0 + timedelta(minutes=3, seconds=30)
    assert record.duration_seconds == 210.0
    assert record.status == "complete"
    assert record.outcome == "resolved"
    assert dict(record.scores) == {"empathy": 55, "avoided": 90}
    assert list(record.scores) == ["empathy", "avoided"]  # the grade's order
    assert record.overall == make_grade({"empathy": 55, "avoided": 90}).overall
    assert record.passed is (record.overall is not None and record.overall >= 70)
    assert record.pass_mark == 70
    assert record.opening == "My mail is down!"
    assert record.turns == (make_turn(1), make_turn(2, "It will be fixed in 10 minutes."))


def test_attempt_numbers_count_per_trainee_and_scenario(db: str) -> None:
    with ResultStore.open(db) as store:
        a1 = play(store, "alice")
        b1 = play(store, "bob")
        a2 = play(store, "alice")
        a_other = play(store, "alice", "vip-billing-en")
        numbers = {a.id: a.attempt_no for a in store.attempts()}
    assert numbers == {a1: 1, b1: 1, a2: 2, a_other: 1}


def test_stopped_early_is_incomplete_but_graded(db: str) -> None:
    with ResultStore.open(db) as store:
        attempt = play(store, "alice", outcome=None)
        record = store.attempt(attempt)
    assert record.status == "incomplete"
    assert record.outcome is None
    assert record.overall is not None


def test_interrupted_before_first_reply_keeps_the_opening(db: str) -> None:
    with ResultStore.open(db) as store:
        attempt = play(store, "alice", replies=(), finish=False)
    with ResultStore.open(db, create=False) as store:
        record = store.attempt(attempt)
    assert record.turns == ()
    assert record.opening == "My mail is down!"
    assert record.status == "incomplete"
    assert record.overall is None and record.passed is None and dict(record.scores) == {}
    assert record.finished_at is None


def test_turns_are_on_disk_before_the_attempt_finishes(db: str) -> None:
    writer = ResultStore.open(db)
    attempt = play(writer, "alice", finish=False)
    with ResultStore.open(db) as reader:  # another connection, as another process would
        assert len(reader.attempt(attempt).turns) == 2
    writer.close()


def test_save_grade_replaces_scores(db: str) -> None:
    with ResultStore.open(db) as store:
        attempt = play(store, "alice")
        store.save_grade(attempt, make_grade({"empathy": 10, "timeliness": 20}))
        record = store.attempt(attempt)
    assert dict(record.scores) == {"empathy": 10, "timeliness": 20}
    assert record.passed is False
    assert record.status == "complete"


def test_record_turn_again_replaces_it(db: str) -> None:
    with ResultStore.open(db) as store:
        attempt = play(store, "alice", finish=False)
        store.record_turn(attempt, make_turn(2, "changed"))
        assert [t.text for t in store.attempt(attempt).turns] == [
            "I'm sorry, that sounds stressful.",
            "changed",
        ]


def test_filters_latest_and_previous(db: str) -> None:
    with cohort_store(db) as store:
        everyone = store.attempts()
        assert len(everyone) == 6
        assert [a.id for a in everyone] == sorted(a.id for a in everyone)
        assert {a.trainee_id for a in store.attempts(cohort="2026-03")} == {"alice", "bob"}
        assert len(store.attempts(trainee_id="alice")) == 3
        assert len(store.attempts(scenario_id="vip-billing-en")) == 1
        # a bare date covers the whole day; until is inclusive
        assert len(store.attempts(since=date(2026, 3, 2), until=date(2026, 3, 2))) == 2
        assert len(store.attempts(since=T0 + timedelta(days=1))) == 4
        assert len(store.attempts(until=T0)) == 1
        assert store.attempts(with_turns=False)[0].turns == ()
        last = store.latest_attempt_id()
        assert last == everyone[-1].id
        alice = [a.id for a in store.attempts(trainee_id="alice")]
        assert store.latest_attempt_id("alice") == alice[-1]
        assert store.latest_attempt_id("nobody") is None
        earlier = store.previous_attempts("alice", "angry-mail-outage-en", alice[-1])
        assert [a.id for a in earlier] == alice[:2]


def test_empty_store_answers_empty(db: str) -> None:
    with ResultStore.open(db) as store:
        assert store.attempts() == []
        assert store.latest_attempt_id() is None


def test_ensure_trainee_keeps_what_is_not_given(db: str) -> None:
    with ResultStore.open(db) as store:
        store.ensure_trainee("alice", "Alice", "march")
        store.ensure_trainee("alice")
        store.ensure_trainee("alice", cohort="april")
        assert store.trainees() == [("alice", "Alice", "april")]


def test_reopen_keeps_data_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with ResultStore.open(path) as store:
        play(store, "alice")
    with ResultStore.open(path) as store:
        assert store.count_attempts() == 1
        (version,) = store.conn.execute("SELECT version FROM schema_info").fetchone()
    assert version >= 1
    assert os.path.getsize(path) > 0


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(turn=st.sampled_from(("en", "zh")).flatmap(lambda lang: turns(1, lang)))
def test_any_turn_round_trips_exactly(db: str, turn: Turn) -> None:
    with ResultStore.open(db) as store:
        attempt = store.start_attempt(
            trainee_id="p",
            scenario_id="s",
            scenario_version="1",
            scenario_hash="h",
            scenario_title="t",
            lang=turn.analysis.lang if turn.analysis else "en",
            seed=0,
            mode="headless",
            started_at=T0,
        )
        store.record_turn(attempt, turn)
        assert store.attempt(attempt).turns == (turn,)


def test_headless_duration_is_the_time_the_replies_took(db: str) -> None:
    with ResultStore.open(db) as store:
        attempt = play(store, "alice", finish=False)  # turns of 13.5 s and 14.5 s
        store.finish_attempt(
            attempt, finished_at=T0, final_state="resolved", outcome="resolved", grade=make_grade()
        )
        assert store.attempt(attempt).duration_seconds == 28.0
