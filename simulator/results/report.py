"""The cohort report: who passed, each trainee's latest and best, skills, scenarios, progress.

:func:`build_report` gathers the figures (no rendering); :func:`render_text` draws them
with rich, :func:`report_json` gives them to machines, and
:mod:`simulator.results.report_html` writes the self-contained HTML page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from simulator.results import summary
from simulator.results.table import Filters, iso
from simulator.store.results_store import ResultStore

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


@dataclass(frozen=True, slots=True)
class Report:
    filters: Filters
    generated_at: datetime
    trainees: tuple[summary.TraineeSummary, ...]
    scenarios: tuple[summary.ScenarioSummary, ...]
    totals: summary.CohortSummary
    pass_mark: int | None  # the most common pass mark among the attempts

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

    def progress_by_attempt(self) -> list[float]:
        """The average overall of every trainee's n-th graded attempt, n = 1, 2, …"""
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
    return Report(
        filters=filters,
        generated_at=now or datetime.now(UTC),
        trainees=trainees,
        scenarios=scenarios,
        totals=totals,
        pass_mark=marks.most_common(1)[0][0] if marks else None,
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
            }
            for s in report.trainees
        ],
        "dimension_averages": report.dimension_averages,
        "weakest_skill": report.weakest,
        "scenarios": [
            {
                "scenario_id": s.scenario_id,
                "title": s.title,
                "attempts": s.attempts,
                "graded": s.graded,
                "passed": s.passed,
                "pass_rate": s.pass_rate,
            }
            for s in report.scenarios
        ],
        "progress_by_attempt": report.progress_by_attempt(),
    }


def render_text(report: Report, console: Console) -> None:
    """The report as rich tables, with a sparkline of each trainee's progress."""
    from rich.table import Table
    from rich.text import Text

    from simulator.tui.terminal import safe

    t = report.totals
    console.print(safe(report.title, "bold"))
    console.print(
        safe(
            f"{t.attempts} attempts ({t.graded} graded) by {t.trainees} trainees; "
            f"pass rate {percent(t.pass_rate)}; average overall {number(t.average_overall)}"
            + (f"; pass mark {report.pass_mark}" if report.pass_mark is not None else ""),
            "dim",
        )
    )
    if not report.trainees:
        console.print("No attempts match.")
        return

    people = Table(title="Trainees", title_justify="left")
    _columns(
        people, "trainee", "name", "cohort", "attempts>", "latest>", "best>", "status", "progress"
    )
    for s in report.trainees:
        if s.latest is None:
            status = Text("not graded", style="dim")
        elif s.passed:
            status = Text("pass", style="bold green")
        else:
            status = Text("fail" + (" (passed before)" if s.ever_passed else ""), style="red")
        people.add_row(
            safe(s.trainee_id, "cyan"),
            safe(s.display_name or ""),
            safe(s.cohort or ""),
            str(s.attempts),
            number(s.latest),
            number(s.best),
            status,
            Text(summary.sparkline(s.progress), style="blue"),
        )
    console.print(people)

    skills = Table(title="Skills (cohort averages)", title_justify="left")
    skills.add_column("dimension")
    skills.add_column("average", justify="right")
    skills.add_column("", min_width=20)
    for name, value in report.dimension_averages.items():
        style = "bold red" if name == report.weakest else ""
        bar = "█" * round(value / 5)
        skills.add_row(safe(name, style), f"{value:.1f}", Text(bar, style=style or "green"))
    console.print(skills)
    if report.weakest is not None:
        console.print(
            safe(
                f"Weakest skill: {report.weakest} "
                f"(average {report.dimension_averages[report.weakest]:.1f})",
                "bold",
            )
        )

    table = Table(title="Scenarios", title_justify="left")
    _columns(table, "scenario", "title", "attempts>", "passed>", "pass rate>")
    for sc in report.scenarios:
        table.add_row(
            safe(sc.scenario_id, "cyan"),
            safe(sc.title),
            str(sc.attempts),
            f"{sc.passed}/{sc.graded}",
            percent(sc.pass_rate),
        )
    console.print(table)
    averages = report.progress_by_attempt()
    if len(averages) > 1:
        line = summary.sparkline([round(v) for v in averages])
        console.print(
            safe(
                f"Average overall by attempt number: {line}  "
                + " → ".join(f"{v:.0f}" for v in averages)
            )
        )


def _columns(table: Table, *names: str) -> None:
    """Add columns; a name ending in ">" is right-aligned (numbers)."""
    for name in names:
        if name.endswith(">"):
            table.add_column(name[:-1], justify="right")
        else:
            table.add_column(name)
