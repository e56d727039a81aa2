"""`roleplay test`: run walkthrough tests (`*.walkthrough.yaml`) and summarise like pytest."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scoring.safe_text import json_terminal_safe, printable


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "test",
        help="run walkthrough tests of scenarios",
        description=(
            "Play scripted walkthroughs (*.walkthrough.yaml) and check their expectations: "
            "states after given turns, the final state and path, signals, scores and "
            "pass/fail. A walkthrough may start from a given state with preset patience "
            "(`start:`). PATH is a walkthrough file, a folder, or a scenario file (its "
            "walkthroughs next to it); without PATH the bundled walkthroughs run. Exit "
            "status 0 when all pass, 1 otherwise."
        ),
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    p.add_argument(
        "-k", dest="keyword", metavar="TEXT", help="only walkthroughs whose path has TEXT"
    )
    p.add_argument("-x", "--exitfirst", action="store_true", help="stop at the first failure")
    p.add_argument("-v", "--verbose", action="store_true", help="show every turn of every run")
    p.add_argument("--json", action="store_true", help="print the results as one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.walkthrough_report import render
    from simulator.authoring.walkthrough_run import run_paths

    paths = args.paths
    if not paths:
        from simulator.scenario.catalog import bundled_dir

        paths = [bundled_dir()]
    result = run_paths(paths, keyword=args.keyword, stop_first=args.exitfirst)
    if args.json:
        sys.stdout.write(
            json_terminal_safe(json.dumps(result.to_json(), ensure_ascii=False, indent=2)) + "\n"
        )
    else:
        sys.stdout.write(printable(render(result, verbose=args.verbose)))
    return 0 if result.ok else 1
