"""Walkthrough files (``*.walkthrough.yaml``): scripted plays of a scenario with expectations.

The format is fixed in docs/walkthrough-format.md. Files are read with the same safe
loader as scenarios and validated eagerly against their scenario: every state, fact,
signal and dimension they name must exist, so a typo fails before anything is played.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scoring.rubric_spec import DIMENSIONS, OPTIONAL_DIMENSIONS
from scoring.signal import AVOIDED_CATEGORIES, SIGNAL_NAMES
from scoring.signal_ref import UNKNOWN_SIGNAL, SignalRef
from scoring.transcript import OUTCOMES
from simulator.engine.entry import Entry
from simulator.engine.replies import load_replies, parse_replies
from simulator.errors import LocatedError, Location, RepliesError, ScenarioError
from simulator.scenario.catalog import SCENARIO_SUFFIXES, load_path, load_scenario, scenario_files
from simulator.scenario.field_reader import Fields, as_int, as_text, as_texts, did_you_mean, fail
from simulator.scenario.model import Scenario
from simulator.scenario.yaml_source import YNode, parse_yaml, read_text

SUFFIXES = (".walkthrough.yaml", ".walkthrough.yml")
OUTCOME_CHOICES: tuple[str, ...] = (*OUTCOMES, "unfinished")
TOP_KEYS = ("scenario", "name", "description", "seed", "start", "replies", "turns", "expect")
TURN_KEYS = ("say", "seconds", "expect")
TURN_EXPECT_KEYS = ("state", "signals", "no_signals", "mood", "patience")
EXPECT_KEYS = (
    "final_state", "outcome", "path", "passed", "overall", "scores", "reasons_include",
    "ignored_replies",
)  # fmt: skip


class WalkthroughError(LocatedError):
    """A walkthrough file is malformed or names something its scenario does not have."""


@dataclass(frozen=True, slots=True)
class Range:
    low: float | None = None
    high: float | None = None

    def holds(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def __str__(self) -> str:
        if self.low is not None and self.high is not None:
            return f"between {self.low:g} and {self.high:g}"
        if self.low is not None:
            return f"at least {self.low:g}"
        return f"at most {self.high:g}"


@dataclass(frozen=True, slots=True)
class Expectation:
    """One thing that must hold. ``key`` is e.g. ``state``, ``path`` or ``scores.empathy``."""

    key: str
    value: Any
    location: Location


@dataclass(frozen=True, slots=True)
class ScriptedTurn:
    entry: Entry
    location: Location
    expect: tuple[Expectation, ...] = ()


@dataclass(frozen=True, slots=True)
class StartPoint:
    state: str
    patience: int | None = None
    revealed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Walkthrough:
    path: str
    name: str
    description: str
    scenario: Scenario
    seed: int
    start: StartPoint | None
    turns: tuple[ScriptedTurn, ...]
    expect: tuple[Expectation, ...]
    replies_path: str | None = None

    @property
    def test_id(self) -> str:
        return f"{self.path}::{self.name}"

    @property
    def first_state(self) -> str:
        return self.start.state if self.start is not None else self.scenario.initial


def is_walkthrough_file(path: Path) -> bool:
    return path.name.endswith(SUFFIXES)


def default_name(path: Path, scenario_id: str) -> str:
    stem = path.name
    for suffix in SUFFIXES:
        stem = stem.removesuffix(suffix)
    return stem.removeprefix(scenario_id + ".") or stem


def _werr(node: YNode, message: str, hint: str, code: str) -> WalkthroughError:
    return WalkthroughError(node.location, message, hint, code)


def resolve_scenario(node: YNode, base: Path) -> Scenario:
    """The scenario a walkthrough names: a path relative to it, or an id."""
    ref = as_text(node, "scenario")
    if ref.endswith(SCENARIO_SUFFIXES) or "/" in ref or os.sep in ref:
        path = base / ref
        if not path.is_file():
            raise _werr(node, f"scenario file not found: {path}", "check the path", "T001")
        return load_path(path)
    local = scenario_files([base])
    for candidate in local:
        if candidate.stem == ref:
            return load_path(candidate)
    for candidate in local:
        try:
            scenario = load_path(candidate)
        except ScenarioError:
            continue
        if scenario.id == ref:
            return scenario
    try:
        return load_scenario(ref)
    except ScenarioError as exc:
        if exc.code != "E000":
            raise
        ids = [p.stem for p in local] + [p.stem for p in scenario_files()]
        hint = did_you_mean(ref, ids) or "name a scenario id, or a path relative to this file"
        raise _werr(node, f"no scenario with id '{ref}'", hint, "T001") from None


class _Reader:
    def __init__(self, scenario: Scenario, path: str) -> None:
        self.scenario = scenario
        self.path = path

    def state(self, node: YNode, where: str) -> str:
        name = as_text(node, where)
        if name not in self.scenario.states:
            hint = did_you_mean(name, self.scenario.states) or "states: " + ", ".join(
                self.scenario.states
            )
            raise _werr(node, f"{where}: scenario has no state '{name}'", hint, "T103")
        return name

    def signals(self, node: YNode, where: str) -> tuple[str, ...]:
        items = node.value if node.is_seq() else [node]
        out = []
        for item in items:
            name = as_text(item, where)
            ref = SignalRef.parse(name)
            base, category = ref.name, ref.category or ""
            if ref.problem() == UNKNOWN_SIGNAL:
                hint = did_you_mean(base, SIGNAL_NAMES) or "signals: " + ", ".join(SIGNAL_NAMES)
                raise fail(item, f"{where}: unknown signal '{base}'", hint, "E120")
            if ref.problem() is not None:
                hint = did_you_mean(category, AVOIDED_CATEGORIES) or "avoided:CATEGORY with " + (
                    ", ".join(AVOIDED_CATEGORIES)
                )
                raise fail(
                    item, f"{where}: '{name}' names an unknown avoided category", hint, "E121"
                )
            out.append(name)
        return tuple(out)

    def range(self, node: YNode, where: str) -> Range:
        f = Fields(node, where, ("min", "max"))
        if not f.has("min") and not f.has("max"):
            raise _werr(
                node, f"{where} gives neither min nor max", "write {min: 2} or {max: 5}", "T107"
            )
        low = f.number("min", 0) if f.has("min") else None
        high = f.number("max", 0) if f.has("max") else None
        if low is not None and high is not None and low > high:
            raise _werr(node, f"{where}: min {low:g} is above max {high:g}", "swap them", "T107")
        return Range(low, high)

    def entry(self, node: YNode, where: str) -> Entry:
        text = as_text(node, where)
        if len([line for line in text.splitlines() if line.strip()]) > 1:
            raise _werr(
                node, f"{where} holds more than one line", "write one reply per turn", "T110"
            )
        try:
            (entry,) = parse_replies(text.strip(), self.path)
        except RepliesError as exc:
            column = node.column + (1 if node.quoted else 0) + max(exc.location.column - 1, 0)
            raise RepliesError(
                Location(self.path, node.line, column), exc.message, exc.hint, exc.code
            ) from None
        return replace(entry, line=node.line)

    def turn(self, node: YNode, index: int) -> ScriptedTurn:
        where = f"turns[{index}]"
        if not node.is_map():
            return ScriptedTurn(self.entry(node, where), node.location)
        f = Fields(node, where, TURN_KEYS)
        entry = self.entry(f.require("say"), f"{where}.say")
        if f.has("seconds"):
            seconds_node = f.require("seconds")
            if entry.seconds is not None:
                raise _werr(
                    seconds_node,
                    f"{where} gives its time twice: [+{entry.seconds:g}s] and seconds",
                    "keep one of them",
                    "T109",
                )
            entry = replace(entry, seconds=f.number("seconds", 0, 0))
        expect: list[Expectation] = []
        enode = f.get("expect")
        if enode is not None:
            ef = Fields(enode, f"{where}.expect", TURN_EXPECT_KEYS)
            for key in TURN_EXPECT_KEYS:
                value_node = ef.get(key)
                if value_node is None:
                    continue
                w = f"{where}.expect.{key}"
                value: Any
                if key == "state":
                    value = self.state(value_node, w)
                elif key in ("signals", "no_signals"):
                    value = self.signals(value_node, w)
                else:
                    value = self.range(value_node, w)
                expect.append(Expectation(key, value, value_node.location))
        return ScriptedTurn(entry, node.location, tuple(expect))

    def expectations(self, node: YNode) -> tuple[Expectation, ...]:
        f = Fields(node, "expect", EXPECT_KEYS)
        out: list[Expectation] = []
        for key in EXPECT_KEYS:
            value_node = f.get(key)
            if value_node is None:
                continue
            where = f"expect.{key}"
            if key == "scores":
                sf = Fields(value_node, where, DIMENSIONS + OPTIONAL_DIMENSIONS)
                for dim in DIMENSIONS + OPTIONAL_DIMENSIONS:
                    dim_node = sf.get(dim)
                    if dim_node is not None:
                        rng = self.range(dim_node, f"{where}.{dim}")
                        out.append(Expectation(f"scores.{dim}", rng, dim_node.location))
                continue
            value: Any
            if key == "final_state":
                value = self.state(value_node, where)
            elif key == "outcome":
                value = f.choice("outcome", OUTCOME_CHOICES)
            elif key == "path":
                if not value_node.is_seq():
                    raise fail(value_node, f"{where} must be a list of states", code="E104")
                value = tuple(self.state(s, where) for s in value_node.value)
            elif key == "passed":
                value = f.flag("passed", True)
            elif key == "overall":
                value = self.range(value_node, where)
            elif key == "reasons_include":
                value = as_texts(value_node, where)
            else:
                value = as_int(value_node, where, 0)
            out.append(Expectation(key, value, value_node.location))
        return tuple(out)


def parse_walkthrough(root: YNode, path: Path) -> Walkthrough:
    name = str(path)
    f = Fields(root, "the walkthrough", TOP_KEYS)
    scenario = resolve_scenario(f.require("scenario"), path.parent)
    reader = _Reader(scenario, name)
    start = None
    snode = f.get("start")
    if snode is not None:
        sf = Fields(snode, "start", ("state", "patience", "revealed"))
        state_node = sf.require("state")
        state = reader.state(state_node, "start.state")
        if scenario.states[state].is_terminal:
            raise _werr(
                state_node,
                f"start.state '{state}' is terminal: there would be nothing to play",
                "start from a state the trainee can answer",
                "T104",
            )
        facts = {fact.id for fact in scenario.facts}
        revealed = sf.texts("revealed")
        rnode = sf.get("revealed")
        for i, fact in enumerate(revealed):
            if fact not in facts:
                assert rnode is not None
                bad = rnode.value[i] if rnode.is_seq() else rnode
                hint = did_you_mean(fact, facts) or "facts: " + ", ".join(sorted(facts))
                raise _werr(bad, f"start.revealed: scenario has no fact '{fact}'", hint, "T105")
        patience = sf.integer("patience", 0, 1, 20) if sf.has("patience") else None
        start = StartPoint(state, patience, revealed)
    replies_node, turns_node = f.get("replies"), f.get("turns")
    if replies_node is not None and turns_node is not None:
        raise _werr(
            replies_node,
            "the walkthrough gives both `replies` and `turns`",
            "keep one: a replies file, or inline turns",
            "T101",
        )
    turns: list[ScriptedTurn] = []
    replies_path = None
    if replies_node is not None:
        replies = path.parent / as_text(replies_node, "replies")
        if not replies.is_file():
            raise _werr(
                replies_node, f"replies file not found: {replies}", "check the path", "T111"
            )
        replies_path = str(replies)
        turns = [ScriptedTurn(e, Location(replies_path, e.line, 1)) for e in load_replies(replies)]
    elif turns_node is not None:
        if not turns_node.is_seq():
            raise fail(turns_node, "turns must be a list", code="E104")
        turns = [reader.turn(item, i) for i, item in enumerate(turns_node.value)]
    else:
        raise _werr(
            root,
            "the walkthrough has neither `replies` nor `turns`",
            "add `turns:` (a list of replies) or `replies: FILE`",
            "T102",
        )
    enode = f.get("expect")
    return Walkthrough(
        path=name,
        name=f.text("name", "") or default_name(path, scenario.id),
        description=f.text("description", ""),
        scenario=scenario,
        seed=f.integer("seed", 0, 0),
        start=start,
        turns=tuple(turns),
        expect=() if enode is None else reader.expectations(enode),
        replies_path=replies_path,
    )


def load_walkthrough(path: Path) -> Walkthrough:
    """Read and validate one walkthrough file (and load its scenario)."""
    root = parse_yaml(read_text(path), str(path))
    return parse_walkthrough(root, path)
