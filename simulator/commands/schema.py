"""`roleplay schema`: print the published JSON Schema of scenario (or walkthrough) files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "schema",
        help="print the JSON Schema of scenario files",
        description=(
            "Print the JSON Schema (draft 2020-12) of scenario files, for editors and other "
            "tools. Bundled scenarios point at it with a `# yaml-language-server: "
            "$schema=schema.json` first line."
        ),
    )
    p.add_argument(
        "--walkthrough", action="store_true", help="the schema of *.walkthrough.yaml files"
    )
    p.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE instead of stdout (- is stdout)"
    )
    p.add_argument("--json", action="store_true", help="(the output is always JSON)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.schema import (
        SCENARIO_SCHEMA_FILE,
        WALKTHROUGH_SCHEMA_FILE,
        published_text,
    )

    text = published_text(WALKTHROUGH_SCHEMA_FILE if args.walkthrough else SCENARIO_SCHEMA_FILE)
    from simulator.output_file import is_stdout, write_output

    write_output(args.out, text)
    if not is_stdout(args.out):
        sys.stderr.write(f"roleplay: wrote {args.out}\n")
    return 0
