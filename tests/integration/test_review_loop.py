"""The review loop end to end: dispute → ruling → the labelled set → regrade → extension."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main

REPLIES = [
    "[+20s] Good morning, this is Sam from the IT service desk. I'm sorry you're locked out.",
    "[+30s] Right, I'll ring you back before the school run.",
    "/end",
]
EXTENSION = """\
language: en
rules:
  - id: org.eta.school_run
    signal: eta
    patterns: ["before the school run"]
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.fixture
def org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "org"
    monkeypatch.setenv("ROLEPLAY_PHRASEBOOKS", str(folder))
    return folder


def test_an_upheld_dispute_joins_the_set_regrades_and_guards_the_extension(
    tmp_path: Path, org: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """On both backends: the disputes table is schema migration 4 of the one store."""
    replies = tmp_path / "replies.txt"
    replies.write_text("\n".join(REPLIES) + "\n", encoding="utf-8")
    code, out = run(capsys, "play", "password-reset-en", "--replies", str(replies), "--db", db,
                    "--trainee", "ana", "--json")  # fmt: skip
    played = json.loads(out)
    session = str(played["session_id"])

    # the trainee disputes turn 2: a time was given, the debrief says no ETA
    code, out = run(capsys, "dispute", session, "2", "--reason", "I gave a time", "--db", db,
                    "--json")  # fmt: skip
    filed = json.loads(out)
    assert code == 0 and filed["found"] == ["ownership"] and filed["status"] == "open"

    # the trainer sees it with the reply, and upholds it
    code, out = run(capsys, "review", "--db", db, "--json")
    listed = [json.loads(line) for line in out.splitlines()]
    assert [d["id"] for d in listed] == [filed["id"]]
    assert listed[0]["reply"] == "Right, I'll ring you back before the school run."
    code, out = run(capsys, "review", str(filed["id"]), "--uphold", "eta,ownership",
                    "--note", "a school run is a time here", "--trainer", "lee", "--db", db,
                    "--json")  # fmt: skip
    ruled = json.loads(out)
    assert ruled["dispute"]["status"] == "upheld"
    assert ruled["old_overall"] == played["overall"]
    assert ruled["overall"] != ruled["old_overall"]

    # the reply is now a labelled example of the organisation's set …
    local = (org / "review-en.tsv").read_text(encoding="utf-8")
    assert "eta,ownership\tpassword-reset-en\tRight, I'll ring you back before" in local
    # … which the bundled phrasebook fails, until the organisation's extension reads it
    code, out = run(capsys, "review", "--check")
    assert code == 1 and "ruled eta, ownership, found ownership" in out
    (org / "en.yaml").write_text(EXTENSION, encoding="utf-8")
    code, out = run(capsys, "review", "--check")
    assert code == 0 and "1 of 1 ruled replies read as ruled" in out

    # a ruling is final; the regrade is stored
    assert main(["review", str(filed["id"]), "--reject", "--db", db]) == 1
    capsys.readouterr()
    code, out = run(capsys, "review", "--status", "upheld", "--db", db)
    assert "ruling: eta, ownership — a school run is a time here" in out
    code, out = run(capsys, "replay", session, "--keep-signals", "--json", "--db", db)
    replayed = json.loads(out)
    assert replayed["old"]["overall"] == replayed["overall"] == ruled["overall"]

    # the debrief and the HR export show the dispute and its ruling
    code, out = run(capsys, "debrief", session, "--format", "md", "--db", db)
    assert "## Disputes" in out
    assert "Turn 2: “I gave a time” — upheld by lee: graded as eta, ownership" in out
    code, out = run(capsys, "debrief", session, "--json", "--db", db)
    assert json.loads(out)["overall"] == ruled["overall"]
    export = tmp_path / "hr.json"
    assert main(["export", "--format", "json", "--out", str(export), "--db", db]) == 0
    attempt = json.loads(export.read_text(encoding="utf-8"))["attempts"][0]
    assert attempt["disputes"] == {"filed": 1, "upheld": 1}


def test_disputing_a_turn_that_does_not_exist_is_a_clear_error(
    tmp_path: Path, org: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "r.db")
    replies = tmp_path / "replies.txt"
    replies.write_text(REPLIES[0] + "\n/end\n", encoding="utf-8")
    run(capsys, "play", "password-reset-en", "--replies", str(replies), "--db", db, "--json")
    assert main(["dispute", "1", "7", "--reason", "x", "--db", db]) == 2
    assert "has no trainee turn 7" in capsys.readouterr().err


def test_dispute_while_playing_is_stored_for_review(
    tmp_path: Path, org: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from prompt_toolkit.input import create_pipe_input

    from tests.integration.test_interactive import play_through_pipe, recording_console

    console = recording_console()
    db = tmp_path / "r.db"
    with create_pipe_input() as pipe:
        pipe.send_text("\n")  # ready to take the call
        pipe.send_text("Hello, I'll ring you back before the school run.\n")
        pipe.send_text("/dispute I gave a time\n/dispute 9 no such turn\n")
        pipe.send_text("\x03")
        assert play_through_pipe(pipe, "ana", db, console) == 130
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Dispute 1 recorded for turn 1; a trainer will rule on it." in out
    assert "There is no turn 9 yet." in out
    _, listed = run(capsys, "review", "--db", str(db), "--json")
    dispute = json.loads(listed)
    assert (dispute["turn"], dispute["reason"]) == (1, "I gave a time")


def test_db_copy_carries_disputes_and_rulings_once(
    tmp_path: Path, org: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.store.disputes import Disputes
    from simulator.store.results_store import ResultStore

    laptop = str(tmp_path / "laptop.db")
    replies = tmp_path / "replies.txt"
    replies.write_text("\n".join(REPLIES) + "\n", encoding="utf-8")
    _, out = run(capsys, "play", "password-reset-en", "--replies", str(replies), "--db", laptop,
                 "--trainee", "ana", "--json")  # fmt: skip
    session = str(json.loads(out)["session_id"])
    assert main(["dispute", session, "2", "--reason", "I gave a time", "--db", laptop]) == 0
    assert main(["db", "copy", laptop, pg_url]) == 0
    assert main(["review", "1", "--reject", "--note", "no time given", "--db", laptop]) == 0
    assert main(["db", "copy", laptop, pg_url]) == 0  # again: the ruling, nothing doubled
    with ResultStore.open(pg_url, create=False) as server:
        copied = Disputes(server).list(None)
    assert [(d.turn, d.reason, d.status, d.note) for d in copied] == [
        (2, "I gave a time", "rejected", "no time given")
    ]
