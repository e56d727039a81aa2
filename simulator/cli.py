"""The `roleplay` command: a thin layer over the library.

Each subcommand lives in ``simulator/commands/<name>.py`` with ``register(subparsers)``
(which builds its parser and sets ``func``) and keeps heavy imports inside its run
function, so ``roleplay --help`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from scoring.errors import ScoringError
from simulator.errors import RoleplayError

COMMANDS: tuple[str, ...] = (
    "list_cmd",
    "play",
    "check",
    "debrief",
    "replay",
    "export",
    "report",
    "trainees",
    "lint",
    "schema",
    "graph",
    "test_cmd",
    "new",
    "dispute",
    "review",
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("roleplay")
    except PackageNotFoundError:  # a checkout that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roleplay",
        description="Practise complaint handling against scripted customers and get a graded debrief.",
    )
    parser.add_argument("--version", action="version", version=f"roleplay {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"simulator.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code: int = args.func(args)
    except (RoleplayError, ScoringError) as exc:
        sys.stderr.write(f"roleplay: {exc}\n")
        return exc.exit_code
    except BrokenPipeError:
        return 0
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
