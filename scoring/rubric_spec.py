"""What a scenario tells the rubric: weights, pass mark, blockers, timing, escalation."""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.context import Fact
from scoring.moves import Move

DIMENSIONS: tuple[str, ...] = ("empathy", "restating", "avoided", "timeliness", "escalation")
OPTIONAL_DIMENSIONS: tuple[str, ...] = ("etiquette", "resolution")
# Resolution's weight when a scenario with moves does not set one: the others share the rest.
RESOLUTION_DEFAULT_WEIGHT = 0.3

DEFAULT_WEIGHTS: dict[str, float] = {
    "empathy": 0.25,
    "restating": 0.2,
    "avoided": 0.25,
    "timeliness": 0.15,
    "escalation": 0.15,
}
DEFAULT_PASS_MARK = 70

ESCALATION_TARGETS: tuple[str, ...] = (
    "second_line",
    "rnd",
    "vendor",
    "supervisor",
    "account_manager",
    "field_engineer",
    "security",
)


@dataclass(frozen=True, slots=True)
class EscalationSpec:
    """Whether the situation calls for escalation, to whom, when, with what in the note.

    ``window`` is the inclusive range of trainee turn numbers in which escalating counts
    as on time. ``note_facts`` are fact ids the hand-off note must carry.
    """

    expected: bool = False
    targets: tuple[str, ...] = ()
    window: tuple[int, int] | None = None
    note_facts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RubricSpec:
    kind: str = "angry"
    lang: str = "en"
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    pass_mark: int = DEFAULT_PASS_MARK
    blockers: tuple[str, ...] = ()
    reply_target_seconds: float = 60.0
    first_reply_target_seconds: float = 30.0
    eta_required: bool = True
    escalation: EscalationSpec = field(default_factory=EscalationSpec)
    facts: tuple[Fact, ...] = ()
    customer_names: tuple[str, ...] = ()
    moves: tuple[Move, ...] = ()
    # Everything the customer may say in this scenario (for telling echoes from restating).
    customer_lines: tuple[str, ...] = ()
