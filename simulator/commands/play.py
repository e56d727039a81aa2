"""`roleplay play`: practise a scenario in the terminal, or headless from a replies file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scoring.safe_text import json_terminal_safe

MAX_SEED = 2**63 - 1


def seed_number(text: str) -> int:
    """``--seed``: a whole number from 0 to 2**63-1 (it is stored with the attempt)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"use a whole number from 0 to {MAX_SEED}")
    return value


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "play",
        help="play a scenario",
        description=(
            "Play a scenario. Without --replies it opens the interactive simulator; with "
            "--replies FILE each non-empty line of FILE is one trainee turn ([+Ns] timing "
            "prefix, /escalate TARGET note…, /hold, /end)."
        ),
    )
    p.add_argument(
        "scenario", nargs="?", help="scenario id or path to a scenario file (omit to choose)"
    )
    p.add_argument(
        "--replies", type=Path, metavar="FILE", help="play headless from this replies file"
    )
    p.add_argument(
        "--trainee", metavar="ID", help="trainee id (default: ROLEPLAY_TRAINEE or remembered)"
    )
    p.add_argument(
        "--seed", type=seed_number, default=None, help="seed for the customer's line choices"
    )
    p.add_argument(
        "--db",
        metavar="PATH|URL",
        help="results database (default: ROLEPLAY_DB or the user data dir)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON (headless)")
    p.add_argument("--no-store", action="store_true", help="do not record the attempt")
    p.add_argument(
        "--ui-lang",
        metavar="LANG",
        help=(
            "language of the screens and the debrief: en, zh (simplified) or zh_Hant "
            "(default: the scenario's language; Chinese in traditional characters when the "
            "locale is zh_TW/zh_HK; or ui_lang in the config file)"
        ),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import EXIT_INTERRUPTED, EXIT_OK, UsageError
    from simulator.scenario.catalog import load_scenario

    if args.replies is None:
        from simulator.tui.frontend import play_interactive

        return play_interactive(
            scenario_ref=args.scenario,
            trainee=args.trainee,
            seed=args.seed,
            db=args.db,
            store=not args.no_store,
            ui_lang=args.ui_lang,
        )
    if args.scenario is None:
        raise UsageError("play --replies needs a scenario id or file")
    from simulator.engine.headless import play_script, run_to_json
    from simulator.engine.replies import load_replies
    from simulator.store.identity import resolve_trainee

    scenario = load_scenario(args.scenario)
    entries = load_replies(args.replies)
    trainee = resolve_trainee(args.trainee, ask=None)
    seed = 0 if args.seed is None else args.seed
    if args.no_store:
        run_ = play_script(scenario, entries, seed=seed, trainee_id=trainee)
    else:
        from simulator.store.results_store import ResultStore

        with ResultStore.open(args.db) as store:
            run_ = play_script(scenario, entries, seed=seed, trainee_id=trainee, recorder=store)
    if run_.ignored:
        first = run_.ignored[0]
        sys.stderr.write(
            f"roleplay: {args.replies}:{first.line}: the customer had already ended the "
            f"conversation; {len(run_.ignored)} remaining repl{'y' if len(run_.ignored) == 1 else 'ies'} ignored\n"
        )
    if not run_.result.transcript.complete and not run_.interrupted:
        sys.stderr.write(
            "roleplay: the replies ran out before the conversation ended; graded as it stands\n"
        )
    code = EXIT_OK
    if run_.interrupted:
        sys.stderr.write(
            f"roleplay: interrupted; {len(run_.result.transcript.turns)} turn(s) kept and "
            "graded as they stand (`roleplay debrief --last` shows the debrief)\n"
        )
        code = EXIT_INTERRUPTED
    if args.json:
        sys.stdout.write(
            json_terminal_safe(json.dumps(run_to_json(run_), ensure_ascii=False, sort_keys=True))
            + "\n"
        )
        return code
    from simulator.l10n import trainee_language, ui_override, words_for
    from simulator.tui.debrief_view import render_run
    from simulator.tui.terminal import stdout_console

    words = words_for(trainee_language(scenario.language, ui_override(args.ui_lang)))
    render_run(run_, stdout_console(), words)
    return code
