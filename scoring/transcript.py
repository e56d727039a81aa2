"""A played attempt as the rubric sees it: what the customer said, what the trainee did."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.signal import Analysis

# Terminal outcomes a scenario may end in. "abandoned" is the trainee ending the call early.
GOOD_OUTCOMES: frozenset[str] = frozenset({"resolved", "escalated"})
BAD_OUTCOMES: frozenset[str] = frozenset({"hung_up", "complaint_filed", "abandoned"})
OUTCOMES: tuple[str, ...] = ("resolved", "escalated", "hung_up", "complaint_filed", "abandoned")


@dataclass(frozen=True, slots=True)
class Turn:
    """One trainee turn: a reply or a command, and the customer's state around it.

    ``index`` counts trainee turns from 1. ``customer_line`` is what the trainee was
    answering and ``customer_reply`` what the customer said after it; ``venting`` says that line expressed emotion or impact. ``analysis`` is
    set for replies and for the note of ``/escalate``. ``response_seconds`` is measured
    from when the customer's line was shown (or given by ``[+Ns]`` in headless play).
    """

    index: int
    text: str
    response_seconds: float
    customer_line: str
    customer_reply: str
    state_before: str
    mood_before: int
    venting: bool
    state_after: str
    mood_after: int
    patience_after: int
    analysis: Analysis | None = None
    command: str | None = None
    target: str | None = None
    note: str = ""
    hints_before: int = 0
    silence_nudges: int = 0
    revealed: tuple[str, ...] = ()

    @property
    def is_reply(self) -> bool:
        return self.command is None


@dataclass(frozen=True, slots=True)
class Transcript:
    """A whole attempt. ``outcome`` is None while unfinished."""

    lang: str
    turns: tuple[Turn, ...]
    final_state: str
    outcome: str | None
    hints_used: int = 0

    @property
    def complete(self) -> bool:
        return self.outcome is not None
