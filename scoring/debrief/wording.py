"""Phrases every debrief renderer shares, in the reader's language.

Each takes the :class:`~scoring.message.Words` of the reader; the renderers (terminal,
Markdown, HTML) only add their medium's markup around them.
"""

from __future__ import annotations

from scoring.debrief.content import AnnotatedTurn, Debrief, Segment
from scoring.debrief.vocabulary import (
    SIGNAL_WORDS,
    dimension_title,
    fmt_mood,
    fmt_seconds,
    language_name,
)
from scoring.grade import Improvement
from scoring.message import Words


def mood_heading(w: Words) -> str:
    return w.gettext("The customer's mood")


def passed_words(passed: bool, w: Words) -> str:
    return w.gettext("passed") if passed else w.gettext("not passed")


def labels(segment: Segment, w: Words) -> str:
    """A highlighted phrase's labels ("avoided: blame"), each part in the reader's words."""
    out = []
    for label in segment.labels:
        parts = [p.strip() for p in label.split(":")]
        out.append(": ".join(w.gettext(SIGNAL_WORDS[p]) if p in SIGNAL_WORDS else p for p in parts))
    return w.gettext(", ").join(out)


def meta_line(debrief: Debrief, w: Words, scenario_id: str) -> str:
    """Scenario, customer kind, language, attempt number and outcome in one line."""
    return w.gettext(
        "Scenario {scenario} · {kind} · {lang} · attempt #{attempt} · outcome: {outcome}"
    ).format(
        scenario=scenario_id,
        kind=w.text(debrief.kind_words),
        lang=w.gettext(language_name(debrief.lang)),
        attempt=debrief.attempt_no,
        outcome=w.text(debrief.outcome_words),
    )


def identity_line(debrief: Debrief, w: Words) -> str:
    """Scenario id, customer kind, language and attempt number (the terminal's header)."""
    return w.gettext("{scenario} · {kind} · {lang} · attempt #{attempt}").format(
        scenario=debrief.scenario_id,
        kind=w.text(debrief.kind_words),
        lang=w.gettext(language_name(debrief.lang)),
        attempt=debrief.attempt_no,
    )


def outcome_line(debrief: Debrief, w: Words) -> str:
    return w.gettext("Outcome: {outcome}").format(outcome=w.text(debrief.outcome_words))


def mood_change(debrief: Debrief, before: int, after: int, w: Words) -> str:
    return w.gettext("mood {before} {before_word} → {after} {after_word}").format(
        before=fmt_mood(before),
        before_word=w.gettext(debrief.mood_word(before)),
        after=fmt_mood(after),
        after_word=w.gettext(debrief.mood_word(after)),
    )


def turn_timing(turn: AnnotatedTurn, w: Words) -> str:
    timing = w.text(fmt_seconds(turn.response_seconds))
    return w.gettext("{timing} (late)").format(timing=timing) if turn.late else timing


def turn_heading(turn: AnnotatedTurn, debrief: Debrief, w: Words) -> str:
    """ "Turn 2 · 18s · mood -1 upset → 0 neutral"."""
    return " · ".join(
        (
            w.gettext("Turn {n}").format(n=turn.index),
            turn_timing(turn, w),
            mood_change(debrief, turn.mood_before, turn.mood_after, w),
        )
    )


def improvement_heading(imp: Improvement, w: Words) -> str:
    """ "Turn 3, restating" or "The whole call, timeliness"."""
    dimension = w.gettext(dimension_title(imp.dimension))
    if not w.is_chinese:
        dimension = dimension.lower()
    if imp.turn is None:
        return w.gettext("The whole call, {dimension}").format(dimension=dimension)
    return w.gettext("Turn {n}, {dimension}").format(n=imp.turn, dimension=dimension)


def improvement_worth(imp: Improvement, w: Words) -> str:
    return w.gettext("worth {points} points overall").format(points=f"{imp.value:g}")


def hints_line(hints: int, w: Words) -> str:
    """How many hints the trainee asked for (shown in the debrief header)."""
    return w.ngettext("{n} hint used", "{n} hints used", hints).format(n=hints)
