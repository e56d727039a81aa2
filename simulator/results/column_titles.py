"""Column titles for people: the export's machine column names said in the reader's language.

CSV, JSON and xAPI keep the machine names (``score_empathy``, ``started_at``): other
systems import them by name. A workbook is read by people, so ``roleplay export --format
xlsx --lang zh`` heads its columns and names its sheets in that language instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.debrief.vocabulary import dimension_title
from scoring.message import N_, Words

TITLES: dict[str, str] = {
    "attempt_id": N_("Attempt id"),
    "trainee_id": N_("Trainee id"),
    "display_name": N_("Name"),
    "cohort": N_("Cohort"),
    "scenario_id": N_("Scenario id"),
    "scenario_title": N_("Scenario"),
    "scenario_version": N_("Scenario version"),
    "scenario_hash": N_("Scenario hash"),
    "language": N_("Language"),
    "mode": N_("Mode"),
    "seed": N_("Seed"),
    "attempt_no": N_("Attempt no."),
    "started_at": N_("Started (UTC)"),
    "finished_at": N_("Finished (UTC)"),
    "duration_seconds": N_("Duration (s)"),
    "status": N_("Status"),
    "final_state": N_("Final state"),
    "outcome": N_("Outcome"),
    "overall": N_("Overall"),
    "pass_mark": N_("Pass mark"),
    "passed": N_("Passed"),
    "graded": N_("Graded"),
    "is_first": N_("First attempt"),
    "is_best": N_("Best attempt"),
    "is_latest": N_("Latest attempt"),
    "turns": N_("Turns"),
    "disputes": N_("Disputes"),
    "disputes_upheld": N_("Disputes upheld"),
    "hints_used": N_("Hints used"),
    "transcript": N_("Transcript"),
    # The cohort summary sheet.
    "trainees": N_("Trainees"),
    "attempts": N_("Attempts"),
    "complete": N_("Complete"),
    "pass_rate": N_("Pass rate"),
    "average_overall": N_("Average overall"),
    "weakest_skill": N_("Weakest skill"),
    # The transcript sheet.
    "turn": N_("Turn"),
    "customer_line": N_("Customer said"),
    "trainee_text": N_("Trainee replied"),
    "response_seconds": N_("Reply time (s)"),
    "signals": N_("Signals"),
    "state_after": N_("State after"),
    "mood_after": N_("Mood after"),
    "patience_after": N_("Patience after"),
    "customer_reply": N_("Customer's answer"),
}
SHEETS: dict[str, str] = {
    "Attempts": N_("All attempts"),
    "Cohort summary": N_("Cohort summary"),
    "Transcripts": N_("Transcripts"),
}


def title(column: str, words: Words | None) -> str:
    """The column's heading: its machine name without ``words``, else a title in that language."""
    if words is None:
        return column
    if column.startswith("score_"):
        return words.gettext(dimension_title(column.removeprefix("score_")))
    if column.startswith("average_") and column != "average_overall":
        skill = words.gettext(dimension_title(column.removeprefix("average_")))
        return words.gettext("Average: {skill}").format(skill=skill)
    text = TITLES.get(column)
    return column if text is None else words.gettext(text)


def titles(columns: Sequence[str], words: Words | None) -> list[str]:
    return [title(c, words) for c in columns]


def sheet_name(name: str, words: Words | None) -> str:
    """A sheet's name in the reader's language (Excel allows 31 characters)."""
    if words is None:
        return name
    return words.gettext(SHEETS.get(name, name))[:31]
