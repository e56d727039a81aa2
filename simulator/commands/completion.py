"""`roleplay completion`: a shell completion script (bash or zsh)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "completion",
        help="print a shell completion script (bash or zsh)",
        description=(
            "Print a completion script for subcommands, options, option values and scenario "
            'ids. bash: eval "$(roleplay completion bash)" in ~/.bashrc; zsh: the same with '
            "zsh in ~/.zshrc."
        ),
    )
    p.add_argument("shell", nargs="?", choices=("bash", "zsh"), help="the shell")
    p.add_argument("--scenario-ids", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.completion import bash_script, zsh_script

    if args.scenario_ids:
        from simulator.scenario.catalog import list_scenarios

        sys.stdout.write("\n".join(s.id for s in list_scenarios().scenarios) + "\n")
        return 0
    if args.shell is None:
        from simulator.errors import UsageError

        raise UsageError("name the shell: roleplay completion bash (or zsh)")
    parser = args.root_parser
    sys.stdout.write(bash_script(parser) if args.shell == "bash" else zsh_script(parser))
    return 0
