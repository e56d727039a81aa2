"""Timeliness: replies inside the targets, and every promise or hand-off with a concrete time.

Rules (deductions from 100, see docs/grading.md):
  time.first_reply    -15 first reply over first_reply_target_seconds (-25 over twice it)
  time.reply          -10 any later reply over reply_target_seconds (-15 over twice it)
  time.vague          -10 each vague time ("later", "soon", "maybe") (avoided/vague)
  time.promise_eta    -10 a promise to follow up (ownership) with no time in it or the next reply
  time.handoff_eta    -20 a hand-off (/escalate or saying so) with no time in a reply next to it
  time.eta_missing    -25 the scenario requires a time and no reply ever gave one
"""

from __future__ import annotations

from scoring.dimensions import rewrites
from scoring.dimensions.common import (
    DimensionResult,
    Tally,
    analysis_of,
    avoided_in,
    replies,
    sentence,
)
from scoring.message import msg, nmsg
from scoring.rubric_spec import RubricSpec
from scoring.signal import ESCALATE, ETA, OWNERSHIP
from scoring.transcript import Transcript, Turn

FIRST_LATE = 15.0
FIRST_VERY_LATE = 25.0
LATE = 10.0
VERY_LATE = 15.0
VAGUE = 10.0
PROMISE = 10.0
HANDOFF = 20.0
ETA_MISSING = 25.0


# How many replies before an /escalate may already tell the customer about it.
NEAR_BEFORE = 1


def handoffs(transcript: Transcript) -> list[tuple[Turn, list[Turn]]]:
    """Each hand-off with the replies that may carry its "what next, and when".

    An ``/escalate`` command is told about in the replies around it (up to
    ``NEAR_BEFORE`` before it, or any after it: the call goes on after a hand-off); saying
    "I'm passing this on" (escalate signal) far from any command is a hand-off of its own,
    told about in that reply or the next.
    """
    rs = replies(transcript)
    commands = [t for t in transcript.turns if t.command == "escalate"]
    out: list[tuple[Turn, list[Turn]]] = [
        (c, [r for r in rs if r.index >= c.index - NEAR_BEFORE]) for c in commands
    ]
    for r in rs:
        if not analysis_of(r).has(ESCALATE):
            continue
        if any(abs(r.index - c.index) <= 1 for c in commands):
            continue
        out.append((r, [x for x in rs if x.index in (r.index, r.index + 1)]))
    out.sort(key=lambda pair: pair[0].index)
    return out


def has_eta(turns: list[Turn]) -> bool:
    return any(analysis_of(t).has(ETA) for t in turns)


def grade_timeliness(transcript: Transcript, spec: RubricSpec) -> DimensionResult:
    tally = Tally("timeliness", base=100.0)
    lang = transcript.lang or spec.lang
    names = spec.customer_names
    rs = replies(transcript)
    late_count = 0
    for i, turn in enumerate(rs):
        target = spec.first_reply_target_seconds if i == 0 else spec.reply_target_seconds
        if turn.response_seconds <= target:
            continue
        late_count += 1
        very = turn.response_seconds > 2 * target
        rule = "time.first_reply" if i == 0 else "time.reply"
        costs = (FIRST_LATE, FIRST_VERY_LATE) if i == 0 else (LATE, VERY_LATE)
        cost = costs[1] if very else costs[0]
        timing = {"took": f"{turn.response_seconds:g}", "target": f"{target:g}"}
        note = (
            msg("answered after {took}s; target {target}s (more than twice over)", **timing)
            if very
            else msg("answered after {took}s; target {target}s", **timing)
        )
        tally.add(turn.index, turn.text, rule, -cost, note)
        tally.miss(
            turn.index,
            turn.text,
            rule,
            cost,
            msg("The reply took {took}s against a target of {target}s.", **timing),
            rewrites.for_rule(rule, lang, names=names),
            record=False,
        )

    vague = 0
    for turn in rs:
        for sig in avoided_in(turn):
            if sig.category != "vague":
                continue
            vague += 1
            tally.signal(
                turn, sig, "time.vague", -VAGUE, msg("a vague time instead of a concrete one")
            )
            tally.miss(
                turn.index,
                sig.evidence,
                "time.vague",
                VAGUE,
                msg("\u201c{phrase}\u201d gives no concrete time.", phrase=sig.evidence),
                rewrites.for_avoided("vague", sig.suggestion, lang, names),
                record=False,
            )

    open_promises = 0
    for i, turn in enumerate(rs):
        promise = next(iter(analysis_of(turn).of(OWNERSHIP)), None)
        if promise is None or has_eta(rs[i : i + 2]):
            continue
        open_promises += 1
        tally.signal(
            turn, promise, "time.promise_eta", -PROMISE, msg("a promise with no time attached")
        )
        tally.miss(
            turn.index,
            promise.evidence,
            "time.promise_eta",
            PROMISE,
            msg("A promise to follow up without saying when."),
            rewrites.for_rule("time.promise_eta", lang, names=names),
            record=False,
        )

    open_handoffs = 0
    for handoff, near in handoffs(transcript):
        if has_eta(near) or (handoff.is_reply and has_eta([handoff])):
            continue
        open_handoffs += 1
        team = handoff.target or (spec.escalation.targets[:1] or ("",))[0]
        tally.add(
            handoff.index,
            handoff.text,
            "time.handoff_eta",
            -HANDOFF,
            msg("handed off without telling the customer when they will hear back"),
        )
        tally.miss(
            handoff.index,
            handoff.text,
            "time.handoff_eta",
            HANDOFF,
            msg("The customer was handed on without a time for the next contact."),
            rewrites.for_rule("time.handoff_eta", lang, names=names, target=team),
            record=False,
        )

    any_eta = has_eta(rs)
    if spec.eta_required and not any_eta:
        last = rs[-1] if rs else None
        tally.add(
            last.index if last else None,
            last.text if last else "",
            "time.eta_missing",
            -ETA_MISSING,
            msg("no reply ever gave the customer a concrete time"),
        )
        tally.miss(
            last.index if last else None,
            last.text if last else "",
            "time.eta_missing",
            ETA_MISSING,
            msg("The customer was never given a concrete time."),
            rewrites.for_rule("time.eta_missing", lang, names=names),
            record=False,
        )

    bits: list[str] = [
        nmsg(
            "{on_time} of {n} reply on time",
            "{on_time} of {n} replies on time",
            len(rs),
            on_time=len(rs) - late_count,
        )
        if rs
        else msg("no replies")
    ]
    if any_eta:
        bits.append(msg("gave a concrete time"))
    elif spec.eta_required:
        bits.append(msg("never gave a concrete time"))
    if vague:
        bits.append(nmsg("{n} vague time", "{n} vague times", vague))
    if open_promises:
        bits.append(
            nmsg("{n} promise without a time", "{n} promises without a time", open_promises)
        )
    if open_handoffs:
        bits.append(
            nmsg("{n} hand-off without a time", "{n} hand-offs without a time", open_handoffs)
        )
    return tally.result(sentence(bits))
