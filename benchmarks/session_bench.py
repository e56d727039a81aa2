"""Headless play throughput: whole attempts per second on a bundled scenario.

The analyser is the real one; grading included. Baseline in the same run: the same
attempts with a do-nothing analyser, so the cost of analysis shows as a ratio.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from scoring.context import ReplyContext
from scoring.signal import Analysis
from simulator.engine.headless import ScriptClock
from simulator.engine.replies import load_replies
from simulator.engine.session import Session
from simulator.scenario.catalog import load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = "angry-mail-outage-en"
ATTEMPTS = 200
RUNS = 5


def null_analyze(text: str, context: ReplyContext) -> Analysis:
    return Analysis(text, context.lang, ())


def attempts_per_second(analyze: object | None) -> float:
    scenario = load_scenario(SCENARIO)
    entries = load_replies(ROOT / "scenarios" / "replies" / f"{SCENARIO}.good.txt")
    start = time.perf_counter()
    for seed in range(ATTEMPTS):
        kwargs = {} if analyze is None else {"analyze": analyze}
        session = Session(scenario, clock=ScriptClock(), seed=seed, **kwargs)  # type: ignore[arg-type]
        session.open()
        for entry in entries:
            if session.finished:
                break
            session.submit(entry)
        session.close()
    return ATTEMPTS / (time.perf_counter() - start)


def main() -> None:
    real = statistics.median(attempts_per_second(None) for _ in range(RUNS))
    null = statistics.median(attempts_per_second(null_analyze) for _ in range(RUNS))
    print(f"scenario {SCENARIO}, {ATTEMPTS} attempts x {RUNS} runs (median)")
    print(f"real analyser + grading : {real:9.0f} attempts/s")
    print(f"null analyser + grading : {null:9.0f} attempts/s  (baseline)")
    print(f"ratio real/baseline     : {real / null:9.2f}")


if __name__ == "__main__":
    main()
