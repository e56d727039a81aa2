"""Escalation: the right decision, target, moment and hand-off note, and the customer told.

When the scenario expects escalation (points out of 100):
  escalate.decision   +40 escalated (/escalate, or saying so when no command was used)
  escalate.target     +20 to one of the expected targets (any target when none is listed)
  escalate.window     +15 inside the scenario's turn window
  escalate.note       +15 shared among the facts the hand-off note must carry (half each
                          when the note is bare keywords; with no facts listed, the note
                          must carry at least one fact of the case)
  escalate.told_next  +5  a reply around it (the one before, or any after) says it is handed on
  escalate.told_when  +5  ... and when the customer will hear back (an ETA)
  escalate.missed      0  never escalated: the whole dimension is lost
When it does not (deductions from 100):
  escalate.over      -100 an /escalate command: over-escalation costs as much as missing one
  escalate.over_promised -50 telling the customer it will be handed on, without a command
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.analysis.coverage import facts_mentioned
from scoring.context import Fact
from scoring.dimensions import rewrites
from scoring.dimensions.common import DimensionResult, Tally, analysis_of, replies, sentence
from scoring.dimensions.timeliness import NEAR_BEFORE, has_eta
from scoring.message import msg, nmsg
from scoring.rubric_spec import RubricSpec
from scoring.signal import ESCALATE, ETA
from scoring.transcript import Transcript, Turn

DECISION = 40.0
TARGET = 20.0
WINDOW = 15.0
NOTE = 15.0
TOLD_NEXT = 5.0
TOLD_WHEN = 5.0
OVER = 100.0
OVER_PROMISED = 50.0


@dataclass(frozen=True, slots=True)
class _Attempt:
    turn: Turn
    tally: Tally
    summary: list[str]


# A note that carries facts needs words around them: fewer than this many words (two
# Chinese characters count as one) per carried fact is a list of bare keywords.
WORDS_PER_FACT = 4


def note_words(note: str) -> int:
    """Words in a note; Chinese characters count two to a word."""
    cjk = sum(1 for ch in note if "\u3400" <= ch <= "\u9fff")
    return len(note.split()) + cjk // 2


def note_covers(turn: Turn, spec: RubricSpec) -> frozenset[str]:
    """Fact ids a hand-off note carries: its restatements plus the facts' keywords."""
    found = set(analysis_of(turn).facts_restated()) if turn.command else set()
    found |= facts_mentioned(turn.note, spec.facts)
    return frozenset(found)


def _grade_one(turn: Turn, transcript: Transcript, spec: RubricSpec) -> _Attempt:
    esc = spec.escalation
    lang = transcript.lang or spec.lang
    names = spec.customer_names
    tally = Tally("escalation")
    bits: list[str] = []
    is_command = turn.command == "escalate"
    expected_target = esc.targets[0] if esc.targets else (turn.target or "")
    facts: list[Fact] = [f for f in spec.facts if f.id in esc.note_facts] or list(spec.facts)
    say_target = rewrites.for_rule(
        "escalate.target", lang, names=names, facts=facts, target=expected_target
    )
    tally.add(
        turn.index, turn.text, "escalate.decision", DECISION, msg("escalated, as the case needs")
    )
    bits.append(msg("escalated in turn {n}", n=turn.index))

    if is_command and (not esc.targets or turn.target in esc.targets):
        tally.add(
            turn.index,
            turn.text,
            "escalate.target",
            TARGET,
            msg("to {target}", target=turn.target or ""),
        )
        bits.append(msg("to {target}", target=turn.target or ""))
    else:
        wanted: str = " / ".join(esc.targets) if esc.targets else msg("a named team")
        problem = (
            msg(
                "Escalated to {target}; this case needs {wanted}.",
                target=turn.target,
                wanted=wanted,
            )
            if is_command
            else msg(
                "Said it would be handed on, but never handed it to a team (/escalate TARGET)."
            )
        )
        tally.miss(turn.index, turn.text, "escalate.target", TARGET, problem, say_target)
        bits.append(msg("to the wrong target") if is_command else msg("without naming a team"))

    if esc.window is None or esc.window[0] <= turn.index <= esc.window[1]:
        tally.add(turn.index, turn.text, "escalate.window", WINDOW, msg("at the right moment"))
    else:
        lo, hi = esc.window
        when = msg("too early") if turn.index < lo else msg("too late")
        tally.miss(
            turn.index,
            turn.text,
            "escalate.window",
            WINDOW,
            msg(
                "Escalated in turn {n}, {when}: the right moment is turns {lo}-{hi}.",
                n=turn.index,
                when=when,
                lo=lo,
                hi=hi,
            ),
            rewrites.for_rule("escalate.window", lang, names=names, target=expected_target),
        )
        bits.append(when)

    say_note = rewrites.for_rule(
        "escalate.note", lang, names=names, facts=facts, target=expected_target
    )
    if not is_command:
        tally.miss(
            turn.index,
            turn.text,
            "escalate.note",
            NOTE,
            msg("No hand-off note was written."),
            say_note,
        )
    elif esc.note_facts:
        carried = note_covers(turn, spec)
        share = NOTE / len(esc.note_facts)
        bare = bool(carried) and note_words(turn.note) < WORDS_PER_FACT * len(carried)
        if bare:
            share /= 2
        by_id = {f.id: f for f in spec.facts}
        for fid in esc.note_facts:
            summary = by_id[fid].summary if fid in by_id else fid
            if fid in carried:
                tally.add(
                    turn.index,
                    turn.note,
                    "escalate.note",
                    share,
                    msg("note carries: {fact} (as a bare keyword: half)", fact=summary)
                    if bare
                    else msg("note carries: {fact}", fact=summary),
                )
            else:
                tally.miss(
                    turn.index,
                    turn.note,
                    "escalate.note",
                    share,
                    msg("The hand-off note leaves out: {fact}.", fact=summary),
                    say_note,
                )
        got = len([f for f in esc.note_facts if f in carried])
        bits.append(
            nmsg(
                "note carries {got} of {n} required fact",
                "note carries {got} of {n} required facts",
                len(esc.note_facts),
                got=got,
            )
        )
    elif facts_mentioned(turn.note, spec.facts) or (turn.note.strip() and not spec.facts):
        tally.add(
            turn.index, turn.note, "escalate.note", NOTE, msg("the note carries facts of the case")
        )
    elif turn.note.strip():
        tally.miss(
            turn.index,
            turn.note,
            "escalate.note",
            NOTE,
            msg("The hand-off note carries none of the case's facts."),
            say_note,
        )
    else:
        tally.miss(
            turn.index,
            turn.text,
            "escalate.note",
            NOTE,
            msg("The hand-off note is empty."),
            say_note,
        )

    rs = replies(transcript)
    # Telling the customer counts in the replies around the hand-off: the one before
    # the command (the trainee may announce it first) and any reply after it.
    near = (
        [r for r in rs if r.index >= turn.index - NEAR_BEFORE]
        if is_command
        else [r for r in rs if r.index >= turn.index]
    )
    say_told = rewrites.for_rule("escalate.told_next", lang, names=names, target=expected_target)
    told = next((r for r in near if analysis_of(r).has(ESCALATE)), None)
    if told is not None:
        sig = analysis_of(told).of(ESCALATE)[0]
        tally.signal(
            told,
            sig,
            "escalate.told_next",
            TOLD_NEXT,
            msg("told the customer it is being handed on"),
        )
    else:
        tally.miss(
            turn.index,
            turn.text,
            "escalate.told_next",
            TOLD_NEXT,
            msg("No reply around the hand-off told the customer the case is being handed on."),
            say_told,
        )
    eta_reply = next((r for r in near if has_eta([r])), None)
    if eta_reply is not None:
        sig = analysis_of(eta_reply).of(ETA)[0]
        tally.signal(
            eta_reply, sig, "escalate.told_when", TOLD_WHEN, msg("said when they will hear back")
        )
    else:
        tally.miss(
            turn.index,
            turn.text,
            "escalate.told_when",
            TOLD_WHEN,
            msg("No reply around the hand-off told the customer when they will hear back."),
            say_told,
        )
        bits.append(msg("no time given for the next contact"))
    return _Attempt(turn, tally, bits)


