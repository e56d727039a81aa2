"""Builders for results-store tests: grades, turns and a small populated store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from scoring.grade import DimensionScore, Grade
from scoring.rubric_spec import DEFAULT_WEIGHTS
from scoring.signal import Analysis, Signal
from scoring.transcript import Turn
from simulator.store.results_store import ResultStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make_grade(scores: dict[str, int] | None = None, pass_mark: int = 70) -> Grade:
    scores = scores or {name: 80 for name in DEFAULT_WEIGHTS}
    dims = tuple(
        DimensionScore(name, score, DEFAULT_WEIGHTS.get(name, 0.1), (), f"{name} summary")
        for name, score in scores.items()
    )
    total = sum(d.weight for d in dims) or 1.0
    overall = round(sum(d.score * d.weight for d in dims) / total)
    return Grade(dims, overall, overall >= pass_mark, pass_mark, (), ())


def make_turn(
    index: int, text: str = "I'm sorry, that sounds stressful.", lang: str = "en"
) -> Turn:
    analysis = Analysis(text, lang, (Signal("apology", (0, 3), text[:3], "test.apology"),))
    return Turn(
        index=index,
        text=text,
        response_seconds=12.5 + index,
        customer_line=f"customer line {index}",
        customer_reply=f"customer reply {index}",
        state_before="opening" if index == 1 else "listening",
        mood_before=-1,
        venting=True,
        state_after="listening",
        mood_after=0,
        patience_after=3,
        analysis=analysis,
    )


def play(
    store: ResultStore,
    trainee: str,
    scenario: str = "angry-mail-outage-en",
    *,
    started: datetime = T0,
    scores: dict[str, int] | None = None,
    replies: tuple[str, ...] = (
        "I'm sorry, that sounds stressful.",
        "It will be fixed in 10 minutes.",
    ),
    outcome: str | None = "resolved",
    version: str = "1.0",
    finish: bool = True,
) -> int:
    """Record one attempt the way a session does; returns its id."""
    attempt = store.start_attempt(
        trainee_id=trainee,
        scenario_id=scenario,
        scenario_version=version,
        scenario_hash=f"sha256:{scenario}-{version}",
        scenario_title=f"Title of {scenario}",
        lang="en",
        seed=7,
        mode="headless",
        started_at=started,
    )
    store.record_opening(attempt, "My mail is down!")
    for i, text in enumerate(replies, start=1):
        store.record_turn(attempt, make_turn(i, text))
    if finish:
        store.finish_attempt(
            attempt,
            finished_at=started + timedelta(minutes=3, seconds=30),
            final_state=outcome or "listening",
            outcome=outcome,
            grade=make_grade(scores),
        )
    return attempt


def cohort_store(path: Path) -> ResultStore:
    """Two cohorts, three trainees, two scenarios, a few attempts each."""
    store = ResultStore.open(path)
    store.ensure_trainee("alice", "Alice Wong", "2026-03")
    store.ensure_trainee("bob", "Bob", "2026-03")
    store.ensure_trainee("carol", None, "2026-04")
    low = {"empathy": 40, "restating": 50, "avoided": 60, "timeliness": 70, "escalation": 50}
    high = {"empathy": 90, "restating": 85, "avoided": 95, "timeliness": 80, "escalation": 90}
    mid = {"empathy": 70, "restating": 40, "avoided": 80, "timeliness": 75, "escalation": 70}
    play(store, "alice", started=T0, scores=low)
    play(store, "alice", started=T0 + timedelta(days=1), scores=high)
    play(store, "alice", started=T0 + timedelta(days=2), scores=mid)
    play(store, "bob", started=T0 + timedelta(hours=2), scores=low, outcome="hung_up")
    play(store, "bob", "vip-billing-en", started=T0 + timedelta(days=3), scores=high)
    play(store, "carol", started=T0 + timedelta(days=10), scores=mid, outcome=None)
    return store
