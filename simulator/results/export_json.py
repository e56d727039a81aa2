"""JSON export: the same rows as CSV, typed, with scores nested and turns when asked."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import IO

from simulator.results.table import Flags, Selection, iso
from simulator.store.record import AttemptRecord

FORMAT = "roleplay-results"
FORMAT_VERSION = 1


def attempt_json(
    a: AttemptRecord,
    flags: Flags,
    *,
    transcripts: bool,
    disputed: tuple[int, int] = (0, 0),
) -> dict[str, object]:
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
        "graded": a.graded,
        "is_first": flags.first,
        "is_best": flags.best,
        "is_latest": flags.latest,
        "disputes": dict(zip(("filed", "upheld"), disputed, strict=True)),
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
    """The export document, written an attempt at a time (an attempt per line)."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": iso(now or datetime.now(UTC)),
        "filters": selection.filters.to_json(),
        "dimensions": selection.dimensions(),
    }
    head = json.dumps(document, ensure_ascii=False, indent=2)
    out.write(head[: -len("\n}")] + ',\n  "attempts": ')
    items = (
        attempt_json(
            a,
            selection.flags[a.id],
            transcripts=transcripts,
            disputed=selection.disputed(a.id),
        )
        for a in selection.attempts
    )
    n = write_array(out, items, level=1, advance=advance)
    out.write("\n}\n")
    return n


def write_array(
    out: IO[str],
    items: Iterable[object],
    *,
    level: int = 0,
    advance: Callable[[], None] | None = None,
) -> int:
    """A JSON array written an item at a time, one item per line, indented to ``level``.

    One line per item keeps large exports readable with line tools (grep, head) and lets
    the standard library's C encoder do the work (an indented dump is several times
    slower)."""
    pad = "  " * (level + 1)
    n = 0
    for item in items:
        out.write(("[\n" if n == 0 else ",\n") + pad + json.dumps(item, ensure_ascii=False))
        n += 1
        if advance is not None:
            advance()
    out.write("[]" if n == 0 else "\n" + "  " * level + "]")
    return n
