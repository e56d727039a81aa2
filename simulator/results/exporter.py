"""Exporting results to a file or stream: format dispatch, atomic files, progress.

The library side of ``roleplay export``; the command only parses arguments.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import IO

from scoring.message import Words
from simulator.errors import UsageError
from simulator.results.table import Filters, select
from simulator.results.xapi import DEFAULT_HOME_PAGE
from simulator.store.results_store import ResultStore

FORMATS: tuple[str, ...] = ("csv", "xlsx", "json", "xapi")
Advance = Callable[[], None]


@dataclass(frozen=True, slots=True)
class ExportOptions:
    format: str = "csv"
    filters: Filters = field(default_factory=Filters)
    transcripts: bool = False
    bom: bool = False
    home_page: str = DEFAULT_HOME_PAGE
    activity_base: str | None = None
    words: Words | None = None  # xlsx: column titles and sheet names in this language


@dataclass(frozen=True, slots=True)
class ExportResult:
    attempts: int
    written: int  # rows (csv/xlsx/json) or statements (xapi)
    skipped_ungraded: int = 0


MIN_YEAR, MAX_YEAR = 1900, 9998


def parse_when(text: str) -> date | datetime:
    """``YYYY-MM-DD`` (a whole day) or an ISO 8601 date-time (naive means UTC), from the
    year 1900 to 9998 (a wider range cannot be compared in UTC without overflowing)."""
    shown = text[:40]
    try:
        when: date | datetime = (
            date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        )
    except ValueError:
        raise ValueError(f"{shown!r} is not a date (YYYY-MM-DD) or ISO 8601 date-time") from None
    year = when.year
    if isinstance(when, datetime) and when.tzinfo is not None:
        try:
            year = when.astimezone(UTC).year
        except OverflowError:
            year = 0
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{shown!r} is outside the years {MIN_YEAR} to {MAX_YEAR}")
    return when


def export(
    store: ResultStore,
    options: ExportOptions,
    out: IO[bytes],
    *,
    progress: Callable[[int], Advance] | None = None,
) -> ExportResult:
    """Write the export to the binary stream ``out``.

    ``progress(total)`` is called once the attempt count is known and returns a
    callback to call after each attempt.
    """
    if options.format not in FORMATS:
        raise UsageError(f"unknown export format {options.format!r}; use {', '.join(FORMATS)}")
    selection = select(store, options.filters, with_turns=options.transcripts)
    advance = progress(len(selection.attempts)) if progress else None
    n = len(selection.attempts)
    if options.format == "xlsx":
        from simulator.results.export_xlsx import write_xlsx

        buffer = io.BytesIO()
        written = write_xlsx(
            buffer,
            selection,
            transcripts=options.transcripts,
            advance=advance,
            words=options.words,
        )
        out.write(buffer.getvalue())
        return ExportResult(n, written)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if options.format == "csv":
            from simulator.results.export_csv import write_csv

            written = write_csv(
                text, selection, transcripts=options.transcripts, bom=options.bom, advance=advance
            )
        elif options.format == "json":
            from simulator.results.export_json import write_json

            written = write_json(text, selection, transcripts=options.transcripts, advance=advance)
        else:
            from simulator.results.xapi import write_xapi

            written = write_xapi(
                text,
                selection.attempts,
                home_page=options.home_page,
                activity_base=options.activity_base,
                advance=advance,
            )
            ungraded = sum(1 for a in selection.attempts if a.overall is None)
            return ExportResult(n, written, ungraded)
        return ExportResult(n, written)
    finally:
        text.flush()
        text.detach()
