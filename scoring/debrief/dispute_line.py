"""A dispute as the debrief shows it: the turn, the trainee's reason, the trainer's ruling."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DisputeLine:
    turn: int
    reason: str
    status: str  # open | upheld | rejected
    labels: tuple[str, ...] = ()  # the trainer's labels, when upheld
    note: str = ""
    trainer: str = ""

    @property
    def ruling(self) -> str:
        """One sentence on where the dispute stands."""
        if self.status == "open":
            return "waiting for a trainer's ruling"
        who = f" by {self.trainer}" if self.trainer else ""
        if self.status == "upheld":
            read = ", ".join(self.labels) or "nothing"
            text = f"upheld{who}: graded as {read}"
        else:
            text = f"rejected{who}: the reading stands"
        return f"{text} ({self.note})" if self.note else text
