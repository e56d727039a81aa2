"""XLSX export with XlsxWriter: attempts, a cohort summary and (if asked) the transcripts.

Text never becomes a formula: the workbook is written with ``strings_to_formulas``,
``strings_to_urls`` and ``strings_to_numbers`` off, so every string is a string cell,
and a text cell that starts like a formula (``= + - @``, tab, CR, LF) also gets Excel's
own quote-prefix style: it shows exactly as typed and stays text when edited.
Numbers, booleans and dates are typed cells. Dates are UTC.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import IO, Any

from scoring.message import Words
from simulator.results import summary
from simulator.results.column_titles import sheet_name, titles
from simulator.results.export_csv import DANGEROUS_STARTS
from simulator.results.table import Cell, Selection, columns, row

DATE_COLUMNS = frozenset({"started_at", "finished_at"})
MAX_WIDTH = 60
MIN_WIDTH = 6


class _Sheet:
    """A worksheet written row by row, remembering how wide each column must be."""

    def __init__(
        self,
        book: Any,
        name: str,
        header: Sequence[str],
        formats: dict[str, Any],
        words: Words | None = None,
    ):
        self.ws = book.add_worksheet(sheet_name(name, words))
        self.formats = formats
        shown = titles(header, words)
        # East Asian characters are about two columns wide.
        self.widths = [max(MIN_WIDTH, _width(h) + 2) for h in shown]
        self.header = list(header)
        self.rows = 0
        for col, title in enumerate(shown):
            self.ws.write_string(0, col, title, formats["header"])

    def add(self, cells: Sequence[Cell | datetime], kinds: Sequence[str] = ()) -> None:
        self.rows += 1
        r = self.rows
        for col, value in enumerate(cells):
            kind = kinds[col] if col < len(kinds) else ""
            self._write(r, col, value, kind)

    def _write(self, r: int, col: int, value: Cell | datetime, kind: str) -> None:
        ws, f = self.ws, self.formats
        width = 0
        if value is None:
            ws.write_blank(r, col, None)
        elif isinstance(value, bool):
            ws.write_boolean(r, col, value)
            width = 5
        elif isinstance(value, datetime):
            naive = value.astimezone(UTC).replace(tzinfo=None)
            ws.write_datetime(r, col, naive, f["date"])
            width = 19
        elif isinstance(value, int | float):
            ws.write_number(r, col, value, f.get(kind))
            width = len(f"{value:.1f}" if kind == "percent" else str(value))
        else:
            safe = value.startswith(DANGEROUS_STARTS)
            ws.write_string(r, col, value, f["text_quoted"] if safe else f["wrap"])
            width = max((_width(line) for line in value.splitlines()), default=0)
        self.widths[col] = min(MAX_WIDTH, max(self.widths[col], width + 2))

    def finish(self, freeze_cols: int = 0) -> None:
        for col, width in enumerate(self.widths):
            self.ws.set_column(col, col, width)
        self.ws.freeze_panes(1, freeze_cols)
        if self.rows:
            self.ws.autofilter(0, 0, self.rows, len(self.header) - 1)


def _width(text: str) -> int:
    """Excel columns for ``text``: wide (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_xlsx(
    out: str | IO[bytes],
    selection: Selection,
    *,
    transcripts: bool = False,
    advance: Callable[[], None] | None = None,
    words: Words | None = None,
) -> int:
    """Write the workbook to a path or a binary stream; returns the attempt rows written.

    With ``words`` the columns are headed and the sheets named in that language (see
    :mod:`simulator.results.column_titles`); without, by their machine names.
    """
    import xlsxwriter  # type: ignore[import-untyped]

    book = xlsxwriter.Workbook(
        out,
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            # rows go to temporary files as they are written: memory stays bounded
            "constant_memory": True,
        },
    )
    formats = {
        "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "bottom": 1}),
        "date": book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        "text_quoted": book.add_format({"quote_prefix": True}),
        "wrap": None,
        "percent": book.add_format({"num_format": "0.0%"}),
        "one_decimal": book.add_format({"num_format": "0.0"}),
    }
    book.set_properties({"title": "roleplay results", "comments": "Exported by roleplay"})
    dims = selection.dimensions()
    header = columns(dims, transcripts=False)
    attempts = _Sheet(book, "Attempts", header, formats, words)
    date_cols = {i for i, name in enumerate(header) if name in DATE_COLUMNS}
    for a in selection.attempts:
        cells: list[Cell | datetime] = list(
            row(a, selection.flags[a.id], dims, disputed=selection.disputed(a.id))
        )
        for i in date_cols:
            cells[i] = a.started_at if header[i] == "started_at" else a.finished_at
        attempts.add(cells)
        if advance is not None:
            advance()
    attempts.finish(freeze_cols=2)
    _summary_sheet(book, formats, selection, dims, words)
    if transcripts:
        _transcript_sheet(book, formats, selection, words)
    book.close()
    return len(selection.attempts)


def _summary_sheet(
    book: Any, formats: dict[str, Any], selection: Selection, dims: list[str], words: Words | None
) -> None:
    header = [
        "cohort",
        "trainees",
        "attempts",
        "complete",
        "graded",
        "passed",
        "pass_rate",
        "average_overall",
        *(f"average_{d}" for d in dims),
        "weakest_skill",
    ]
    kinds = ["", "", "", "", "", "", "percent", "one_decimal", *("one_decimal" for _ in dims)]
    sheet = _Sheet(book, "Cohort summary", header, formats, words)
    for c in summary.cohorts(list(selection.attempts)):
        sheet.add(
            [
                c.cohort,
                c.trainees,
                c.attempts,
                c.complete,
                c.graded,
                c.passed,
                c.pass_rate,
                None if c.average_overall is None else round(c.average_overall, 1),
                *(
                    round(c.dimension_averages[d], 1) if d in c.dimension_averages else None
                    for d in dims
                ),
                c.weakest,
            ],
            kinds,
        )
    sheet.finish(freeze_cols=1)


def _transcript_sheet(
    book: Any, formats: dict[str, Any], selection: Selection, words: Words | None
) -> None:
    header = [
        "attempt_id",
        "trainee_id",
        "scenario_id",
        "turn",
        "customer_line",
        "trainee_text",
        "response_seconds",
        "signals",
        "state_after",
        "mood_after",
        "patience_after",
        "customer_reply",
    ]
    sheet = _Sheet(book, "Transcripts", header, formats, words)
    for a in selection.attempts:
        if a.opening and (not a.turns or a.turns[0].customer_line != a.opening):
            sheet.add([a.id, a.trainee_id, a.scenario_id, 0, a.opening])
        for t in a.turns:
            signals = ", ".join(
                s.name + (f":{s.category}" if s.category else "")
                for s in (t.analysis.signals if t.analysis else ())
            )
            sheet.add(
                [
                    a.id,
                    a.trainee_id,
                    a.scenario_id,
                    t.index,
                    t.customer_line,
                    t.text,
                    t.response_seconds,
                    signals or None,
                    t.state_after,
                    t.mood_after,
                    t.patience_after,
                    t.customer_reply,
                ]
            )
    sheet.finish(freeze_cols=4)
