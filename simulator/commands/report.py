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
            "Per trainee the latest and best overall score and pass status; per dimension "
            "the cohort average and the weakest skill; the pass rate per scenario; progress "
            "over attempts (a sparkline in the terminal, a chart in the HTML page)."
        ),
    )
    p.add_argument(
        "--format", choices=("text", "html", "json"), default="text", help="default: text"
    )
    p.add_argument("--json", action="store_true", help="same as --format json")
    p.add_argument("--out", type=Path, metavar="FILE", help="write here (default or -: stdout)")
    add_filters(p)
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.commands.export import ProgressBar, check_filters
    from simulator.output_file import is_stdout, store_database, write_output
    from simulator.results.report import build_report, render_text, report_json
    from simulator.results.table import Filters
    from simulator.store.results_store import ResultStore

    fmt = "json" if args.json else args.format
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

        text = render_html(report)
    elif fmt == "json":
        text = (
            json_terminal_safe(json.dumps(report_json(report), ensure_ascii=False, indent=2)) + "\n"
        )
    elif out is None:
        from simulator.tui.terminal import stdout_console

        render_text(report, stdout_console())
        return 0
    else:
        import io

        from rich.console import Console

        buffer = io.StringIO()
        render_text(report, Console(file=buffer, width=120, no_color=True, highlight=False))
        text = buffer.getvalue()
    write_output(out, text, [database])
    if out is None:
        return 0
    if not args.quiet:
        progress.console.print(f"Wrote the report to {out}", markup=False, highlight=False)
    return 0
