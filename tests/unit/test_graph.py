"""`roleplay graph`: valid Mermaid (checked by a parser of the flowchart subset) and DOT (pydot)."""

import json
import re
from pathlib import Path

import pydot
import pytest

from simulator.authoring.graph import BAD, GOOD, START, render, scenario_graph, to_dot, to_mermaid
from simulator.cli import main
from simulator.scenario.catalog import list_scenarios, load_scenario
from simulator.scenario.reader import parse_scenario_text

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"
# pydot still calls pyparsing's pre-3.0 names, which newer pyparsing deprecates
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pydot")

# -- a parser for the Mermaid flowchart subset the graph command writes ---------------------
_ID = r"[A-Za-z_][A-Za-z0-9_]*"
_LABEL = r'"(?P<label>(?:[^"#]|#[a-z]+;|#\d+;)*)"'
_SHAPES = [
    (r"\(\[", r"\]\)"),
    (r"\(\(", r"\)\)"),
    (r"\{\{", r"\}\}"),
    (r"\(", r"\)"),
    (r"\[", r"\]"),
]
_NODE = re.compile(
    rf"^(?P<id>{_ID})(?:"
    + "|".join(f"{o}{_LABEL.replace('label', f'l{i}')}{c}" for i, (o, c) in enumerate(_SHAPES))
    + rf")(?::::(?P<cls>{_ID}))?$"
)
_EDGE = re.compile(rf"^(?P<src>{_ID}) (?P<arrow>-->|-\.->|==>)\|{_LABEL}\| (?P<dst>{_ID})$")
_CLASSDEF = re.compile(
    rf"^classDef (?P<name>{_ID}) (?P<props>[a-z-]+:[^,\s]+(?:,[a-z-]+:[^,\s]+)*)$"
)
_RESERVED = {"end", "graph", "flowchart", "subgraph", "classDef", "class", "style", "click"}
_LABEL_TEXT = re.compile(r"^(?:[^\"#<>]|#[a-z]+;|#\d+;|<br/>)*$")


class MermaidError(ValueError):
    pass


def parse_mermaid(text: str) -> dict[str, object]:
    """Nodes, edges and classes of a flowchart; MermaidError on anything outside the subset."""
    lines = [line.strip() for line in text.splitlines()]
    if not lines or not re.fullmatch(r"flowchart (LR|RL|TB|TD|BT)", lines[0]):
        raise MermaidError(f"first line must be 'flowchart DIR', got {lines[:1]}")
    nodes: dict[str, tuple[str, str | None]] = {}
    edges: list[tuple[str, str, str, str]] = []
    classes: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line or line.startswith("%%"):
            continue
        if m := _CLASSDEF.match(line):
            classes[m["name"]] = m["props"]
        elif m := _EDGE.match(line):
            if not _LABEL_TEXT.match(m["label"]):
                raise MermaidError(f"line {number}: raw markup in edge label")
            edges.append((m["src"], m["arrow"], m["label"], m["dst"]))
        elif m := _NODE.match(line):
            label = next(v for k, v in m.groupdict().items() if k.startswith("l") and v is not None)
            if m["id"] in _RESERVED:
                raise MermaidError(f"line {number}: node id '{m['id']}' is a keyword")
            if m["id"] in nodes:
                raise MermaidError(f"line {number}: node '{m['id']}' declared twice")
            if not _LABEL_TEXT.match(label):
                raise MermaidError(f"line {number}: raw markup in node label")
            nodes[m["id"]] = (label, m["cls"])
        else:
            raise MermaidError(f"line {number}: not a node, edge, classDef or comment: {line!r}")
    for src, _, _, dst in edges:
        for end in (src, dst):
            if end not in nodes:
                raise MermaidError(f"edge to undeclared node '{end}'")
    for _, cls in nodes.values():
        if cls is not None and cls not in classes:
            raise MermaidError(f"class '{cls}' is used but not defined")
    return {"nodes": nodes, "edges": edges, "classes": classes}


def test_the_mermaid_parser_rejects_what_mermaid_would():
    good = 'flowchart LR\n  a("x"):::c\n  a -->|"t"| a\n  classDef c fill:#fff\n'
    parse_mermaid(good)
    for bad in (
        good.replace("flowchart LR", "flowchart"),
        good.replace('("x")', '("x"y")'),
        good.replace('-->|"t"| a', '-->|"t"| b'),
        good.replace(":::c", ":::d"),
        good.replace('a("x")', 'end("x")').replace("a -->", "end -->").replace("| a", "| end"),
        good + "  a --> \n",
    ):
        with pytest.raises(MermaidError):
            parse_mermaid(bad)


BUNDLED = [s.id for s in list_scenarios().scenarios]


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_mermaid_of_every_bundled_scenario_parses(scenario_id):
    scenario = load_scenario(scenario_id)
    parsed = parse_mermaid(render(scenario, "mermaid"))
    labels = {label for label, _ in parsed["nodes"].values()}  # type: ignore[union-attr]
    assert set(scenario.states) <= {label.split(" (")[0] for label in labels}
    assert parsed["edges"]


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_dot_of_every_bundled_scenario_parses(scenario_id):
    scenario = load_scenario(scenario_id)
    (graph,) = pydot.graph_from_dot_data(render(scenario, "dot"))
    names = {n.get_name().strip('"') for n in graph.get_nodes()}
    assert set(scenario.states) <= names
    for edge in graph.get_edges():
        assert edge.get_source().strip('"') in names
        assert edge.get_destination().strip('"') in names
        assert edge.get_label()


def test_states_are_coloured_by_kind_and_edges_carry_triggers():
    scenario = load_scenario("angry-mail-outage-en")
    graph = scenario_graph(scenario)
    kinds = {n.id: n.kind for n in graph.nodes}
    assert kinds["opening"] == START
    assert kinds["resolved"] == GOOD
    assert kinds["hung_up"] == BAD and kinds["complaint_filed"] == BAD
    edge = next(e for e in graph.edges if (e.source, e.dest) == ("listening", "confirmed"))
    assert "restate" in edge.labels
    wildcard = [e for e in graph.edges if e.source == "*" and e.dest == "complaint_filed"]
    assert wildcard and "avoided:blame" in wildcard[0].labels[0]
    mermaid = to_mermaid(graph)
    assert "classDef rp_good fill:#dcfce7" in mermaid
    assert 'fillcolor="#fee2e2"' in to_dot(graph)


def test_awkward_names_and_text_are_escaped():
    text = (BROKEN / "valid-base.yaml").read_text()
    text = text.replace(
        "title: Printer jammed before the mailing", 'title: "Say \\"hi\\" <b>#1</b> | \\\\ end"'
    )
    text = text.replace("calmer", "end").replace("opening", "graph")
    scenario = parse_scenario_text(text, "odd.yaml")
    parse_mermaid(render(scenario, "mermaid"))
    (graph,) = pydot.graph_from_dot_data(render(scenario, "dot"))
    assert '\\"hi\\"' in graph.get_label()


def test_graph_command_formats_and_out_file(tmp_path, capsys):
    assert main(["graph", "angry-mail-outage-en"]) == 0
    parse_mermaid(capsys.readouterr().out)
    out = tmp_path / "g.dot"
    assert main(["graph", "angry-mail-outage-en", "--format", "dot", "--out", str(out)]) == 0
    assert pydot.graph_from_dot_data(out.read_text())
    assert main(["graph", str(BROKEN / "valid-base.yaml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scenario"] == "valid-base"
    assert {"from": "opening", "to": "calmer", "labels": ["empathy"], "style": "solid"} in data[
        "edges"
    ]
