"""The export table: one row per attempt, the same columns for CSV, XLSX and JSON.

First/best/latest flags are worked out over the trainee's whole history of the scenario,
so a date filter never turns an old attempt into a "first" one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from scoring.rubric_spec import DIMENSIONS, OPTIONAL_DIMENSIONS
from simulator.store.results_store import AttemptRecord, ResultStore

Cell = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Filters:
    """What to export; None means no limit. ``until`` is inclusive."""

    since: date | datetime | None = None
    until: date | datetime | None = None
    trainee_id: str | None = None
    cohort: str | None = None
    scenario_id: str | None = None

    def to_json(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key in ("since", "until", "trainee_id", "cohort", "scenario_id"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value.isoformat() if isinstance(value, date) else str(value)
        return out


@dataclass(frozen=True, slots=True)
class Flags:
    first: bool
    best: bool
    latest: bool


@dataclass(frozen=True, slots=True)
class Selection:
    """The attempts chosen for an export, oldest first, with their flags."""

    attempts: tuple[AttemptRecord, ...]
    flags: dict[int, Flags]
    filters: Filters
    disputes: dict[int, tuple[int, int]] = field(default_factory=dict)  # (filed, upheld)

    def disputed(self, attempt_id: int) -> tuple[int, int]:
        return self.disputes.get(attempt_id, (0, 0))

    def dimensions(self) -> list[str]:
        return dimension_order(a.scores for a in self.attempts)


def select(
    store: ResultStore,
    filters: Filters,
    *,
    with_turns: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Selection:
    """Read the attempts ``filters`` pick out, and flag them against their full history."""
    history = store.attempts(
        trainee_id=filters.trainee_id,
        scenario_id=filters.scenario_id,
        cohort=filters.cohort,
        with_turns=False,
    )
    if progress is not None:
        progress(len(history))
    picked = store.attempts(
        trainee_id=filters.trainee_id,
        scenario_id=filters.scenario_id,
        cohort=filters.cohort,
        since=filters.since,
        until=filters.until,
        with_turns=with_turns,
    )
    from simulator.store.disputes import Disputes

    return Selection(tuple(picked), flag(history), filters, Disputes(store).counts())


def flag(history: Iterable[AttemptRecord]) -> dict[int, Flags]:
    """First, best (highest overall; the earliest of equals) and latest per trainee+scenario."""
    groups: dict[tuple[str, str], list[AttemptRecord]] = {}
    for a in history:
        groups.setdefault((a.trainee_id, a.scenario_id), []).append(a)
    out: dict[int, Flags] = {}
    for attempts in groups.values():
        attempts.sort(key=lambda a: (a.attempt_no, a.id))
        graded = [a for a in attempts if a.overall is not None]
        best = max(graded, key=lambda a: (a.overall or 0, -a.attempt_no)).id if graded else None
        for a in attempts:
            out[a.id] = Flags(first=a is attempts[0], best=a.id == best, latest=a is attempts[-1])
    return out


def dimension_order(score_maps: Iterable[Mapping[str, object]]) -> list[str]:
    """Every dimension seen: the rubric's order first, then any others by name."""
    seen: set[str] = set()
    for scores in score_maps:
        seen.update(scores.keys())
    known = [d for d in (*DIMENSIONS, *OPTIONAL_DIMENSIONS) if d in seen]
    return known + sorted(seen - set(known))


def iso(moment: datetime | None) -> str | None:
    """UTC ISO 8601 to the second with a Z, as spreadsheets and LMSs read it."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


BASE_COLUMNS: tuple[str, ...] = (
    "attempt_id",
    "trainee_id",
    "display_name",
    "cohort",
    "scenario_id",
    "scenario_title",
    "scenario_version",
    "scenario_hash",
    "language",
    "mode",
    "seed",
    "attempt_no",
    "started_at",
    "finished_at",
    "duration_seconds",
    "status",
    "final_state",
    "outcome",
)
TAIL_COLUMNS: tuple[str, ...] = (
    "overall",
    "pass_mark",
    "passed",
    "is_first",
    "is_best",
    "is_latest",
    "turns",
    "disputes",
    "disputes_upheld",
)


def columns(dimensions: Sequence[str], *, transcripts: bool = False) -> list[str]:
    cols = [*BASE_COLUMNS, *(f"score_{d}" for d in dimensions), *TAIL_COLUMNS]
    if transcripts:
        cols.append("transcript")
    return cols


def row(
    a: AttemptRecord,
    flags: Flags,
    dimensions: Sequence[str],
    *,
    transcripts: bool = False,
    disputed: tuple[int, int] = (0, 0),
) -> list[Cell]:
    """The attempt's cells in :func:`columns` order (typed: numbers stay numbers)."""
    cells: list[Cell] = [
        a.id,
        a.trainee_id,
        a.display_name,
        a.cohort,
        a.scenario_id,
        a.scenario_title,
        a.scenario_version,
        a.scenario_hash,
        a.lang,
        a.mode,
        a.seed,
        a.attempt_no,
        iso(a.started_at),
        iso(a.finished_at),
        None if a.duration_seconds is None else round(a.duration_seconds, 1),
        a.status,
        a.final_state,
        a.outcome,
    ]
    cells += [a.scores.get(d) for d in dimensions]
    cells += [
        a.overall,
        a.pass_mark,
        a.passed,
        flags.first,
        flags.best,
        flags.latest,
        a.turn_count,
        *disputed,
    ]
    if transcripts:
        cells.append(transcript_text(a))
    return cells


def transcript_text(a: AttemptRecord) -> str:
    """The conversation as plain text, one line per utterance, for a single cell."""
    lines: list[str] = []
    if a.opening:
        lines.append(f"Customer: {a.opening}")
    for t in a.turns:
        lines.append(f"Trainee (turn {t.index}, {t.response_seconds:.1f} s): {t.text}")
        if t.customer_reply:
            lines.append(f"Customer: {t.customer_reply}")
    return "\n".join(lines)
