"""`roleplay graph`: draw a scenario's states and transitions (Mermaid or Graphviz DOT)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scoring.safe_text import json_terminal_safe


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "graph",
        help="draw the map of a scenario",
        description=(
            "Print a scenario's states and transitions as a Mermaid flowchart or a Graphviz "
            "digraph: the start state blue, good endings green, bad endings red; edges "
            "labelled with their triggers and conditions. Transitions from every state are "
            "drawn from an 'any state' node, and those that stay put as loops."
        ),
    )
    p.add_argument("scenario", help="scenario id or path to a scenario file")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid", help="output format")
    p.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE instead of stdout (- is stdout)"
    )
    p.add_argument("--json", action="store_true", help="print the graph's nodes and edges as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.graph import FORMATS, scenario_graph
    from simulator.scenario.catalog import load_scenario

    graph = scenario_graph(load_scenario(args.scenario))
    if args.json:
        text = json_terminal_safe(json.dumps(graph.to_json(), ensure_ascii=False, indent=2)) + "\n"
    else:
        text = FORMATS[args.format](graph)
    from simulator.output_file import is_stdout, write_output

    write_output(args.out, text)
    if not is_stdout(args.out):
        sys.stderr.write(f"roleplay: wrote {args.out}\n")
    return 0
