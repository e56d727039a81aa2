"""The rubric: a whole transcript graded against the scenario's spec.

``grade(transcript, spec)`` is pure and deterministic. Each dimension scores 0-100 with
an evidence list (every point a quote and a rule id); the overall score is the weighted
mean; the attempt passes only with overall >= pass mark, no blocker hit and a good
outcome. docs/grading.md documents every rule.
"""

from __future__ import annotations

from collections.abc import Callable

from scoring.dimensions import (
    DimensionResult,
    Opportunity,
    grade_avoided,
    grade_empathy,
    grade_escalation,
    grade_etiquette,
    grade_restating,
    grade_timeliness,
)
from scoring.dimensions.avoided import label
from scoring.dimensions.common import round_half_up, short
from scoring.dimensions.resolution import grade_resolution, missing_moves
from scoring.grade import DimensionScore, Evidence, Grade, Improvement
from scoring.message import N_, msg
from scoring.rubric_spec import DIMENSIONS, RESOLUTION_DEFAULT_WEIGHT, RubricSpec
from scoring.transcript import GOOD_OUTCOMES, Transcript

MAX_IMPROVEMENTS = 3

_GRADERS: dict[str, Callable[[Transcript, RubricSpec], DimensionResult]] = {
    "empathy": grade_empathy,
    "restating": grade_restating,
    "timeliness": grade_timeliness,
    "escalation": grade_escalation,
    "etiquette": grade_etiquette,
}

OUTCOME_REASONS: dict[str, str] = {
    "hung_up": N_("The customer hung up before the problem was solved."),
    "complaint_filed": N_("The customer filed a complaint."),
    "abandoned": N_("You ended the call before the problem was resolved or handed on."),
}


def dimension_names(spec: RubricSpec) -> tuple[str, ...]:
    """The five dimensions, etiquette when the scenario weights it, resolution when it has moves."""
    return (
        DIMENSIONS
        + (("etiquette",) if "etiquette" in spec.weights else ())
        + (("resolution",) if spec.moves else ())
    )


def normalised_weights(spec: RubricSpec) -> dict[str, float]:
    """Weights scaled to sum to 1 (equal weights if they are all zero).

    A scenario with moves that gives resolution no weight of its own gets
    ``RESOLUTION_DEFAULT_WEIGHT`` for it; the other weights share the rest.
    """
    names = dimension_names(spec)
    own = "resolution" in names and "resolution" in spec.weights
    spread = [n for n in names if n != "resolution" or own]
    raw = {n: max(0.0, float(spec.weights.get(n, 0.0))) for n in spread}
    total = sum(raw.values())
    out = {n: (w / total if total > 0 else 1.0 / len(raw)) for n, w in raw.items()}
    if "resolution" in names and not own:
        out = {n: w * (1.0 - RESOLUTION_DEFAULT_WEIGHT) for n, w in out.items()}
        out["resolution"] = RESOLUTION_DEFAULT_WEIGHT
    return out


NOT_GRADED_REASON = msg(
    "There was no reply to the customer, so the attempt is stored but not graded."
)


def not_graded(spec: RubricSpec) -> Grade:
    """The grade of an attempt with no trainee reply: no overall, no pass, no scores."""
    weights = normalised_weights(spec)
    return Grade(
        dimensions=tuple(
            DimensionScore(name, None, round(weights[name], 4), (), msg("Not assessed: no reply."))
            for name in dimension_names(spec)
        ),
        overall=None,
        passed=False,
        pass_mark=spec.pass_mark,
        reasons=(NOT_GRADED_REASON,),
        improvements=(),
        graded=False,
    )


def grade(transcript: Transcript, spec: RubricSpec) -> Grade:
    if not any(t.is_reply for t in transcript.turns):
        return not_graded(spec)
    weights = normalised_weights(spec)
    results: dict[str, DimensionResult] = {}
    blockers: tuple[Evidence, ...] = ()
    for name in dimension_names(spec):
        if name == "avoided":
            results[name], hit = grade_avoided(transcript, spec)
            blockers += hit
        elif name == "resolution":
            results[name], hit = grade_resolution(transcript, spec)
            blockers += hit
        else:
            results[name] = _GRADERS[name](transcript, spec)
    dimensions = tuple(
        DimensionScore(name, r.score, round(weights[name], 4), r.evidence, r.summary)
        for name, r in results.items()
    )
    overall = max(
        0, min(100, round_half_up(sum(weights[d.name] * (d.score or 0) for d in dimensions)))
    )
    reasons = _reasons(transcript, spec, overall, blockers)
    improvements = _improvements(results, weights, blockers)
    return Grade(
        dimensions=dimensions,
        overall=overall,
        passed=not reasons,
        pass_mark=spec.pass_mark,
        reasons=reasons,
        improvements=improvements,
        blockers_hit=blockers,
    )


