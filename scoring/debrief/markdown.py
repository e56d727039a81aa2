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
    Point,
    Segment,
    dimension_title,
    fmt_mood,
    fmt_points,
    fmt_weight,
    one_line,
    quoted,
    shown,
)
from scoring.debrief.wording import (
    hints_line,
    improvement_heading,
    improvement_worth,
    labels,
    meta_line,
    mood_heading,
    passed_words,
    turn_heading,
)
from scoring.message import ENGLISH, Words
from scoring.safe_text import printable

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(text: str) -> str:
    """Text that renders as itself: Markdown punctuation escaped, HTML entities too."""
    text = printable(one_line(text))
    text = text.replace("&", "&amp;")
    text = _SPECIAL.sub(r"\\\1", text)
    if text[:1] in ("-", "=", ">") or re.match(r"\d+[.)]", text):
        text = "\\" + text
    return text


def _cell(text: str) -> str:
    return md_escape(text) or " "


def _inline(text: str) -> str:
    """Escaped like :func:`md_escape`, but inner and edge spaces are kept (one line)."""
    text = printable(re.sub(r"\s", " ", text))
    return _SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))


def _segments(segments: tuple[Segment, ...], w: Words) -> str:
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
        out.append(f"{lead}{mark} _({labels(seg, w)})_{trail}")
    return "".join(out)


def _point_line(point: Point, w: Words) -> str:
    e = point.evidence
    return (
        f"- {fmt_points(e.points)} {w.gettext(dimension_title(point.dimension))} · "
        f"`{e.rule}`: {md_escape(w.text(e.note))}"
    )


def _turn(turn: AnnotatedTurn, debrief: Debrief, w: Words) -> list[str]:
    _ = w.gettext
    lines = [f"### {turn_heading(turn, debrief, w)}", ""]
    customer = _("Customer:")
    you = _("You:")
    if turn.shown_customer_line:
        lines += [f"> **{customer}** {md_escape(w.scenario(turn.shown_customer_line))}", ""]
    if turn.is_reply:
        lines.append(f"**{you}** {_segments(turn.segments(), w)}")
    else:
        head = f"`/{turn.command}`"
        if turn.target:
            head += " " + _("to {target}").format(target=f"**{md_escape(turn.target)}**")
        lines.append(f"**{you}** {head}")
        if turn.note:
            note = _("Hand-off note:")
            lines += ["", f"{note} {_segments(turn.segments(), w)}"]
    lines.append("")
    lines += [_point_line(p, w) for p in turn.points]
    if turn.points:
        lines.append("")
    if turn.customer_reply:
        lines += [f"> **{customer}** {md_escape(w.scenario(turn.customer_reply))}", ""]
    return lines


def render_markdown(debrief: Debrief, words: Words = ENGLISH) -> str:
    """The debrief as Markdown, in the language of ``words``."""
    w = words
    _ = w.gettext
    g = debrief.grade
    lines = [
        f"# {_('Debrief: {title}').format(title=md_escape(w.scenario(debrief.title)))}",
        "",
        meta_line(debrief, w, f"`{debrief.scenario_id}`"),
        "",
    ]
    if debrief.trainee_id or debrief.transcript.hints_used:
        people = []
        if debrief.trainee_id:
            people.append(_("Trainee: {trainee}").format(trainee=md_escape(debrief.trainee_id)))
        if debrief.transcript.hints_used:
            people.append(hints_line(debrief.transcript.hints_used, w))
        lines += [" · ".join(people), ""]
    lines += [
        f"**{w.text(debrief.headline)}**",
        "",
    ]
    if g.reasons:
        lines += [_("Why it did not pass:"), ""]
        lines += [f"- {md_escape(w.text(r))}" for r in g.reasons]
        lines.append("")

    lines += [
        f"## {_('Scores')}",
        "",
        f"| {_('Dimension')} | {_('Score')} | {_('Weight')} | {_('Summary')} |",
        "|---|---:|---:|---|",
    ]
    for d in g.dimensions:
        lines.append(
            f"| {_(dimension_title(d.name))} | {shown(d.score, w)} | {fmt_weight(d.weight)} | "
            f"{_cell(w.text(d.summary))} |"
        )
    pass_mark = _("pass mark {pass_mark}").format(pass_mark=g.pass_mark)
    lines += [f"| **{_('Overall')}** | **{g.overall}** | | {pass_mark} |", ""]
    general = debrief.general_points()
    if general:
        lines += [_point_line(p, w) for p in general]
        lines.append("")

    lines += [f"## {_('What to change first')}", ""]
    if not debrief.improvements:
        lines += [_("Nothing to change: every rule was met."), ""]
    for n, imp in enumerate(debrief.improvements, start=1):
        lines.append(f"{n}. **{improvement_heading(imp, w)}** ({improvement_worth(imp, w)})")
        if imp.quote:
            lines.append(f"   - {_('You said:')} “{md_escape(imp.quote)}”")
        lines.append(f"   - {_('Why:')} {md_escape(w.text(imp.problem))}")
        instead = md_escape(quoted(w.scenario(imp.say_instead)))
        lines.append(f"   - {_('Say instead:')} {instead}")
    if debrief.improvements:
        lines.append("")

    if debrief.mood:
        lines += [f"## {mood_heading(w)}", ""]
        lines.append(
            " → ".join(
                f"{fmt_mood(p.mood)} {_(debrief.mood_word(p.mood))} ("
                + (_("start") if p.turn == 0 else _("turn {n}").format(n=p.turn))
                + ")"
                for p in debrief.mood
            )
        )
        lines.append("")

    lines += [f"## {_('Transcript')}", ""]
    if not debrief.turns:
        lines += [_("No turns were played."), ""]
    for turn in debrief.turns:
        lines += _turn(turn, debrief, w)

    if debrief.previous:
        lines += [
            f"## {_('Earlier attempts')}",
            "",
            f"| {_('Attempt')} | {_('Finished')} | {_('Overall')} | {_('Result')} |",
            "|---:|---|---:|---|",
        ]
        for p in debrief.previous:
            lines.append(
                f"| #{p.attempt_no} | {_cell(p.finished_at)} | {p.overall} | "
                f"{passed_words(p.passed, w)} |"
            )
        this = _("#{n} (this)").format(n=debrief.attempt_no)
        lines += [f"| {this} | | {g.overall} | {passed_words(g.passed, w)} |", ""]
        if debrief.progress:
            lines += [w.text(debrief.progress), ""]

    if debrief.disputes:
        lines += [f"## {_('Disputes')}", ""]
        for dispute in debrief.disputes:
            line = _("Turn {turn}: “{reason}” — {ruling}").format(
                turn=dispute.turn,
                reason=md_escape(dispute.reason),
                ruling=md_escape(w.text(dispute.ruling)),
            )
            lines.append(f"- {line}")
        lines.append("")

    if debrief.figure is not None:
        lines += [
            f"## {_('From the training material')}",
            "",
            f"> {md_escape(w.text(debrief.figure.text))} — "
            f"{md_escape(w.text(debrief.figure.source))}",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