def grade_escalation(transcript: Transcript, spec: RubricSpec) -> DimensionResult:
    esc = spec.escalation
    lang = transcript.lang or spec.lang
    names = spec.customer_names
    rs = replies(transcript)
    commands = [t for t in transcript.turns if t.command == "escalate"]
    verbal = [r for r in rs if analysis_of(r).has(ESCALATE)]

    if not esc.expected:
        tally = Tally("escalation", base=100.0)
        say = rewrites.for_rule("escalate.over", lang, names=names)
        for c in commands[:1]:
            tally.add(
                c.index,
                c.text,
                "escalate.over",
                -OVER,
                msg("escalated a case first line should handle"),
            )
            tally.miss(
                c.index,
                c.text,
                "escalate.over",
                OVER,
                msg("This case did not need escalating; first line can solve it."),
                say,
                record=False,
            )
        if not commands and verbal:
            r = verbal[0]
            sig = analysis_of(r).of(ESCALATE)[0]
            tally.signal(
                r,
                sig,
                "escalate.over_promised",
                -OVER_PROMISED,
                msg("promised a hand-off the case did not need"),
            )
            tally.miss(
                r.index,
                sig.evidence,
                "escalate.over_promised",
                OVER_PROMISED,
                msg("Promised to hand on a case first line can solve."),
                say,
                record=False,
            )
        for c in commands[1:]:
            tally.add(c.index, c.text, "escalate.again", 0.0, msg("escalated again"))
        if commands:
            summary = msg("Escalated a case that first line should have handled.")
        elif verbal:
            summary = msg("Promised a hand-off the case did not need.")
        else:
            summary = msg("No escalation, rightly: first line can handle this case.")
        return tally.result(summary)

    candidates = commands or verbal[:1]
    if not candidates:
        tally = Tally("escalation")
        last = rs[-1] if rs else None
        target = esc.targets[0] if esc.targets else ""
        tally.miss(
            last.index if last else None,
            last.text if last else "",
            "escalate.missed",
            100.0,
            msg("The case needed escalating and it never was."),
            rewrites.for_rule("escalate.missed", lang, names=names, target=target),
        )
        return tally.result(msg("Never escalated a case that needed it."))

    graded = [_grade_one(t, transcript, spec) for t in candidates]
    best = max(graded, key=lambda a: (a.tally.total(), -a.turn.index))
    for other in graded:
        if other is not best:
            best.tally.add(
                other.turn.index,
                other.turn.text,
                "escalate.again",
                0.0,
                msg("another escalation (the best one is graded)"),
            )
    return best.tally.result(sentence(best.summary))
