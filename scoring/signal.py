"""The signal: one thing a reply was found to do, with the evidence for it."""

from __future__ import annotations

from dataclasses import dataclass, field

# Signal names are a contract: tools and scenario files rely on them. Add, never rename.
EMPATHY = "empathy"
APOLOGY = "apology"
RESTATE = "restate"
AVOIDED = "avoided"
ETA = "eta"
ESCALATE = "escalate"
GREETING = "greeting"
CLOSING = "closing"
JARGON = "jargon"
NAME_USE = "name_use"
OWNERSHIP = "ownership"
ALTERNATIVE = "alternative"
CHECK_UNDERSTANDING = "check_understanding"
PLAIN_STEP = "plain_step"

SIGNAL_NAMES: tuple[str, ...] = (
    EMPATHY,
    APOLOGY,
    RESTATE,
    AVOIDED,
    ETA,
    ESCALATE,
    GREETING,
    CLOSING,
    JARGON,
    NAME_USE,
    OWNERSHIP,
    ALTERNATIVE,
    CHECK_UNDERSTANDING,
    PLAIN_STEP,
)

# Categories an `avoided` signal may carry (the training guide's "say this, not that").
AVOIDED_CATEGORIES: tuple[str, ...] = (
    "shirking",
    "refusal",
    "blame",
    "dismissive",
    "policy",
    "vague",
    "impatient",
    "informal_address",
    "disparaging",
    "push_contact",
    "excuse",
    "speculation",
    "contact_leak",
)


@dataclass(frozen=True, slots=True)
class Signal:
    """A signal found in a reply.

    ``span`` is ``(start, end)`` into the *original* reply text, so
    ``text[start:end] == evidence``. ``rule`` names the phrasebook rule that matched.
    ``category`` is set for ``avoided`` (and may be for others); ``suggestion`` is the
    "say instead" advice for ``avoided``. ``facts`` lists fact ids a ``restate`` covered.
    """

    name: str
    span: tuple[int, int]
    evidence: str
    rule: str
    category: str | None = None
    suggestion: str | None = None
    facts: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "name": self.name,
            "category": self.category,
            "span": [self.span[0], self.span[1]],
            "evidence": self.evidence,
            "rule": self.rule,
        }
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        if self.facts:
            data["facts"] = list(self.facts)
        return data


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyser found in one reply, signals ordered by span start."""

    text: str
    lang: str
    signals: tuple[Signal, ...]

    def names(self) -> frozenset[str]:
        return frozenset(s.name for s in self.signals)

    def has(self, name: str, category: str | None = None) -> bool:
        return any(
            s.name == name and (category is None or s.category == category) for s in self.signals
        )

    def of(self, name: str) -> tuple[Signal, ...]:
        return tuple(s for s in self.signals if s.name == name)

    def facts_restated(self) -> frozenset[str]:
        return frozenset(f for s in self.signals if s.name == RESTATE for f in s.facts)

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "signals": [s.to_json() for s in self.signals]}
