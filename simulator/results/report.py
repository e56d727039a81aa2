"""The cohort report: who passed, each trainee's latest and best, skills, scenarios, progress.

:func:`build_report` gathers the figures (no rendering); :func:`report_json` gives them
to machines, :mod:`simulator.tui.report_view` draws them in the terminal and
:mod:`simulator.results.report_html` writes the self-contained HTML page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from simulator.results import summary
from simulator.results.table import Filters, iso
from simulator.store.results_store import ResultStore


@dataclass(frozen=True, slots=True)
class Report:
    filters: Filters
    generated_at: datetime
    trainees: tuple[summary.TraineeSummary, ...]
    scenarios: tuple[summary.ScenarioSummary, ...]
    totals: summary.CohortSummary
    pass_mark: int | None  # the most common pass mark among the attempts
    scenario_progress: dict[str, list[float]] = field(default_factory=dict)
    skill_pass_marks: dict[str, float] = field(default_factory=dict)

    @property
    def title(self) -> str:
        if self.filters.cohort:
            return f"Roleplay results — cohort {self.filters.cohort}"
        return "Roleplay results"

    @property
    def dimension_averages(self) -> dict[str, float]:
        return self.totals.dimension_averages

    @property
    def weakest(self) -> str | None:
        return self.totals.weakest

    @property
    def below_pass(self) -> list[str]:
        """Every skill whose cohort average is under the pass mark of the attempts behind it."""
        return [
            name
            for name, value in self.dimension_averages.items()
            if name in self.skill_pass_marks and value < self.skill_pass_marks[name]
        ]

    def progress_by_attempt(self) -> list[float]:
        """The average overall of every trainee's n-th graded attempt, n = 1, 2, …

        Mixes scenarios (kept for JSON readers); the report shows
        :attr:`scenario_progress` (per scenario) and each trainee's margins instead.
        """
        longest = max((len(t.progress) for t in self.trainees), default=0)
        out: list[float] = []
        for n in range(longest):
            values = [t.progress[n] for t in self.trainees if len(t.progress) > n]
            out.append(sum(values) / len(values))
        return out


def build_report(
    store: ResultStore,
    filters: Filters,
    *,
    now: datetime | None = None,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> Report:
    attempts = store.attempts(
        trainee_id=filters.trainee_id,
        scenario_id=filters.scenario_id,
        cohort=filters.cohort,
        since=filters.since,
        until=filters.until,
        with_turns=False,
    )
    advance = progress(3) if progress else None
    trainees = tuple(summary.trainees(attempts))
    if advance:
        advance()
    scenarios = tuple(summary.scenarios(attempts))
    if advance:
        advance()
    marks = Counter(a.pass_mark for a in attempts if a.pass_mark is not None)
    totals = summary.cohort(filters.cohort or "All", attempts)
    if advance:
        advance()
    scored = summary.graded(attempts)
    return Report(
        filters=filters,
        generated_at=now or datetime.now(UTC),
        trainees=trainees,
        scenarios=scenarios,
        totals=totals,
        pass_mark=marks.most_common(1)[0][0] if marks else None,
        scenario_progress=summary.progress_by_scenario(attempts),
        skill_pass_marks=summary.dimension_pass_marks(scored),
    )


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def number(value: float | int | None) -> str:
    if value is None:
        return "—"
    return str(value) if isinstance(value, int) else f"{value:.1f}"


def report_json(report: Report) -> dict[str, object]:
    t = report.totals
    return {
        "generated_at": iso(report.generated_at),
        "filters": report.filters.to_json(),
        "attempts": t.attempts,
        "graded": t.graded,
        "passed": t.passed,
        "pass_rate": t.pass_rate,
        "average_overall": t.average_overall,
        "pass_mark": report.pass_mark,
        "trainees": [
            {
                "trainee_id": s.trainee_id,
                "display_name": s.display_name,
                "cohort": s.cohort,
                "attempts": s.attempts,
                "latest": s.latest,
                "best": s.best,
                "passed": s.passed,
                "ever_passed": s.ever_passed,
                "progress": list(s.progress),
                "margins": list(s.margins),
                "scenarios_tried": s.scenarios_tried,
                "scenarios_passed": s.scenarios_passed,
            }
            for s in report.trainees
        ],
        "dimension_averages": report.dimension_averages,
        "weakest_skill": report.weakest,
        "below_pass_skills": report.below_pass,
        "scenarios": [
            {
                "scenario_id": s.scenario_id,
                "title": s.title,
                "attempts": s.attempts,
                "graded": s.graded,
                "passed": s.passed,
                "pass_rate": s.pass_rate,
                "pass_mark": s.pass_mark,
            }
            for s in report.scenarios
        ],
        "progress_by_attempt": report.progress_by_attempt(),
        "progress_by_scenario": report.scenario_progress,
    }
