"""The session writes through the store as it plays; what is read back is what was played."""

from __future__ import annotations

from simulator.engine.clock import FakeClock
from simulator.engine.entry import Entry
from simulator.engine.session import Session
from simulator.scenario.reader import parse_scenario_text
from simulator.store.results_store import ResultStore
from tests.fake_analyzer import tag_analyze
from tests.scenario_text import MINIMAL

SCENARIO = parse_scenario_text(MINIMAL, "tiny.yaml")


def _session(store: ResultStore, clock: FakeClock) -> Session:
    return Session(
        SCENARIO, clock=clock, seed=3, trainee_id="mei", recorder=store, analyze=tag_analyze
    )


def test_a_played_attempt_reads_back_as_played(db: str) -> None:
    clock = FakeClock()
    with ResultStore.open(db) as store:
        session = _session(store, clock)
        opening = session.open()
        assert session.attempt_id is not None
        clock.advance(12)
        session.submit(Entry("[empathy] I understand"))
        # on disk already, before the attempt ends
        assert len(store.attempt(session.attempt_id).turns) == 1
        clock.advance(20)
        session.submit(
            Entry("[restate:no_mail] [eta] So no mail since nine; fixed within 10 minutes")
        )
        result = session.close()
        record = store.attempt(session.attempt_id)
    assert record.turns == result.transcript.turns
    assert record.opening == opening.text == record.turns[0].customer_line
    assert record.status == "complete" and record.outcome == "resolved"
    assert record.final_state == result.transcript.final_state
    assert dict(record.scores) == result.grade.scores()
    assert record.overall == result.grade.overall
    assert record.passed is result.grade.passed
    assert record.pass_mark == result.grade.pass_mark
    assert record.duration_seconds == 32.0
    assert (record.scenario_id, record.scenario_hash) == (SCENARIO.id, SCENARIO.version_hash)
    assert (record.trainee_id, record.seed, record.mode, record.attempt_no) == (
        "mei",
        3,
        "headless",
        1,
    )


def test_interrupted_before_the_first_reply(db: str) -> None:
    clock = FakeClock()
    with ResultStore.open(db) as store:
        first = _session(store, clock)
        opening = first.open()
        first.close()  # what Ctrl-C does
        second = _session(store, clock)
        second.open()
        assert first.attempt_id is not None and second.attempt_id is not None
        record = store.attempt(first.attempt_id)
        again = store.attempt(second.attempt_id)
        earlier = store.previous_attempts("mei", SCENARIO.id, second.attempt_id)
    assert record.turns == () and record.opening == opening.text
    # stored, but not graded: no reply was given
    assert record.status == "incomplete" and record.outcome is None and record.overall is None
    assert record.passed is None
    assert again.attempt_no == 2 and again.finished_at is None
    assert [a.id for a in earlier] == [first.attempt_id]
