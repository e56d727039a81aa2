"""The debrief: everything a renderer needs to explain one graded attempt.

``build_debrief`` puts together the scenario's identity, the transcript, the grade and
the trainee's earlier attempts at the same scenario into a :class:`Debrief`: each turn
annotated with the phrases the analyser matched and the points they earned or cost, the
customer's mood over the call, the three most valuable improvements with what to say
instead, and a figure from the training material where it fits. Renderers (terminal,
Markdown, HTML) only lay it out; they decide nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise

from scoring.debrief.dispute_line import DisputeLine
from scoring.debrief.figure import Figure, choose_figure
from scoring.debrief.vocabulary import (
    KIND_WORDS,
    OUTCOME_WORDS,
    dimension_title,
    fmt_mood,
    fmt_points,
    fmt_seconds,
    fmt_weight,
    mood_word,
    one_line,
    quoted,
    shown,
)
from scoring.grade import Evidence, Grade, Improvement
from scoring.message import Message, msg, nmsg
from scoring.signal import AVOIDED, JARGON, Signal
from scoring.transcript import Transcript, Turn

GOOD, BAD, BLOCKER = "good", "bad", "blocker"
_TONE_RANK = {GOOD: 1, BAD: 2, BLOCKER: 3}
BAD_SIGNALS: frozenset[str] = frozenset({AVOIDED, JARGON})


@dataclass(frozen=True, slots=True)
class PreviousAttempt:
    """An earlier attempt at the same scenario, for comparison."""

    attempt_no: int
    finished_at: str
    overall: int
    passed: bool


@dataclass(frozen=True, slots=True)
class Mark:
    """A matched phrase in a turn's text (the note's, for a command)."""

    start: int
    end: int
    signal: str
    category: str | None
    rule: str
    tone: str

    @property
    def label(self) -> str:
        return f"{self.signal}: {self.category}" if self.category else self.signal

    @property
    def label_parts(self) -> tuple[str, ...]:
        """The signal and its category, each a key of :data:`SIGNAL_WORDS`."""
        return (self.signal, self.category) if self.category else (self.signal,)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text with one highlighting: ``tone`` None is plain text."""

    text: str
    tone: str | None
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Point:
    """A piece of evidence shown on its turn, with the dimension it counted for."""

    dimension: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class AnnotatedTurn:
    index: int
    customer_line: str
    text: str
    command: str | None
    target: str | None
    note: str
    response_seconds: float
    late: bool
    mood_before: int
    mood_after: int
    customer_reply: str
    marks: tuple[Mark, ...]
    points: tuple[Point, ...]
    new_line: bool = True

    @property
    def shown_customer_line(self) -> str:
        """The line answered, unless it is the previous turn's customer reply again."""
        return self.customer_line if self.new_line else ""

    @property
    def is_reply(self) -> bool:
        return self.command is None

    @property
    def marked_text(self) -> str:
        """The text the marks point into: the reply, or the command's note."""
        return self.text if self.is_reply else self.note

    def segments(self) -> tuple[Segment, ...]:
        return segment(self.marked_text, self.marks)


@dataclass(frozen=True, slots=True)
class MoodPoint:
    """The customer's mood after ``turn`` trainee turns (0 is the opening)."""

    turn: int
    mood: int


@dataclass(frozen=True, slots=True)
class Debrief:
    scenario_id: str
    title: str
    kind: str
    lang: str
    transcript: Transcript
    grade: Grade
    turns: tuple[AnnotatedTurn, ...]
    mood: tuple[MoodPoint, ...]
    improvements: tuple[Improvement, ...]
    figure: Figure | None
    previous: tuple[PreviousAttempt, ...] = ()
    channel: str | None = None
    attempt_no: int = 1
    trainee_id: str = ""
    disputes: tuple[DisputeLine, ...] = ()

    @property
    def outcome_words(self) -> str:
        outcome = self.transcript.outcome
        if outcome is None:
            return msg("unfinished")
        return msg(OUTCOME_WORDS[outcome]) if outcome in OUTCOME_WORDS else outcome

    @property
    def kind_words(self) -> str:
        return msg(KIND_WORDS[self.kind]) if self.kind in KIND_WORDS else self.kind

    @property
    def headline(self) -> str:
        g = self.grade
        if g.overall is None:
            return msg(
                "Not graded: there was no reply (pass mark {pass_mark})", pass_mark=g.pass_mark
            )
        if g.passed:
            return msg(
                "Passed: {overall}/100 (pass mark {pass_mark})",
                overall=g.overall,
                pass_mark=g.pass_mark,
            )
        return msg(
            "Not passed: {overall}/100 (pass mark {pass_mark})",
            overall=g.overall,
            pass_mark=g.pass_mark,
        )

    @property
    def progress(self) -> str | None:
        """Sentences comparing this attempt with the earlier ones (None if first)."""
        overall = self.grade.overall
        if not self.previous or overall is None:
            return None
        last = max(self.previous, key=lambda p: p.attempt_no)
        best = max(p.overall for p in self.previous)
        delta = overall - last.overall
        where = {"attempt": last.attempt_no, "score": last.overall}
        if delta > 0:
            change = nmsg(
                "Up {n} point on attempt #{attempt} ({score})",
                "Up {n} points on attempt #{attempt} ({score})",
                delta,
                **where,
            )
        elif delta < 0:
            change = nmsg(
                "Down {n} point on attempt #{attempt} ({score})",
                "Down {n} points on attempt #{attempt} ({score})",
                -delta,
                **where,
            )
        else:
            change = msg("The same score as attempt #{attempt} ({score})", **where)
        best_words: Message | str = ""
        if overall > best:
            best_words = msg("; your best so far")
        elif best > overall:
            best_words = msg("; your best is {best}", best=best)
        passes = sum(1 for p in self.previous if p.passed)
        return msg(
            "{change}{best}. Earlier attempts passed: {passes} of {total}.",
            change=change,
            best=best_words,
            passes=passes,
            total=len(self.previous),
        )

    def mood_word(self, mood: int) -> str:
        return mood_word(self.kind, mood)

    def dimension_title(self, name: str) -> str:
        return dimension_title(name)

    def general_points(self) -> tuple[Point, ...]:
        """Evidence not tied to one turn (e.g. "no reply ever gave a time")."""
        return tuple(
            Point(d.name, e) for d in self.grade.dimensions for e in d.evidence if e.turn is None
        )


