"""The debrief in the terminal, with rich.

``render_debrief(debrief, console)`` lays out a :class:`scoring.debrief.content.Debrief`; it
works at 80 columns and with Chinese text. Trainee and scenario text only ever reaches
rich inside ``Text`` objects (never parsed as markup) after control and escape
sequences are stripped. Highlighted phrases carry their label in brackets, so the
debrief reads the same without colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rich import box
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
    build_debrief,
    fmt_mood,
    fmt_points,
    fmt_seconds,
    fmt_weight,
    quoted,
)
from scoring.grade import Grade
from scoring.transcript import Transcript
from simulator.tui.terminal import clean

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


def _segments(segments: tuple[Segment, ...]) -> Text:
    out = Text()
    for seg in segments:
        if seg.tone is None:
            out.append_text(_text(seg.text))
            continue
        out.append_text(_text(seg.text, TONE_STYLES.get(seg.tone, "bold")))
        out.append(f"[{', '.join(seg.labels)}]", style="dim")
    return out


def _point_row(point: Point) -> tuple[Text, Text]:
    e = point.evidence
    style = "green" if e.points > 0 else ("red" if e.points < 0 else "dim")
    line = Text(e.rule, style="cyan")
    line.append(": ")
    line.append_text(_text(e.note))
    return Text(fmt_points(e.points), style=style), line


def _points(points: Sequence[Point], indent: int = 2) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right", min_width=4)
    grid.add_column(ratio=1, overflow="fold")
    for point in points:
        grid.add_row(*_point_row(point))
    return Padding(grid, (0, 0, 0, indent))


def _labelled(rows: Sequence[tuple[str, Text]], indent: int = 2) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        grid.add_row(label, value)
    return Padding(grid, (0, 0, 0, indent))


def _header(debrief: Debrief) -> Panel:
    g = debrief.grade
    lines = Text()
    lines.append_text(_text(debrief.title, "bold"))
    lines.append("\n")
    lines.append_text(
        _text(
            f"{debrief.scenario_id} · {debrief.kind} customer · {debrief.lang} · "
            f"attempt #{debrief.attempt_no}",
            "dim",
        )
    )
    lines.append(f"\nOutcome: {debrief.outcome_words}\n")
    lines.append(debrief.headline, style="bold green" if g.passed else "bold red")
    return Panel(lines, title="Debrief", title_align="left", box=box.ROUNDED)


def _scores(debrief: Debrief) -> Table:
    g = debrief.grade
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("Dimension", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, width=10)
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Summary", ratio=1, overflow="fold")
    for d in g.dimensions:
        table.add_row(
            debrief.dimension_title(d.name),
            str(d.score),
            _bar(d.score),
            fmt_weight(d.weight),
            _text(d.summary),
        )
    table.add_section()
    table.add_row(
        Text("Overall", style="bold"),
        Text(str(g.overall), style="bold"),
        _bar(g.overall),
        "",
        Text(f"pass mark {g.pass_mark}"),
    )
    return table


def _improvements(debrief: Debrief) -> RenderableType:
    if not debrief.improvements:
        return Padding(Text("Nothing to change: every rule was met."), (0, 0, 0, 2))
    parts: list[RenderableType] = []
    for n, imp in enumerate(debrief.improvements, start=1):
        where = f"Turn {imp.turn}" if imp.turn is not None else "The whole call"
        head = Text(f"{n}. {where}, {debrief.dimension_title(imp.dimension).lower()}", "bold")
        head.append(f"  (worth {imp.value:g} points overall)", style="dim")
        parts.append(Padding(head, (0, 0, 0, 1)))
        rows: list[tuple[str, Text]] = []
        if imp.quote:
            rows.append(("You said:", _text(f"“{imp.quote}”", "red")))
        rows.append(("Why:", _text(imp.problem)))
        rows.append(("Say instead:", _text(quoted(imp.say_instead), "green")))
        parts.append(_labelled(rows, indent=4))
    return Group(*parts)


def _mood(debrief: Debrief) -> RenderableType:
    points = debrief.mood
    words = {m: f"{fmt_mood(m):>2} {debrief.mood_word(m)}" for m in range(-2, 3)}
    label_w = max(len(w) for w in words.values())
    if len(points) > MAX_GRID_POINTS:
        ticks = "▁▃▅▆█"
        line = Text("".join(ticks[max(-2, min(2, p.mood)) + 2] for p in points))
        return Padding(
            Group(
                line,
                Text(f"start {fmt_mood(points[0].mood)} → end {fmt_mood(points[-1].mood)}", "dim"),
            ),
            (0, 0, 0, 2),
        )
    rows: list[RenderableType] = []
    for mood in range(2, -3, -1):
        row = Text(words[mood].ljust(label_w) + " ", style="dim")
        for p in points:
            if p.mood == mood:
                style = "green" if mood > 0 else ("red" if mood < 0 else "yellow")
                row.append("  ●", style=style)
            else:
                row.append("  ·", style="dim")
        rows.append(row)
    axis = Text(" " * (label_w + 1), style="dim")
    for p in points:
        axis.append(f"{'st' if p.turn == 0 else p.turn:>3}", style="dim")
    rows.append(axis)
    return Padding(Group(*rows), (0, 0, 0, 2))


def _turn(turn: AnnotatedTurn, debrief: Debrief) -> RenderableType:
    timing = fmt_seconds(turn.response_seconds) + (" (late)" if turn.late else "")
    head = Text(f"Turn {turn.index}", style="bold")
    head.append(
        f" · {timing} · mood {fmt_mood(turn.mood_before)} {debrief.mood_word(turn.mood_before)}"
        f" → {fmt_mood(turn.mood_after)} {debrief.mood_word(turn.mood_after)}",
        style="red" if turn.late else "dim",
    )
    rows: list[tuple[str, Text]] = []
    if turn.shown_customer_line:
        rows.append(("Customer:", _text(turn.shown_customer_line, "italic")))
    if turn.is_reply:
        rows.append(("You:", _segments(turn.segments())))
    else:
        command = Text(f"/{turn.command}", style="bold cyan")
        if turn.target:
            command.append(" to ")
            command.append_text(_text(turn.target, "bold"))
        rows.append(("You:", command))
        if turn.note:
            rows.append(("Note:", _segments(turn.segments())))
    parts: list[RenderableType] = [head, _labelled(rows)]
    if turn.points:
        parts.append(_points(turn.points, indent=4))
    if turn.customer_reply:
        parts.append(_labelled([("Customer:", _text(turn.customer_reply, "italic"))]))
    return Group(*parts)


def _previous(debrief: Debrief) -> RenderableType:
    g = debrief.grade
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Attempt", justify="right")
    table.add_column("Finished")
    table.add_column("Overall", justify="right")
    table.add_column("Result")
    for p in debrief.previous:
        table.add_row(
            f"#{p.attempt_no}",
            _text(p.finished_at),
            str(p.overall),
            "passed" if p.passed else "not passed",
        )
    table.add_row(
        Text(f"#{debrief.attempt_no}", "bold"),
        Text("this attempt", "bold"),
        Text(str(g.overall), "bold"),
        Text("passed" if g.passed else "not passed", "bold"),
    )
    parts: list[RenderableType] = [table]
    if debrief.progress:
        parts.append(Padding(_text(debrief.progress), (0, 0, 0, 2)))
    return Group(*parts)


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def render_debrief(debrief: Debrief, console: Console) -> None:
    """Print the whole debrief: verdict, scores, what to change, mood, transcript, history."""
    g = debrief.grade
    console.print(_header(debrief))
    if g.reasons:
        console.print(Text("Why it did not pass:", style="bold red"))
        for reason in g.reasons:
            console.print(_labelled([("•", _text(reason))]))
    console.print(_heading("Scores"))
    console.print(_scores(debrief))
    general = debrief.general_points()
    if general:
        console.print(_points(general))
    console.print(_heading("What to change first"))
    console.print(_improvements(debrief))
    if debrief.mood:
        console.print(_heading("The customer's mood"))
        console.print(_mood(debrief))
    console.print(_heading("Transcript"))
    if not debrief.turns:
        console.print(Padding(Text("No turns were played."), (0, 0, 0, 2)))
    for turn in debrief.turns:
        console.print(_turn(turn, debrief))
    if debrief.previous:
        console.print(_heading("Earlier attempts"))
        console.print(_previous(debrief))
    if debrief.disputes:
        console.print(_heading("Disputes"))
        for dispute in debrief.disputes:
            console.print(
                _labelled(
                    [("•", _text(f"Turn {dispute.turn}: “{dispute.reason}” — {dispute.ruling}"))]
                )
            )
    if debrief.figure is not None:
        console.print(_heading("From the training material"))
        figure = _text(debrief.figure.text)
        figure.append("\n")
        figure.append_text(_text(debrief.figure.source, "dim"))
        console.print(Panel(figure, box=box.ROUNDED, expand=True))


# -- building a debrief from what the simulator has ----------------------------------------
class AttemptRecordLike(Protocol):
    @property
    def trainee_id(self) -> str: ...
    @property
    def attempt_no(self) -> int: ...
    @property
    def finished_at(self) -> datetime | None: ...
    @property
    def overall(self) -> int | None: ...
    @property
    def passed(self) -> bool | None: ...


@runtime_checkable
class AttemptHistory(Protocol):
    """What the results store offers for comparing with earlier attempts."""

    def attempt(self, attempt_id: int) -> AttemptRecordLike: ...

    def previous_attempts(
        self, trainee_id: str, scenario_id: str, before_id: int
    ) -> Sequence[AttemptRecordLike]: ...


def previous_from_records(records: Sequence[AttemptRecordLike]) -> tuple[PreviousAttempt, ...]:
    """Earlier graded attempts as the debrief wants them (ungraded ones are left out)."""
    out: list[PreviousAttempt] = []
    for r in records:
        if r.overall is None:
            continue
        finished = r.finished_at.isoformat(timespec="minutes") if r.finished_at else ""
        out.append(PreviousAttempt(r.attempt_no, finished, r.overall, bool(r.passed)))
    return tuple(out)


def scenario_debrief(
    scenario: Scenario,
    transcript: Transcript,
    grade: Grade,
    previous: Sequence[PreviousAttempt | tuple[int, str, int, bool]] = (),
    attempt_no: int | None = None,
) -> Debrief:
    """A debrief for an attempt at ``scenario`` (title, kind, language, channel from it)."""
    return build_debrief(
        scenario_id=scenario.id,
        title=scenario.title,
        kind=scenario.kind,
        lang=scenario.language,
        transcript=transcript,
        grade=grade,
        previous=previous,
        channel=scenario.channel,
        attempt_no=attempt_no,
    )


def render_session_result(
    scenario: Scenario, result: SessionResult, console: Console, recorder: object = None
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
        scenario, result.transcript, result.grade, previous, attempt_no=attempt_no
    )
    render_debrief(debrief, console)


def render_run(run: HeadlessRun, console: Console) -> None:
    """The debrief of a headless run."""
    render_debrief(scenario_debrief(run.scenario, run.result.transcript, run.result.grade), console)
