"""Cohort figures shared by the report and the XLSX summary sheet (pure functions)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from simulator.results.table import dimension_order
from simulator.store.results_store import AttemptRecord

NO_COHORT = "(no cohort)"
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True, slots=True)
class TraineeSummary:
    trainee_id: str
    display_name: str | None
    cohort: str | None
    attempts: int
    latest: int | None
    best: int | None
    passed: bool  # the latest graded attempt passed
    ever_passed: bool  # the scenario of the latest graded attempt was passed before
    progress: tuple[int, ...]  # overall of each graded attempt, oldest first
    margins: tuple[int, ...] = ()  # overall minus that scenario's pass mark, oldest first
    scenarios_tried: int = 0  # scenarios with a graded attempt
    scenarios_passed: int = 0  # of those, the ones whose latest attempt passed


@dataclass(frozen=True, slots=True)
class ScenarioSummary:
    scenario_id: str
    title: str
    attempts: int
    graded: int
    passed: int
    pass_mark: int | None = None  # the pass mark of its latest attempt

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.graded if self.graded else None


@dataclass(frozen=True, slots=True)
class CohortSummary:
    cohort: str
    trainees: int
    attempts: int
    complete: int
    graded: int
    passed: int
    average_overall: float | None
    dimension_averages: dict[str, float]
    weakest: str | None

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.graded if self.graded else None


def graded(attempts: Iterable[AttemptRecord]) -> list[AttemptRecord]:
    return [a for a in attempts if a.overall is not None]


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def dimension_averages(attempts: Sequence[AttemptRecord]) -> dict[str, float]:
    """Average score per dimension over the attempts that scored it."""
    out: dict[str, float] = {}
    for name in dimension_order(a.scores for a in attempts):
        values = [float(a.scores[name]) for a in attempts if name in a.scores]
        found = mean(values)
        if found is not None:
            out[name] = found
    return out


def weakest(averages: dict[str, float]) -> str | None:
    """The dimension with the lowest average (the first of equals, in rubric order)."""
    if not averages:
        return None
    return min(averages, key=lambda name: averages[name])


def trainees(attempts: Sequence[AttemptRecord]) -> list[TraineeSummary]:
    by: dict[str, list[AttemptRecord]] = {}
    for a in attempts:
        by.setdefault(a.trainee_id, []).append(a)
    out: list[TraineeSummary] = []
    for trainee_id in sorted(by, key=natural_key):
        mine = sorted(by[trainee_id], key=lambda a: (a.started_at, a.id))
        scored = graded(mine)
        last = scored[-1] if scored else None
        latest_per_scenario = {a.scenario_id: a for a in scored}
        same = [a for a in scored[:-1] if last is not None and a.scenario_id == last.scenario_id]
        out.append(
            TraineeSummary(
                trainee_id=trainee_id,
                display_name=mine[-1].display_name,
                cohort=mine[-1].cohort,
                attempts=len(mine),
                latest=last.overall if last else None,
                best=max(a.overall or 0 for a in scored) if scored else None,
                passed=bool(last and last.passed),
                ever_passed=any(a.passed for a in same) or bool(last and last.passed),
                progress=tuple(a.overall or 0 for a in scored),
                margins=tuple((a.overall or 0) - (a.pass_mark or 0) for a in scored),
                scenarios_tried=len(latest_per_scenario),
                scenarios_passed=sum(1 for a in latest_per_scenario.values() if a.passed),
            )
        )
    return out


def scenarios(attempts: Sequence[AttemptRecord]) -> list[ScenarioSummary]:
    by: dict[str, list[AttemptRecord]] = {}
    for a in attempts:
        by.setdefault(a.scenario_id, []).append(a)
    return [
        ScenarioSummary(
            scenario_id=sid,
            title=by[sid][-1].scenario_title,
            attempts=len(by[sid]),
            graded=len(graded(by[sid])),
            passed=sum(1 for a in by[sid] if a.passed),
            pass_mark=next(
                (a.pass_mark for a in reversed(by[sid]) if a.pass_mark is not None), None
            ),
        )
        for sid in sorted(by)
    ]


def progress_by_scenario(attempts: Sequence[AttemptRecord]) -> dict[str, list[float]]:
    """Per scenario, the average overall of every trainee's n-th graded attempt at it."""
    runs: dict[str, dict[str, list[int]]] = {}
    for a in sorted(graded(attempts), key=lambda a: (a.started_at, a.id)):
        runs.setdefault(a.scenario_id, {}).setdefault(a.trainee_id, []).append(a.overall or 0)
    out: dict[str, list[float]] = {}
    for sid in sorted(runs):
        series = list(runs[sid].values())
        longest = max(len(s) for s in series)
        out[sid] = [
            sum(s[n] for s in series if len(s) > n) / sum(1 for s in series if len(s) > n)
            for n in range(longest)
        ]
    return out


def dimension_pass_marks(attempts: Sequence[AttemptRecord]) -> dict[str, float]:
    """Per dimension, the average pass mark of the attempts that scored it."""
    out: dict[str, float] = {}
    for name in dimension_order(a.scores for a in attempts):
        marks = [float(a.pass_mark) for a in attempts if name in a.scores and a.pass_mark]
        found = mean(marks)
        if found is not None:
            out[name] = found
    return out


def cohort(name: str, attempts: Sequence[AttemptRecord]) -> CohortSummary:
    scored = graded(attempts)
    averages = dimension_averages(scored)
    return CohortSummary(
        cohort=name,
        trainees=len({a.trainee_id for a in attempts}),
        attempts=len(attempts),
        complete=sum(1 for a in attempts if a.complete),
        graded=len(scored),
        passed=sum(1 for a in scored if a.passed),
        average_overall=mean([float(a.overall or 0) for a in scored]),
        dimension_averages=averages,
        weakest=weakest(averages),
    )


def cohorts(attempts: Sequence[AttemptRecord]) -> list[CohortSummary]:
    """One summary per cohort (by name; trainees without one last), then "All"."""
    by: dict[str, list[AttemptRecord]] = {}
    for a in attempts:
        by.setdefault(a.cohort or NO_COHORT, []).append(a)
    names = sorted(n for n in by if n != NO_COHORT)
    if NO_COHORT in by:
        names.append(NO_COHORT)
    out = [cohort(n, by[n]) for n in names]
    if len(out) != 1:
        out.append(cohort("All", attempts))
    return out


def natural_key(text: str) -> list[str | int]:
    """Sort key putting t2 before t10: text parts by letter, digit runs by value."""
    return [int(part) if part.isdigit() else part.casefold() for part in _DIGITS.split(text)]


def sparkline(values: Sequence[int], low: int = 0, high: int = 100) -> str:
    """Block characters for a 0–100 series: ▁ is 0, █ is 100."""
    blocks = "▁▂▃▄▅▆▇█"
    span = max(high - low, 1)
    return "".join(
        blocks[min(len(blocks) - 1, max(0, round((v - low) / span * (len(blocks) - 1))))]
        for v in values
    )
