"""The published JSON Schemas (draft 2020-12) of scenario and walkthrough files.

They are built from the same vocabularies the loader uses (signal names, triggers,
targets, outcomes …), written to ``scenarios/schema.json`` and
``scenarios/walkthrough.schema.json``, and a test keeps those files, the builders
here and the loader in agreement. Editors (yaml-language-server) read them for
validation, completion and hover text, so only keywords that draft-07 tools also
understand are used.

What a schema cannot say (references between parts of a file: state and fact ids,
the initial state not being terminal, …) the loader and ``roleplay lint`` check.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from scoring.register import AUDIENCES, REGISTERS
from scoring.rubric_spec import DIMENSIONS, ESCALATION_TARGETS, OPTIONAL_DIMENSIONS
from scoring.signal import AVOIDED, AVOIDED_CATEGORIES, SIGNAL_NAMES
from scoring.transcript import OUTCOMES
from simulator.scenario.model import CHANNELS, DIFFICULTIES, KINDS, LANGUAGES, TRIGGER_ORDER
from simulator.scenario.moves_schema import moves_schema

SCHEMA_VERSION = "1.0"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCENARIO_SCHEMA_ID = f"https://roleplay.example/schemas/scenario/{SCHEMA_VERSION}/schema.json"
WALKTHROUGH_SCHEMA_ID = (
    f"https://roleplay.example/schemas/walkthrough/{SCHEMA_VERSION}/walkthrough.schema.json"
)
SCENARIO_SCHEMA_FILE = "schema.json"
WALKTHROUGH_SCHEMA_FILE = "walkthrough.schema.json"
SIGNAL_REFS: tuple[str, ...] = SIGNAL_NAMES + tuple(f"{AVOIDED}:{c}" for c in AVOIDED_CATEGORIES)

Schema = dict[str, Any]


def ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _obj(description: str, properties: dict[str, Schema], required: tuple[str, ...] = ()) -> Schema:
    out: Schema = {"type": "object", "description": description}
    if required:
        out["required"] = list(required)
    out["properties"] = properties
    out["additionalProperties"] = False
    return out


def _int(description: str, low: int | None = None, high: int | None = None) -> Schema:
    out: Schema = {"type": "integer", "description": description}
    if low is not None:
        out["minimum"] = low
    if high is not None:
        out["maximum"] = high
    return out


def _num(description: str, low: float, high: float) -> Schema:
    return {"type": "number", "description": description, "minimum": low, "maximum": high}


def _described(name: str, description: str) -> Schema:
    return {"$ref": f"#/$defs/{name}", "description": description}


def _enum(description: str, values: tuple[str, ...]) -> Schema:
    return {"description": description, "enum": list(values)}


def _one_or_list(item: str, description: str) -> Schema:
    return {
        "description": description,
        "anyOf": [ref(item), {"type": "array", "items": ref(item)}],
    }


COMMON_DEFS: dict[str, Schema] = {
    "text": {
        "description": "Text (quote it when it starts with a special character or is yes/no/on/off).",
        "type": ["string", "number"],
        "pattern": "\\S",
    },
    "texts": _one_or_list("text", "One text or a list of texts."),
    "signal": _enum(
        "A reply signal; `avoided:CATEGORY` names one kind of avoided phrase.", SIGNAL_REFS
    ),
    "signals": _one_or_list("signal", "One signal or a list of signals."),
    "target": _enum("An escalation target.", ESCALATION_TARGETS),
    "targets": _one_or_list("target", "One escalation target or a list of them."),
    "avoided_category": _enum("A category of avoided phrase.", AVOIDED_CATEGORIES),
    "outcome": _enum("How a conversation ends.", OUTCOMES),
}


def _condition() -> Schema:
    ids = "fact ids"
    return _obj(
        "Conditions of a transition; every one that is given must hold.",
        {
            "signals": _described("signals", "This reply has all of these signals."),
            "any_signals": _described("signals", "This reply has at least one of these."),
            "no_signals": _described("signals", "This reply has none of these."),
            "said": _described("signals", "Said at some point so far, this reply included."),
            "facts_restated": _described("texts", f"These {ids} have been restated so far."),
            "min_facts_restated": _int("At least this many facts restated so far.", 0),
            "turn_at_least": _int("The trainee's turn number (from 1) is at least this.", 1),
            "turn_at_most": _int("The trainee's turn number (from 1) is at most this.", 1),
            "patience_at_most": _int("The customer's patience before this turn is at most.", 0),
            "patience_at_least": _int("The customer's patience before this turn is at least.", 0),
            "target": _described("targets", "`/escalate` to one of these targets."),
            "note_covers": _described("texts", f"The `/escalate` note mentions these {ids}."),
            "moves": _described("texts", "These right moves have been made so far."),
        },
    )


def _weights() -> Schema:
    dims = DIMENSIONS + OPTIONAL_DIMENSIONS
    props = {
        d: _num(f"Weight of the {d} dimension (relative; scaled to sum 1).", 0, 1) for d in dims
    }
    out = _obj("Weights of the rubric dimensions.", props)
    out["not"] = {
        "description": "The weights must not all be 0.",
        "required": list(DIMENSIONS),
        "properties": {d: {"const": 0} for d in dims},
    }
    return out


def scenario_schema() -> Schema:
    """The JSON Schema of a scenario file."""
    defs: dict[str, Schema] = dict(COMMON_DEFS)
    defs["state"] = _obj(
        "A state of the customer: what they say here and how they feel.",
        {
            "lines": _described("texts", "What the customer says; one variant is picked."),
            "mood": _int("-2 furious/lost … 0 neutral … 2 satisfied.", -2, 2),
            "venting": {"type": "boolean", "description": "The line expresses emotion."},
            "reveals": _described("texts", "Ids of the facts the customer tells here."),
            "terminal": _described("outcome", "Makes this state an ending."),
            "idle": _described("texts", "Said here when a reply moves nothing."),
            "hint": _described("text", "What /hint says in this state."),
        },
        ("lines",),
    )
    defs["transition"] = _obj(
        "When the customer moves from one state to another.",
        {
            "from": {
                "description": 'A state id, a list of state ids, or "*" (every non-terminal state).',
                "anyOf": [ref("text"), {"type": "array", "items": ref("text")}],
            },
            "on": _enum("The trigger, tried in this order each turn.", TRIGGER_ORDER),
            "if": ref("condition"),
            "to": _described("text", "The state to move to (omit to stay)."),
            "patience": _int("Change of patience.", -10, 10),
            "mood": _int("Change of mood after entering `to`.", -4, 4),
            "say": _described("texts", "Said instead of the new state's lines."),
        },
        ("from", "on"),
    )
    defs["condition"] = _condition()
    defs["fact"] = _obj(
        "Something the customer reveals, with the words that count as restating it.",
        {
            "id": _described("text", "The fact's id."),
            "summary": _described("text", "One line for trainers and the debrief."),
            "keywords": _described("texts", "Keywords; `|` separates alternatives."),
        },
        ("id", "summary", "keywords"),
    )
    defs["phrase"] = _obj(
        "A phrase of this scenario's own (e.g. product jargon).",
        {
            "signal": _described("signal", "The signal the phrase gives."),
            "pattern": _described("text", "The words to find."),
            "category": _described("avoided_category", "Category for an avoided phrase."),
            "suggestion": _described("text", "What to say instead."),
        },
        ("signal", "pattern"),
    )
    escalation = _obj(
        "Whether escalating is expected, to whom, when, and what the note must carry.",
        {
            "expected": {"type": "boolean", "description": "Escalating is the right move."},
            "targets": _described("targets", "The right receivers."),
            "window": {
                "description": "[first_turn, last_turn] in which the hand-off is on time.",
                "type": "array",
                "items": {"type": "integer", "minimum": 1},
                "minItems": 2,
                "maxItems": 2,
            },
            "note_facts": _described("texts", "Fact ids the hand-off note must carry."),
        },
    )
    escalation["if"] = {"required": ["expected"], "properties": {"expected": {"const": True}}}
    escalation["then"] = {
        "required": ["targets"],
        "properties": {"targets": {"not": {"type": "array", "maxItems": 0}}},
    }
    properties: dict[str, Schema] = {
        "id": _described("text", "Unique id, used by `roleplay play ID`."),
        "version": _described("text", 'The author\'s version text (quote it: "1.0").'),
        "title": _described("text", "One line shown in `roleplay list`."),
        "language": _enum("The language of the customer and of the analysis.", LANGUAGES),
        "channel": _enum("How the customer gets in touch.", CHANNELS),
        "difficulty": _enum("How hard the scenario is.", DIFFICULTIES),
        "audience": _enum("Staff (internal) or the public (consumer).", AUDIENCES),
        "register": _enum("What counts as informal address (docs/analysis-quality.md).", REGISTERS),
        "persona": _obj(
            "Who the customer is.",
            {
                "name": _described("text", "The customer's name."),
                "kind": _enum("The kind of customer.", KINDS),
                "description": _described("text", "Who they are, for the trainer."),
                "names": _described("texts", "Words that count as using the customer's name."),
                "words": _described(
                    "texts",
                    "Words this customer knows and uses (a router, 'the server'): never jargon "
                    "when the trainee says them.",
                ),
            },
            ("name", "kind"),
        ),
        "briefing": _described("text", "What the trainee reads before the call."),
        "learning_goals": _described("texts", "Goals shown in the briefing."),
        "facts": {
            "type": "array",
            "description": "What the customer reveals.",
            "items": ref("fact"),
        },
        "initial": _described("text", "The state the customer starts in."),
        "states": {
            "type": "object",
            "description": "State id to state.",
            "minProperties": 1,
            "additionalProperties": ref("state"),
        },
        "transitions": {
            "type": "array",
            "description": "How the customer moves between states.",
            "items": ref("transition"),
        },
        "patience": _obj(
            "How much the customer puts up with.",
            {
                "start": _int("Patience at the start.", 1, 20),
                "no_progress": _int("Change when a reply moves nothing.", -5, 0),
                "silence": _int("Change when the trainee is silent too long.", -5, 0),
                "exhausted": _described("text", "Terminal state when patience runs out."),
            },
        ),
        "timing": _obj(
            "Timing targets.",
            {
                "reply_target": _num("Seconds a reply may take.", 1, 3600),
                "first_reply_target": _num("Seconds the first reply may take.", 1, 3600),
                "silence_after": _num("Seconds of silence before the customer nudges.", 5, 3600),
                "eta_required": {"type": "boolean", "description": "A concrete time is expected."},
                "nudges": _described("texts", "Lines for silence."),
            },
        ),
        "escalation": escalation,
        "rubric": _obj(
            "How the attempt is graded.",
            {
                "weights": _weights(),
                "pass_mark": _int("Overall score needed to pass (0-100).", 0, 100),
                "blockers": {
                    "description": "Avoided categories that fail the attempt.",
                    "anyOf": [
                        ref("avoided_category"),
                        {"type": "array", "items": ref("avoided_category")},
                    ],
                },
            },
        ),
        "phrases": {"type": "array", "description": "Extra phrases.", "items": ref("phrase")},
        "idle": _described("texts", "Said when a reply moves nothing (any state)."),
        "moves": moves_schema(),
    }
    required = ("id", "version", "title", "language", "channel", "persona", "briefing")
    out = _obj("A roleplay scenario: a scripted customer as a state machine.", properties)
    out["required"] = [*required, "initial", "states"]
    return {"$schema": DRAFT, "$id": SCENARIO_SCHEMA_ID, "title": "roleplay scenario", **out,
            "$defs": defs}  # fmt: skip


def render(schema: Schema) -> str:
    """The schema as the published file's text."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def published_text(name: str = SCENARIO_SCHEMA_FILE) -> str:
    """The text of a published schema file shipped with the bundled scenarios."""
    return resources.files("scenarios").joinpath(name).read_text(encoding="utf-8")


def published(name: str = SCENARIO_SCHEMA_FILE) -> Schema:
    data: Schema = json.loads(published_text(name))
    return data


def write_published() -> list[str]:
    """Regenerate the published files from the builders (for `roleplay schema --write`)."""
    from pathlib import Path

    from simulator.scenario.walkthrough_schema import walkthrough_schema

    folder = Path(str(resources.files("scenarios")))
    written = []
    for name, schema in (
        (SCENARIO_SCHEMA_FILE, scenario_schema()),
        (WALKTHROUGH_SCHEMA_FILE, walkthrough_schema()),
    ):
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(str(path))
    return written
