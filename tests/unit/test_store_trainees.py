"""`roleplay trainees`: names and cohorts by hand or from a roster CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main


def test_set_import_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "r.db")
    assert (
        main(["trainees", "set", "alice", "--name", "Alice", "--cohort", "march", "--db", db]) == 0
    )
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "\ufefftrainee_id,display_name,cohort\r\nbob,Bob B,march\r\nalice,,april\r\n",
        encoding="utf-8",
    )
    assert main(["trainees", "import", str(roster), "--db", db]) == 0
    assert "2 trainee(s) imported" in capsys.readouterr().err
    assert main(["trainees", "--json", "--db", db]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == [
        {"trainee_id": "alice", "display_name": "Alice", "cohort": "april"},
        {"trainee_id": "bob", "display_name": "Bob B", "cohort": "march"},
    ]
    assert main(["trainees", "--cohort", "march", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "bob" in out and "alice" not in out


def test_bad_roster_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("trainee_id,cohort\nok,a\n,b\n", encoding="utf-8")
    assert main(["trainees", "import", str(roster), "--db", str(tmp_path / "r.db")]) == 1
    assert f"{roster}:3" in capsys.readouterr().err
    roster.write_text("name,cohort\nx,y\n", encoding="utf-8")
    assert main(["trainees", "import", str(roster), "--db", str(tmp_path / "r.db")]) == 1
    assert "no trainee_id column" in capsys.readouterr().err
