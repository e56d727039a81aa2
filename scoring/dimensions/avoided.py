"""Avoided phrases: start at 100, lose points per occurrence by category; blockers fail.

The deduction table is documented in docs/grading.md; a category not in the table costs
``DEFAULT_DEDUCTION``. A category listed in the scenario's blockers fails the attempt
whatever the total (the deduction still applies here).
"""

from __future__ import annotations

from scoring.dimensions import rewrites
from scoring.dimensions.common import (
    DimensionResult,
    Tally,
    analysis_of,
    avoided_in,
    replies,
    valid_span,
)
from scoring.grade import Evidence
from scoring.message import N_, listing, msg, nmsg
from scoring.rubric_spec import RubricSpec
from scoring.signal import AVOIDED, Signal
from scoring.transcript import Transcript, Turn

DEDUCTIONS: dict[str, float] = {
    "blame": 30.0,
    "shirking": 25.0,
    "dismissive": 25.0,
    "contact_leak": 25.0,
    "refusal": 20.0,
    "policy": 20.0,
    "disparaging": 20.0,
    "impatient": 15.0,
    "push_contact": 15.0,
    "informal_address": 10.0,
    "excuse": 10.0,
    "vague": 10.0,
    "speculation": 10.0,
}
DEFAULT_DEDUCTION = 15.0
# Blocker categories that fail the attempt in the `/escalate` note too: the note goes
# into the ticket the customer can read, and blaming them there is blaming them.
NOTE_BLOCKERS: frozenset[str] = frozenset({"blame"})

LABELS: dict[str, str] = {
    "blame": N_("blaming the customer"),
    "shirking": N_("shirking the problem"),
    "dismissive": N_("dismissing the feeling"),
    "contact_leak": N_("giving out a colleague's direct contact"),
    "refusal": N_("a flat refusal"),
    "policy": N_("policy as the reason for refusing"),
    "disparaging": N_("agreeing it's terrible"),
    "impatient": N_("impatience"),
    "push_contact": N_("pushing the contact onto the customer"),
    "informal_address": N_("informal address"),
    "excuse": N_("an excuse"),
    "vague": N_("a vague time"),
    "speculation": N_("speculation"),
}


def deduction(category: str | None) -> float:
    return DEDUCTIONS.get(category or "", DEFAULT_DEDUCTION)


def label(category: str | None) -> str:
    if category in LABELS:
        return msg(LABELS[category])
    return category or msg("an avoided phrase")


def grade_avoided(
    transcript: Transcript, spec: RubricSpec
) -> tuple[DimensionResult, tuple[Evidence, ...]]:
    """The dimension, and the blockers hit (evidence quoting each blocking phrase)."""
    tally = Tally("avoided", base=100.0)
    lang = transcript.lang or spec.lang
    blockers: list[Evidence] = []
    counts: dict[str, int] = {}
    for turn in replies(transcript):
        for sig in avoided_in(turn):
            cat = sig.category or "unknown"
            cost = deduction(sig.category)
            counts[cat] = counts.get(cat, 0) + 1
            say = rewrites.for_avoided(sig.category, sig.suggestion, lang, spec.customer_names)
            note = msg("{label} (-{cost})", label=label(sig.category), cost=format(cost, "g"))
            tally.signal(turn, sig, f"avoided.{cat}", -cost, note)
            span = valid_span(turn, sig)
            tally.miss(
                turn.index,
                sig.evidence,
                f"avoided.{cat}",
                cost,
                msg(
                    "\u201c{phrase}\u201d is {label}.",
                    phrase=sig.evidence,
                    label=label(sig.category),
                ),
                say,
                span,
                record=False,
            )
            if sig.category in spec.blockers:
                blockers.append(_blocker(turn, sig))
    for turn in transcript.turns:
        if turn.command != "escalate" or not turn.note.strip():
            continue
        for sig in analysis_of(turn).of(AVOIDED):
            if sig.category in NOTE_BLOCKERS and sig.category in spec.blockers:
                blockers.append(_blocker(turn, sig))
    if counts:
        parts = [
            msg("{n}\u00d7 {label}", n=n, label=label(c))
            for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        summary: str = msg("Avoided phrases: {phrases}.", phrases=listing(parts, ", "))
    else:
        n = len(replies(transcript))
        summary = nmsg("No avoided phrases in {n} reply.", "No avoided phrases in {n} replies.", n)
    return tally.result(summary), tuple(blockers)


def _blocker(turn: Turn, sig: Signal) -> Evidence:
    """Evidence that a blocking phrase was written (in a reply or the hand-off note)."""
    cat = sig.category or "unknown"
    msg_ = msg("{label} fails this scenario", label=label(sig.category))
    return Evidence(turn.index, sig.evidence, f"blocker.{cat}", 0.0, msg_, valid_span(turn, sig))
