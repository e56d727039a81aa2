"""Rich tables for the terminal commands: reply analysis, regrades, trainees."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from scoring.safe_text import masked
from simulator.tui.text import safe

if TYPE_CHECKING:
    from scoring.signal import Analysis

ROSTER_COLUMNS = ("trainee_id", "display_name", "cohort")


def trainee_table(found: Sequence[tuple[str, str | None, str | None]]) -> Table:
    """The trainees with their display names and cohorts."""
    table = Table(title="Trainees", title_justify="left")
    for column in ROSTER_COLUMNS:
        table.add_column(column)
    for t, n, c in found:
        table.add_row(safe(t, "cyan"), safe(n or ""), safe(c or ""))
    return table


def regrade_table(
    title: str,
    scores: Mapping[str, int | None],
    old_scores: Mapping[str, int | None],
    overall: int | None,
    old_overall: int | None,
) -> Table:
    """Each dimension's score then and now."""
    table = Table(title=title)
    table.add_column("dimension")
    table.add_column("then", justify="right")
    table.add_column("now", justify="right")
    for name, score in scores.items():
        old = old_scores.get(name)
        table.add_row(name, "–" if old is None else str(old), "–" if score is None else str(score))
    then = "–" if old_overall is None else str(old_overall)
    now = "–" if overall is None else str(overall)
    table.add_row("overall", then, now, style="bold")
    return table


_STYLES = {
    "avoided": "bold white on red",
    "jargon": "black on yellow",
    "restate": "black on cyan",
    "eta": "black on green",
    "escalate": "black on magenta",
}


def signal_table(analyses: list[Analysis]) -> Table:
    """A table: each reply with its matched spans highlighted, and the signals found."""
    table = Table(title="Reply analysis", show_lines=True, expand=False)
    table.add_column("#", justify="right", style="bold")
    table.add_column("reply", overflow="fold", ratio=3)
    table.add_column("signals", overflow="fold", ratio=4)
    for n, analysis in enumerate(analyses, start=1):
        reply = Text(masked(analysis.text))
        for s in analysis.signals:
            reply.stylize(_STYLES.get(s.name, "black on bright_white"), s.span[0], s.span[1])
        found = Text()
        for k, s in enumerate(analysis.signals):
            if k:
                found.append("\n")
            label = s.name + (f":{s.category}" if s.category else "")
            found.append(label, style="bold red" if s.name == "avoided" else "bold green")
            found.append(f" “{masked(s.evidence)}”")
            found.append(f"  {s.rule}", style="dim")
            if s.facts:
                found.append(f"  facts: {', '.join(s.facts)}", style="cyan")
            if s.suggestion:
                found.append(f"\n  → {masked(s.suggestion)}", style="italic")
        if not analysis.signals:
            found.append("(nothing found)", style="dim")
        table.add_row(str(n), reply, found)
    return table
