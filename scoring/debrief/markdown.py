"""The debrief as Markdown (a pure function of the Debrief: no I/O, no clock).

Trainee and scenario text is escaped so it can never become Markdown structure or
HTML: good phrases are **bold**, avoided ones ~~struck through~~, each followed by its
label in italics.
"""

from __future__ import annotations

import re

from scoring.debrief.content import (
    BLOCKER,
    GOOD,
    AnnotatedTurn,
    Debrief,
    Segment,
    fmt_mood,
    fmt_points,
    fmt_seconds,
    fmt_weight,
    one_line,
    quoted,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|\x1b\[[0-?]*[ -/]*[@-~]")


def md_escape(text: str) -> str:
    """Text that renders as itself: Markdown punctuation escaped, HTML entities too."""
    text = _CONTROL.sub("", one_line(text))
    text = text.replace("&", "&amp;")
    text = _SPECIAL.sub(r"\\\1", text)
    if text[:1] in ("-", "=", ">") or re.match(r"\d+[.)]", text):
        text = "\\" + text
    return text


def _cell(text: str) -> str:
    return md_escape(text) or " "


def _inline(text: str) -> str:
    """Escaped like :func:`md_escape`, but inner and edge spaces are kept (one line)."""
    text = _CONTROL.sub("", re.sub(r"\s", " ", text))
    return _SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))


def _segments(segments: tuple[Segment, ...]) -> str:
    out: list[str] = []
    for seg in segments:
        if seg.tone is None or not seg.text.strip():
            out.append(_inline(seg.text))
            continue
        body = seg.text
        lead = " " if body[:1].isspace() else ""
        trail = " " if body[-1:].isspace() else ""
        inner = _inline(body.strip())
        if seg.tone == BLOCKER:
            mark = f"**~~{inner}~~**"
        elif seg.tone == GOOD:
            mark = f"**{inner}**"
        else:
            mark = f"~~{inner}~~"
        out.append(f"{lead}{mark} _({', '.join(seg.labels)})_{trail}")
    return "".join(out)


def _turn(turn: AnnotatedTurn, debrief: Debrief) -> list[str]:
    timing = fmt_seconds(turn.response_seconds) + (" (late)" if turn.late else "")
    mood = (
        f"mood {fmt_mood(turn.mood_before)} {debrief.mood_word(turn.mood_before)} → "
        f"{fmt_mood(turn.mood_after)} {debrief.mood_word(turn.mood_after)}"
    )
    lines = [f"### Turn {turn.index} · {timing} · {mood}", ""]
    if turn.shown_customer_line:
        lines += [f"> **Customer:** {md_escape(turn.shown_customer_line)}", ""]
    if turn.is_reply:
        lines.append(f"**You:** {_segments(turn.segments())}")
    else:
        head = f"`/{turn.command}`" + (f" to **{md_escape(turn.target)}**" if turn.target else "")
        lines.append(f"**You:** {head}")
        if turn.note:
            lines += ["", f"Hand-off note: {_segments(turn.segments())}"]
    lines.append("")
    for point in turn.points:
        e = point.evidence
        lines.append(
            f"- {fmt_points(e.points)} {point.dimension} · `{e.rule}`: {md_escape(e.note)}"
        )
    if turn.points:
        lines.append("")
    if turn.customer_reply:
        lines += [f"> **Customer:** {md_escape(turn.customer_reply)}", ""]
    return lines


def render_markdown(debrief: Debrief) -> str:
    g = debrief.grade
    lines = [
        f"# Debrief: {md_escape(debrief.title)}",
        "",
        f"Scenario `{debrief.scenario_id}` · {debrief.kind} customer · {debrief.lang} · "
        f"attempt #{debrief.attempt_no} · outcome: {debrief.outcome_words}",
        "",
        f"**{debrief.headline}**",
        "",
    ]
    if g.reasons:
        lines += ["Why it did not pass:", ""]
        lines += [f"- {md_escape(r)}" for r in g.reasons]
        lines.append("")

    lines += ["## Scores", "", "| Dimension | Score | Weight | Summary |", "|---|---:|---:|---|"]
    for d in g.dimensions:
        lines.append(
            f"| {debrief.dimension_title(d.name)} | {d.score} | {fmt_weight(d.weight)} | "
            f"{_cell(d.summary)} |"
        )
    lines += [f"| **Overall** | **{g.overall}** | | pass mark {g.pass_mark} |", ""]
    general = debrief.general_points()
    if general:
        for point in general:
            e = point.evidence
            lines.append(
                f"- {fmt_points(e.points)} {point.dimension} · `{e.rule}`: {md_escape(e.note)}"
            )
        lines.append("")

    lines += ["## What to change first", ""]
    if not debrief.improvements:
        lines += ["Nothing to change: every rule was met.", ""]
    for n, imp in enumerate(debrief.improvements, start=1):
        where = f"Turn {imp.turn}" if imp.turn is not None else "The whole call"
        lines.append(
            f"{n}. **{where}, {debrief.dimension_title(imp.dimension).lower()}** "
            f"(worth {imp.value:g} points overall)"
        )
        if imp.quote:
            lines.append(f"   - You said: “{md_escape(imp.quote)}”")
        lines.append(f"   - Why: {md_escape(imp.problem)}")
        lines.append(f"   - Say instead: {md_escape(quoted(imp.say_instead))}")
    if debrief.improvements:
        lines.append("")

    if debrief.mood:
        lines += ["## The customer's mood", ""]
        lines.append(
            " → ".join(
                f"{fmt_mood(p.mood)} {debrief.mood_word(p.mood)}"
                + (" (start)" if p.turn == 0 else f" (turn {p.turn})")
                for p in debrief.mood
            )
        )
        lines.append("")

    lines += ["## Transcript", ""]
    if not debrief.turns:
        lines += ["No turns were played.", ""]
    for turn in debrief.turns:
        lines += _turn(turn, debrief)

    if debrief.previous:
        lines += [
            "## Earlier attempts",
            "",
            "| Attempt | Finished | Overall | Result |",
            "|---:|---|---:|---|",
        ]
        for p in debrief.previous:
            lines.append(
                f"| #{p.attempt_no} | {_cell(p.finished_at)} | {p.overall} | "
                f"{'passed' if p.passed else 'not passed'} |"
            )
        lines += [
            f"| #{debrief.attempt_no} (this) | | {g.overall} | "
            f"{'passed' if g.passed else 'not passed'} |",
            "",
        ]
        if debrief.progress:
            lines += [debrief.progress, ""]

    if debrief.disputes:
        lines += ["## Disputes", ""]
        for dispute in debrief.disputes:
            lines.append(
                f"- Turn {dispute.turn}: “{md_escape(dispute.reason)}” — {md_escape(dispute.ruling)}"
            )
        lines.append("")

    if debrief.figure is not None:
        lines += [
            "## From the training material",
            "",
            f"> {md_escape(debrief.figure.text)} — {md_escape(debrief.figure.source)}",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
