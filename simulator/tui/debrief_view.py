"""The debrief in the terminal, with rich.

``render_debrief(debrief, console)`` lays out a :class:`scoring.debrief.content.Debrief`; it
works at 80 columns and with Chinese text. Trainee and scenario text only ever reaches
rich inside ``Text`` objects (never parsed as markup) after control and escape
sequences are stripped. Highlighted phrases carry their label in brackets, so the
debrief reads the same without colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from scoring.debrief.content import (
    BLOCKER,
    GOOD,
    AnnotatedTurn,
    Debrief,
    Point,
    PreviousAttempt,
    Segment,
    dimension_title,
    fmt_mood,
    fmt_points,
    fmt_weight,
    quoted,
    shown,
)
from scoring.debrief.wording import (
    hints_line,
    identity_line,
    improvement_heading,
    improvement_worth,
    labels,
    mood_heading,
    outcome_line,
    passed_words,
    turn_heading,
)
from scoring.message import ENGLISH, Words
from simulator.results.attempt_debrief import (
    AttemptHistory,
    previous_from_records,
    scenario_debrief,
)
from simulator.tui.text import Wrapped, clean

if TYPE_CHECKING:
    from simulator.engine.headless import HeadlessRun
    from simulator.engine.session import SessionResult
    from simulator.scenario.model import Scenario

TONE_STYLES = {GOOD: "bold green", "bad": "bold red", BLOCKER: "bold white on red"}
MAX_GRID_POINTS = 24


def _text(text: str, style: str = "") -> Text:
    return Text(clean(text).replace("\n", " "), style=style)


def _bar(score: int, width: int = 10) -> Text:
    filled = round(score * width / 100)
    style = "green" if score >= 70 else ("yellow" if score >= 40 else "red")
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


def _segments(segments: tuple[Segment, ...], w: Words) -> Text:
    out = Text()
    for seg in segments:
        if seg.tone is None:
            out.append_text(_text(seg.text))
            continue
        out.append_text(_text(seg.text, TONE_STYLES.get(seg.tone, "bold")))
        out.append(f"[{labels(seg, w)}]", style="dim")
    return out


def _point_row(point: Point, w: Words) -> tuple[Text, Wrapped]:
    e = point.evidence
    style = "green" if e.points > 0 else ("red" if e.points < 0 else "dim")
    line = Text(e.rule, style="cyan")
    line.append(": ")
    line.append_text(_text(w.text(e.note)))
    return Text(fmt_points(e.points), style=style), Wrapped(line)


def _points(points: Sequence[Point], w: Words, indent: int = 2) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right", min_width=4)
    grid.add_column(ratio=1, overflow="fold")
    for point in points:
        grid.add_row(*_point_row(point, w))
    return Padding(grid, (0, 0, 0, indent))


def _labelled(rows: Sequence[tuple[str, Text]], indent: int = 2) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        grid.add_row(label, Wrapped(value))
    return Padding(grid, (0, 0, 0, indent))


def _header(debrief: Debrief, w: Words) -> Panel:
    _ = w.gettext
    g = debrief.grade
    lines = Text()
    lines.append_text(_text(w.scenario(debrief.title), "bold"))
    lines.append("\n")
    lines.append_text(_text(identity_line(debrief, w), "dim"))
    if debrief.trainee_id:
        lines.append("\n")
        lines.append_text(_text(_("Trainee: {trainee}").format(trainee=debrief.trainee_id)))
        hints = debrief.transcript.hints_used
        if hints:
            lines.append(" · " + hints_line(hints, w), style="yellow")
    elif debrief.transcript.hints_used:
        lines.append("\n" + hints_line(debrief.transcript.hints_used, w), style="yellow")
    lines.append("\n" + outcome_line(debrief, w) + "\n")
    lines.append(w.text(debrief.headline), style="bold green" if g.passed else "bold red")
    return Panel(Wrapped(lines), title=_("Debrief"), title_align="left", box=box.ROUNDED)


NARROW = 72  # below this many columns the summaries go under the table, not beside it


def _scores(debrief: Debrief, w: Words, width: int = 100) -> RenderableType:
    _ = w.gettext
    g = debrief.grade
    wide = width >= NARROW
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column(_("Dimension"), no_wrap=True)
    table.add_column(_("Score"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, width=10)
    table.add_column(_("Weight"), justify="right", no_wrap=True)
    if wide:
        table.add_column(_("Summary"), ratio=1, overflow="fold")
    for d in g.dimensions:
        cells: list[RenderableType] = [
            _(dimension_title(d.name)),
            shown(d.score, w),
            _bar(d.score or 0),
            fmt_weight(d.weight),
        ]
        table.add_row(*cells, *([Wrapped(_text(w.text(d.summary)))] if wide else []))
    table.add_section()
    pass_mark = Text(_("pass mark {pass_mark}").format(pass_mark=g.pass_mark))
    table.add_row(
        Text(_("Overall"), style="bold"),
        Text(shown(g.overall, w), style="bold"),
        _bar(g.overall or 0),
        "" if wide else pass_mark,
        *([pass_mark] if wide else []),
    )
    if wide:
        return table
    rows = [(_(dimension_title(d.name)), _text(w.text(d.summary))) for d in g.dimensions]
    return Group(table, _labelled(rows))


def _improvements(debrief: Debrief, w: Words) -> RenderableType:
    _ = w.gettext
    if not debrief.improvements:
        return Padding(Text(_("Nothing to change: every rule was met.")), (0, 0, 0, 2))
    parts: list[RenderableType] = []
    for n, imp in enumerate(debrief.improvements, start=1):
        head = Text(f"{n}. {improvement_heading(imp, w)}", "bold")
        head.append(f"  ({improvement_worth(imp, w)})", style="dim")
        parts.append(Padding(Wrapped(head), (0, 0, 0, 1)))
        rows: list[tuple[str, Text]] = []
        if imp.quote:
            rows.append((_("You said:"), _text(f"“{imp.quote}”", "red")))
        rows.append((_("Why:"), _text(w.text(imp.problem))))
        rows.append((_("Say instead:"), _text(quoted(w.scenario(imp.say_instead)), "green")))
        parts.append(_labelled(rows, indent=4))
    return Group(*parts)


def _mood(debrief: Debrief, w: Words) -> RenderableType:
    _ = w.gettext
    points = debrief.mood
    words = {m: f"{fmt_mood(m):>2} {_(debrief.mood_word(m))}" for m in range(-2, 3)}
    label_w = max(cell_len(v) for v in words.values())
    if len(points) > MAX_GRID_POINTS:
        ticks = "▁▃▅▆█"
        line = Text("".join(ticks[max(-2, min(2, p.mood)) + 2] for p in points))
        span = _("start {start} → end {end}").format(
            start=fmt_mood(points[0].mood), end=fmt_mood(points[-1].mood)
        )
        return Padding(Group(line, Text(span, "dim")), (0, 0, 0, 2))
    rows: list[RenderableType] = []
    for mood in range(2, -3, -1):
        label = words[mood]
        row = Text(label + " " * (label_w - cell_len(label)) + " ", style="dim")
        for p in points:
            if p.mood == mood:
                style = "green" if mood > 0 else ("red" if mood < 0 else "yellow")
                row.append("  ●", style=style)
            else:
                row.append("  ·", style="dim")
        rows.append(row)
    axis = Text(" " * (label_w + 1), style="dim")
    for p in points:
        tick = _("st") if p.turn == 0 else str(p.turn)
        axis.append(" " * max(1, 3 - cell_len(tick)) + tick, style="dim")
    rows.append(axis)
    return Padding(Group(*rows), (0, 0, 0, 2))


def _turn(turn: AnnotatedTurn, debrief: Debrief, w: Words) -> RenderableType:
    _ = w.gettext
    head = Text(turn_heading(turn, debrief, w), style="red" if turn.late else "dim")
    head.stylize("bold", 0, len(_("Turn {n}").format(n=turn.index)))
    rows: list[tuple[str, Text]] = []
    if turn.shown_customer_line:
        rows.append((_("Customer:"), _text(w.scenario(turn.shown_customer_line), "italic")))
    if turn.is_reply:
        rows.append((_("You:"), _segments(turn.segments(), w)))
    else:
        command = Text(f"/{turn.command}", style="bold cyan")
        if turn.target:
            command.append(" ")
            command.append_text(_text(_("to {target}").format(target=turn.target), "bold"))
        rows.append((_("You:"), command))
        if turn.note:
            rows.append((_("Note:"), _segments(turn.segments(), w)))
    parts: list[RenderableType] = [Wrapped(head), _labelled(rows)]
    if turn.points:
        parts.append(_points(turn.points, w, indent=4))
    if turn.customer_reply:
        reply = _text(w.scenario(turn.customer_reply), "italic")
        parts.append(_labelled([(_("Customer:"), reply)]))
    return Group(*parts)


def _previous(debrief: Debrief, w: Words) -> RenderableType:
    _ = w.gettext
    g = debrief.grade
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(_("Attempt"), justify="right")
    table.add_column(_("Finished"))
    table.add_column(_("Overall"), justify="right")
    table.add_column(_("Result"))
    for p in debrief.previous:
        table.add_row(
            f"#{p.attempt_no}",
            _text(p.finished_at),
            str(p.overall),
            passed_words(p.passed, w),
        )
    table.add_row(
        Text(f"#{debrief.attempt_no}", "bold"),
        Text(_("this attempt"), "bold"),
        Text(shown(g.overall, w), "bold"),
        Text(passed_words(g.passed, w), "bold"),
    )
    parts: list[RenderableType] = [table]
    if debrief.progress:
        parts.append(Padding(Wrapped(_text(w.text(debrief.progress))), (0, 0, 0, 2)))
    return Group(*parts)


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def render_debrief(debrief: Debrief, console: Console, words: Words = ENGLISH) -> None:
    """Print the whole debrief: verdict, scores, what to change, mood, transcript, history."""
    w = words
    _ = w.gettext
    g = debrief.grade
    console.print(_header(debrief, w))
    if g.reasons:
        console.print(Text(_("Why it did not pass:"), style="bold red"))
        for reason in g.reasons:
            console.print(_labelled([("•", _text(w.text(reason)))]))
    console.print(_heading(_("Scores")))
    console.print(_scores(debrief, w, console.width))
    general = debrief.general_points()
    if general:
        console.print(_points(general, w))
    console.print(_heading(_("What to change first")))
    console.print(_improvements(debrief, w))
    if debrief.mood:
        console.print(_heading(mood_heading(w)))
        console.print(_mood(debrief, w))
    console.print(_heading(_("Transcript")))
    if not debrief.turns:
        console.print(Padding(Text(_("No turns were played.")), (0, 0, 0, 2)))
    for turn in debrief.turns:
        console.print(_turn(turn, debrief, w))
    if debrief.previous:
        console.print(_heading(_("Earlier attempts")))
        console.print(_previous(debrief, w))
    if debrief.disputes:
        console.print(_heading(_("Disputes")))
        for dispute in debrief.disputes:
            line = _("Turn {turn}: “{reason}” — {ruling}").format(
                turn=dispute.turn, reason=dispute.reason, ruling=w.text(dispute.ruling)
            )
            console.print(_labelled([("•", _text(line))]))
    if debrief.figure is not None:
        console.print(_heading(_("From the training material")))
        figure = _text(w.text(debrief.figure.text))
        figure.append("\n")
        figure.append_text(_text(w.text(debrief.figure.source), "dim"))
        console.print(Panel(Wrapped(figure), box=box.ROUNDED, expand=True))


def render_session_result(
    scenario: Scenario,
    result: SessionResult,
    console: Console,
    recorder: object = None,
    words: Words = ENGLISH,
    trainee_id: str = "",
) -> None:
    """The debrief right after play; earlier attempts come from the store when there is one."""
    previous: tuple[PreviousAttempt, ...] = ()
    attempt_no: int | None = None
    if isinstance(recorder, AttemptHistory) and result.attempt_id is not None:
        this = recorder.attempt(result.attempt_id)
        attempt_no = this.attempt_no
        previous = previous_from_records(
            recorder.previous_attempts(this.trainee_id, scenario.id, result.attempt_id)
        )
    debrief = scenario_debrief(
        scenario,
        result.transcript,
        result.grade,
        previous,
        attempt_no=attempt_no,
        trainee_id=trainee_id,
    )
    render_debrief(debrief, console, words)


def render_run(run: HeadlessRun, console: Console, words: Words = ENGLISH) -> None:
    """The debrief of a headless run."""
    debrief = scenario_debrief(
        run.scenario, run.result.transcript, run.result.grade, trainee_id=run.trainee_id
    )
    render_debrief(debrief, console, words)
