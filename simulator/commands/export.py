"""`roleplay export`: results as CSV, XLSX, JSON or xAPI statements for HR and the LMS."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def _when(text: str) -> object:
    from simulator.results.exporter import parse_when

    try:
        return parse_when(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_filters(p: argparse.ArgumentParser) -> None:
    """The selection options export and report share."""
    p.add_argument("--since", type=_when, metavar="DATE", help="attempts started on/after DATE")
    p.add_argument("--until", type=_when, metavar="DATE", help="attempts started on/before DATE")
    p.add_argument("--trainee", metavar="ID", help="only this trainee")
    p.add_argument("--cohort", metavar="NAME", help="only trainees of this cohort")
    p.add_argument("--scenario", metavar="ID", help="only this scenario")
    p.add_argument(
        "--db",
        metavar="PATH|URL",
        help="results database (default: ROLEPLAY_DB or the user data dir)",
    )


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "export",
        help="export results (csv, xlsx, json, xapi)",
        description=(
            "Export one row per attempt: trainee, cohort, scenario id and version, dates, "
            "duration, every dimension score, overall, pass, attempt number and "
            "first/best/latest flags. xapi writes xAPI 1.0.3 statements (a JSON array). "
            "DATE is YYYY-MM-DD (a whole day, UTC) or an ISO 8601 date-time."
        ),
    )
    p.add_argument(
        "--format", choices=("csv", "xlsx", "json", "xapi"), default="csv", help="default: csv"
    )
    p.add_argument("--json", action="store_true", help="same as --format json")
    p.add_argument("--out", type=Path, metavar="FILE", help="write here (default or -: stdout)")
    add_filters(p)
    p.add_argument(
        "--include-transcripts", action="store_true", help="add what was said, turn by turn"
    )
    p.add_argument(
        "--bom",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=(
            "CSV: start with a UTF-8 byte-order mark, so Excel reads Chinese names right "
            "(default: on when writing a file with --out, off on stdout)"
        ),
    )
    p.add_argument(
        "--home-page",
        default=None,
        metavar="URL",
        help="xapi: the trainees' account homePage (default https://roleplay.invalid)",
    )
    p.add_argument(
        "--activity-base",
        default=None,
        metavar="URL",
        help="xapi: base of activity and extension IRIs (default: the home page)",
    )
    p.add_argument(
        "--lrs",
        metavar="URL",
        help=(
            "xapi: send the statements to this Learning Record Store endpoint (sends only "
            "what it has not got; credentials from ROLEPLAY_LRS_USER / ROLEPLAY_LRS_PASSWORD "
            "or ~/.netrc)"
        ),
    )
    p.add_argument(
        "--lang",
        metavar="LANG",
        help=(
            "xlsx: head the columns and name the sheets in this language: en, zh (simplified) "
            "or zh_Hant (default: the machine column names, as in csv and json)"
        ),
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def check_filters(store: Any, cohort: str | None, trainee: str | None) -> None:
    """A cohort or trainee that nobody in the store belongs to is an error, not an empty
    result: say so, with the closest name."""
    from simulator.errors import NotFoundError
    from simulator.scenario.field_reader import did_you_mean

    if cohort is None and trainee is None:
        return
    rows = store.trainees()
    for what, wanted, known in (
        ("cohort", cohort, sorted({c for _, _, c in rows if c})),
        ("trainee", trainee, sorted({t for t, _, _ in rows})),
    ):
        if wanted is not None and wanted not in known:
            listed = ", ".join(known[:20]) or "none yet"
            raise NotFoundError(
                f"no {what} '{wanted}' in {store.path}",
                did_you_mean(wanted, known) or f"{what}s: {listed}",
            )


def run(args: argparse.Namespace) -> int:
    from simulator.errors import UsageError
    from simulator.output_file import is_stdout, open_output, store_database
    from simulator.results.exporter import ExportOptions, export
    from simulator.results.table import Filters
    from simulator.results.xapi import DEFAULT_HOME_PAGE, check_home_page
    from simulator.store.results_store import ResultStore
    from simulator.tui.progress import ProgressBar

    if args.json:
        args.format = "json"
    if is_stdout(args.out):
        args.out = None
    if args.lrs and (args.format != "xapi" or args.out is not None):
        raise UsageError("--lrs sends xAPI statements: use it with --format xapi and no --out")
    home = check_home_page(args.home_page or DEFAULT_HOME_PAGE)
    base = check_home_page(args.activity_base) if args.activity_base else None
    if args.format != "xapi" and (args.home_page or args.activity_base):
        raise UsageError("--home-page and --activity-base apply to --format xapi only")
    if args.lang is not None and args.format != "xlsx":
        raise UsageError(
            "--lang heads an XLSX workbook's columns; csv, json and xapi keep the machine names"
        )
    if args.format == "xlsx" and args.out is None and sys.stdout.isatty():
        raise UsageError("an XLSX workbook is binary: give --out FILE.xlsx (or redirect stdout)")
    options = ExportOptions(
        format=args.format,
        filters=Filters(args.since, args.until, args.trainee, args.cohort, args.scenario),
        transcripts=args.include_transcripts,
        bom=args.bom if args.bom is not None else args.out is not None,
        home_page=home,
        activity_base=base,
        words=_words(args.lang),
    )
    progress = ProgressBar("Exporting", enabled=not args.quiet and args.out is not None)
    if args.lrs:
        return _push(args, options)
    with ResultStore.open(args.db, create=False) as store:
        check_filters(store, args.cohort, args.trainee)
        try:
            with open_output(args.out, [store_database(store)]) as handle:
                result = export(store, options, handle, progress=progress)
        finally:
            progress.stop()
    if result.skipped_ungraded:
        sys.stderr.write(
            f"roleplay: {result.skipped_ungraded} attempt(s) never graded (interrupted before "
            "grading) have no statements\n"
        )
    if args.out is not None and not args.quiet:
        what = "statements" if args.format == "xapi" else "attempts"
        progress.console.print(
            f"Exported {result.written} {what} to {args.out}", markup=False, highlight=False
        )
    return 0


def _words(lang: str | None) -> Any:
    if lang is None:
        return None
    from simulator.l10n import reader_language, words_for

    return words_for(reader_language(lang))


def _push(args: argparse.Namespace, options: Any) -> int:
    from simulator.results.lrs import push_export
    from simulator.store.results_store import ResultStore

    with ResultStore.open(args.db, create=False) as store:
        result = push_export(
            store,
            args.lrs,
            home_page=options.home_page,
            activity_base=options.activity_base,
            filters=options.filters,
        )
    if not args.quiet:
        sys.stderr.write(
            f"roleplay: {result.attempts} attempt(s): {result.sent} statement(s) sent, "
            f"{result.voided} voided (replaced by a regrade), {result.unchanged} already there"
            + (f", {result.ungraded} never graded" if result.ungraded else "")
            + "\n"
        )
    return 0
