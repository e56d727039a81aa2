"""The grade: per-dimension scores, each point backed by a quote and a rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why points were given or taken: the turn, the trainee's own words, the rule.

    ``points`` is positive for credit, negative for a deduction. ``span`` points into
    the turn's text when the evidence is a matched phrase.
    """

    turn: int | None
    quote: str
    rule: str
    points: float
    note: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class DimensionScore:
    """One dimension's score; ``score`` is None when it was not assessed (no evidence)."""

    name: str
    score: int | None
    weight: float
    evidence: tuple[Evidence, ...]
    summary: str


@dataclass(frozen=True, slots=True)
class Improvement:
    """One of the most valuable changes: what was said, why it hurt, what to say."""

    turn: int | None
    quote: str
    problem: str
    say_instead: str
    dimension: str
    value: float


@dataclass(frozen=True, slots=True)
class Grade:
    """The grade of one attempt.

    ``graded`` is False for an attempt with no trainee reply: it is stored but not
    graded, with ``overall`` None, ``passed`` False and every dimension None.
    """

    dimensions: tuple[DimensionScore, ...]
    overall: int | None
    passed: bool
    pass_mark: int
    reasons: tuple[str, ...]
    improvements: tuple[Improvement, ...]
    blockers_hit: tuple[Evidence, ...] = ()
    graded: bool = True

    def score(self, name: str) -> int | None:
        for d in self.dimensions:
            if d.name == name:
                return d.score
        raise KeyError(name)

    def scores(self) -> dict[str, int | None]:
        return {d.name: d.score for d in self.dimensions}
