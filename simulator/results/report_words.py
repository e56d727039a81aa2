"""The cohort report's words, shared by the terminal and the HTML page (reader's language)."""

from __future__ import annotations

from scoring.debrief.vocabulary import dimension_title
from scoring.message import Words
from simulator.results import summary
from simulator.results.report import Report, number, percent


def title(report: Report, w: Words) -> str:
    if report.filters.cohort:
        return w.gettext("Roleplay results — cohort {cohort}").format(cohort=report.filters.cohort)
    return w.gettext("Roleplay results")


def overview(report: Report, w: Words) -> str:
    t = report.totals
    return w.gettext(
        "{attempts} attempts ({graded} graded) by {trainees} trainees; pass rate {rate}; "
        "average overall {average}"
    ).format(
        attempts=t.attempts,
        graded=t.graded,
        trainees=t.trainees,
        rate=percent(t.pass_rate),
        average=number(t.average_overall),
    )


def skill(name: str, w: Words) -> str:
    return w.gettext(dimension_title(name))


def status(s: summary.TraineeSummary, w: Words) -> tuple[str, str]:
    """The trainee's standing in words, and its tone: "pass", "fail" or "none"."""
    if s.latest is None:
        return w.gettext("not graded"), "none"
    text = w.gettext("{passed} of {tried} scenarios passed").format(
        passed=s.scenarios_passed, tried=s.scenarios_tried
    )
    return text, "pass" if s.scenarios_passed == s.scenarios_tried else "fail"


def weakest(report: Report, w: Words) -> str | None:
    if report.weakest is None:
        return None
    return w.gettext("Weakest skill: {skill} (average {average})").format(
        skill=skill(report.weakest, w),
        average=f"{report.dimension_averages[report.weakest]:.1f}",
    )


def below_pass(report: Report, w: Words) -> str | None:
    if not report.below_pass:
        return None
    names = w.gettext(", ").join(skill(n, w) for n in report.below_pass)
    return w.gettext("Below the pass mark: {skills}").format(skills=names)


def scenario_progress(report: Report, w: Words, scenario_id: str) -> str:
    """ "53 → 89 (pass mark 70)" for one scenario's average by attempt number."""
    values = report.scenario_progress.get(scenario_id, [])
    marks = {s.scenario_id: s.pass_mark for s in report.scenarios}
    arrow = " → ".join(f"{v:.0f}" for v in values)
    mark = marks.get(scenario_id)
    if mark is None:
        return arrow
    return arrow + " " + w.gettext("(pass mark {pass_mark})").format(pass_mark=mark)
