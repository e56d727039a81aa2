"""A dispute as the debrief shows it: the turn, the trainee's reason, the trainer's ruling."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.message import Message, msg


@dataclass(frozen=True, slots=True)
class DisputeLine:
    turn: int
    reason: str
    status: str  # open | upheld | rejected
    labels: tuple[str, ...] = ()  # the trainer's labels, when upheld
    note: str = ""
    trainer: str = ""

    @property
    def ruling(self) -> Message:
        """One sentence on where the dispute stands (English; ``Words.text`` translates it)."""
        if self.status == "open":
            return msg("waiting for a trainer's ruling")
        if self.status == "upheld":
            read: str = ", ".join(self.labels) or msg("nothing")
            if self.trainer:
                text = msg(
                    "upheld by {trainer}: graded as {labels}", trainer=self.trainer, labels=read
                )
            else:
                text = msg("upheld: graded as {labels}", labels=read)
        elif self.trainer:
            text = msg("rejected by {trainer}: the reading stands", trainer=self.trainer)
        else:
            text = msg("rejected: the reading stands")
        return msg("{ruling} ({note})", ruling=text, note=self.note) if self.note else text
