"""What solves the customer's problem and what harms it: a scenario's right and wrong moves.

A move is recognised by content, not by manner: its ``keywords`` are groups of
alternatives (``"unlock|unlocked"``), and a sentence makes the move when every group
matches in it (keyword matching as for facts: English at word starts with endings,
Chinese anywhere, traditional characters folded). A right move may let its groups spread
over ``sentences`` consecutive sentences: a step given in short sentences ("Look at the
bottom of your screen. There's a yellow folder there.") is one step. A clause that negates the move
("please don't send it to me", "I can't give out his number, but…", 不要删掉…) does not
make it: a negation cue in the clause of any of its keywords cancels the sentence (the
move's own keywords are not cues, so "don't save into the folder" can be a move), and so
does a contracted "not" that a keyword's ending ran into ("mobile is" in "mobile isn't").

Right moves may instead be made by a command: ``escalate: [TARGET, …]`` is made by
``/escalate`` to one of those targets. Wrong moves carry a severity: ``penalty`` costs points in the
resolution dimension, ``blocker`` fails the attempt whatever the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.analysis.coverage import fold, keyword_pattern, to_simplified

RIGHT = "right"
WRONG = "wrong"
PENALTY = "penalty"
BLOCKER = "blocker"
SEVERITIES: tuple[str, ...] = (PENALTY, BLOCKER)
# How many consecutive sentences a right move's keyword groups may spread over, at most.
MAX_SENTENCES = 3

# Sentence ends: Chinese and English end marks (not the dot of "1." in a numbered list).
_SENTENCE = re.compile(r"(?<=[!?。!?])\s*|(?<=[^\d\s]\.)\s+|\n+")
_CLAUSE = re.compile(r"[,、:;\n—–]|\s-\s|\bbut\b|\bso\b|但是|但|不过|所以|而是")
# A keyword whose ending ran into a contracted "not": "is" + "n't".
_CONTRACTED_NOT = re.compile(r"n?'t(?!\w)")
_NEGATION = re.compile(
    r"(?<![\w])(?:don't|do not|never|not|no|can't|cannot|can not|won't|will not|mustn't|"
    r"shouldn't|should not|without|instead of|rather than|avoid|stop|nothing|nobody|"
    r"no one|neither|nor|\w+n't)(?![\w])"
    r"|不要|别|不能|不会|不可以|不用|不必|切勿|请勿|勿|无法|不得|千万不|先不|不再|停止|没"
)

# Questions ask; they do not negate: A-not-A (能不能, 是不是, 有没有, 去没去) and a
# "V过/了 没有?" tail (您去听过没有呀?, 参加了没?).
_A_NOT_A = re.compile(r"(\w)[不没]\1|(?<=[过了])没有?(?=[呀啊呢吗么吧哈]*\s*(?:\?|$))")


@dataclass(frozen=True, slots=True)
class Reaction:
    """How the customer reacts to a wrong move: a line, patience and mood, a state."""

    say: tuple[str, ...] = ()
    patience: int = 0
    mood: int = 0
    to: str | None = None


@dataclass(frozen=True, slots=True)
class Move:
    """A right step (``kind`` "right") or a wrong one ("wrong") in this scenario.

    ``after`` lists right moves that must come first (order where order matters);
    ``required`` right moves must all be made for the problem to count as solved;
    ``sentences`` is how many consecutive sentences its keyword groups may spread over.
    """

    id: str
    kind: str
    summary: str
    keywords: tuple[str, ...] = ()
    escalate: tuple[str, ...] = ()
    severity: str = PENALTY
    required: bool = True
    after: tuple[str, ...] = ()
    sentences: int = 1
    reaction: Reaction = Reaction()
    advice: str = ""

    @property
    def is_right(self) -> bool:
        return self.kind == RIGHT


@dataclass(frozen=True, slots=True)
class MoveHit:
    """A move found in a turn, with the sentence that made it."""

    move: Move
    quote: str


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s and s.strip()]


def _negated(sentence: str, at: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the clause holding position ``at`` of the folded sentence negates it.

    Words the move's own keywords matched are not negation cues ("don't save" may be
    the right move itself).
    """
    sentence = _A_NOT_A.sub(lambda m: " " * len(m.group()), sentence)
    for s, e in spans:
        sentence = sentence[:s] + " " * (e - s) + sentence[e:]
    start = 0
    for m in _CLAUSE.finditer(sentence):
        if m.start() >= at:
            break
        start = m.end()
    ends = [m.start() for m in _CLAUSE.finditer(sentence, at)]
    end = ends[0] if ends else len(sentence)
    return _NEGATION.search(sentence[start:end]) is not None


def sentence_makes(sentence: str, move: Move) -> bool:
    """Whether one sentence makes the move: every keyword group, not negated."""
    if not move.keywords:
        return False
    folded = fold(to_simplified(sentence))
    spans: list[tuple[int, int]] = []
    for group in move.keywords:
        m = keyword_pattern((group,)).search(folded)
        if m is None or _CONTRACTED_NOT.match(folded, m.end() - 1):
            return False
        spans.append(m.span())
    return not any(_negated(folded, s, spans) for s, _ in spans)


def moves_in_text(text: str, moves: tuple[Move, ...]) -> tuple[MoveHit, ...]:
    """The moves a reply makes (each once, with the first sentence that makes it).

    A move spread over several sentences is quoted with all of them; they are joined at
    a clause boundary, so a negation in one does not cancel a keyword in another.
    """
    hits: list[MoveHit] = []
    parts = [s.strip() for s in sentences(text)]
    for move in moves:
        windows = [
            parts[i : i + size]
            for size in range(1, max(1, move.sentences) + 1)
            for i in range(len(parts) - size + 1)
        ]
        for window in windows:
            if sentence_makes("\n".join(window), move):
                hits.append(MoveHit(move, " ".join(window)))
                break
    return tuple(hits)


def moves_in_turn(
    text: str, command: str | None, target: str | None, moves: tuple[Move, ...]
) -> tuple[MoveHit, ...]:
    """The moves one trainee turn makes: words in a reply, or an escalation command."""
    if command == "escalate":
        return tuple(MoveHit(m, f"/escalate {target}") for m in moves if target in m.escalate)
    if command is not None:
        return ()
    return moves_in_text(text, tuple(m for m in moves if not m.escalate))
