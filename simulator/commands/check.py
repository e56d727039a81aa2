"""`roleplay check`: what the reply analyser finds in a reply, with the evidence."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from scoring.safe_text import json_terminal_safe

if TYPE_CHECKING:
    from scoring.context import ReplyContext


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="show the signals the analyser finds in a reply",
        description=(
            "Analyse one reply (TEXT) or, without TEXT, one reply per line of standard "
            "input (blank lines are skipped), and show the signals found: empathy, apology, "
            "restate, avoided phrases with a suggestion, ETA, escalation and more, each with "
            "the words that triggered it."
        ),
    )
    p.add_argument("text", nargs="?", metavar="TEXT", help="the reply (default: read stdin)")
    p.add_argument(
        "--lang",
        choices=("en", "zh"),
        default=None,
        help="language of the replies (default: the scenario's, else en)",
    )
    p.add_argument(
        "--scenario",
        metavar="ID",
        help="add this scenario's facts (all revealed), customer names and phrases",
    )
    p.add_argument(
        "--register",
        choices=("casual", "standard", "formal"),
        default=None,
        help="how formal the desk is: what counts as informal address "
        "(default: the scenario's, else formal)",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per reply, one per line")
    p.set_defaults(func=run)


def _context(args: argparse.Namespace) -> ReplyContext | int:
    from scoring.context import ReplyContext

    if args.scenario is None:
        return ReplyContext(lang=args.lang or "en", register=args.register or "formal")
    from simulator.scenario.catalog import load_scenario

    scenario = load_scenario(args.scenario)
    context = scenario.reply_context()
    if args.lang is not None and args.lang != context.lang:
        sys.stderr.write(
            f"roleplay: --lang {args.lang} does not match scenario '{scenario.id}' "
            f"(language {context.lang})\n"
        )
        return 2
    if args.register is not None:
        return replace(context, register=args.register)
    return context


def _replies(args: argparse.Namespace) -> list[str] | None:
    if args.text is not None:
        return [args.text]
    try:
        data = sys.stdin.read()
    except UnicodeDecodeError as exc:
        sys.stderr.write(f"roleplay: standard input is not UTF-8 text ({exc.reason})\n")
        return None
    return [line.rstrip("\r") for line in data.split("\n") if line.strip()]


def run(args: argparse.Namespace) -> int:
    from scoring.errors import ScoringError
    from simulator.engine.organisation import analyzer_for

    context = _context(args)
    if isinstance(context, int):
        return context
    replies = _replies(args)
    if replies is None:
        return 1
    try:
        analyzer = analyzer_for(context.lang)
        analyses = [analyzer.analyze(text, context) for text in replies]
    except ScoringError as exc:
        sys.stderr.write(f"roleplay: {exc}\n")
        return exc.exit_code
    if args.json:
        out = sys.stdout
        for analysis in analyses:
            out.write(json_terminal_safe(json.dumps(analysis.to_json(), ensure_ascii=False)) + "\n")
        return 0
    from simulator.tui.tables import signal_table
    from simulator.tui.terminal import stdout_console

    stdout_console().print(signal_table(analyses))
    return 0
