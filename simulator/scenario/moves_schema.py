"""The JSON Schema of a scenario's ``moves:`` section (see moves_reader for the rules)."""

from __future__ import annotations

from typing import Any

from scoring.moves import MAX_SENTENCES, SEVERITIES
from scoring.rubric_spec import ESCALATION_TARGETS

Schema = dict[str, Any]

_TEXTS: Schema = {"type": "array", "items": {"type": "string"}}
_KEYWORDS: Schema = {
    "description": "Groups of alternatives (a|b|c); every group must match in one sentence.",
    "anyOf": [{"type": "string"}, _TEXTS],
}


def moves_schema() -> Schema:
    right: Schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "summary"],
        "properties": {
            "id": {"type": "string", "description": "Unique among the moves."},
            "summary": {"type": "string", "description": "What the step is, in a trainer's words."},
            "keywords": _KEYWORDS,
            "escalate": {
                "description": "Made by `/escalate` to one of these targets instead of words.",
                "anyOf": [
                    {"enum": list(ESCALATION_TARGETS)},
                    {"type": "array", "items": {"enum": list(ESCALATION_TARGETS)}},
                ],
            },
            "after": {**_TEXTS, "description": "Right moves listed earlier that must come first."},
            "required": {"type": "boolean", "description": "Needed to solve it (default true)."},
            "sentences": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_SENTENCES,
                "description": "How many consecutive sentences the keyword groups may spread "
                "over (default 1): a step given in short sentences.",
            },
        },
    }
    wrong: Schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "summary", "keywords"],
        "properties": {
            "id": {"type": "string", "description": "Unique among the moves."},
            "summary": {"type": "string", "description": "What is wrong, in a trainer's words."},
            "keywords": _KEYWORDS,
            "severity": {
                "enum": list(SEVERITIES),
                "description": "penalty costs points; blocker fails the attempt.",
            },
            "advice": {"type": "string", "description": "What to do instead."},
            "reaction": {
                "type": "object",
                "additionalProperties": False,
                "description": "How the customer reacts.",
                "properties": {
                    "say": {"anyOf": [{"type": "string"}, _TEXTS]},
                    "patience": {"type": "integer", "minimum": -10, "maximum": 10},
                    "mood": {"type": "integer", "minimum": -4, "maximum": 4},
                    "to": {"type": "string", "description": "A state to move to."},
                },
            },
        },
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "description": "The moves that solve the problem and the wrong ones.",
        "properties": {
            "right": {"type": "array", "items": right},
            "wrong": {"type": "array", "items": wrong},
        },
    }
