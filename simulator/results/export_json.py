"""JSON export: the same rows as CSV, typed, with scores nested and turns when asked."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import IO

from simulator.results.table import Selection, iso

FORMAT = "roleplay-results"
FORMAT_VERSION = 1


def attempt_json(selection: Selection, index: int, *, transcripts: bool) -> dict[str, object]:
    a = selection.attempts[index]
    flags = selection.flags[a.id]
    data: dict[str, object] = {
        "attempt_id": a.id,
        "trainee": {"id": a.trainee_id, "display_name": a.display_name, "cohort": a.cohort},
        "scenario": {
            "id": a.scenario_id,
            "title": a.scenario_title,
            "version": a.scenario_version,
            "hash": a.scenario_hash,
            "language": a.lang,
        },
        "mode": a.mode,
        "seed": a.seed,
        "attempt_no": a.attempt_no,
        "started_at": iso(a.started_at),
        "finished_at": iso(a.finished_at),
        "duration_seconds": a.duration_seconds,
        "status": a.status,
        "final_state": a.final_state,
        "outcome": a.outcome,
        "scores": dict(a.scores),
        "weights": dict(a.weights),
        "overall": a.overall,
        "pass_mark": a.pass_mark,
        "passed": a.passed,
        "is_first": flags.first,
        "is_best": flags.best,
        "is_latest": flags.latest,
        "disputes": dict(zip(("filed", "upheld"), selection.disputed(a.id), strict=True)),
    }
    if transcripts:
        data["opening"] = a.opening
        data["turns"] = [t.to_json(a.lang) for t in a.turns]
    return data


def write_json(
    out: IO[str],
    selection: Selection,
    *,
    transcripts: bool = False,
    now: datetime | None = None,
    advance: Callable[[], None] | None = None,
) -> int:
    attempts = []
    for i in range(len(selection.attempts)):
        attempts.append(attempt_json(selection, i, transcripts=transcripts))
        if advance is not None:
            advance()
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": iso(now or datetime.now(UTC)),
        "filters": selection.filters.to_json(),
        "dimensions": selection.dimensions(),
        "attempts": attempts,
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(attempts)
