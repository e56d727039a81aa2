"""Empathy: acknowledge the feeling and its impact, apologise where it is warranted.

Rules (points out of 100, see docs/grading.md):
  empathy.first_venting  +50  the first reply to a venting line acknowledges it
  empathy.late_ack       +25  ... or only the reply after that does
  empathy.bare_formula   +25  ... with a bare formula and nothing of its own ("I'm sorry.")
  empathy.impact         +15  the acknowledging reply names the impact (a fact of the case)
  empathy.apology        +15  one apology where warranted (upset customer, or a slow reply)
  empathy.flare_up       +20  shared among later outbursts, each acknowledged
  empathy.steady         +20  no later outburst to acknowledge after an acknowledgement
  empathy.repeated         0  the same words a third time no longer acknowledge anything
  empathy.undercut       -x   credit lost in a reply that also holds an avoided phrase
  empathy.template      -10  each reuse of a near-identical sentence (boilerplate), up to -40
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.analysis.coverage import facts_mentioned
from scoring.dimensions import rewrites
from scoring.dimensions.avoided import label
from scoring.dimensions.common import (
    DimensionResult,
    Tally,
    analysis_of,
    boilerplate,
    is_late,
    norm_phrase,
    replies,
    sentence,
    undercut_factor,
    valid_span,
)
from scoring.message import listing, msg, nmsg
from scoring.rubric_spec import RubricSpec
from scoring.signal import APOLOGY, EMPATHY, NAME_USE, Signal
from scoring.transcript import Transcript, Turn

FIRST = 50.0
LATE = 25.0
IMPACT = 15.0
APOLOGY_POINTS = 15.0
FLARE = 20.0
MAX_SAME_PHRASE = 2
# A first acknowledgement with fewer own words than this is a bare formula: half credit.
OWN_WORDS = 4
BARE = 0.5
TEMPLATE = 10.0
TEMPLATE_CAP = 40.0


@dataclass(frozen=True, slots=True)
class _Ack:
    """A reply's fresh acknowledgement (None when it has none)."""

    signal: Signal | None
    repeated: Signal | None


def _acknowledgements(rs: list[Turn]) -> dict[int, _Ack]:
    """Per reply, the first empathy (else apology) phrase not yet used twice before."""
    uses: dict[str, int] = {}
    out: dict[int, _Ack] = {}
    for turn in rs:
        fresh: Signal | None = None
        repeated: Signal | None = None
        ordered = analysis_of(turn).of(EMPATHY) + analysis_of(turn).of(APOLOGY)
        for sig in ordered:
            key = norm_phrase(sig.evidence) or sig.rule
            uses[key] = uses.get(key, 0) + 1
            if uses[key] <= MAX_SAME_PHRASE:
                fresh = fresh or sig
            else:
                repeated = repeated or sig
        out[turn.index] = _Ack(fresh, repeated)
    return out


def bare_formula(turn: Turn) -> bool:
    """A reply that is nothing but the formula: not addressed by name, and under
    ``OWN_WORDS`` words of its own (two Chinese characters count as one) once its empathy
    and apology phrases are taken out."""
    if analysis_of(turn).has(NAME_USE):
        return False  # addressed to this customer by name
    text = turn.text
    for sig in sorted(
        analysis_of(turn).of(EMPATHY) + analysis_of(turn).of(APOLOGY),
        key=lambda s: -s.span[0],
    ):
        span = valid_span(turn, sig)
        if span is not None:
            text = text[: span[0]] + " " + text[span[1] :]
    words = [w for w in re.split(r"[^\w]+", text) if w and w.isascii()]
    cjk = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")
    return len(words) + cjk // 2 < OWN_WORDS


