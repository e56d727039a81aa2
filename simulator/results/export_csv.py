"""CSV export: RFC 4180 (CRLF, quoted fields), UTF-8, optional BOM for Excel.

Safe against formula injection (OWASP "CSV injection"): a text cell that starts with
``= + - @``, a tab, CR or LF gets a leading single quote, so a trainee called
``=HYPERLINK(…)`` stays text in Excel, LibreOffice and Google Sheets. Numbers are
written as numbers: ``-3`` stays ``-3``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from typing import IO

from simulator.results.table import Cell, Selection, columns, row

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
BOM = "\ufeff"


def neutralize(text: str) -> str:
    """``text`` made safe to open in a spreadsheet; plain numbers are left alone."""
    if text.startswith(DANGEROUS_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def cell_text(value: Cell) -> str:
    """One cell as CSV text: empty for None, true/false, numbers as written, text made safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return neutralize(value)


def write_rows(out: IO[str], header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write a header and rows; returns the number of rows written."""
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralize(h) for h in header])
    n = 0
    for cells in rows:
        writer.writerow([cell_text(c) for c in cells])
        n += 1
    return n


def write_csv(
    out: IO[str],
    selection: Selection,
    *,
    transcripts: bool = False,
    bom: bool = False,
    advance: Callable[[], None] | None = None,
) -> int:
    """The selection as CSV to ``out`` (opened with ``newline=""``)."""
    if bom:
        out.write(BOM)
    dims = selection.dimensions()

    def rows() -> Iterable[list[Cell]]:
        for a in selection.attempts:
            yield row(
                a,
                selection.flags[a.id],
                dims,
                transcripts=transcripts,
                disputed=selection.disputed(a.id),
            )
            if advance is not None:
                advance()

    return write_rows(out, columns(dims, transcripts=transcripts), rows())
