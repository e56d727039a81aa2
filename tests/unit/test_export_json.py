"""JSON export: typed rows, nested scores, transcripts that read back as turns."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scoring.transcript import Turn
from simulator.cli import main
from simulator.results.export_json import write_json
from simulator.results.exporter import ExportOptions, export, parse_when
from simulator.results.table import Filters, select
from simulator.store.results_store import ResultStore
from tests.results_data import cohort_store, make_turn


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ResultStore]:
    with cohort_store(tmp_path / "r.db") as opened:
        yield opened


def _doc(store: ResultStore, transcripts: bool = False) -> dict[str, object]:
    out = io.StringIO()
    now = datetime(2026, 4, 1, tzinfo=UTC)
    write_json(
        out, select(store, Filters(), with_turns=transcripts), transcripts=transcripts, now=now
    )
    data: dict[str, object] = json.loads(out.getvalue())
    return data


def test_document_shape(store: ResultStore) -> None:
    doc = _doc(store)
    assert doc["format"] == "roleplay-results"
    assert doc["exported_at"] == "2026-04-01T00:00:00Z"
    assert doc["dimensions"] == ["empathy", "restating", "avoided", "timeliness", "escalation"]
    attempts = doc["attempts"]
    assert isinstance(attempts, list) and len(attempts) == 6
    first = attempts[0]
    assert first["trainee"] == {"id": "alice", "display_name": "Alice Wong", "cohort": "2026-03"}
    assert first["scenario"]["id"] == "angry-mail-outage-en"
    assert first["scores"]["empathy"] == 40
    assert first["passed"] is False and first["is_first"] is True
    assert "turns" not in first


def test_transcripts_round_trip(store: ResultStore) -> None:
    doc = _doc(store, transcripts=True)
    first = doc["attempts"][0]  # type: ignore[index]
    assert first["opening"] == "My mail is down!"
    turns = [Turn.from_json(t, "en") for t in first["turns"]]
    assert turns == [make_turn(1), make_turn(2, "It will be fixed in 10 minutes.")]


def test_export_dispatch_and_filters_in_document(store: ResultStore) -> None:
    buffer = io.BytesIO()
    options = ExportOptions(format="json", filters=Filters(since=parse_when("2026-03-03")))
    result = export(store, options, buffer)
    doc = json.loads(buffer.getvalue())
    assert result.attempts == result.written == len(doc["attempts"]) == 4
    assert doc["filters"] == {"since": "2026-03-03"}


def test_parse_when() -> None:
    assert parse_when("2026-03-02").isoformat() == "2026-03-02"
    assert parse_when("2026-03-02T10:00:00Z") == datetime(2026, 3, 2, 10, tzinfo=UTC)
    with pytest.raises(ValueError, match="not a date"):
        parse_when("02/03/2026")


def test_cli_json_utf8(tmp_path: Path, store: ResultStore) -> None:
    store.ensure_trainee("alice", display_name="王小明")
    out = tmp_path / "r.json"
    assert (
        main(["export", "--format", "json", "--db", str(store.path), "--out", str(out), "-q"]) == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "王小明" in text
    assert (
        main(["export", "--format", "json", "--db", str(store.path), "--out", str(store.path)]) == 2
    )


def test_progress_is_reported_per_attempt(store: ResultStore) -> None:
    calls: list[int] = []
    ticks: list[None] = []

    def progress(total: int) -> Callable[[], None]:
        calls.append(total)
        return lambda: ticks.append(None)

    for fmt in ("csv", "xlsx", "json", "xapi"):
        export(store, ExportOptions(format=fmt), io.BytesIO(), progress=progress)
    assert calls == [6, 6, 6, 6]
    assert len(ticks) == 24


def test_progress_bar_draws_only_on_a_terminal() -> None:
    from rich.console import Console

    from simulator.tui.progress import ProgressBar

    quiet = ProgressBar("Exporting")  # stderr is not a terminal under pytest
    advance = quiet(3)
    advance()
    quiet.stop()
    bar = ProgressBar("Exporting")
    screen = io.StringIO()
    bar.console = Console(file=screen, force_terminal=True, width=80)
    bar.enabled = True
    advance = bar(3)
    for _ in range(3):
        advance()
    bar.stop()
    assert "Exporting" in screen.getvalue()