def _credit(
    tally: Tally,
    turn: Turn,
    sig: Signal,
    rule: str,
    points: float,
    note: str,
    spec: RubricSpec,
) -> float:
    """Give ``points`` for ``sig``; take back what an avoided phrase in the reply undercuts."""
    tally.signal(turn, sig, rule, points, note)
    factor, worst = undercut_factor(turn, spec)
    if worst is not None and factor < 1.0:
        lost = points * (1.0 - factor)
        tally.signal(
            turn,
            worst,
            "empathy.undercut",
            -lost,
            msg(
                "{label} in the same reply undercuts the acknowledgement",
                label=label(worst.category),
            ),
        )
        tally.miss(
            turn.index,
            worst.evidence,
            "empathy.undercut",
            lost,
            msg("An avoided phrase in the same reply cancels the acknowledgement."),
            rewrites.for_avoided(worst.category, worst.suggestion, spec.lang, spec.customer_names),
            valid_span(turn, worst),
            record=False,
        )
    return points * factor


def _summaries(ids: frozenset[str], spec: RubricSpec) -> str:
    return listing([f.summary for f in spec.facts if f.id in ids] or sorted(ids))


def grade_empathy(transcript: Transcript, spec: RubricSpec) -> DimensionResult:
    tally = Tally("empathy")
    lang = transcript.lang or spec.lang
    names = spec.customer_names
    rs = replies(transcript)
    acks = _acknowledgements(rs)
    say_first = rewrites.for_rule("empathy.first_venting", lang, names=names)
    for turn in rs:
        rep = acks[turn.index].repeated
        if rep is not None and acks[turn.index].signal is None:
            tally.signal(
                turn, rep, "empathy.repeated", 0.0, msg("the same words a third time earn nothing")
            )

    venting = [t for t in rs if t.venting]
    pool = venting[:1] if venting else rs[:1]
    ack_turn: Turn | None = None
    summary_bits: list[str] = []
    if pool:
        opening = pool[0]
        after = [t for t in rs if t.index > opening.index][:1]
        head = msg("the first reply to the outburst") if venting else msg("the opening reply")
        sig = acks[opening.index].signal
        if sig is not None and bare_formula(opening):
            _credit(
                tally,
                opening,
                sig,
                "empathy.bare_formula",
                FIRST * BARE,
                msg("only a bare formula in {where} (half)", where=head),
                spec,
            )
            tally.miss(
                opening.index,
                opening.text,
                "empathy.bare_formula",
                FIRST * (1 - BARE),
                msg(
                    "A formula on its own; tie it to this customer: their deadline, what it "
                    "stops them doing, how they feel."
                ),
                say_first,
                record=False,
            )
            ack_turn = opening
            summary_bits.append(msg("only a bare formula in {where}", where=head))
        elif sig is not None:
            _credit(
                tally,
                opening,
                sig,
                "empathy.first_venting",
                FIRST,
                msg("acknowledged in {where}", where=head),
                spec,
            )
            ack_turn = opening
            summary_bits.append(msg("acknowledged the feeling in {where}", where=head))
        else:
            late = after[0] if after and acks[after[0].index].signal is not None else None
            tally.miss(
                opening.index,
                opening.text,
                "empathy.first_venting",
                FIRST if late is None else FIRST - LATE,
                msg("No acknowledgement of the customer's feelings in {where}.", where=head),
                say_first,
            )
            if late is not None:
                late_sig = acks[late.index].signal
                assert late_sig is not None
                _credit(
                    tally,
                    late,
                    late_sig,
                    "empathy.late_ack",
                    LATE,
                    msg("acknowledged, one reply late"),
                    spec,
                )
                ack_turn = late
                summary_bits.append(msg("acknowledged the feeling one reply late"))
            else:
                summary_bits.append(msg("no acknowledgement in {where}", where=head))

    # Impact: the acknowledging reply names what the problem does to the customer.
    if ack_turn is not None:
        named = facts_mentioned(ack_turn.text, spec.facts) or analysis_of(ack_turn).facts_restated()
        sig = acks[ack_turn.index].signal
        assert sig is not None
        if named:
            _credit(
                tally,
                ack_turn,
                sig,
                "empathy.impact",
                IMPACT,
                msg("named the impact: {facts}", facts=_summaries(named, spec)),
                spec,
            )
            summary_bits.append(msg("named the impact"))
        else:
            tally.miss(
                ack_turn.index,
                ack_turn.text,
                "empathy.impact",
                IMPACT,
                msg("The acknowledgement does not name what the problem means for the customer."),
                rewrites.for_rule("empathy.impact", lang, names=names),
            )

    # One apology where warranted.
    apologised = False
    for i, turn in enumerate(rs):
        for sig in analysis_of(turn).of(APOLOGY):
            prev_late = i > 0 and is_late(rs[i - 1], transcript, spec)
            warranted = (
                turn.venting
                or turn.mood_before < 0
                or turn.silence_nudges > 0
                or is_late(turn, transcript, spec)
                or prev_late
            )
            if not warranted:
                tally.signal(
                    turn, sig, "empathy.apology", 0.0, msg("no apology was called for here")
                )
            elif not apologised:
                _credit(
                    tally,
                    turn,
                    sig,
                    "empathy.apology",
                    APOLOGY_POINTS,
                    msg("apologised where warranted"),
                    spec,
                )
                apologised = True
                summary_bits.append(msg("apologised"))
    upset = [t for t in rs if t.venting or t.mood_before < 0]
    if not apologised and upset:
        tally.miss(
            upset[0].index,
            upset[0].text,
            "empathy.apology",
            APOLOGY_POINTS,
            msg("No apology to an upset customer."),
            rewrites.for_rule("empathy.apology", lang, names=names),
        )

    # Later outbursts: venting again without the mood having improved.
    anchor = pool[0].index if pool else 0
    by_index = {t.index: t for t in transcript.turns}
    flare_ups = []
    for turn in venting:
        if turn.index <= anchor:
            continue
        prev = by_index.get(turn.index - 1)
        if prev is None or turn.mood_before <= prev.mood_before:
            flare_ups.append(turn)
    if flare_ups:
        share = FLARE / len(flare_ups)
        met = 0
        for turn in flare_ups:
            sig = acks[turn.index].signal
            if sig is not None:
                _credit(
                    tally,
                    turn,
                    sig,
                    "empathy.flare_up",
                    share,
                    msg("acknowledged a further outburst"),
                    spec,
                )
                met += 1
            else:
                tally.miss(
                    turn.index,
                    turn.text,
                    "empathy.flare_up",
                    share,
                    msg("The customer vented again and the reply did not acknowledge it."),
                    rewrites.for_rule("empathy.flare_up", lang, names=names),
                )
        summary_bits.append(
            nmsg(
                "acknowledged {met} of {n} later outburst",
                "acknowledged {met} of {n} later outbursts",
                len(flare_ups),
                met=met,
            )
        )
    elif ack_turn is not None:
        sig = acks[ack_turn.index].signal
        assert sig is not None
        _credit(
            tally,
            ack_turn,
            sig,
            "empathy.steady",
            FLARE,
            msg("no further outburst needed acknowledging"),
            spec,
        )
    reuses = boilerplate(rs)
    for reuse in reuses[: int(TEMPLATE_CAP // TEMPLATE)]:
        tally.add(
            reuse.turn.index,
            reuse.sentence,
            "empathy.template",
            -TEMPLATE,
            msg(
                "the same sentence again ({n}\u00d7): boilerplate earns less each time", n=reuse.nth
            ),
        )
        tally.miss(
            reuse.turn.index,
            reuse.sentence,
            "empathy.template",
            TEMPLATE,
            msg(
                "\u201c{sentence}\u201d is the same sentence again: a template, not an "
                "acknowledgement of this customer.",
                sentence=reuse.sentence,
            ),
            rewrites.for_rule("empathy.flare_up", lang, names=names),
            record=False,
        )
    if reuses:
        summary_bits.append(
            nmsg("repeated boilerplate {n} time", "repeated boilerplate {n} times", len(reuses))
        )
    if not rs:
        summary_bits.append(msg("no replies"))
    return tally.result(sentence(summary_bits))
