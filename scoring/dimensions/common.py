"""What every dimension shares: the tally of points with their evidence, reply helpers."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from scoring.grade import Evidence
from scoring.message import msg
from scoring.message import sentence as joined_sentence
from scoring.rubric_spec import RubricSpec
from scoring.signal import AVOIDED, Analysis, Signal
from scoring.transcript import Transcript, Turn


def count(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and the word in the right number: "1 jargon term", "2 jargon terms"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def times(n: int) -> str:
    """How often, in words: "once", "twice", "3 times"."""
    if n == 0:
        return msg("not once")
    if n == 1:
        return msg("once")
    if n == 2:
        return msg("twice")
    return msg("{n} times", n=n)


# Categories that contradict an acknowledgement in the same reply (no empathy credit).
CONTRADICTING: frozenset[str] = frozenset({"dismissive", "blame"})


@dataclass(frozen=True, slots=True)
class Opportunity:
    """A change that would have earned ``points`` more in this dimension."""

    turn: int | None
    quote: str
    problem: str
    say_instead: str
    points: float
    rule: str


@dataclass(frozen=True, slots=True)
class DimensionResult:
    name: str
    score: int
    evidence: tuple[Evidence, ...]
    summary: str
    opportunities: tuple[Opportunity, ...]


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def clamp_score(value: float) -> int:
    return max(0, min(100, round_half_up(value)))


@dataclass
class Tally:
    """Points for one dimension: ``score = clamp(base + sum of evidence points, 0, 100)``."""

    name: str
    base: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)

    def add(
        self,
        turn: int | None,
        quote: str,
        rule: str,
        points: float,
        note: str,
        span: tuple[int, int] | None = None,
    ) -> None:
        self.evidence.append(Evidence(turn, quote, rule, round(points, 2), note, span))

    def signal(self, turn: Turn, sig: Signal, rule: str, points: float, note: str) -> None:
        """Evidence quoting a matched phrase (with its span when it is valid)."""
        self.add(turn.index, sig.evidence, rule, points, note, valid_span(turn, sig))

    def miss(
        self,
        turn: int | None,
        quote: str,
        rule: str,
        points: float,
        problem: str,
        say_instead: str,
        span: tuple[int, int] | None = None,
        *,
        record: bool = True,
    ) -> None:
        """Points not earned (or lost): recorded as evidence and as an improvement."""
        if record:
            self.add(turn, quote, rule, 0.0, problem, span)
        if points > 0:
            self.opportunities.append(Opportunity(turn, quote, problem, say_instead, points, rule))

    def total(self) -> float:
        return self.base + sum(e.points for e in self.evidence)

    def result(self, summary: str) -> DimensionResult:
        return DimensionResult(
            self.name,
            clamp_score(self.total()),
            tuple(self.evidence),
            summary,
            tuple(self.opportunities),
        )


EMPTY = Analysis("", "en", ())


def analysis_of(turn: Turn) -> Analysis:
    return turn.analysis if turn.analysis is not None else EMPTY


def replies(transcript: Transcript) -> list[Turn]:
    """The trainee's replies to the customer (commands excluded), in order."""
    return [t for t in transcript.turns if t.is_reply]


def valid_span(turn: Turn, sig: Signal) -> tuple[int, int] | None:
    start, end = sig.span
    text = turn.text if turn.is_reply else turn.note
    if 0 <= start <= end <= len(text):
        return (start, end)
    return None


def avoided_in(turn: Turn) -> tuple[Signal, ...]:
    return analysis_of(turn).of(AVOIDED) if turn.is_reply else ()


def undercut_factor(turn: Turn, spec: RubricSpec) -> tuple[float, Signal | None]:
    """How much acknowledgement credit a reply keeps when it also holds an avoided phrase."""
    worst: Signal | None = None
    factor = 1.0
    for sig in avoided_in(turn):
        here = 0.0 if (sig.category in spec.blockers or sig.category in CONTRADICTING) else 0.5
        if here < factor:
            factor, worst = here, sig
    return factor, worst


def first(items: Iterable[Turn]) -> Turn | None:
    return next(iter(items), None)


def is_late(turn: Turn, transcript: Transcript, spec: RubricSpec) -> bool:
    rs = replies(transcript)
    target = (
        spec.first_reply_target_seconds
        if rs and rs[0].index == turn.index
        else spec.reply_target_seconds
    )
    return turn.response_seconds > target


def norm_phrase(text: str) -> str:
    """A phrase folded for "is this the same boilerplate again?" comparison."""
    kept = "".join(ch for ch in text.casefold() if ch.isalnum() or ch.isspace())
    return " ".join(kept.split())


def short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sentence(bits: Iterable[str]) -> str:
    """Join summary fragments into one sentence (each may be a message to translate)."""
    return joined_sentence(list(bits))


# A sentence counts as boilerplate when it comes back nearly word for word.
BOILERPLATE_MIN_CHARS = 8
BOILERPLATE_SIMILARITY = 0.9


@dataclass(frozen=True, slots=True)
class Reuse:
    """A sentence used again: the turn, the sentence, and which use this is (2, 3, …)."""

    turn: Turn
    sentence: str
    nth: int


def _alike(a: str, b: str) -> bool:
    """At least ``BOILERPLATE_SIMILARITY`` alike (cheap upper bounds checked first)."""
    from difflib import SequenceMatcher

    m = SequenceMatcher(None, a, b, autojunk=False)
    return (
        m.real_quick_ratio() >= BOILERPLATE_SIMILARITY
        and m.quick_ratio() >= BOILERPLATE_SIMILARITY
        and m.ratio() >= BOILERPLATE_SIMILARITY
    )


def boilerplate(rs: list[Turn]) -> list[Reuse]:
    """Every reuse of a near-identical sentence across the replies (same reply included)."""
    from scoring.moves import sentences

    seen: list[tuple[str, int]] = []
    out: list[Reuse] = []
    for turn in rs:
        for raw in sentences(turn.text):
            key = norm_phrase(raw)
            if len(key) < BOILERPLATE_MIN_CHARS:
                continue
            for i, (earlier, n) in enumerate(seen):
                if key == earlier or _alike(key, earlier):
                    seen[i] = (earlier, n + 1)
                    out.append(Reuse(turn, raw.strip(), n + 1))
                    break
            else:
                seen.append((key, 1))
    return out