def _reasons(
    transcript: Transcript, spec: RubricSpec, overall: int, blockers: tuple[Evidence, ...]
) -> tuple[str, ...]:
    reasons: list[str] = []
    for b in blockers:
        category = b.rule.removeprefix("blocker.")
        what = b.note[:1].lower() + b.note[1:] if category.startswith("move.") else label(category)
        reasons.append(
            msg(
                "Turn {n}: \u201c{phrase}\u201d is {label}, which fails this scenario "
                "whatever the score.",
                n=b.turn,
                phrase=short(b.quote, 60),
                label=what,
            )
        )
    missing = missing_moves(transcript, spec) if spec.moves else ()
    if missing:
        reasons.append(
            msg(
                "The problem was not solved: {steps} never happened.",
                steps="; ".join(m.summary[:1].lower() + m.summary[1:] for m in missing),
            )
        )
    if overall < spec.pass_mark:
        reasons.append(
            msg(
                "Overall {overall} is below the pass mark of {pass_mark}.",
                overall=overall,
                pass_mark=spec.pass_mark,
            )
        )
    outcome = transcript.outcome
    if outcome is None:
        reasons.append(
            msg(
                "The attempt is unfinished: it stopped before the problem was resolved or "
                "handed on, so it is graded as it stands and cannot pass."
            )
        )
    elif outcome not in GOOD_OUTCOMES:
        reasons.append(
            msg(OUTCOME_REASONS[outcome])
            if outcome in OUTCOME_REASONS
            else msg(
                "The conversation ended as \u2018{outcome}\u2019, which is neither a "
                "resolution nor a hand-off.",
                outcome=outcome,
            )
        )
    return tuple(reasons)


def _improvements(
    results: dict[str, DimensionResult],
    weights: dict[str, float],
    blockers: tuple[Evidence, ...],
) -> tuple[Improvement, ...]:
    """The most valuable changes: blockers first, then by overall points each would recover.

    A first pass takes at most one improvement per rule and per quoted phrase, so the
    three are different lessons; a second pass fills up if there are fewer.
    """
    order = {name: i for i, name in enumerate(results)}
    blocking = {
        (b.turn, b.quote, b.rule.replace("blocker.move.", "wrong.").replace("blocker.", "avoided."))
        for b in blockers
    }
    ranked: list[tuple[tuple[int, float, int, int, int], str, Opportunity, float]] = []
    for name, result in results.items():
        for seq, opp in enumerate(result.opportunities):
            value = opp.points * weights[name]
            blocker = (opp.turn, opp.quote, opp.rule) in blocking
            if value <= 0 and not blocker:
                continue
            turn_key = opp.turn if opp.turn is not None else 1_000_000
            key = (0 if blocker else 1, -value, turn_key, order[name], seq)
            ranked.append((key, name, opp, value))
    ranked.sort(key=lambda r: r[0])
    chosen: list[tuple[tuple[int, float, int, int, int], str, Opportunity, float]] = []
    rules: set[str] = set()
    quotes: set[tuple[int | None, str]] = set()
    for item in ranked:
        opp = item[2]
        if opp.rule in rules or (opp.turn, opp.quote) in quotes:
            continue
        chosen.append(item)
        rules.add(opp.rule)
        quotes.add((opp.turn, opp.quote))
    for item in ranked:
        if len(chosen) >= MAX_IMPROVEMENTS:
            break
        if item not in chosen:
            chosen.append(item)
    chosen = sorted(chosen[:MAX_IMPROVEMENTS], key=lambda r: r[0])
    return tuple(
        Improvement(
            turn=opp.turn,
            quote=opp.quote,
            problem=msg("{problem} It fails this scenario whatever the score.", problem=opp.problem)
            if (opp.turn, opp.quote, opp.rule) in blocking
            else opp.problem,
            say_instead=opp.say_instead,
            dimension=name,
            value=round(value, 2),
        )
        for _, name, opp, value in chosen
    )
