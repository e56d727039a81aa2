"""Eight processes write into one results file at once: nothing lost, nothing doubled."""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from simulator.store.results_store import ResultStore

PROCESSES = 8
ATTEMPTS_EACH = 25
TURNS_EACH = 4


def _writer(path: str, worker: int, start: Any, contested: bool = False) -> None:
    """Play ATTEMPTS_EACH attempts; ``contested``: as two trainees every writer shares."""
    from tests.results_data import T0, make_grade, make_turn

    start.wait()
    # every worker opens the not-yet-created store at the same moment
    with ResultStore.open(path) as store:
        for n in range(ATTEMPTS_EACH):
            attempt = store.start_attempt(
                trainee_id=f"trainee-{n % 2}" if contested else f"trainee-{worker}",
                scenario_id="scenario" if contested else f"scenario-{n % 3}",
                scenario_version="1",
                scenario_hash="h",
                scenario_title="t",
                lang="en",
                seed=n,
                mode="headless",
                started_at=T0,
            )
            store.record_opening(attempt, "hello")
            for i in range(1, TURNS_EACH + 1):
                store.record_turn(attempt, make_turn(i, f"w{worker} a{n} t{i}"))
            store.finish_attempt(
                attempt,
                finished_at=T0,
                final_state="resolved",
                outcome="resolved",
                grade=make_grade(),
            )


def _eight_writers(target: str, *, contested: bool) -> None:
    """Eight processes write at once into ``target``: nothing lost, nothing doubled."""
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    workers = [
        ctx.Process(target=_writer, args=(target, w, start, contested)) for w in range(PROCESSES)
    ]
    for p in workers:
        p.start()
    began = time.monotonic()
    start.set()
    for p in workers:
        p.join(timeout=300)
    elapsed = time.monotonic() - began
    assert [p.exitcode for p in workers] == [0] * PROCESSES, "a writer failed (see its stderr)"

    with ResultStore.open(target, create=False) as store:
        attempts = store.attempts()
        turn_rows = store.db.value("SELECT COUNT(*) AS value FROM turns")
    assert len(attempts) == PROCESSES * ATTEMPTS_EACH
    assert turn_rows == PROCESSES * ATTEMPTS_EACH * TURNS_EACH
    texts = Counter(t.text for a in attempts for t in a.turns)
    assert len(texts) == PROCESSES * ATTEMPTS_EACH * TURNS_EACH and set(texts.values()) == {1}
    for a in attempts:
        assert [t.index for t in a.turns] == list(range(1, TURNS_EACH + 1))
        assert a.status == "complete" and a.opening == "hello"
    # attempt numbers per (trainee, scenario) are 1..n with no gap or repeat
    numbers: dict[tuple[str, str], list[int]] = {}
    for a in attempts:
        numbers.setdefault((a.trainee_id, a.scenario_id), []).append(a.attempt_no)
    for got in numbers.values():
        assert sorted(got) == list(range(1, len(got) + 1))
    if contested:
        assert len(numbers) == 2  # every writer numbered the same two trainees' attempts
    print(f"\n{PROCESSES} writers x {ATTEMPTS_EACH} attempts into {target[:10]}…: {elapsed:.2f} s")


@pytest.mark.slow
def test_eight_processes_share_one_file(tmp_path: Path) -> None:
    _eight_writers(str(tmp_path / "shared.sqlite3"), contested=False)


@pytest.mark.slow
def test_eight_postgresql_writers_lose_no_turn_and_number_attempts_1_to_n(pg_url: str) -> None:
    _eight_writers(pg_url, contested=True)


REPO = Path(__file__).resolve().parents[2]
SCENARIO = "angry-mail-outage-en"
REPLIES = REPO / "scenarios" / "replies" / f"{SCENARIO}.good.txt"


@pytest.mark.slow
def test_concurrent_headless_plays(tmp_path: Path) -> None:
    """Eight `roleplay play --replies` processes at once, three plays each, one file."""
    import json
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    db = tmp_path / "plays.sqlite3"

    def worker(w: int) -> list[dict[str, Any]]:
        results = []
        for n in range(3):
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "simulator.cli",
                    "play",
                    SCENARIO,
                    "--replies",
                    str(REPLIES),
                    "--db",
                    str(db),
                    "--trainee",
                    f"p{w}",
                    "--seed",
                    str(n),
                    "--json",
                ],
                capture_output=True,
                text=True,
                cwd=REPO,
                timeout=120,
                check=False,
            )
            assert done.returncode == 0, done.stderr
            results.append(json.loads(done.stdout))
        return results

    with ThreadPoolExecutor(PROCESSES) as pool:
        played = [r for batch in pool.map(worker, range(PROCESSES)) for r in batch]
    with ResultStore.open(db, create=False) as store:
        stored = {a.id: a for a in store.attempts()}
    assert len(stored) == len(played) == PROCESSES * 3
    for result in played:
        record = stored[result["session_id"]]
        assert len(record.turns) == len(result["turns"])
        assert record.overall == result["overall"]
        assert [t.text for t in record.turns] == [t["text"] for t in result["turns"]]
