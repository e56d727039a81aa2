"""XLSX export: opens with openpyxl, holds the values, never turns text into formulas."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from simulator.cli import main
from simulator.results.export_xlsx import write_xlsx
from simulator.results.table import Filters, select
from simulator.store.results_store import ResultStore
from tests.results_data import T0, cohort_store, make_turn, play
from tests.unit.test_export_csv import INJECTIONS


def _book(store: ResultStore, *, transcripts: bool = False) -> Any:
    buffer = io.BytesIO()
    write_xlsx(buffer, select(store, Filters(), with_turns=transcripts), transcripts=transcripts)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def _text(value: Any) -> Any:
    """openpyxl leaves OOXML escapes (``_x000D_`` for CR) as they are; Excel decodes them."""
    if isinstance(value, str):
        return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)
    return value


def _records(ws: Any) -> list[dict[str, Any]]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], map(_text, r), strict=True)) for r in rows[1:]]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ResultStore]:
    with cohort_store(tmp_path / "r.db") as opened:
        yield opened


def test_workbook_layout(store: ResultStore) -> None:
    book = _book(store)
    assert book.sheetnames == ["Attempts", "Cohort summary"]
    ws = book["Attempts"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["attempt_id", "trainee_id"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}7"
    widths = {
        col: d.width for d in ws.column_dimensions.values() for col in range(d.min, d.max + 1)
    }
    assert sorted(widths) == list(range(1, len(header) + 1))  # every column has a width
    assert widths[2] >= len("trainee_id")
    assert all(6 <= w <= 61 for w in widths.values())
    assert book["Cohort summary"].freeze_panes == "B2"


def test_values_are_typed(store: ResultStore) -> None:
    rows = _records(_book(store)["Attempts"])
    assert len(rows) == 6
    first = rows[0]
    assert first["trainee_id"] == "alice"
    assert first["display_name"] == "Alice Wong"
    assert first["score_empathy"] == 40 and isinstance(first["score_empathy"], int)
    assert first["overall"] == 53
    assert first["passed"] is False
    assert first["is_first"] is True
    assert first["duration_seconds"] == 210.0
    assert first["started_at"] == T0.replace(tzinfo=None)
    assert isinstance(first["finished_at"], datetime)
    carol = next(r for r in rows if r["trainee_id"] == "carol")
    assert carol["outcome"] is None and carol["status"] == "incomplete"


def test_cohort_summary_sheet(store: ResultStore) -> None:
    rows = _records(_book(store)["Cohort summary"])
    by = {r["cohort"]: r for r in rows}
    assert list(by) == ["2026-03", "2026-04", "All"]
    march = by["2026-03"]
    assert march["trainees"] == 2
    assert march["attempts"] == 5
    assert march["passed"] == 2
    assert march["pass_rate"] == pytest.approx(0.4)
    assert march["average_empathy"] == pytest.approx(66.0)
    assert march["weakest_skill"] == "restating"
    assert by["All"]["attempts"] == 6


def test_injection_is_neutralised_and_negative_numbers_stay_numbers(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "r.db") as store:
        for i, bad in enumerate(INJECTIONS):
            trainee = f"t{i}" if bad[0] in "\t\r\n" else bad
            store.ensure_trainee(trainee, display_name=bad, cohort=bad)
            play(store, trainee, replies=(bad,))
        negative = store.start_attempt(
            trainee_id="neg",
            scenario_id="s",
            scenario_version="1",
            scenario_hash="h",
            scenario_title="t",
            lang="en",
            seed=-42,
            mode="headless",
            started_at=T0,
        )
        turn = make_turn(1, "-5")
        store.record_turn(negative, turn.__class__(**{**_fields(turn), "mood_after": -2}))
        book = _book(store, transcripts=True)
    ws = book["Attempts"]
    header = [c.value for c in ws[1]]
    name_col = header.index("display_name") + 1
    seen = 0
    for r in range(2, ws.max_row + 1):
        cell = ws.cell(r, name_col)
        if _text(cell.value) in INJECTIONS:
            seen += 1
            assert cell.data_type == "s"  # a string, not a formula
            assert cell.quotePrefix  # Excel keeps it text even when edited
    assert seen == len(INJECTIONS)
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    seed_col = header.index("seed") + 1
    seeds = [ws.cell(r, seed_col).value for r in range(2, ws.max_row + 1)]
    assert -42 in seeds
    transcripts = _records(book["Transcripts"])
    replies = [r["trainee_text"] for r in transcripts]
    assert set(INJECTIONS) <= set(replies)
    neg = next(r for r in transcripts if r["attempt_id"] == negative)
    assert neg["mood_after"] == -2 and isinstance(neg["mood_after"], int)
    assert neg["trainee_text"] == "-5"
    tws = book["Transcripts"]
    for row in tws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
            if _text(cell.value) in INJECTIONS:
                assert cell.quotePrefix


def _fields(turn: Any) -> dict[str, Any]:
    return {name: getattr(turn, name) for name in turn.__slots__}


def test_transcript_sheet(store: ResultStore) -> None:
    book = _book(store, transcripts=True)
    assert book.sheetnames == ["Attempts", "Cohort summary", "Transcripts"]
    rows = _records(book["Transcripts"])
    first = [r for r in rows if r["attempt_id"] == 1]
    assert [r["turn"] for r in first] == [0, 1, 2]  # the opening, then the two turns
    assert first[0]["customer_line"] == "My mail is down!"
    assert first[1]["signals"] == "apology"
    assert first[1]["response_seconds"] == 13.5


def test_cli_xlsx(tmp_path: Path, store: ResultStore) -> None:
    out = tmp_path / "scores.xlsx"
    assert (
        main(["export", "--format", "xlsx", "--db", str(store.path), "--out", str(out), "-q"]) == 0
    )
    book = openpyxl.load_workbook(out)
    assert book["Attempts"].max_row == 7
    assert datetime.now(UTC).year >= 2026


def test_cli_xlsx_in_chinese_heads_columns_and_names_sheets_in_chinese(
    tmp_path: Path, store: ResultStore
) -> None:
    out = tmp_path / "成绩.xlsx"
    argv = ["export", "--format", "xlsx", "--db", str(store.path), "--out", str(out), "-q"]
    assert main([*argv, "--lang", "zh", "--include-transcripts"]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["全部练习", "批次汇总", "对话记录"]
    header = [c.value for c in book["全部练习"][1]]
    assert header[:4] == ["练习编号", "学员编号", "姓名", "批次"]
    assert "开始时间（UTC）" in header and "总分" in header and "共情" in header
    assert not any(re.fullmatch(r"[a-z_]+", h) for h in header)  # no machine name is left
    # The values are the same as in the machine-named workbook, row for row.
    assert main([*argv[:-3], "--out", str(tmp_path / "plain.xlsx"), "-q"]) == 0
    machine = openpyxl.load_workbook(tmp_path / "plain.xlsx")["Attempts"]
    rows = list(book["全部练习"].iter_rows(min_row=2, values_only=True))
    assert rows == list(machine.iter_rows(min_row=2, values_only=True))
    summary = [c.value for c in book["批次汇总"][1]]
    assert summary[0] == "批次" and any(str(h).startswith("平均：") for h in summary)


def test_cli_lang_is_for_the_workbook_only(
    tmp_path: Path, store: ResultStore, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", "--format", "csv", "--db", str(store.path), "--lang", "zh"])
    assert code == 2
    assert "--lang" in capsys.readouterr().err
