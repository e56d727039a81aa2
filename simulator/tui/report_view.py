"""The cohort report in the terminal: rich tables in the reader's language."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scoring.message import ENGLISH, Words
from simulator.results import report_words as words_of
from simulator.results import summary
from simulator.results.report import Report, number, percent
from simulator.tui.text import safe

_TONES = {"pass": "bold green", "fail": "red", "none": "dim"}


def render_text(report: Report, console: Console, words: Words = ENGLISH) -> None:
    """Trainees (with progress against each scenario's pass mark), skills, scenarios."""
    w = words
    _ = w.gettext
    console.print(safe(words_of.title(report, w), "bold"))
    console.print(safe(words_of.overview(report, w), "dim"))
    if not report.trainees:
        console.print(_("No attempts match."))
        return

    people = Table(title=_("Trainees"), title_justify="left")
    for name, right in (
        (_("trainee"), False),
        (_("name"), False),
        (_("cohort"), False),
        (_("attempts"), True),
        (_("latest"), True),
        (_("best"), True),
        (_("status"), False),
        (_("progress vs pass mark"), False),
    ):
        people.add_column(name, justify="right" if right else "left")
    for s in report.trainees:
        said, tone = words_of.status(s, w)
        people.add_row(
            safe(s.trainee_id, "cyan"),
            safe(s.display_name or ""),
            safe(s.cohort or ""),
            str(s.attempts),
            number(s.latest),
            number(s.best),
            Text(said, style=_TONES[tone]),
            Text(summary.sparkline(s.margins, low=-50, high=50), style="blue"),
        )
    console.print(people)
    console.print(
        safe(
            _("Progress: each attempt's overall minus its scenario's pass mark (▅ = at the mark)."),
            "dim",
        )
    )

    skills = Table(title=_("Skills (cohort averages)"), title_justify="left")
    skills.add_column(_("skill"))
    skills.add_column(_("average"), justify="right")
    skills.add_column(_("pass mark"), justify="right")
    skills.add_column("", min_width=20)
    below = set(report.below_pass)
    for name, value in report.dimension_averages.items():
        style = "bold red" if name in below else ""
        bar = "█" * round(value / 5)
        mark = report.skill_pass_marks.get(name)
        skills.add_row(
            safe(words_of.skill(name, w), style),
            f"{value:.1f}",
            "—" if mark is None else f"{mark:.0f}",
            Text(bar, style=style or "green"),
        )
    console.print(skills)
    for line in (words_of.weakest(report, w), words_of.below_pass(report, w)):
        if line:
            console.print(safe(line, "bold"))

    table = Table(title=_("Scenarios"), title_justify="left")
    table.add_column(_("scenario"))
    table.add_column(_("title"))
    for name in (_("attempts"), _("passed"), _("pass rate"), _("pass mark")):
        table.add_column(name, justify="right")
    for sc in report.scenarios:
        table.add_row(
            safe(sc.scenario_id, "cyan"),
            safe(sc.title),
            str(sc.attempts),
            f"{sc.passed}/{sc.graded}",
            percent(sc.pass_rate),
            number(sc.pass_mark),
        )
    console.print(table)
    if any(len(v) > 1 for v in report.scenario_progress.values()):
        console.print(safe(_("Average overall by attempt number, per scenario:")))
        for sid, values in report.scenario_progress.items():
            line = summary.sparkline([round(v) for v in values])
            console.print(safe(f"  {sid}: {line}  {words_of.scenario_progress(report, w, sid)}"))
