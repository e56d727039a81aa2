"""Reference checks of `roleplay lint`: every state and fact a scenario names must exist.

Unlike the loader, which stops at the first problem, these checks walk the whole tree
and report every unknown name (with a did-you-mean), skipping parts whose shape the
schema check has already complained about.
"""

from __future__ import annotations

from collections.abc import Iterator

from scoring.transcript import OUTCOMES
from simulator.scenario.field_reader import did_you_mean
from simulator.scenario.issue import Issue, error, warning
from simulator.scenario.yaml_source import YNode

_BOOL_LITERALS = frozenset({"true", "false", "True", "False", "TRUE", "FALSE"})


def _get(node: YNode | None, key: str) -> YNode | None:
    if node is None or not node.is_map():
        return None
    value: YNode | None = node.value.get(key)
    return value


def _items(node: YNode | None) -> list[YNode]:
    """A single value or the items of a list."""
    if node is None:
        return []
    if node.is_seq():
        return list(node.value)
    return [node]


def _text(node: YNode) -> str | None:
    value = node.value
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(node.raw if node.raw is not None else value)
    return None


def _ref(node: YNode, known: dict[str, YNode] | set[str], what: str, where: str) -> Issue | None:
    name = _text(node)
    if name is None or name in known:
        return None
    hint = did_you_mean(name, known) or f"{what}s: " + ", ".join(sorted(known))
    if what == "state":
        return error("E130", node.location, f"{where} names unknown state '{name}'", hint)
    return error("E122", node.location, f"{where}: unknown fact '{name}'", hint)


def state_nodes(root: YNode) -> dict[str, YNode]:
    states = _get(root, "states")
    if states is None or not states.is_map():
        return {}
    return dict(states.value)


def terminal_of(state: YNode) -> str | None:
    node = _get(state, "terminal")
    value = None if node is None else _text(node)
    return value if value in OUTCOMES else None


def reference_issues(root: YNode) -> list[Issue]:
    """Unknown states and facts, duplicate fact ids, and the endings a scenario needs."""
    if not root.is_map():
        return []
    issues: list[Issue] = []
    facts: set[str] = set()
    fact_list = _get(root, "facts")
    for item in fact_list.value if fact_list and fact_list.is_seq() else []:
        id_node = _get(item, "id")
        fact_id = None if id_node is None else _text(id_node)
        if fact_id is None:
            continue
        if fact_id in facts:
            issues.append(
                error(
                    "E123",
                    item.location,
                    f"duplicate fact id '{fact_id}'",
                    "give each fact its own id",
                )
            )
        facts.add(fact_id)
    states = state_nodes(root)

    def fact_refs(node: YNode | None, where: str) -> None:
        for item in _items(node):
            found = _ref(item, facts, "fact", where)
            if found:
                issues.append(found)

    def state_ref(node: YNode | None, where: str) -> None:
        if node is not None and states:
            found = _ref(node, states, "state", where)
            if found:
                issues.append(found)

    for state_id, state in states.items():
        fact_refs(_get(state, "reveals"), f"states.{state_id}.reveals")
    terminals = {s for s, node in states.items() if terminal_of(node)}
    states_node = _get(root, "states")
    if states and not terminals and states_node is not None:
        issues.append(
            error(
                "E133",
                states_node.location,
                "no terminal state: the conversation could never end",
                "mark at least one state with `terminal: resolved` (and one bad ending such as `terminal: hung_up`)",
            )
        )
    initial = _get(root, "initial")
    state_ref(initial, "initial")
    if initial is not None and _text(initial) in terminals:
        issues.append(
            error(
                "E132",
                initial.location,
                "the initial state is terminal",
                "start from a state the trainee can answer",
            )
        )
    transitions = _get(root, "transitions")
    for i, item in enumerate(transitions.value if transitions and transitions.is_seq() else []):
        where = f"transitions[{i}]"
        source = _get(item, "from")
        if source is not None and source.value != "*":
            for s in _items(source):
                state_ref(s, f"{where}.from")
        state_ref(_get(item, "to"), f"{where}.to")
        cond = _get(item, "if")
        fact_refs(_get(cond, "facts_restated"), f"{where}.if.facts_restated")
        fact_refs(_get(cond, "note_covers"), f"{where}.if.note_covers")
    issues += _patience_issues(root, states, terminals)
    escalation = _get(root, "escalation")
    fact_refs(_get(escalation, "note_facts"), "escalation.note_facts")
    window = _get(escalation, "window")
    if window is not None and window.is_seq() and len(window.value) == 2:
        lo, hi = (n.value for n in window.value)
        if isinstance(lo, int) and isinstance(hi, int) and lo > hi:
            issues.append(
                error(
                    "E106",
                    window.location,
                    "escalation.window starts after it ends",
                    "write [first, last]",
                )
            )
    return issues


def _patience_issues(root: YNode, states: dict[str, YNode], terminals: set[str]) -> list[Issue]:
    if not states:
        return []
    exhausted = _get(_get(root, "patience"), "exhausted")
    if exhausted is None:
        if "hung_up" in states:
            return []
        return [
            error(
                "E135",
                root.location,
                "no state 'hung_up' for a customer who runs out of patience",
                "add a terminal state 'hung_up', or set patience.exhausted",
            )
        ]
    name = _text(exhausted)
    if name is None:
        return []
    found = _ref(exhausted, states, "state", "patience.exhausted")
    if found:
        return [found]
    if name not in terminals:
        return [
            error(
                "E134",
                exhausted.location,
                f"patience.exhausted '{name}' is not a terminal state",
                "name a terminal state such as hung_up",
            )
        ]
    return []


def _walk(node: YNode) -> Iterator[YNode]:
    yield node
    if isinstance(node.value, dict):
        for child in node.value.values():
            yield from _walk(child)
    elif isinstance(node.value, list):
        for child in node.value:
            yield from _walk(child)


def yaml11_issues(root: YNode) -> list[Issue]:
    """yes/no/on/off read as booleans: right here, but text to YAML 1.2 tools (editors)."""
    out = []
    for node in _walk(root):
        if (
            isinstance(node.value, bool)
            and node.looks_like_yaml11_bool()
            and node.raw not in _BOOL_LITERALS
        ):
            word = "true" if node.value else "false"
            out.append(
                warning(
                    "W206",
                    node.location,
                    f"'{node.raw}' is read as {word} here, but as the text \"{node.raw}\" by "
                    "YAML 1.2 tools such as editors",
                    f"write {word}",
                )
            )
    return out