# -- building ----------------------------------------------------------------------------
def build_debrief(
    *,
    scenario_id: str,
    title: str,
    kind: str,
    lang: str,
    transcript: Transcript,
    grade: Grade,
    previous: Iterable[PreviousAttempt | tuple[int, str, int, bool]] = (),
    channel: str | None = None,
    attempt_no: int | None = None,
    trainee_id: str = "",
) -> Debrief:
    """The debrief of one graded attempt.

    ``previous`` are earlier attempts at the same scenario as ``PreviousAttempt`` or
    ``(attempt_no, finished_at_iso, overall, passed)`` tuples, in any order;
    ``attempt_no`` defaults to one more than the latest of them.
    """
    earlier = tuple(
        sorted(
            (p if isinstance(p, PreviousAttempt) else PreviousAttempt(*p) for p in previous),
            key=lambda p: (p.attempt_no, p.finished_at),
        )
    )
    blockers = {(b.turn, b.span) for b in grade.blockers_hit}
    late_turns = {
        e.turn
        for d in grade.dimensions
        for e in d.evidence
        if e.rule in ("time.first_reply", "time.reply")
    }
    points: dict[int, list[Point]] = {}
    for d in grade.dimensions:
        for e in d.evidence:
            if e.turn is not None:
                points.setdefault(e.turn, []).append(Point(d.name, e))
    turns: list[AnnotatedTurn] = []
    previous_reply: str | None = None
    for t in transcript.turns:
        annotated = _annotate(t, blockers, t.index in late_turns, points.get(t.index, []))
        if previous_reply is not None and t.customer_line == previous_reply:
            annotated = replace(annotated, new_line=False)
        turns.append(annotated)
        previous_reply = t.customer_reply
    return Debrief(
        scenario_id=scenario_id,
        title=title,
        kind=kind,
        lang=lang,
        transcript=transcript,
        grade=grade,
        turns=tuple(turns),
        mood=mood_series(transcript),
        improvements=grade.improvements[:3],
        figure=choose_figure(transcript, grade, channel),
        previous=earlier,
        channel=channel,
        attempt_no=attempt_no
        if attempt_no is not None
        else max((p.attempt_no for p in earlier), default=0) + 1,
        trainee_id=trainee_id,
    )


def _annotate(
    turn: Turn,
    blockers: set[tuple[int | None, tuple[int, int] | None]],
    late: bool,
    points: list[Point],
) -> AnnotatedTurn:
    text = turn.text if turn.is_reply else turn.note
    marks: list[Mark] = []
    if turn.analysis is not None:
        for sig in turn.analysis.signals:
            mark = _mark(sig, text, (turn.index, sig.span) in blockers and turn.is_reply)
            if mark is not None:
                marks.append(mark)
    return AnnotatedTurn(
        index=turn.index,
        customer_line=turn.customer_line,
        text=turn.text,
        command=turn.command,
        target=turn.target,
        note=turn.note,
        response_seconds=turn.response_seconds,
        late=late,
        mood_before=turn.mood_before,
        mood_after=turn.mood_after,
        customer_reply=turn.customer_reply,
        marks=tuple(marks),
        points=tuple(points),
    )


def _mark(sig: Signal, text: str, blocker: bool) -> Mark | None:
    start, end = sig.span
    if not 0 <= start < end <= len(text):
        return None
    tone = BLOCKER if blocker else (BAD if sig.name in BAD_SIGNALS else GOOD)
    return Mark(start, end, sig.name, sig.category, sig.rule, tone)


def segment(text: str, marks: Iterable[Mark]) -> tuple[Segment, ...]:
    """Split ``text`` at every mark boundary; overlapping marks take the worst tone."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        if a == b:
            continue
        covering = [m for m in marks if m.start <= a and b <= m.end]
        tone = max((m.tone for m in covering), key=_TONE_RANK.__getitem__, default=None)
        labels = tuple(dict.fromkeys(m.label for m in covering))
        piece = Segment(text[a:b], tone, labels)
        if out and out[-1].tone == piece.tone and out[-1].labels == piece.labels:
            out[-1] = Segment(out[-1].text + piece.text, tone, labels)
        else:
            out.append(piece)
    return tuple(out)


def mood_series(transcript: Transcript) -> tuple[MoodPoint, ...]:
    """The mood at the opening, then after each trainee turn."""
    if not transcript.turns:
        return ()
    first = transcript.turns[0]
    series = [MoodPoint(0, first.mood_before)]
    series.extend(MoodPoint(t.index, t.mood_after) for t in transcript.turns)
    return tuple(series)


__all__ = [
    "BAD",
    "BLOCKER",
    "GOOD",
    "AnnotatedTurn",
    "Debrief",
    "Figure",
    "Mark",
    "MoodPoint",
    "Point",
    "PreviousAttempt",
    "Segment",
    "build_debrief",
    "choose_figure",
    "dimension_title",
    "fmt_mood",
    "fmt_points",
    "fmt_seconds",
    "fmt_weight",
    "mood_series",
    "mood_word",
    "one_line",
    "quoted",
    "segment",
    "shown",
]
