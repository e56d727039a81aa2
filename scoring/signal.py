"""The signal: one thing a reply was found to do, with the evidence for it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Signal:
        """The inverse of :meth:`to_json`; raises ValueError on a malformed object."""
        span = data.get("span")
        if (
            not isinstance(span, list | tuple)
            or len(span) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)
        ):
            raise ValueError(f"signal span must be [start, end], not {span!r}")
        return cls(
            name=json_str(data, "name"),
            span=(span[0], span[1]),
            evidence=json_str(data, "evidence"),
            rule=json_str(data, "rule"),
            category=json_opt_str(data, "category"),
            suggestion=json_opt_str(data, "suggestion"),
            facts=json_strs(data, "facts"),
        )


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

    def to_json(self, *, with_lang: bool = False) -> dict[str, object]:
        """``{"text", "signals"}`` (the `check --json` shape); ``with_lang`` adds "lang"."""
        data: dict[str, object] = {"text": self.text}
        if with_lang:
            data["lang"] = self.lang
        data["signals"] = [s.to_json() for s in self.signals]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], lang: str | None = None) -> Analysis:
        """The inverse of ``to_json(with_lang=True)``; ``lang`` is used when "lang" is absent."""
        signals = data.get("signals", [])
        if not isinstance(signals, list | tuple) or not all(
            isinstance(s, Mapping) for s in signals
        ):
            raise ValueError("analysis signals must be a list of objects")
        found = json_opt_str(data, "lang")
        return cls(
            text=json_str(data, "text"),
            lang=found if found is not None else (lang or "en"),
            signals=tuple(Signal.from_json(s) for s in signals),
        )


# -- typed reading of JSON objects (shared by the transcript) ------------------------------
def json_str(data: Mapping[str, Any], key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string, not {value!r}")
    return value


def json_opt_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string or null, not {value!r}")
    return value


def json_strs(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{key}' must be a list of strings, not {value!r}")
    return tuple(value)


def json_int(data: Mapping[str, Any], key: str, default: int | None = None) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"'{key}' must be an integer, not {value!r}")
    return value


def json_float(data: Mapping[str, Any], key: str, default: float | None = None) -> float:
    value = data.get(key, default)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError(f"'{key}' must be a number, not {value!r}")
    return float(value)


def json_bool(data: Mapping[str, Any], key: str, default: bool | None = None) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"'{key}' must be true or false, not {value!r}")
    return value
