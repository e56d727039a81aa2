"""`roleplay replay`: regrade a stored attempt or a transcript file with the current rubric."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from scoring.safe_text import json_terminal_safe


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "replay",
        help="regrade an attempt with the current rubric",
        description=(
            "Regrade a stored attempt (session id) or a transcript file (from `roleplay debrief "
            "--format json`) with the current phrasebooks and rubric. The dialogue is kept as "
            "it was played; the replies are analysed again unless --keep-signals. Warns when the "
            "scenario has changed since the attempt was played."
        ),
    )
    p.add_argument("attempt", metavar="TRANSCRIPT_OR_SESSION")
    p.add_argument(
        "--keep-signals", action="store_true", help="grade the signals found at the time"
    )
    p.add_argument("--save", action="store_true", help="store the new grade for a session id")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--db", metavar="PATH|URL", help="results database")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.results.regrade import load_attempt, regrade
    from simulator.scenario.catalog import load_scenario
    from simulator.store.disputes import Disputes
    from simulator.store.results_store import ResultStore

    store = ResultStore.open(args.db, create=False) if args.attempt.isdigit() else None
    try:
        attempt = load_attempt(args.attempt, store)
        scenario = load_scenario(attempt.scenario_id)
        rulings = (
            Disputes(store).list("upheld", attempt_id=attempt.record.id)
            if store is not None and attempt.record is not None
            else []
        )
        result = regrade(attempt, scenario, keep_signals=args.keep_signals, rulings=rulings)
        if args.save and store is not None and attempt.record is not None:
            store.save_grade(attempt.record.id, result.grade)
    finally:
        if store is not None:
            store.close()
    if result.scenario_changed:
        sys.stderr.write(
            f"roleplay: warning: scenario '{scenario.id}' has changed since {attempt.source} was "
            f"played (version {attempt.played_hash} then, {scenario.version_hash} now)\n"
        )
    new = result.grade
    if args.json:
        data = {
            "source": attempt.source,
            "scenario": scenario.id,
            "played_hash": attempt.played_hash,
            "current_hash": scenario.version_hash,
            "scenario_changed": result.scenario_changed,
            "old": {"scores": result.old_scores, "overall": result.old_overall},
            "scores": new.scores(),
            "overall": new.overall,
            "passed": new.passed,
            "reasons": list(new.reasons),
            "saved": bool(args.save and attempt.record is not None),
        }
        sys.stdout.write(
            json_terminal_safe(json.dumps(data, ensure_ascii=False, sort_keys=True)) + "\n"
        )
        return 0
    from simulator.tui.tables import regrade_table
    from simulator.tui.terminal import safe, stdout_console

    table = regrade_table(
        f"Regrade of {attempt.source} — {scenario.id}",
        new.scores(),
        result.old_scores,
        new.overall,
        result.old_overall,
    )
    console = stdout_console()
    console.print(table)
    console.print(safe("Passed" if new.passed else "Not passed: " + "; ".join(new.reasons)))
    return 0
