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


ROSTER = "trainee_id,display_name,cohort\nwx01,王小明,2026-春季\nlm02,李美玲,2026-春季\n"
TRADITIONAL = "trainee_id,display_name,cohort\ntw01,陳怡君,臺北班\ntw02,張家豪,臺北班\n"


@pytest.mark.parametrize(
    ("text", "encoding", "sep"),
    [
        (ROSTER, "utf-8", ","),
        (ROSTER, "utf-8-sig", ","),
        (ROSTER, "gbk", ","),
        (ROSTER, "gb18030", ";"),
        (TRADITIONAL, "big5", ","),
        (TRADITIONAL, "utf-16", "\t"),
        (ROSTER, "utf-8", "|"),
    ],
)
def test_rosters_as_excel_saves_them(tmp_path: Path, text: str, encoding: str, sep: str) -> None:
    from simulator.store.roster import read_roster

    roster = tmp_path / "roster.csv"
    roster.write_bytes(text.replace(",", sep).encode(encoding))
    expected = [tuple(line.split(",")) for line in text.splitlines()[1:]]
    assert read_roster(roster) == expected


def test_a_roster_in_no_known_encoding_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(b"trainee_id\n\x81\x20\xff\xfe\x80\n")
    assert main(["trainees", "import", str(roster), "--db", str(tmp_path / "r.db")]) == 1
    err = capsys.readouterr().err
    assert f"{roster}:1" in err and "UTF-8, GB18030 (GBK) or Big5" in err
    assert "CSV UTF-8" in err and "Traceback" not in err


def test_a_roster_without_the_id_column_shows_what_was_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("学员;姓名\nx;y\n", encoding="utf-8")
    assert main(["trainees", "import", str(roster), "--db", str(tmp_path / "r.db")]) == 1
    err = capsys.readouterr().err
    assert "separated by semicolons" in err and "'学员', '姓名'" in err
    assert "trainee_id,display_name,cohort" in err
