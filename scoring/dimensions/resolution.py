"""Resolution (problem solving): the right fix, done safely.

Assessed only when the scenario declares moves. Each required right move is worth an
equal share of 100; a right move made before a move it must follow (``after``) earns
half its share. Each wrong move costs ``WRONG_PENALTY`` (once per move); a wrong move of
severity ``blocker`` also fails the attempt whatever the score. docs/grading.md
documents every rule.
"""

from __future__ import annotations

from scoring.dimensions.common import DimensionResult, Tally, sentence
from scoring.grade import Evidence
from scoring.message import msg, nmsg
from scoring.moves import BLOCKER, Move, MoveHit, moves_in_turn
from scoring.rubric_spec import RubricSpec
from scoring.transcript import Transcript

WRONG_PENALTY = 30.0
BLOCKER_PENALTY = 50.0
OUT_OF_ORDER = 0.5


def hits_by_turn(transcript: Transcript, spec: RubricSpec) -> list[tuple[int, MoveHit]]:
    """Every move each trainee turn made, in order of turns."""
    found: list[tuple[int, MoveHit]] = []
    for turn in transcript.turns:
        for hit in moves_in_turn(turn.text, turn.command, turn.target, spec.moves):
            found.append((turn.index, hit))
    return found


def missing_moves(transcript: Transcript, spec: RubricSpec) -> tuple[Move, ...]:
    """The required right moves the attempt never made."""
    made = {hit.move.id for _, hit in hits_by_turn(transcript, spec)}
    return tuple(m for m in spec.moves if m.is_right and m.required and m.id not in made)


def grade_resolution(
    transcript: Transcript, spec: RubricSpec
) -> tuple[DimensionResult, tuple[Evidence, ...]]:
    """The dimension, and the blockers hit (evidence quoting each blocking wrong move)."""
    tally = Tally("resolution")
    required = [m for m in spec.moves if m.is_right and m.required]
    share = 100.0 / len(required) if required else 0.0
    made: dict[str, int] = {}
    wrong_seen: set[str] = set()
    blockers: list[Evidence] = []
    for turn, hit in hits_by_turn(transcript, spec):
        move = hit.move
        if move.is_right:
            if move.id in made:
                continue
            made[move.id] = turn
            if not move.required:
                tally.add(turn, hit.quote, f"move.{move.id}", 0.0, move.summary)
                continue
            early = [a for a in move.after if a not in made]
            if early:
                tally.add(
                    turn,
                    hit.quote,
                    f"move.order.{move.id}",
                    share * OUT_OF_ORDER,
                    msg(
                        "{move}, but before: {earlier} (half credit)",
                        move=move.summary,
                        earlier=", ".join(early),
                    ),
                )
            else:
                tally.add(turn, hit.quote, f"move.{move.id}", share, move.summary)
            continue
        if move.id in wrong_seen:
            continue
        wrong_seen.add(move.id)
        cost = BLOCKER_PENALTY if move.severity == BLOCKER else WRONG_PENALTY
        tally.add(
            turn,
            hit.quote,
            f"wrong.{move.id}",
            -cost,
            msg("{move} (-{cost})", move=move.summary, cost=format(cost, "g")),
        )
        tally.miss(
            turn,
            hit.quote,
            f"wrong.{move.id}",
            cost,
            msg("{move}: a wrong move in this case.", move=move.summary),
            move.advice or msg("Leave this out and take the scenario's right step instead."),
            record=False,
        )
        if move.severity == BLOCKER:
            blockers.append(Evidence(turn, hit.quote, f"blocker.move.{move.id}", 0.0, move.summary))
    for move in required:
        if move.id not in made:
            tally.miss(
                None,
                "",
                f"move.missing.{move.id}",
                share,
                msg("The problem needed this step and it never came: {move}.", move=move.summary),
                move.summary + ".",
            )
    done = sum(1 for m in required if m.id in made)
    summary = sentence(
        [
            nmsg(
                "{done} of {n} right step made",
                "{done} of {n} right steps made",
                len(required),
                done=done,
            )
            if required
            else "",
            nmsg("{n} wrong move", "{n} wrong moves", len(wrong_seen))
            if wrong_seen
            else msg("no wrong moves"),
        ]
    )
    return tally.result(summary), tuple(blockers)
