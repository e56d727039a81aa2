"""Structural checks of `roleplay lint`: the published JSON Schema, with located messages.

Every schema violation is reported (not only the first), at the line and column of the
offending value or key, with the same codes the loader uses (E101-E141) and a hint
that says what to write instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from scoring.rubric_spec import ESCALATION_TARGETS
from scoring.signal import AVOIDED, AVOIDED_CATEGORIES, SIGNAL_NAMES
from scoring.signal_ref import UNKNOWN_SIGNAL, SignalRef
from simulator.scenario.field_reader import did_you_mean, type_name
from simulator.scenario.issue import Issue, error
from simulator.scenario.model import TRIGGER_ORDER
from simulator.scenario.references import unknown_target
from simulator.scenario.schema import (
    SCENARIO_SCHEMA_FILE,
    SIGNAL_REFS,
    WALKTHROUGH_SCHEMA_FILE,
    published,
)
from simulator.scenario.yaml_source import YNode

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


@lru_cache(maxsize=4)
def validator(name: str = SCENARIO_SCHEMA_FILE) -> Draft202012Validator:
    return Draft202012Validator(published(name))


def where_of(path: Sequence[Any], root_name: str) -> str:
    if not path:
        return root_name
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def node_at(root: YNode, path: Iterable[Any]) -> YNode:
    node = root
    for part in path:
        in_map = isinstance(node.value, dict) and part in node.value
        in_list = isinstance(node.value, list) and isinstance(part, int) and part < len(node.value)
        if in_map or in_list:
            node = node.value[part]
        else:
            break
    return node


def schema_issues(root: YNode, name: str = SCENARIO_SCHEMA_FILE) -> list[Issue]:
    """Every violation of the published schema ``name`` in the tree ``root``."""
    root_name = "the walkthrough" if name == WALKTHROUGH_SCHEMA_FILE else "the scenario"
    issues: list[Issue] = []
    for err in validator(name).iter_errors(root.plain()):
        issues += _issues(err, root, root_name)
    return issues


def _schema(err: ValidationError) -> dict[str, Any]:
    return dict(err.schema) if isinstance(err.schema, Mapping) else {}


def _value(err: ValidationError) -> Any:
    return err.validator_value


def _issues(err: ValidationError, root: YNode, root_name: str) -> list[Issue]:
    path = list(err.absolute_path)
    node = node_at(root, path)
    where = where_of(path, root_name)
    kind = err.validator
    schema_path = list(err.absolute_schema_path)
    if "then" in schema_path:  # escalation: expected true needs targets
        return [
            error(
                "E136",
                node.location,
                "escalation.expected is true but no targets are listed",
                "add targets: [second_line] (or another target)",
            )
        ]
    if kind == "additionalProperties":
        allowed = tuple(_schema(err).get("properties", {}))
        out = []
        for key, key_node in node.key_nodes.items():
            if key not in allowed:
                hint = did_you_mean(key, allowed) or "allowed keys: " + ", ".join(allowed)
                out.append(
                    error("E102", key_node.location, f"unknown key '{key}' in {where}", hint)
                )
        return out
    if kind == "required":
        missing = [k for k in _value(err) if not (node.is_map() and k in node.value)]
        return [
            error("E103", node.location, f"{where} is missing required key '{k}'", f"add '{k}:'")
            for k in missing
        ]
    if kind in ("anyOf", "oneOf"):
        return _any_of(err, root, node, where, root_name)
    if kind == "type":
        return [_type_issue(node, where, _value(err))]
    if kind == "enum":
        return [_enum_issue(node, where, list(_value(err)))]
    if kind in ("minimum", "maximum"):
        low, high = _schema(err).get("minimum"), _schema(err).get("maximum")
        lo = "" if low is None else f"{low:g}"
        hi = "" if high is None else f"{high:g}"
        hint = (
            f"use a value from {lo} to {hi}"
            if lo and hi
            else (f"use {lo} or more" if lo else f"use {hi} or less")
        )
        return [
            error("E106", node.location, f"{where} is {node.value:g}, outside {lo}..{hi}", hint)
        ]
    if kind == "pattern":
        return [
            error("E107", node.location, f"{where} is empty", "write the text, or remove the key")
        ]
    if kind == "not" and path[-1:] == ["weights"]:
        return [
            error(
                "E140",
                node.location,
                "rubric.weights add up to 0",
                "give at least one dimension a weight",
            )
        ]
    if kind == "not" and root_name == "the walkthrough" and not path:
        return [
            error(
                "T101",
                node.location,
                "the walkthrough gives both `replies` and `turns`",
                "keep one: a replies file, or inline turns",
            )
        ]
    if kind in ("minItems", "maxItems") and path[-1:] == ["window"]:
        return [
            error(
                "E104",
                node.location,
                "escalation.window must be [first_turn, last_turn]",
                "write two turn numbers, e.g. [2, 4]",
            )
        ]
    if kind == "minProperties" and path == ["states"]:
        return [
            error(
                "E104",
                node.location,
                "states must be a non-empty mapping of state id to state",
                "add at least one state",
            )
        ]
    description = _schema(err).get("description", "")
    return [error("E104", node.location, f"{where}: {err.message}", description)]


def _any_of(
    err: ValidationError, root: YNode, node: YNode, where: str, root_name: str
) -> list[Issue]:
    if not err.path and root_name == "the walkthrough":
        return [
            error(
                "T102",
                node.location,
                "the walkthrough has neither `replies` nor `turns`",
                "add `turns:` (a list of replies) or `replies: FILE`",
            )
        ]
    here = list(err.absolute_path)
    container = isinstance(node.value, dict | list)
    branches: dict[int, list[ValidationError]] = {}
    for sub in err.context or ():
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)

    def fits(errors: list[ValidationError]) -> bool:
        """The branch takes this kind of value; its complaints are about the details."""
        for e in errors:
            if list(e.absolute_path) == here and (
                e.validator in ("type", "anyOf") or (container and e.validator == "enum")
            ):
                return False
        return True

    fitting = [errs for _, errs in sorted(branches.items()) if fits(errs)]
    if fitting:
        out: list[Issue] = []
        for sub in fitting[0]:
            out += _issues(sub, root, root_name)
        return out
    if node.looks_like_yaml11_bool():
        return [_type_issue(node, where, "string")]
    expected = str(_schema(err).get("description", "")).rstrip(".")
    expected = expected[:1].lower() + expected[1:]
    return [
        error(
            "E104",
            node.location,
            f"{where} must be {expected or 'of another type'}, got {type_name(node.value)}",
            "see docs/scenario-format.md for this key",
        )
    ]


def _type_issue(node: YNode, where: str, expected: Any) -> Issue:
    types = [expected] if isinstance(expected, str) else list(expected)
    if "string" in types and node.looks_like_yaml11_bool():
        return error(
            "E108",
            node.location,
            f"{where} is the word '{node.raw}', which YAML reads as {node.value}",
            f'put it in quotes: "{node.raw}"',
        )
    if types == ["object"]:
        return error(
            "E101", node.location, f"{where} must be a mapping, got {type_name(node.value)}"
        )
    words = " or ".join(
        _TYPE_WORDS.get(t, t) for t in types if not (t == "number" and "string" in types)
    )
    hint = ""
    if "boolean" in types and isinstance(node.value, str):
        hint = "write true or false without quotes"
    elif "integer" in types and isinstance(node.value, float):
        hint = f"write a whole number such as {int(node.value)}"
    elif ("integer" in types or "number" in types) and isinstance(node.value, str):
        hint = "write the number without quotes"
    return error(
        "E104", node.location, f"{where} must be {words}, got {type_name(node.value)}", hint
    )


def _enum_issue(node: YNode, where: str, values: list[Any]) -> Issue:
    if node.looks_like_yaml11_bool():
        return _type_issue(node, where, "string")
    if not isinstance(node.value, str | int | float) or isinstance(node.value, bool):
        return error("E104", node.location, f"{where} must be text, got {type_name(node.value)}")
    value = str(node.raw if node.raw is not None else node.value)
    if values == list(TRIGGER_ORDER):
        hint = did_you_mean(value, TRIGGER_ORDER) or "triggers: " + ", ".join(TRIGGER_ORDER)
        return error("E131", node.location, f"{where}: unknown trigger '{value}'", hint)
    if values == list(SIGNAL_REFS):
        return _signal_issue(node, where, value)
    if values == list(ESCALATION_TARGETS):
        return unknown_target(node.location, where, value)
    choices = [str(v) for v in values]
    hint = did_you_mean(value, choices) or "use one of: " + ", ".join(choices)
    if values == list(AVOIDED_CATEGORIES) and ".blockers" in where:
        return error("E141", node.location, f"{where}: unknown avoided category '{value}'", hint)
    return error(
        "E105", node.location, f"{where} is '{value}', not one of {', '.join(choices)}", hint
    )


def _signal_issue(node: YNode, where: str, value: str) -> Issue:
    ref = SignalRef.parse(value)
    base, category = ref.name, ref.category or ""
    if ref.problem() == UNKNOWN_SIGNAL:
        hint = did_you_mean(base, SIGNAL_NAMES) or "signals: " + ", ".join(SIGNAL_NAMES)
        return error("E120", node.location, f"{where}: unknown signal '{base}'", hint)
    if base != AVOIDED:
        return error(
            "E121",
            node.location,
            f"{where}: '{value}' names a category, which only `avoided` has",
            f"write '{base}' alone, or avoided:CATEGORY",
        )
    hint = did_you_mean(category, AVOIDED_CATEGORIES) or "categories: " + ", ".join(
        AVOIDED_CATEGORIES
    )
    return error(
        "E121", node.location, f"{where}: '{value}' names an unknown avoided category", hint
    )
