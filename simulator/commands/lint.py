"""`roleplay lint`: check scenario and walkthrough files without playing them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scoring.safe_text import json_terminal_safe


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "lint",
        help="check scenario files for errors and likely mistakes",
        description=(
            "Check scenario files (and *.walkthrough.yaml files) for YAML, schema, reference "
            "and design problems. Each finding names file:line:column, a code and how to fix "
            "it. Exit status 1 when there is an error, 0 with warnings only."
        ),
    )
    p.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="files or folders, or the id of a scenario (`roleplay list`)",
    )
    p.add_argument("--json", action="store_true", help="print the findings as one JSON object")
    p.add_argument(
        "--no-walkthroughs", action="store_true", help="skip *.walkthrough.yaml files in folders"
    )
    p.add_argument("--strict", action="store_true", help="exit with status 1 on warnings too")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.lint import lint_paths, render_text
    from simulator.scenario.catalog import bundled_path

    paths = [p if p.exists() else (bundled_path(str(p)) or p) for p in args.paths]
    report = lint_paths(paths, walkthroughs=not args.no_walkthroughs)
    if args.json:
        sys.stdout.write(
            json_terminal_safe(json.dumps(report.to_json(), ensure_ascii=False, indent=2)) + "\n"
        )
    else:
        sys.stdout.write(render_text(report))
    failed = not report.ok or (args.strict and report.warning_count > 0)
    return 1 if failed else 0
