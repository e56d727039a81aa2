"""A reference to a signal in scenario and walkthrough files: ``empathy`` or ``avoided:blame``."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.signal import AVOIDED, AVOIDED_CATEGORIES, SIGNAL_NAMES, Analysis

UNKNOWN_SIGNAL = "unknown_signal"
UNKNOWN_CATEGORY = "unknown_category"
CATEGORY_ON_OTHER = "category_on_other"


@dataclass(frozen=True, slots=True)
class SignalRef:
    """A signal name, narrowed to one avoided category when ``category`` is set."""

    name: str
    category: str | None = None

    @classmethod
    def parse(cls, text: str) -> SignalRef:
        name, _, category = text.partition(":")
        return cls(name, category or None)

    def __str__(self) -> str:
        return f"{self.name}:{self.category}" if self.category else self.name

    def problem(self) -> str | None:
        """What is wrong with the reference (one of the constants above), or None."""
        if self.name not in SIGNAL_NAMES:
            return UNKNOWN_SIGNAL
        if self.category is None:
            return None
        if self.name != AVOIDED:
            return CATEGORY_ON_OTHER
        return None if self.category in AVOIDED_CATEGORIES else UNKNOWN_CATEGORY

    def matches(self, name: str, category: str | None) -> bool:
        """Whether a signal with this name and category is what the reference names."""
        return name == self.name and (self.category is None or category == self.category)

    def found_in(self, analysis: Analysis) -> bool:
        return analysis.has(self.name, self.category)
