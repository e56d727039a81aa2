"""`roleplay report`: a cohort's results in the terminal, as HTML or as JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from scoring.safe_text import json_terminal_safe


def register(sub: Any) -> None:
    from simulator.commands.export import add_filters

    p: argparse.ArgumentParser = sub.add_parser(
        "report",
        help="cohort report (terminal, HTML or JSON)",
        description=(
            "Per trainee the latest and best overall score and how many scenarios they "
            "passed; per skill the cohort average against the pass mark (every skill below "
            "it flagged); per scenario the pass rate and pass mark; progress as each "
            "attempt's margin over its own scenario's pass mark (a sparkline in the "
            "terminal, a chart in the HTML page) and per scenario by attempt number. "
            "Written in the language of --lang or the locale."
        ),
    )
    p.add_argument(
        "--format", choices=("text", "html", "json"), default="text", help="default: text"
    )
    p.add_argument("--json", action="store_true", help="same as --format json")
    p.add_argument("--out", type=Path, metavar="FILE", help="write here (default or -: stdout)")
    add_filters(p)
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.add_argument(
        "--lang",
        metavar="LANG",
        help="language of the report: en, zh (simplified) or zh_Hant (default: the locale)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.commands.export import check_filters
    from simulator.l10n import reader_language, words_for
    from simulator.output_file import is_stdout, store_database, write_output
    from simulator.results.report import build_report, report_json
    from simulator.results.table import Filters
    from simulator.store.results_store import ResultStore
    from simulator.tui.progress import ProgressBar

    fmt = "json" if args.json else args.format
    words = words_for(reader_language(args.lang))
    out: Path | None = None if is_stdout(args.out) else args.out
    progress = ProgressBar("Building the report", enabled=not args.quiet and out is not None)
    filters = Filters(args.since, args.until, args.trainee, args.cohort, args.scenario)
    with ResultStore.open(args.db, create=False) as store:
        database = store_database(store)
        check_filters(store, args.cohort, args.trainee)
        try:
            report = build_report(store, filters, progress=progress)
        finally:
            progress.stop()
    if fmt == "html":
        from simulator.results.report_html import render_html

        text = render_html(report, words)
    elif fmt == "json":
        text = (
            json_terminal_safe(json.dumps(report_json(report), ensure_ascii=False, indent=2)) + "\n"
        )
    elif out is None:
        from simulator.tui.report_view import render_text
        from simulator.tui.terminal import stdout_console

        render_text(report, stdout_console(), words)
        return 0
    else:
        from simulator.tui.report_view import render_text
        from simulator.tui.terminal import plain_console

        console, buffer = plain_console(width=120)
        render_text(report, console, words)
        text = buffer.getvalue()
    write_output(out, text, [database])
    if out is None:
        return 0
    if not args.quiet:
        progress.console.print(f"Wrote the report to {out}", markup=False, highlight=False)
    return 0
