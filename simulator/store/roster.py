"""Reading a roster CSV as HR saves it: any common encoding, any common delimiter.

Excel on a Chinese-locale PC saves "CSV" in GBK (GB18030) or Big5, elsewhere in UTF-8
with or without a byte-order mark, and "Unicode text" in UTF-16 with tabs; some locales
use semicolons. :func:`decode` finds the encoding (a byte-order mark, else strict UTF-8,
else whichever of GB18030 and Big5 decodes the file into more of its own standard's
common characters); :func:`read_roster` finds the delimiter and the columns and names
file:line for every problem.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from simulator.errors import LocatedError, Location

ROSTER_COLUMNS = ("trainee_id", "display_name", "cohort")
DELIMITERS = ",;\t|"
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _common_share(text: str, codec: str, lead_low: int, lead_high: int) -> float:
    """The share of Chinese characters whose ``codec`` lead byte is in the common block.

    GB2312 puts its 3,755 most used characters at lead bytes B0–D7; Big5 its 5,401
    frequent ones at A4–C6. Text decoded with the wrong codec lands mostly outside.
    """
    chinese = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not chinese:
        return 0.0
    common = 0
    for ch in chinese:
        try:
            lead = ch.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        common += lead_low <= lead <= lead_high
    return common / len(chinese)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding; ValueError if it is none of the usual ones."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for codec, check, low, high in (
        ("gb18030", "gb2312", 0xB0, 0xD7),
        ("big5", "big5", 0xA4, 0xC6),
    ):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text, check, low, high), codec, text))
    if not candidates:
        raise ValueError("it is not UTF-8, GB18030 (GBK) or Big5 text")
    _, codec, text = max(candidates, key=lambda c: c[0])
    return text, codec


def delimiter(text: str) -> str:
    """The delimiter of the header row: the first of , ; TAB | that splits it most."""
    header = text.splitlines()[0] if text else ""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


MAX_ROSTER_BYTES = 20_000_000


def read_roster(path: Path) -> list[tuple[str, str | None, str | None]]:
    """(trainee_id, display_name, cohort) per row; errors name file:line and what to do."""
    from simulator.input_file import read_limited

    where = str(path)
    data = read_limited(path, MAX_ROSTER_BYTES, "roster")  # never blocks on a pipe or device
    try:
        text, encoding = decode(data)
    except ValueError as exc:
        raise LocatedError(
            Location(where, 1),
            f"cannot read the roster: {exc}",
            "save it from Excel as 'CSV UTF-8 (comma delimited)' and import it again",
        ) from None
    sep = delimiter(text)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=sep)
    header = [(h or "").strip().lstrip("\ufeff") for h in reader.fieldnames or []]
    if "trainee_id" not in header:
        found = ", ".join(repr(h) for h in header) or "nothing"
        raise LocatedError(
            Location(where, 1),
            f"the roster has no trainee_id column (read as {encoding}, "
            f"separated by {_name(sep)}: found {found})",
            f"the header row should be: {','.join(ROSTER_COLUMNS)}",
        )
    reader.fieldnames = header
    try:
        return _rows(reader, where)
    except csv.Error as exc:
        at = re.search(r"line (\d+)", str(exc))
        raise LocatedError(
            Location(where, int(at.group(1)) if at else reader.line_num),
            f"cannot read the roster as CSV: {exc}",
            "check quoting on this line (fields are limited to 128 KB)",
        ) from None


def _rows(reader: csv.DictReader[str], where: str) -> list[tuple[str, str | None, str | None]]:
    from scoring.safe_text import one_line
    from simulator.store.identity import clean_trainee_id

    out: list[tuple[str, str | None, str | None]] = []
    for record in reader:
        trainee = clean_trainee_id(record.get("trainee_id") or "")
        if trainee is None:
            raise LocatedError(
                Location(where, reader.line_num),
                "missing or unusable trainee_id",
                "every row needs a trainee id of 1–100 printable characters",
            )
        name = (record.get("display_name") or "").strip() or None
        cohort = (record.get("cohort") or "").strip() or None
        for column, value in (("display_name", name), ("cohort", cohort)):
            if value is not None and one_line(value) != value:
                raise LocatedError(
                    Location(where, reader.line_num),
                    f"the {column} holds control characters",
                    "retype it as plain text",
                )
        out.append((trainee, name, cohort))
    return out


def _name(sep: str) -> str:
    return {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}[sep]
