"""`roleplay new`: write a commented scenario scaffold and its walkthrough."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "new",
        help="write a new scenario to start from",
        description=(
            "Write ID.yaml (a commented, lint-clean scenario of the given customer kind and "
            "language) and ID.basic.walkthrough.yaml (a walkthrough that plays it through) "
            "into --dir."
        ),
    )
    p.add_argument("--kind", required=True, choices=("angry", "confused", "vip"))
    p.add_argument("--lang", required=True, choices=("en", "zh"))
    p.add_argument("--id", required=True, dest="scenario_id", metavar="ID", help="scenario id")
    p.add_argument("--dir", type=Path, default=Path(), help="folder to write to (default: .)")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.add_argument("--json", action="store_true", help="print the written paths as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.scaffold import scaffold, write

    made = scaffold(args.kind, args.lang, args.scenario_id, args.dir)
    write(made, force=args.force)
    if args.json:
        data = {"scenario": str(made.scenario_path), "walkthrough": str(made.walkthrough_path)}
        sys.stdout.write(json.dumps(data) + "\n")
    else:
        sys.stdout.write(
            f"wrote {made.scenario_path}\nwrote {made.walkthrough_path}\n"
            f"next: roleplay lint {made.scenario_path} && roleplay test {made.walkthrough_path}\n"
        )
    return 0
