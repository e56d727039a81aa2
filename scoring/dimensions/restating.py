"""Restating: the customer's facts said back and confirmed before a fix is proposed.

Rules (points out of 100, see docs/grading.md):
  restate.fact        +60 shared among the facts revealed in the attempt, each restated
  restate.any         +60 when the case has no facts: any restatement
  restate.confirmed   +20 the restatement asks for confirmation ("…, right?")
  restate.before_fix  +20 the first restatement comes before the first proposed fix
  restate.echo          0 the customer's own sentence copied back in their first person
"""

from __future__ import annotations

import re

from scoring.confirmed_summary import ZH_CONFIRMING
from scoring.dimensions import rewrites
from scoring.dimensions.common import (
    DimensionResult,
    Tally,
    analysis_of,
    replies,
    sentence,
    valid_span,
)
from scoring.echo import echoed
from scoring.message import listing, msg, nmsg
from scoring.rubric_spec import RubricSpec
from scoring.signal import (
    ALTERNATIVE,
    CHECK_UNDERSTANDING,
    ESCALATE,
    ETA,
    PLAIN_STEP,
    RESTATE,
    Signal,
)
from scoring.transcript import Transcript, Turn

COVERAGE = 60.0
CONFIRMED = 20.0
BEFORE_FIX = 20.0
# A "say instead" restatement names at most this many facts: short enough to say.
SAY_FACTS = 3
FIX_SIGNALS: frozenset[str] = frozenset({ETA, PLAIN_STEP, ALTERNATIVE, ESCALATE})
# Any question after the restatement asks the customer to confirm it.
_CONFIRM = re.compile(r"[?？]|是不是|" + ZH_CONFIRMING)


def asks_confirmation(turn: Turn, sig: Signal) -> bool:
    """A confirming question in the reply at or after the restatement."""
    if analysis_of(turn).has(CHECK_UNDERSTANDING):
        return True
    start = sig.span[0] if valid_span(turn, sig) else 0
    return _CONFIRM.search(turn.text.casefold(), start) is not None


def _first_fix(transcript: Transcript) -> tuple[int, int] | None:
    """(turn, position) of the first proposed fix: a command to escalate or a fix signal."""
    for turn in transcript.turns:
        if turn.command == "escalate":
            return (turn.index, 0)
        if turn.is_reply:
            starts = [s.span[0] for s in analysis_of(turn).signals if s.name in FIX_SIGNALS]
            if starts:
                return (turn.index, min(starts))
    return None


def grade_restating(transcript: Transcript, spec: RubricSpec) -> DimensionResult:
    tally = Tally("restating")
    lang = transcript.lang or spec.lang
    rs = replies(transcript)
    revealed: set[str] = set()
    for turn in transcript.turns:
        revealed.update(turn.revealed)
    known = {f.id: f for f in spec.facts}
    told = [f.id for f in spec.facts if f.id in revealed]
    wanted = told or [f.id for f in spec.facts]
    facts = [known[i] for i in wanted]
    heard = [t.customer_line for t in transcript.turns]
    restates: list[tuple[Turn, Signal]] = []
    for t in rs:
        for s in analysis_of(t).of(RESTATE):
            copied = echoed(s.evidence, [*heard[: t.index], *spec.customer_lines])
            if copied is None:
                restates.append((t, s))
            else:
                tally.signal(
                    t,
                    s,
                    "restate.echo",
                    0.0,
                    msg("an echo, not a restatement: \u201c{copied}\u201d", copied=copied),
                )
    fix = _first_fix(transcript)
    fix_turn = next((t for t in transcript.turns if fix and t.index == fix[0]), None)
    anchor = fix_turn or (rs[-1] if rs else None)
    say = rewrites.for_rule(
        "restate.fact", lang, names=spec.customer_names, facts=facts[:SAY_FACTS]
    )

    covered: set[str] = set()
    if wanted:
        share = COVERAGE / len(wanted)
        for turn, sig in restates:
            for fid in sig.facts:
                if fid in wanted and fid not in covered:
                    covered.add(fid)
                    tally.signal(
                        turn,
                        sig,
                        "restate.fact",
                        share,
                        msg("restated: {fact}", fact=known[fid].summary),
                    )
        missing = [known[fid] for fid in wanted if fid not in covered]
        for fact in missing:
            tally.add(
                anchor.index if anchor else None,
                anchor.text if anchor else "",
                "restate.fact",
                0.0,
                msg("not restated: {fact}", fact=fact.summary),
            )
        if missing:
            tally.miss(
                anchor.index if anchor else None,
                anchor.text if anchor else "",
                "restate.fact",
                share * len(missing),
                msg("Not restated: {facts}.", facts=listing([f.summary for f in missing])),
                rewrites.for_rule(
                    "restate.fact", lang, names=spec.customer_names, facts=missing[:SAY_FACTS]
                ),
                record=False,
            )
    elif restates:
        turn, sig = restates[0]
        tally.signal(turn, sig, "restate.any", COVERAGE, msg("restated the problem"))
    else:
        tally.miss(
            anchor.index if anchor else None,
            anchor.text if anchor else "",
            "restate.any",
            COVERAGE,
            msg("The problem was never restated to the customer."),
            say,
        )

    bits: list[str] = []
    if wanted:
        bits.append(
            nmsg(
                "restated {done} of {n} fact",
                "restated {done} of {n} facts",
                len(wanted),
                done=len(covered),
            )
        )
    if not restates:
        quote_turn = anchor
        for rule, points in (("restate.confirmed", CONFIRMED), ("restate.before_fix", BEFORE_FIX)):
            tally.miss(
                quote_turn.index if quote_turn else None,
                quote_turn.text if quote_turn else "",
                rule,
                points,
                msg("Nothing was restated, so nothing was confirmed."),
                say,
            )
        bits.append(msg("never confirmed the problem"))
        return tally.result(sentence(bits))

    confirming = next(((t, s) for t, s in restates if asks_confirmation(t, s)), None)
    if confirming is not None:
        tally.signal(
            *confirming, "restate.confirmed", CONFIRMED, msg("asked the customer to confirm")
        )
        bits.append(msg("asked for confirmation"))
    else:
        turn, sig = restates[0]
        tally.miss(
            turn.index,
            sig.evidence,
            "restate.confirmed",
            CONFIRMED,
            msg(
                "The restatement was not checked with the customer (\u201c…, is that right?\u201d)."
            ),
            say,
            valid_span(turn, sig),
        )
        bits.append(msg("did not ask for confirmation"))

    turn, sig = restates[0]
    if fix is None or (turn.index, sig.span[0]) < fix:
        tally.signal(
            turn, sig, "restate.before_fix", BEFORE_FIX, msg("restated before proposing a fix")
        )
        bits.append(msg("before proposing a fix"))
    else:
        assert fix_turn is not None
        tally.miss(
            fix_turn.index,
            fix_turn.text,
            "restate.before_fix",
            BEFORE_FIX,
            msg("A fix was proposed before the problem had been confirmed."),
            rewrites.for_rule(
                "restate.before_fix", lang, names=spec.customer_names, facts=facts[:SAY_FACTS]
            ),
        )
        bits.append(msg("but only after proposing a fix"))
    return tally.result(sentence(bits))
