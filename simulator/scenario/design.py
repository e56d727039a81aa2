"""Design checks of the scenario reader on a scenario that builds: the map of the story.

Reachability, dead ends, endings, facts that are never revealed, single line variants
and transitions that can never be taken. They run on the validated :class:`Scenario`
and use the located YAML tree only to say where.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from scoring.analysis.coverage import fact_mentioned
from scoring.transcript import GOOD_OUTCOMES
from simulator.errors import Location
from simulator.scenario.issue import Issue, error, warning
from simulator.scenario.model import Scenario
from simulator.scenario.yaml_source import YNode


class Positions:
    """Where the parts of a scenario are in its file."""

    def __init__(self, root: YNode) -> None:
        self.root = root

    def _get(self, *path: str | int) -> YNode | None:
        node: YNode | None = self.root
        for part in path:
            if node is None:
                return None
            if isinstance(part, int):
                node = node.value[part] if node.is_seq() and part < len(node.value) else None
            else:
                node = node.value.get(part) if node.is_map() else None
        return node

    def at(self, *path: str | int) -> Location:
        node = self._get(*path)
        return (node or self.root).location

    def state_key(self, state: str) -> Location:
        states = self._get("states")
        if states is not None and state in states.key_nodes:
            return states.key_nodes[state].location
        return self.at("states")

    def fact_id(self, index: int) -> Location:
        return self.at("facts", index, "id")

    def reveal(self, state: str, fact: str) -> Location:
        reveals = self._get("states", state, "reveals")
        if reveals is not None and reveals.is_seq():
            for item in reveals.value:
                assert isinstance(item, YNode)
                if item.value == fact:
                    return item.location
        return self.at("states", state, "reveals")


def edges(scenario: Scenario) -> dict[str, set[str]]:
    """State to the states a scripted transition can move it to (self-loops left out)."""
    out: dict[str, set[str]] = {s: set() for s in scenario.states}
    for t in scenario.transitions:
        if t.dest is None:
            continue
        for source in t.sources:
            if source != t.dest:
                out[source].add(t.dest)
    return out


def patience_can_run_out(scenario: Scenario) -> bool:
    p = scenario.patience
    return p.no_progress < 0 or p.silence < 0 or any(t.patience < 0 for t in scenario.transitions)


def reachable(scenario: Scenario) -> set[str]:
    """States the customer can get to from the initial state."""
    graph = edges(scenario)
    exhausted = scenario.patience.exhausted if patience_can_run_out(scenario) else None
    seen = {scenario.initial}
    queue = deque([scenario.initial])
    while queue:
        state = queue.popleft()
        nexts = set(graph[state])
        if exhausted is not None and not scenario.states[state].is_terminal:
            nexts.add(exhausted)
        for nxt in nexts - seen:
            seen.add(nxt)
            queue.append(nxt)
    return seen


def reaching(scenario: Scenario, targets: Iterable[str]) -> set[str]:
    """States from which some state in ``targets`` can be reached."""
    graph = edges(scenario)
    back: dict[str, set[str]] = {s: set() for s in scenario.states}
    for src, dests in graph.items():
        for dest in dests:
            back[dest].add(src)
    seen = set(targets)
    queue = deque(seen)
    while queue:
        state = queue.popleft()
        for prev in back[state] - seen:
            seen.add(prev)
            queue.append(prev)
    return seen


def design_issues(scenario: Scenario, root: YNode, *, all_warnings: bool = True) -> list[Issue]:
    """Errors and warnings about the map of the story.

    ``all_warnings=False`` (loading for play) skips the checks that can only warn
    (facts, shadowed transitions, rubric), which cost the most and never refuse a file.
    """
    pos = Positions(root)
    issues: list[Issue] = []
    graph = edges(scenario)
    reach = reachable(scenario)
    good = [s.id for s in scenario.states.values() if s.terminal in GOOD_OUTCOMES]
    can_end_well = reaching(scenario, good)
    dead_ends: set[str] = set()
    for state in scenario.states.values():
        if not state.lines:
            issues.append(
                error(
                    "E203",
                    pos.at("states", state.id, "lines"),
                    f"state '{state.id}' has no lines: the customer would say nothing",
                    "write at least two variants of what the customer says here",
                )
            )
        elif len(state.lines) == 1:
            issues.append(
                warning(
                    "W204",
                    pos.at("states", state.id, "lines"),
                    f"state '{state.id}' has a single line variant: every attempt hears the same words",
                    "add another variant or two; one is picked with the seeded RNG",
                )
            )
        if state.is_terminal:
            continue
        if not graph[state.id]:
            dead_ends.add(state.id)
            issues.append(
                error(
                    "E201",
                    pos.state_key(state.id),
                    f"state '{state.id}' has no way out: no transition leads from it to another state",
                    f"add a transition `from: {state.id}` with `to:` (or make it `terminal:`)",
                )
            )
        if state.id not in reach:
            issues.append(
                warning(
                    "W201",
                    pos.state_key(state.id),
                    f"state '{state.id}' is unreachable from the initial state '{scenario.initial}'",
                    f"add a transition with `to: {state.id}`, or remove the state",
                )
            )
    for state in scenario.states.values():
        if state.is_terminal and state.id not in reach:
            issues.append(
                warning(
                    "W201",
                    pos.state_key(state.id),
                    f"ending '{state.id}' is unreachable from the initial state '{scenario.initial}'",
                    f"add a transition with `to: {state.id}`, or remove the state",
                )
            )
    if scenario.initial not in can_end_well:
        hint = (
            "add a transition that leads towards a state with `terminal: resolved`"
            if good
            else "add a state with `terminal: resolved` (or escalated) and a way to get there"
        )
        issues.append(
            error(
                "E202",
                pos.at("initial"),
                f"no path from the initial state '{scenario.initial}' to a good ending "
                "(a state with terminal: resolved or escalated)",
                hint,
            )
        )
    else:
        for state in scenario.states.values():
            if (
                not state.is_terminal
                and state.id in reach
                and state.id not in can_end_well
                and state.id not in dead_ends
            ):
                issues.append(
                    warning(
                        "W202",
                        pos.state_key(state.id),
                        f"every way out of state '{state.id}' ends badly: no good ending can be reached from it",
                        "add a transition from it (or from a state it leads to) towards a good ending",
                    )
                )
    if all_warnings:
        issues += _fact_issues(scenario, pos)
        issues += _shadowed(scenario, pos)
        issues += _rubric_issues(scenario, pos, root)
    return issues


def _fact_issues(scenario: Scenario, pos: Positions) -> list[Issue]:
    issues: list[Issue] = []
    for i, fact in enumerate(scenario.facts):
        revealers = [s for s in scenario.states.values() if fact.id in s.reveals]
        if not revealers:
            issues.append(
                warning(
                    "W203",
                    pos.fact_id(i),
                    f"fact '{fact.id}' is never revealed by any customer line, so restating it never counts",
                    f"add '{fact.id}' to `reveals:` of the state whose lines tell it",
                )
            )
            continue
        for state in revealers:
            if state.lines and not any(fact_mentioned(line, fact) for line in state.lines):
                issues.append(
                    warning(
                        "W208",
                        pos.reveal(state.id, fact.id),
                        f"state '{state.id}' reveals fact '{fact.id}' but none of its lines "
                        "mention any of its keywords",
                        "say the fact in the state's lines, or add the words used there to the fact's keywords",
                    )
                )
    return issues


def _shadowed(scenario: Scenario, pos: Positions) -> list[Issue]:
    """Transitions an earlier unconditional transition with the same trigger always beats."""
    issues: list[Issue] = []
    for t in scenario.transitions:
        blockers = []
        for source in t.sources:
            earlier = next(
                (
                    e
                    for e in scenario.transitions[: t.index]
                    if e.trigger == t.trigger and source in e.sources and e.when.is_empty()
                ),
                None,
            )
            if earlier is None:
                break
            blockers.append(earlier)
        else:
            first = blockers[0]
            issues.append(
                warning(
                    "W205",
                    pos.at("transitions", t.index),
                    f"transitions[{t.index}] (on: {t.trigger}) is never taken: transitions[{first.index}] "
                    f"(line {first.line}) has the same trigger from the same state and no conditions",
                    "give the earlier transition `if:` conditions, or move this one above it",
                )
            )
    return issues


def _rubric_issues(scenario: Scenario, pos: Positions, root: YNode) -> list[Issue]:
    issues: list[Issue] = []
    weights_node = pos._get("rubric", "weights")
    total = sum(scenario.weights.values())
    if weights_node is not None and abs(total - 1) > 1e-6:
        issues.append(
            warning(
                "W207",
                weights_node.location,
                f"rubric.weights add up to {total:g}, not 1; they are scaled to 1, so each counts "
                "its share of the total",
                "make them add up to 1 so what you write is what counts",
            )
        )
    if scenario.escalation.expected and not any(
        t.trigger == "/escalate" for t in scenario.transitions
    ):
        issues.append(
            warning(
                "W209",
                pos.at("escalation", "expected"),
                "escalation is expected but no transition reacts to /escalate",
                "add a transition `on: /escalate` (e.g. `to:` a state with terminal: escalated)",
            )
        )
    return issues
