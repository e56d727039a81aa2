"""Etiquette (optional; graded only when the scenario weights it): the frame of the call.

Rules (points out of 100, see docs/grading.md):
  etiquette.greeting    +25 a proper greeting in the first reply (+10 if only later)
  etiquette.closing     +25 a closing ("anything else I can help you with?")
  etiquette.name        +20 the customer's name used, +5 each for a second and third use
  etiquette.plain_step  +10 confused customers: a plain step or a check of understanding
  etiquette.no_jargon   +10 (+20 for other customers) no unexplained jargon in any reply
  etiquette.jargon      -10 each jargon term with a confused customer (-5 with others)
"""

from __future__ import annotations

from scoring.dimensions import rewrites
from scoring.dimensions.common import (
    DimensionResult,
    Tally,
    analysis_of,
    replies,
    sentence,
    times,
)
from scoring.message import msg, nmsg
from scoring.rubric_spec import RubricSpec
from scoring.signal import CHECK_UNDERSTANDING, CLOSING, GREETING, JARGON, NAME_USE, PLAIN_STEP
from scoring.transcript import Transcript

GREETING_FIRST = 25.0
GREETING_LATE = 10.0
CLOSING_POINTS = 25.0
NAME_POINTS = (20.0, 5.0, 5.0)
PLAIN_STEP_POINTS = 10.0
NO_JARGON_CONFUSED = 10.0
NO_JARGON = 20.0
JARGON_CONFUSED = 10.0
JARGON_OTHER = 5.0


def grade_etiquette(transcript: Transcript, spec: RubricSpec) -> DimensionResult:
    tally = Tally("etiquette")
    lang = transcript.lang or spec.lang
    names = spec.customer_names
    rs = replies(transcript)
    confused = spec.kind == "confused"
    first = rs[0] if rs else None
    bits: list[str] = []

    greeted = next((t for t in rs if analysis_of(t).has(GREETING)), None)
    if greeted is not None:
        sig = analysis_of(greeted).of(GREETING)[0]
        on_time = first is not None and greeted.index == first.index
        points = GREETING_FIRST if on_time else GREETING_LATE
        tally.signal(
            greeted,
            sig,
            "etiquette.greeting",
            points,
            msg("greeted") if on_time else msg("greeted late"),
        )
        bits.append(msg("greeted") if on_time else msg("greeted late"))
    if greeted is None or (first is not None and greeted.index != first.index):
        lost = GREETING_FIRST - (GREETING_LATE if greeted is not None else 0.0)
        tally.miss(
            first.index if first else None,
            first.text if first else "",
            "etiquette.greeting",
            lost,
            msg("The first reply has no greeting."),
            rewrites.for_rule("etiquette.greeting", lang, names=names),
        )
        if greeted is None:
            bits.append(msg("no greeting"))

    closed = next((t for t in rs if analysis_of(t).has(CLOSING)), None)
    if closed is not None:
        sig = analysis_of(closed).of(CLOSING)[0]
        tally.signal(
            closed, sig, "etiquette.closing", CLOSING_POINTS, msg("closed the call properly")
        )
        bits.append(msg("closed properly"))
    else:
        last = rs[-1] if rs else None
        tally.miss(
            last.index if last else None,
            last.text if last else "",
            "etiquette.closing",
            CLOSING_POINTS,
            msg("No closing: summarise, ask if there is anything else, thank them."),
            rewrites.for_rule("etiquette.closing", lang, names=names),
        )
        bits.append(msg("no closing"))

    uses = [t for t in rs if analysis_of(t).has(NAME_USE)]
    for turn, points in zip(uses, NAME_POINTS, strict=False):
        sig = analysis_of(turn).of(NAME_USE)[0]
        tally.signal(turn, sig, "etiquette.name", points, msg("used the customer's name"))
    if len(uses) < len(NAME_POINTS):
        anchor = first
        tally.miss(
            anchor.index if anchor else None,
            anchor.text if anchor else "",
            "etiquette.name",
            sum(NAME_POINTS[len(uses) :]),
            msg(
                "The customer's name was used {times}; aim for three times in a call.",
                times=times(len(uses)),
            ),
            rewrites.for_rule("etiquette.name", lang, names=names),
        )
    bits.append(msg("used the name {times}", times=times(len(uses))))

    if confused:
        step = next(
            (
                (t, s)
                for t in rs
                for s in analysis_of(t).signals
                if s.name in (PLAIN_STEP, CHECK_UNDERSTANDING)
            ),
            None,
        )
        if step is not None:
            tally.signal(
                *step, "etiquette.plain_step", PLAIN_STEP_POINTS, msg("one plain step at a time")
            )
        else:
            tally.miss(
                first.index if first else None,
                first.text if first else "",
                "etiquette.plain_step",
                PLAIN_STEP_POINTS,
                msg("No plain, checked step for a confused customer."),
                rewrites.for_rule("etiquette.plain_step", lang, names=names),
            )
    jargon = [(t, s) for t in rs for s in analysis_of(t).of(JARGON)]
    cost = JARGON_CONFUSED if confused else JARGON_OTHER
    for turn, sig in jargon:
        tally.signal(
            turn, sig, "etiquette.jargon", -cost, msg("jargon the customer may not follow")
        )
        tally.miss(
            turn.index,
            sig.evidence,
            "etiquette.jargon",
            cost,
            msg("\u201c{phrase}\u201d is jargon; say it in plain words.", phrase=sig.evidence),
            sig.suggestion or rewrites.for_rule("etiquette.jargon", lang, names=names),
            record=False,
        )
    if rs and not jargon:
        tally.add(
            None,
            "",
            "etiquette.no_jargon",
            NO_JARGON_CONFUSED if confused else NO_JARGON,
            nmsg("no jargon in {n} reply", "no jargon in {n} replies", len(rs)),
        )
    bits.append(
        nmsg("{n} jargon term", "{n} jargon terms", len(jargon))
        if jargon
        else msg("plain language")
    )
    return tally.result(sentence(bits))
