"""A played attempt as the rubric sees it: what the customer said, what the trainee did."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scoring.signal import (
    Analysis,
    json_bool,
    json_float,
    json_int,
    json_opt_str,
    json_str,
    json_strs,
)

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

    def to_json(self, lang: str | None = None) -> dict[str, object]:
        """A JSON-ready dict; :meth:`from_json` gives back an equal turn.

        The analysis carries its own "lang" unless it equals ``lang`` (the transcript's).
        """
        analysis: dict[str, object] | None = None
        if self.analysis is not None:
            analysis = self.analysis.to_json(with_lang=self.analysis.lang != lang)
        return {
            "index": self.index,
            "text": self.text,
            "response_seconds": self.response_seconds,
            "customer_line": self.customer_line,
            "customer_reply": self.customer_reply,
            "state_before": self.state_before,
            "mood_before": self.mood_before,
            "venting": self.venting,
            "state_after": self.state_after,
            "mood_after": self.mood_after,
            "patience_after": self.patience_after,
            "analysis": analysis,
            "command": self.command,
            "target": self.target,
            "note": self.note,
            "hints_before": self.hints_before,
            "silence_nudges": self.silence_nudges,
            "revealed": list(self.revealed),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], lang: str | None = None) -> Turn:
        """The inverse of :meth:`to_json`; raises ValueError on a malformed object."""
        raw = data.get("analysis")
        if raw is not None and not isinstance(raw, Mapping):
            raise ValueError("'analysis' must be an object or null")
        return cls(
            index=json_int(data, "index"),
            text=json_str(data, "text"),
            response_seconds=json_float(data, "response_seconds"),
            customer_line=json_str(data, "customer_line", ""),
            customer_reply=json_str(data, "customer_reply", ""),
            state_before=json_str(data, "state_before", ""),
            mood_before=json_int(data, "mood_before", 0),
            venting=json_bool(data, "venting", False),
            state_after=json_str(data, "state_after", ""),
            mood_after=json_int(data, "mood_after", 0),
            patience_after=json_int(data, "patience_after", 0),
            analysis=Analysis.from_json(raw, lang) if raw is not None else None,
            command=json_opt_str(data, "command"),
            target=json_opt_str(data, "target"),
            note=json_str(data, "note", ""),
            hints_before=json_int(data, "hints_before", 0),
            silence_nudges=json_int(data, "silence_nudges", 0),
            revealed=json_strs(data, "revealed"),
        )


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

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict; :meth:`from_json` gives back an equal transcript."""
        return {
            "lang": self.lang,
            "turns": [t.to_json(self.lang) for t in self.turns],
            "final_state": self.final_state,
            "outcome": self.outcome,
            "hints_used": self.hints_used,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Transcript:
        """The inverse of :meth:`to_json`; raises ValueError on a malformed object."""
        lang = json_str(data, "lang")
        turns = data.get("turns", [])
        if not isinstance(turns, list | tuple) or not all(isinstance(t, Mapping) for t in turns):
            raise ValueError("'turns' must be a list of objects")
        return cls(
            lang=lang,
            turns=tuple(Turn.from_json(t, lang) for t in turns),
            final_state=json_str(data, "final_state", ""),
            outcome=json_opt_str(data, "outcome"),
            hints_used=json_int(data, "hints_used", 0),
        )
