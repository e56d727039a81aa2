"""`roleplay new`: a commented, lint-clean scenario and a walkthrough to start from."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.authoring.scaffold_content import SHAPES, TEXTS
from simulator.errors import Location, RoleplayError, UsageError
from simulator.scenario.model import KINDS, LANGUAGES

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_YAML11 = {"yes", "no", "on", "off", "y", "n", "true", "false", "null"}


class ScaffoldError(RoleplayError):
    """A file `roleplay new` would write already exists."""


@dataclass(frozen=True, slots=True)
class Scaffold:
    scenario_path: Path
    walkthrough_path: Path
    scenario_text: str
    walkthrough_text: str


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML11:
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def _block_list(key: str, items: list[str], indent: str) -> list[str]:
    return [f"{indent}{key}:"] + [f"{indent}  - {_scalar(i)}" for i in items]


def _c(code: str, comment: str) -> str:
    """A line with a comment aligned at column 33."""
    return f"{code.ljust(32)} # {comment}"


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}" for line in text.splitlines()]


def _text(texts: dict[str, Any], value: Any) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        return texts[value[1:]]
    return value


def schema_ref(folder: Path, name: str = "schema.json") -> str:
    """How a file in ``folder`` points at the published schema (relative path)."""
    from simulator.scenario.catalog import bundled_dir

    target = bundled_dir() / name
    try:
        return os.path.relpath(target, folder.resolve()).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return target.as_uri()


def article(word: str) -> str:
    """ "a" or "an" before ``word`` (by its first letter: "an angry", "a VIP")."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def scenario_text(kind: str, lang: str, scenario_id: str, schema: str = "schema.json") -> str:
    shape, texts = SHAPES[kind], TEXTS[(kind, lang)]
    out = [
        f"# yaml-language-server: $schema={schema}",
        f"# {article(kind).capitalize()} {kind} customer ({lang}), written by `roleplay new`. "
        "Change the story, then:",
        f"#   roleplay lint {scenario_id}.yaml       errors and warnings, with line:column",
        f"#   roleplay graph {scenario_id}.yaml      the map of states and transitions",
        f"#   roleplay test {scenario_id}.yaml       run the walkthrough next to this file",
        "# Every key is described in docs/scenario-format.md.",
        _c(f"id: {scenario_id}", "file name must be ID.yaml"),
        _c('version: "0.1"', "quote it, or YAML reads 0.1 as a number"),
        f"title: {_scalar(texts['title'])}",
        f"language: {lang}",
        _c(f"channel: {texts['channel']}", "phone, chat or email"),
        _c("difficulty: medium", "easy, medium or hard"),
        "persona:",
        f"  name: {_scalar(texts['name'])}",
        f"  kind: {kind}",
        f"  description: {_scalar(texts['description'])}",
        _c(f"  names: {_flow(texts['names'])}", "words that count as using the customer's name"),
        _c("briefing: |", "what the trainee reads before the call"),
        *[f"  {line}" for line in texts["briefing"].splitlines()],
        *_block_list("learning_goals", texts["goals"], ""),
        "# What the customer reveals (in the `reveals:` of a state). A reply restates a fact",
        '# with a restating frame ("so you\'re saying…") and one keyword of each group',
        "# listed; `|` separates alternatives.",
        "facts:",
    ]
    for fact_id in shape["facts"]:
        summary, keywords = texts["facts"][fact_id]
        out += [
            f"  - id: {fact_id}",
            f"    summary: {_scalar(summary)}",
            f"    keywords: {_flow(keywords)}",
        ]
    out += [
        "patience:",
        _c(f"  start: {shape['patience']}", "replies before the customer gives up"),
        _c("  no_progress: -1", "a reply that moves nothing"),
        _c("  silence: -1", "silence without a `silence` transition"),
        _c("  exhausted: hung_up", "where the customer goes at 0"),
        "timing:",
        _c("  reply_target: 45", "seconds a reply may take (the `slow` trigger)"),
        "  first_reply_target: 20",
        "  silence_after: 60",
        _c("  eta_required: true", "a concrete time is expected"),
    ]
    esc = shape["escalation"]
    if esc is None:
        out += ["escalation:", _c("  expected: false", "escalating here is a mistake")]
    else:
        out += [
            "escalation:",
            "  expected: true",
            f"  targets: {_flow(esc['targets'])}",
            _c(f"  window: {_flow(esc['window'])}", "trainee turns when it is on time"),
            _c(f"  note_facts: {_flow(esc['note_facts'])}", "facts the note must carry"),
        ]
    out += [
        "rubric:",
        "  weights: {empathy: 0.3, restating: 0.2, avoided: 0.25, timeliness: 0.15, escalation: 0.1}",
        "  pass_mark: 70",
        _c(f"  blockers: {_flow(shape['blockers'])}", "avoided categories that fail the attempt"),
        "initial: opening",
        "# Each state: the customer's mood (-2..2) and lines (one variant is picked with the",
        "# seeded RNG; write two or more). `terminal:` marks an ending.",
        "states:",
    ]
    for state_id, comment, fields in shape["states"]:
        out += [*_comment(comment, "  "), f"  {state_id}:"]
        out += [f"    {k}: {_flow(v)}" for k, v in fields.items()]
        out += _block_list("lines", texts[state_id], "    ")
        if f"{state_id}_hint" in texts:
            out.append(f"    hint: {_scalar(texts[f'{state_id}_hint'])}")
    out += [
        "# Each turn fires triggers (commands, timing events, then signals of the reply); they",
        "# are tried in a fixed order (docs/scenario-format.md), and within one trigger in file",
        "# order. The first transition whose `if:` holds is taken.",
        "transitions:",
    ]
    for comment, fields in shape["transitions"]:
        if comment:
            out += _comment(comment, "  ")
        first = True
        for key, raw in fields.items():
            value = _text(texts, raw)
            prefix = "  - " if first else "    "
            first = False
            if isinstance(value, list) and key == "say":
                out += _block_list(key, value, prefix if prefix == "    " else "    ")
            else:
                out.append(f"{prefix}{key}: {_flow(value)}")
    return "\n".join(out) + "\n"


