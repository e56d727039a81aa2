"""The JSON Schema of scripted walkthrough files (``*.walkthrough.yaml``)."""

from __future__ import annotations

from scoring.rubric_spec import DIMENSIONS, OPTIONAL_DIMENSIONS
from scoring.transcript import OUTCOMES
from simulator.scenario.schema import (
    COMMON_DEFS,
    DRAFT,
    WALKTHROUGH_SCHEMA_ID,
    Schema,
    _described,
    _enum,
    _int,
    _obj,
    ref,
)


def walkthrough_schema() -> Schema:
    """The JSON Schema of a ``*.walkthrough.yaml`` file."""
    defs: dict[str, Schema] = {k: COMMON_DEFS[k] for k in ("text", "texts", "signal", "signals")}
    defs["range"] = {
        "type": "object",
        "description": "A range: {min: , max: } (either may be omitted).",
        "minProperties": 1,
        "properties": {
            "min": {"type": "number", "description": "At least this."},
            "max": {"type": "number", "description": "At most this."},
        },
        "additionalProperties": False,
    }
    defs["turn_expect"] = _obj(
        "What must hold after this turn.",
        {
            "state": _described("text", "The customer's state after this turn."),
            "signals": _described("signals", "Signals that must be found in this reply."),
            "no_signals": _described("signals", "Signals that must not be found."),
            "mood": _described("range", "The customer's mood after this turn."),
            "patience": _described("range", "The customer's patience after this turn."),
        },
    )
    defs["turn"] = {
        "description": "A replies-file line, or a mapping with expectations for this turn.",
        "anyOf": [
            ref("text"),
            _obj(
                "One trainee turn with expectations.",
                {
                    "say": _described("text", "The reply or command, as in a replies file."),
                    "seconds": {
                        "type": "number",
                        "minimum": 0,
                        "description": "Seconds the trainee took (like [+Ns]).",
                    },
                    "expect": ref("turn_expect"),
                },
                ("say",),
            ),
        ],
    }
    outcomes = (*OUTCOMES, "unfinished")
    dims = DIMENSIONS + OPTIONAL_DIMENSIONS
    properties: dict[str, Schema] = {
        "scenario": _described("text", "Scenario id, or a path relative to this file."),
        "name": _described("text", "Short name shown in the summary."),
        "description": _described("text", "What this walkthrough shows."),
        "seed": _int("Seed for the customer's line choices (default 0).", 0),
        "start": _obj(
            "Start from this state instead of the initial one.",
            {
                "state": _described("text", "The state to start in."),
                "patience": _int("Preset patience.", 1, 20),
                "revealed": _described("texts", "Fact ids already revealed."),
            },
            ("state",),
        ),
        "replies": _described("text", "A replies file, relative to this file."),
        "turns": {"type": "array", "description": "The trainee's turns.", "items": ref("turn")},
        "expect": _obj(
            "Expectations on the whole attempt.",
            {
                "final_state": _described("text", "The customer's last state."),
                "outcome": _enum("How the attempt ended.", outcomes),
                "path": {
                    "type": "array",
                    "description": "The state after each turn, starting with the first state.",
                    "items": ref("text"),
                },
                "passed": {"type": "boolean", "description": "The grade passes."},
                "overall": _described("range", "The overall score 0-100."),
                "scores": _obj(
                    "Score ranges per dimension.", {d: _described("range", d) for d in dims}
                ),
                "reasons_include": _described("texts", "Substrings of the failure reasons."),
                "ignored_replies": _int("Replies left after the conversation ended.", 0),
            },
        ),
    }
    out = _obj("A walkthrough test of a scenario.", properties, ("scenario",))
    out["not"] = {
        "description": "Give either `replies` or `turns`, not both.",
        "required": ["replies", "turns"],
    }
    out["anyOf"] = [{"required": ["replies"]}, {"required": ["turns"]}]
    return {"$schema": DRAFT, "$id": WALKTHROUGH_SCHEMA_ID, "title": "roleplay walkthrough", **out,
            "$defs": defs}  # fmt: skip
