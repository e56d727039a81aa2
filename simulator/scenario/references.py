"""Reference checks of the scenario reader: every state and fact a scenario names must exist.

They walk the whole located tree and report every unknown name (with a did-you-mean)
into a :class:`~simulator.scenario.issue.Collector`, skipping parts whose shape is
wrong (the structure checks say so). The reader runs them before it builds a scenario,
for play (stop at the first error) and lint (collect them all) alike, and the parser
words the same problems with the builders below: one source for each message.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from scoring.rubric_spec import ESCALATION_TARGETS
from scoring.transcript import OUTCOMES
from simulator.errors import Location
from simulator.scenario.field_reader import did_you_mean
from simulator.scenario.issue import Collector, Issue, error, warning
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
    return unknown_name(node.location, name, known, what, where)


def unknown_name(
    location: Location, name: str, known: Iterable[str], what: str, where: str
) -> Issue:
    """E130 (a state) or E122 (a fact) that does not exist, with a did-you-mean."""
    known = sorted(known)
    hint = did_you_mean(name, known) or f"{what}s: " + ", ".join(known)
    if what == "state":
        return error("E130", location, f"{where} names unknown state '{name}'", hint)
    return error("E122", location, f"{where}: unknown fact '{name}'", hint)


def duplicate_fact(location: Location, fact_id: str) -> Issue:
    return error("E123", location, f"duplicate fact id '{fact_id}'", "give each fact its own id")


def no_terminal_state(location: Location) -> Issue:
    return error(
        "E133",
        location,
        "no terminal state: the conversation could never end",
        "mark at least one state with `terminal: resolved` (and one bad ending such as `terminal: hung_up`)",
    )


def initial_is_terminal(location: Location) -> Issue:
    return error(
        "E132",
        location,
        "the initial state is terminal",
        "start from a state the trainee can answer",
    )


def no_patience_ending(location: Location, name: str = "hung_up") -> Issue:
    return error(
        "E135",
        location,
        f"no state '{name}' for a customer who runs out of patience",
        "add a terminal state 'hung_up', or set patience.exhausted",
    )


def exhausted_not_terminal(location: Location, name: str) -> Issue:
    return error(
        "E134",
        location,
        f"patience.exhausted '{name}' is not a terminal state",
        "name a terminal state such as hung_up",
    )


def unknown_target(location: Location, where: str, target: str) -> Issue:
    """E124: an escalation target that does not exist, with a did-you-mean."""
    hint = did_you_mean(target, ESCALATION_TARGETS) or "targets: " + ", ".join(ESCALATION_TARGETS)
    return error("E124", location, f"{where}: unknown escalation target '{target}'", hint)


def check_targets(node: YNode, where: str, targets: Iterable[str]) -> None:
    """Raise E124 at the first target in ``node`` (one name or a list) that does not exist."""
    for i, target in enumerate(targets):
        if target not in ESCALATION_TARGETS:
            item = node.value[i] if node.is_seq() else node
            raise unknown_target(item.location, where, target).to_error()


def window_reversed(location: Location) -> Issue:
    return error("E106", location, "escalation.window starts after it ends", "write [first, last]")


def state_nodes(root: YNode) -> dict[str, YNode]:
    states = _get(root, "states")
    if states is None or not states.is_map():
        return {}
    return dict(states.value)


def terminal_of(state: YNode) -> str | None:
    node = _get(state, "terminal")
    value = None if node is None else _text(node)
    return value if value in OUTCOMES else None


def check_references(root: YNode, sink: Collector) -> None:
    """Report every unknown state or fact and every missing ending into ``sink``."""
    sink.extend(reference_issues(root))


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
            issues.append(duplicate_fact(item.location, fact_id))
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
        issues.append(no_terminal_state(states_node.location))
    initial = _get(root, "initial")
    state_ref(initial, "initial")
    if initial is not None and _text(initial) in terminals:
        issues.append(initial_is_terminal(initial.location))
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
            issues.append(window_reversed(window.location))
    return issues


def _patience_issues(root: YNode, states: dict[str, YNode], terminals: set[str]) -> list[Issue]:
    if not states:
        return []
    exhausted = _get(_get(root, "patience"), "exhausted")
    if exhausted is None:
        if "hung_up" in states:
            return []
        return [no_patience_ending(root.location)]
    name = _text(exhausted)
    if name is None:
        return []
    found = _ref(exhausted, states, "state", "patience.exhausted")
    if found:
        return [found]
    if name not in terminals:
        return [exhausted_not_terminal(exhausted.location, name)]
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