def walkthrough_text(
    kind: str, lang: str, scenario_id: str, schema: str = "walkthrough.schema.json"
) -> str:
    shape, texts = SHAPES[kind], TEXTS[(kind, lang)]
    path = shape["path"]
    out = [
        f"# yaml-language-server: $schema={schema}",
        "# A walkthrough: scripted trainee turns and what must happen. Run it with",
        f"#   roleplay test {scenario_id}.basic.walkthrough.yaml",
        "# The format is described in docs/walkthrough-format.md.",
        f"scenario: {scenario_id}",
        "name: basic",
        "description: The way through, one step per turn.",
        "seed: 7",
        _c("# start: {state: " + path[-2] + ", patience: 2}", "test from this state"),
        "turns:",
    ]
    for text, state in zip(texts["turns"], path[1:], strict=True):
        out += [f"  - say: {_scalar(text)}", "    expect:", f"      state: {state}"]
    out += [
        "expect:",
        f"  final_state: {path[-1]}",
        f"  outcome: {SHAPES[kind]['states'][len(path) - 1][2]['terminal']}",
        f"  path: {_flow(path)}",
        _c("  # passed: true", "and score ranges, e.g. scores: {empathy: {min: 70}}"),
    ]
    return "\n".join(out) + "\n"


def scaffold(kind: str, lang: str, scenario_id: str, folder: Path) -> Scaffold:
    if kind not in KINDS:
        raise UsageError(f"unknown kind '{kind}': use one of {', '.join(KINDS)}")
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language '{lang}': use one of {', '.join(LANGUAGES)}")
    if not ID_PATTERN.match(scenario_id):
        raise UsageError(
            f"'{scenario_id}' is not a good scenario id: use lower-case letters, digits and "
            "hyphens, e.g. angry-printer-en"
        )
    return Scaffold(
        folder / f"{scenario_id}.yaml",
        folder / f"{scenario_id}.basic.walkthrough.yaml",
        scenario_text(kind, lang, scenario_id, schema_ref(folder)),
        walkthrough_text(kind, lang, scenario_id, schema_ref(folder, "walkthrough.schema.json")),
    )


def write(s: Scaffold, force: bool = False) -> None:
    for path in (s.scenario_path, s.walkthrough_path):
        if path.exists() and not force:
            raise ScaffoldError(
                f"{Location(str(path))}: already exists\n  hint: choose another --id, or --force"
            )
    s.scenario_path.parent.mkdir(parents=True, exist_ok=True)
    s.scenario_path.write_text(s.scenario_text, encoding="utf-8")
    s.walkthrough_path.write_text(s.walkthrough_text, encoding="utf-8")
