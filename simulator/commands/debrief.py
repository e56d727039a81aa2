"""`roleplay debrief`: the debrief of a stored attempt, in the terminal, Markdown or HTML."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from scoring.safe_text import json_terminal_safe


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "debrief",
        help="show the debrief of an attempt",
        description=(
            "Show the debrief of a stored attempt: scores with the evidence for each, the "
            "annotated transcript, the customer's mood, what to say instead, earlier attempts. "
            "An attempt that was interrupted is graded as it stands."
        ),
    )
    p.add_argument("session", nargs="?", help="session id (see `roleplay play --json` or exports)")
    p.add_argument(
        "--last", action="store_true", help="the latest attempt (of --trainee, if given)"
    )
    p.add_argument(
        "--trainee", metavar="ID", help="with --last: the latest attempt of this trainee"
    )
    p.add_argument(
        "--format", choices=("text", "md", "html", "json"), default="text", help="output format"
    )
    p.add_argument(
        "--json", dest="format", action="store_const", const="json", help="same as --format json"
    )
    p.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE instead of stdout (- is stdout)"
    )
    p.add_argument("--db", metavar="PATH|URL", help="results database")
    p.add_argument(
        "--ui-lang",
        metavar="LANG",
        help=(
            "language of the debrief: en, zh (simplified) or zh_Hant (default: the "
            "scenario's language; traditional characters when the locale is zh_TW/zh_HK)"
        ),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scoring.debrief.dispute_line import DisputeLine
    from simulator.errors import NotFoundError, UsageError
    from simulator.results.attempt_debrief import previous_from_records, scenario_debrief
    from simulator.results.regrade import load_attempt, regrade, transcript_document
    from simulator.scenario.catalog import load_scenario
    from simulator.store.disputes import Disputes
    from simulator.store.results_store import ResultStore

    if (args.session is None) == (not args.last):
        raise UsageError("give a session id or --last (not both)")
    from simulator.output_file import is_stdout, store_database, write_output

    with ResultStore.open(args.db, create=False) as store:
        database = store_database(store)
        if args.last:
            latest = store.latest_attempt_id(args.trainee)
            if latest is None:
                who = f" for trainee '{args.trainee}'" if args.trainee else ""
                hint = ""
                if args.trainee:
                    from simulator.scenario.field_reader import did_you_mean

                    known = [t for t, _, _ in store.trainees(None)]
                    hint = did_you_mean(args.trainee, known)
                raise NotFoundError(f"no attempts{who} in {store.label}", hint)
            ref = str(latest)
        else:
            ref = args.session
        attempt = load_attempt(ref, store)
        record = attempt.record
        assert record is not None
        scenario = load_scenario(record.scenario_id)
        disputes = Disputes(store).list(None, attempt_id=record.id)
        result = regrade(attempt, scenario, keep_signals=True, rulings=disputes)
        if record.overall is None:
            store.save_grade(record.id, result.grade)
        previous = previous_from_records(
            store.previous_attempts(record.trainee_id, record.scenario_id, record.id)
        )
    if result.scenario_changed:
        sys.stderr.write(
            f"roleplay: warning: scenario '{scenario.id}' has changed since this attempt was "
            f"played (version {record.scenario_hash} then, {scenario.version_hash} now); "
            "graded with the current rubric\n"
        )
    debrief = replace(
        scenario_debrief(
            scenario,
            result.transcript,
            result.grade,
            previous,
            attempt_no=record.attempt_no,
            trainee_id=record.trainee_id,
        ),
        disputes=tuple(
            DisputeLine(d.turn, d.reason, d.status, d.labels or (), d.note or "", d.trainer or "")
            for d in disputes
        ),
    )
    from simulator.l10n import trainee_language, ui_override, words_for

    words = words_for(trainee_language(scenario.language, ui_override(args.ui_lang)))
    if args.format == "text":
        from simulator.tui.debrief_view import render_debrief
        from simulator.tui.terminal import stdout_console

        if is_stdout(args.out):
            render_debrief(debrief, stdout_console(), words)
            return 0
        import io

        buffer = io.StringIO()
        render_debrief(debrief, stdout_console(buffer, width=100), words)
        write_output(args.out, buffer.getvalue(), [database])
        sys.stderr.write(f"roleplay: wrote {args.out}\n")
        return 0
    if args.format == "md":
        from scoring.debrief.markdown import render_markdown

        text = render_markdown(debrief, words)
    elif args.format == "html":
        from scoring.debrief.html import render_html

        text = render_html(debrief, words)
    else:
        document = transcript_document(attempt, scenario, result.grade)
        document["disputes"] = [d.to_json() for d in disputes]
        text = json_terminal_safe(json.dumps(document, ensure_ascii=False, indent=2))
    write_output(args.out, text, [database])
    if not is_stdout(args.out):
        sys.stderr.write(f"roleplay: wrote {args.out}\n")
    return 0
