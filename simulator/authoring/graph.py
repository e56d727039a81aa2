"""The map of a scenario: states coloured by kind, edges labelled with their triggers.

:func:`scenario_graph` builds a small, renderer-free model; :func:`to_mermaid` and
:func:`to_dot` render it as a Mermaid flowchart or a Graphviz digraph. Transitions
from every state (``from: "*"``) are drawn once, from an "any state" node; transitions
that keep the customer where they are become one loop per state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.safe_text import one_line, printable
from scoring.transcript import GOOD_OUTCOMES
from simulator.scenario.design import patience_can_run_out
from simulator.scenario.model import Condition, Scenario, TransitionSpec

ANY = "*"
START, NORMAL, GOOD, BAD, WILDCARD = "start", "state", "good", "bad", "any"
COLOURS = {
    START: ("#dbeafe", "#1d4ed8"),
    NORMAL: ("#f3f4f6", "#4b5563"),
    GOOD: ("#dcfce7", "#15803d"),
    BAD: ("#fee2e2", "#b91c1c"),
    WILDCARD: ("#fef9c3", "#a16207"),
}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    kind: str


@dataclass(slots=True)
class Edge:
    source: str
    dest: str
    labels: list[str] = field(default_factory=list)
    style: str = "solid"  # solid | loop | implicit


@dataclass(frozen=True, slots=True)
class Graph:
    scenario_id: str
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "scenario": self.scenario_id,
            "title": self.title,
            "nodes": [{"id": n.id, "label": n.label, "kind": n.kind} for n in self.nodes],
            "edges": [
                {"from": e.source, "to": e.dest, "labels": list(e.labels), "style": e.style}
                for e in self.edges
            ],
        }


def condition_text(cond: Condition) -> str:
    parts = []
    for name in (
        "signals", "any_signals", "no_signals", "said", "facts_restated", "target", "note_covers",
    ):  # fmt: skip
        values = getattr(cond, name)
        if values:
            parts.append(f"{name}: {', '.join(values)}")
    for name in (
        "min_facts_restated", "turn_at_least", "turn_at_most", "patience_at_least",
        "patience_at_most",
    ):  # fmt: skip
        value = getattr(cond, name)
        if value is not None:
            parts.append(f"{name}: {value}")
    return "; ".join(parts)


def transition_label(t: TransitionSpec) -> str:
    label = t.trigger
    cond = condition_text(t.when)
    if cond:
        label += f" [{cond}]"
    if t.patience:
        label += f" (patience {t.patience:+d})"
    return label


def _kind(scenario: Scenario, state: str) -> str:
    spec = scenario.states[state]
    if spec.terminal is not None:
        return GOOD if spec.terminal in GOOD_OUTCOMES else BAD
    return START if state == scenario.initial else NORMAL


def scenario_graph(scenario: Scenario) -> Graph:
    non_terminal = {s for s, spec in scenario.states.items() if not spec.is_terminal}
    nodes = [
        Node(
            s,
            s if spec.terminal in (None, s) else f"{s} ({spec.terminal})",
            _kind(scenario, s),
        )
        for s, spec in scenario.states.items()
    ]
    edges: dict[tuple[str, str, str], Edge] = {}

    def add(source: str, dest: str, label: str, style: str) -> None:
        edge = edges.setdefault((source, dest, style), Edge(source, dest, style=style))
        if label not in edge.labels:
            edge.labels.append(label)

    for t in scenario.transitions:
        label = transition_label(t)
        wildcard = len(t.sources) > 1 and set(t.sources) == non_terminal
        sources = (ANY,) if wildcard else t.sources
        for source in sources:
            if t.dest is None or t.dest == source:
                add(source, source, label, "loop")
            else:
                add(source, t.dest, label, "solid")
    if patience_can_run_out(scenario):
        add(ANY, scenario.patience.exhausted, "patience runs out", "implicit")
    if any(e.source == ANY for e in edges.values()):
        nodes.append(Node(ANY, "any state", WILDCARD))
    return Graph(scenario.id, scenario.title, tuple(nodes), tuple(edges.values()))


# -- Mermaid ----------------------------------------------------------------------------
_MERMAID_SHAPES = {
    START: ('(["', '"])'),
    NORMAL: ('("', '")'),
    GOOD: ('(("', '"))'),
    BAD: ('(("', '"))'),
    WILDCARD: ('{{"', '"}}'),
}


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label (entity codes for quotes and markup)."""
    out = []
    for ch in one_line(text):
        if ch == '"':
            out.append("#quot;")
        elif ch == "#":
            out.append("#35;")
        elif ch in "<>&|`\\":
            out.append(f"#{ord(ch)};")
        elif ch in "\r\n\t":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def to_mermaid(graph: Graph) -> str:
    ids = {n.id: f"n{i}" for i, n in enumerate(graph.nodes)}
    lines = ["flowchart LR", f"  %% {mermaid_text(graph.scenario_id)}: {mermaid_text(graph.title)}"]
    for n in graph.nodes:
        left, right = _MERMAID_SHAPES[n.kind]
        lines.append(f"  {ids[n.id]}{left}{mermaid_text(n.label)}{right}:::rp_{n.kind}")
    for e in graph.edges:
        arrow = {"solid": "-->", "loop": "-.->", "implicit": "-.->"}[e.style]
        label = "<br/>".join(mermaid_text(x) for x in e.labels)
        lines.append(f'  {ids[e.source]} {arrow}|"{label}"| {ids[e.dest]}')
    for kind, (fill, stroke) in COLOURS.items():
        lines.append(f"  classDef rp_{kind} fill:{fill},stroke:{stroke},color:#111827")
    return "\n".join(lines) + "\n"


# -- DOT --------------------------------------------------------------------------------
_DOT_SHAPES = {
    START: "box",
    NORMAL: "box",
    GOOD: "doublecircle",
    BAD: "doublecircle",
    WILDCARD: "hexagon",
}


def dot_text(text: str) -> str:
    """Text safe inside a double-quoted DOT string."""
    text = printable(text).replace("\\", "\\\\").replace('"', '\\"')
    return text.replace("\t", " ").replace("\n", "\\n")


def to_dot(graph: Graph) -> str:
    lines = [
        f'digraph "{dot_text(graph.scenario_id)}" {{',
        f'  label="{dot_text(graph.title)}";',
        "  rankdir=LR;",
        '  node [style="rounded,filled", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for n in graph.nodes:
        fill, stroke = COLOURS[n.kind]
        lines.append(
            f'  "{dot_text(n.id)}" [label="{dot_text(n.label)}", shape={_DOT_SHAPES[n.kind]}, '
            f'fillcolor="{fill}", color="{stroke}"];'
        )
    for e in graph.edges:
        style = {"solid": "solid", "loop": "dashed", "implicit": "dotted"}[e.style]
        lines.append(
            f'  "{dot_text(e.source)}" -> "{dot_text(e.dest)}" '
            f'[label="{dot_text(chr(10).join(e.labels))}", style={style}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


FORMATS = {"mermaid": to_mermaid, "dot": to_dot}


def render(scenario: Scenario, fmt: str = "mermaid") -> str:
    return FORMATS[fmt](scenario_graph(scenario))
