"""The export table: one row per attempt, the same columns for CSV, XLSX and JSON.

First/best/latest flags are worked out over the trainee's whole history of the scenario,
so a date filter never turns an old attempt into a "first" one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import NamedTuple, Protocol

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

    def where(self, *, dated: bool = True) -> dict[str, object]:
        """The store's filter arguments; ``dated=False`` leaves out since/until."""
        out: dict[str, object] = {
            "trainee_id": self.trainee_id,
            "scenario_id": self.scenario_id,
            "cohort": self.cohort,
        }
        if dated:
            out.update(since=self.since, until=self.until)
        return out

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


class Attempts:
    """The selected attempts, read from the store again each time they are walked.

    Only a batch is in memory at a time, so an export of 100,000 attempts stays small.
    """

    def __init__(self, store: ResultStore, filters: Filters, *, with_turns: bool) -> None:
        self._store = store
        self._filters = filters
        self._with_turns = with_turns
        self._count: int | None = None

    def __iter__(self) -> Iterator[AttemptRecord]:
        return self._store.iter_attempts(**self._filters.where(), with_turns=self._with_turns)  # type: ignore[arg-type]

    def __len__(self) -> int:
        if self._count is None:
            condition = self._store.matching(**self._filters.where())
            self._count = self._store.count_matching(condition)
        return self._count

    def __contains__(self, item: object) -> bool:
        return any(a == item for a in self)


@dataclass(frozen=True, slots=True)
class Selection:
    """The attempts chosen for an export, oldest first, with their flags."""

    attempts: Collection[AttemptRecord]
    flags: dict[int, Flags]
    filters: Filters
    dimension_names: tuple[str, ...] | None = None
    disputes: dict[int, tuple[int, int]] = field(default_factory=dict)  # (filed, upheld)

    def disputed(self, attempt_id: int) -> tuple[int, int]:
        return self.disputes.get(attempt_id, (0, 0))

    def dimensions(self) -> list[str]:
        if self.dimension_names is not None:
            return dimension_order([dict.fromkeys(self.dimension_names)])
        return dimension_order(a.scores for a in self.attempts)


class _Brief(NamedTuple):
    id: int
    trainee_id: str
    scenario_id: str
    attempt_no: int
    overall: int | None


def select(
    store: ResultStore,
    filters: Filters,
    *,
    with_turns: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Selection:
    """The attempts ``filters`` pick out, flagged against their full history."""
    whole = store.matching(**filters.where(dated=False))
    history = [
        _Brief(int(r["id"]), r["trainee_id"], r["scenario_id"], int(r["attempt_no"]), r["overall"])
        for r in store.history(whole)
    ]
    if progress is not None:
        progress(len(history))
    picked = Attempts(store, filters, with_turns=with_turns)
    names = store.dimension_names(store.matching(**filters.where()))
    from simulator.store.disputes import Disputes

    return Selection(picked, flag(history), filters, tuple(names), Disputes(store).counts())


class _Attempt(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def trainee_id(self) -> str: ...
    @property
    def scenario_id(self) -> str: ...
    @property
    def attempt_no(self) -> int: ...
    @property
    def overall(self) -> int | None: ...


def flag(history: Iterable[_Attempt]) -> dict[int, Flags]:
    """First, best (highest overall; the earliest of equals) and latest per trainee+scenario."""
    groups: dict[tuple[str, str], list[_Attempt]] = {}
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
    "graded",
    "is_first",
    "is_best",
    "is_latest",
    "turns",
    "disputes",
    "disputes_upheld",
    "hints_used",  # last, where main's exports have it
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
        a.graded,
        flags.first,
        flags.best,
        flags.latest,
        a.turn_count,
        *disputed,
        a.hints_used,
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
