"""`roleplay list`: the scenarios there are to play."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from scoring.safe_text import json_terminal_safe


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "list",
        help="list the scenarios",
        description="List the bundled scenarios (and those in ROLEPLAY_SCENARIOS).",
    )
    p.add_argument("--kind", choices=("angry", "confused", "vip"), help="only this customer kind")
    p.add_argument("--lang", choices=("en", "zh"), help="only this language")
    p.add_argument("--channel", choices=("phone", "chat", "email"), help="only this channel")
    p.add_argument("--json", action="store_true", help="print a JSON array of objects")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.catalog import list_scenarios

    listing = list_scenarios()
    rows = [
        s
        for s in listing.scenarios
        if (args.kind is None or s.kind == args.kind)
        and (args.lang is None or s.language == args.lang)
        and (args.channel is None or s.channel == args.channel)
    ]
    for error in listing.errors:
        sys.stderr.write(f"roleplay: skipped {error}\n")
    if args.json:
        data = [
            {
                "id": s.id,
                "title": s.title,
                "kind": s.kind,
                "language": s.language,
                "channel": s.channel,
                "difficulty": s.difficulty,
                "learning_goals": list(s.learning_goals),
                "path": s.source_path,
            }
            for s in rows
        ]
        sys.stdout.write(json_terminal_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
        return 0
    from simulator.tui.terminal import scenario_listing, stdout_console

    stdout_console().print(scenario_listing(rows))
    return 0
