"""The `roleplay` command's contracts: check, list, play --replies, broken files, make demo."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
REPLIES = SCENARIOS / "replies"
SCENARIO_IDS = sorted(
    p.stem for p in SCENARIOS.glob("*.yaml") if not p.name.endswith(".walkthrough.yaml")
)
GOOD_OUTCOMES = {"resolved", "escalated"}
BAD_OUTCOMES = {"hung_up", "complaint_filed", "abandoned"}


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No user data, config or terminal width leaks in or out."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("ROLEPLAY_DB", str(tmp_path / "default.sqlite3"))
    monkeypatch.setenv("ROLEPLAY_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("ROLEPLAY_TRAINEE", raising=False)
    monkeypatch.delenv("ROLEPLAY_SCENARIOS", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- roleplay check ------------------------------------------------------------------------------


def test_check_json_reads_one_reply_per_stdin_line(monkeypatch, capsys):
    _stdin(monkeypatch, "I understand how frustrating this is.\nCalm down.\n")
    assert main(["check", "--lang", "en", "--json"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 2 and out.endswith("\n")
    first, second = (json.loads(line) for line in lines)
    assert set(first) == {"text", "signals"}
    assert first["text"] == "I understand how frustrating this is."
    assert second["text"] == "Calm down."

    (empathy,) = [s for s in first["signals"] if s["name"] == "empathy"]
    start, end = empathy["span"]
    assert first["text"][start:end] == empathy["evidence"]
    assert empathy["rule"].startswith("empathy.")
    assert {"name", "category", "span", "evidence", "rule"} <= set(empathy)

    (avoided,) = [s for s in second["signals"] if s["name"] == "avoided"]
    assert avoided["category"] == "dismissive"
    assert avoided["suggestion"]
    assert second["text"][slice(*avoided["span"])] == avoided["evidence"] == "Calm down"


def test_check_skips_blank_lines_and_keeps_order(monkeypatch, capsys):
    _stdin(monkeypatch, "Calm down.\n\n   \nI'm sorry.\r\n")
    assert main(["check", "--json"]) == 0
    texts = [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()]
    assert texts == ["Calm down.", "I'm sorry."]


def test_check_text_argument(capsys):
    assert main(["check", "--lang", "zh", "--json", "非常抱歉給您帶來不便"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    data = json.loads(line)
    assert data["text"] == "非常抱歉給您帶來不便"
    assert any(s["name"] == "apology" for s in data["signals"])
    for s in data["signals"]:
        assert data["text"][s["span"][0] : s["span"][1]] == s["evidence"]


def test_check_scenario_uses_its_names_facts_and_jargon(capsys):
    text = "So just to confirm, Mr. Osei: your AD account is locked and you can't log in?"
    assert main(["check", "--json", text]) == 0
    plain = json.loads(capsys.readouterr().out)["signals"]
    assert not any(s["name"] == "name_use" for s in plain)
    assert not any(s["rule"].startswith("scenario.") for s in plain)
    assert not any(s.get("facts") for s in plain)

    assert main(["check", "--scenario", "password-reset-en", "--json", text]) == 0
    data = json.loads(capsys.readouterr().out)
    by_name = {s["name"]: s for s in data["signals"]}
    assert by_name["name_use"]["evidence"] == "Mr. Osei"
    assert by_name["jargon"]["rule"].startswith("scenario.jargon")
    assert by_name["jargon"]["suggestion"]
    assert by_name["restate"]["facts"] == ["locked"]
    for s in data["signals"]:
        assert text[s["span"][0] : s["span"][1]] == s["evidence"]


def test_check_scenario_with_other_language_is_a_usage_error(capsys):
    assert main(["check", "--lang", "zh", "--scenario", "angry-mail-outage-en", "x"]) == 2
    assert "does not match" in capsys.readouterr().err


def test_check_table_shows_the_evidence(monkeypatch, capsys):
    replies = "Calm down, I'm sorry about this.\nI will call you back within 10 minutes.\n"
    _stdin(monkeypatch, replies)
    assert main(["check", "--json"]) == 0
    analyses = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    _stdin(monkeypatch, replies)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "Reply analysis" in out
    assert "avoided:dismissive" in out
    squashed = _squash(out)
    signals = [s for analysis in analyses for s in analysis["signals"]]
    assert {s["name"] for s in signals} >= {"avoided", "apology", "eta"}
    for s in signals:
        assert _squash(f"“{s['evidence']}”") in squashed, s
        assert s["rule"] in squashed, s


@pytest.mark.parametrize("lang", ["fr", "EN", ""])
def test_check_bad_lang_is_a_usage_error(capsys, lang):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--lang", lang, "hello"])
    assert exc.value.code == 2
    assert "--lang" in capsys.readouterr().err


def _roleplay() -> list[str]:
    script = Path(sys.executable).with_name("roleplay")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "simulator"]


def test_check_pipe_through_the_console_script(tmp_path):
    """The contract's own example, as a shell would run it."""
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [*_roleplay(), "check", "--lang", "en", "--json"],
        input=b"I understand how frustrating this is.\nCalm down.\n",
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.decode().splitlines())
    assert [s["name"] for s in first["signals"]] == ["empathy"]
    assert [(s["name"], s["category"]) for s in second["signals"]] == [("avoided", "dismissive")]
    bad = subprocess.run(
        [*_roleplay(), "check", "--lang", "fr", "x"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert b"--lang" in bad.stderr


# -- roleplay list -------------------------------------------------------------------------------


def _list_json(capsys, *args: str) -> list[dict[str, object]]:
    assert main(["list", "--json", *args]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    data = json.loads(captured.out)
    assert isinstance(data, list)
    return data


def test_list_json_has_every_bundled_scenario(capsys):
    data = _list_json(capsys)
    assert len(data) >= 16
    for item in data:
        assert {"id", "title", "kind", "language", "channel"} <= set(item)
        assert item["kind"] in {"angry", "confused", "vip"}
        assert item["language"] in {"en", "zh"}
        assert item["channel"] in {"phone", "chat", "email"}
    assert sorted(item["id"] for item in data) == SCENARIO_IDS
    combos = {(item["kind"], item["language"]) for item in data}
    assert combos == {(k, lang) for k in ("angry", "confused", "vip") for lang in ("en", "zh")}


@pytest.mark.parametrize(
    ("option", "value", "key"),
    [
        ("--kind", "angry", "kind"),
        ("--kind", "vip", "kind"),
        ("--lang", "zh", "language"),
        ("--channel", "phone", "channel"),
        ("--channel", "email", "channel"),
    ],
)
def test_list_filters(capsys, option, value, key):
    everything = _list_json(capsys)
    filtered = _list_json(capsys, option, value)
    assert filtered
    assert all(item[key] == value for item in filtered)
    assert [i["id"] for i in filtered] == [i["id"] for i in everything if i[key] == value]


def test_list_filters_combine(capsys):
    data = _list_json(capsys, "--kind", "confused", "--lang", "en")
    assert data and all(i["kind"] == "confused" and i["language"] == "en" for i in data)


def test_list_human_output_ids_unbroken_with_learning_goals(capsys):
    everything = _list_json(capsys)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80  # COLUMNS=80 is honoured
    firsts = {line.split()[0] for line in lines if line.strip() and not line[0].isspace()}
    squashed = _squash(out)
    for item in everything:
        assert item["id"] in firsts, f"{item['id']} is not whole at the start of a line"
        assert _squash(str(item["title"])) in squashed
        assert item["learning_goals"]
        for goal in item["learning_goals"]:
            assert _squash(goal) in squashed, goal


def test_list_with_no_match(capsys):
    everything = _list_json(capsys)
    present = {(i["kind"], i["language"], i["channel"]) for i in everything}
    kinds, langs, channels = ("angry", "confused", "vip"), ("en", "zh"), ("phone", "chat", "email")
    missing = next(
        (k, lang, c)
        for k in kinds
        for lang in langs
        for c in channels
        if (k, lang, c) not in present
    )
    args = ["--kind", missing[0], "--lang", missing[1], "--channel", missing[2]]
    assert _list_json(capsys, *args) == []
    assert main(["list", *args]) == 0
    assert "No scenarios match." in capsys.readouterr().out


# -- roleplay play --replies ---------------------------------------------------------------------


def _play(capsys, tmp_path, scenario: str, replies: Path, db: str) -> tuple[str, str]:
    args = ["play", scenario, "--replies", str(replies), "--seed", "7", "--json"]
    args += ["--db", str(tmp_path / db), "--trainee", "tester"]
    assert main(args) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def _check_result(data: dict[str, object], scenario: str) -> None:
    for key in (
        "session_id",
        "scenario",
        "version_hash",
        "final_state",
        "scores",
        "overall",
        "passed",
        "turns",
    ):
        assert key in data, key
    assert data["scenario"] == scenario
    assert isinstance(data["session_id"], int)
    assert isinstance(data["version_hash"], str) and data["version_hash"]
    scores = data["scores"]
    assert isinstance(scores, dict) and scores
    assert all(0 <= v <= 100 for v in scores.values())
    assert isinstance(data["overall"], int | float) and 0 <= data["overall"] <= 100
    assert isinstance(data["passed"], bool)
    turns = data["turns"]
    assert isinstance(turns, list) and turns
    assert [t["index"] for t in turns] == list(range(1, len(turns) + 1))


@pytest.mark.parametrize("scenario", SCENARIO_IDS)
def test_play_good_and_poor_replies(capsys, tmp_path, scenario):
    good_file = REPLIES / f"{scenario}.good.txt"
    poor_file = REPLIES / f"{scenario}.poor.txt"
    assert good_file.is_file() and poor_file.is_file()

    out, _ = _play(capsys, tmp_path, scenario, good_file, "good.sqlite3")
    good = json.loads(out)
    _check_result(good, scenario)
    assert good["outcome"] in GOOD_OUTCOMES, good["final_state"]
    assert good["complete"] is True
    assert good["passed"] is True
    assert good["overall"] >= good["pass_mark"]

    again, _ = _play(capsys, tmp_path, scenario, good_file, "again.sqlite3")
    assert again == out  # same replies, same seed: byte-identical

    out, _ = _play(capsys, tmp_path, scenario, poor_file, "poor.sqlite3")
    poor = json.loads(out)
    _check_result(poor, scenario)
    assert poor["outcome"] in BAD_OUTCOMES, poor["final_state"]
    assert poor["passed"] is False
    assert poor["overall"] < poor["pass_mark"]


def test_play_reports_ignored_replies_on_stderr(capsys, tmp_path):
    scenario = "angry-mail-outage-en"
    replies = tmp_path / "r.txt"
    text = (REPLIES / f"{scenario}.poor.txt").read_text(encoding="utf-8")
    replies.write_text(text + "[+5s] Sorry, are you still there?\n", encoding="utf-8")
    out, err = _play(capsys, tmp_path, scenario, replies, "x.sqlite3")
    data = json.loads(out)
    assert data["ignored_replies"] >= 1
    assert "ignored" in err and str(replies) in err


def test_play_uses_roleplay_db_without_db_option(capsys, tmp_path, monkeypatch):
    db = tmp_path / "env.sqlite3"
    monkeypatch.setenv("ROLEPLAY_DB", str(db))
    scenario = "password-reset-en"
    replies = REPLIES / f"{scenario}.good.txt"
    assert main(["play", scenario, "--replies", str(replies), "--json", "--trainee", "t"]) == 0
    assert json.loads(capsys.readouterr().out)["session_id"] == 1
    assert db.is_file()


# -- broken scenario files -----------------------------------------------------------------------


def _broken_copy(tmp_path: Path) -> tuple[Path, int, int]:
    """A bundled scenario with one transition target renamed to an unknown state."""
    source = (SCENARIOS / "angry-mail-outage-en.yaml").read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.startswith("transitions:"))
    for n in range(start, len(lines)):
        m = re.match(r"^(\s+(?:- )?to: )confirmed\s*$", lines[n])
        if m:
            lines[n] = f"{m.group(1)}confirmd\n"
            break
    else:  # pragma: no cover - the bundled file changed shape
        pytest.fail("no transition to 'confirmed' to break")
    path = tmp_path / "broken-scenario.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, n + 1, len(m.group(1)) + 1


def test_play_broken_scenario_names_line_and_column(capsys, tmp_path):
    path, line, column = _broken_copy(tmp_path)
    replies = REPLIES / "angry-mail-outage-en.good.txt"
    code = main(["play", str(path), "--replies", str(replies), "--db", str(tmp_path / "d.db")])
    assert code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{path}:{line}:{column}:" in captured.err
    assert "confirmd" in captured.err
    assert "hint: did you mean 'confirmed'?" in captured.err


def test_lint_broken_scenario_names_line_and_column(capsys, tmp_path):
    path, line, column = _broken_copy(tmp_path)
    assert main(["lint", str(path)]) == 1
    captured = capsys.readouterr()
    # lint's findings are its output (stdout); the summary says it failed
    assert f"{path}:{line}:{column}: error" in captured.out
    assert "hint: did you mean 'confirmed'?" in captured.out
    assert "failed: 1 error" in captured.out


def test_play_bad_replies_file_names_line_and_column(capsys, tmp_path):
    replies = tmp_path / "bad.txt"
    replies.write_text("Hello, how can I help?\n  /escalte tier2 note\n", encoding="utf-8")
    code = main(["play", "angry-mail-outage-en", "--replies", str(replies), "--json"])
    assert code == 1
    captured = capsys.readouterr()
    error = json.loads(captured.out)["error"]
    assert (error["path"], error["line"], error["column"], error["code"]) == (
        str(replies),
        2,
        3,
        "R003",
    )
    assert f"{replies}:2:3:" in captured.err
    assert "did you mean" in captured.err


# -- make demo -----------------------------------------------------------------------------------


def _demo_argv(tmp_path: Path) -> list[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^([A-Z]+) \??:?= ?(.*)$", makefile, re.MULTILINE))
    recipe = re.search(r"^demo:.*\n\t(.+)$", makefile, re.MULTILINE)
    assert recipe is not None
    command = re.sub(r"\$\(([A-Z]+)\)", lambda m: variables.get(m.group(1), ""), recipe.group(1))
    argv = shlex.split(command)
    assert argv[0].endswith("roleplay")
    argv = argv[1:]
    argv[argv.index("--db") + 1] = str(tmp_path / "demo.sqlite3")
    return argv


def test_make_demo_prints_a_debrief(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    argv = _demo_argv(tmp_path)
    assert argv[0] == "play" and "--replies" in argv
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Debrief" in out
    assert "Outcome: resolved" in out or "Outcome: escalated" in out
    assert "Passed" in out
    assert "Scores" in out and "Transcript" in out


def test_debrief_json_flag_is_the_json_format(tmp_path, capsys):
    db = tmp_path / "r.sqlite3"
    replies = ROOT / "scenarios" / "replies" / "password-reset-en.good.txt"
    assert main(["play", "password-reset-en", "--replies", str(replies), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["debrief", "--last", "--json", "--db", str(db)]) == 0
    flag = capsys.readouterr().out
    assert main(["debrief", "--last", "--format", "json", "--db", str(db)]) == 0
    assert flag == capsys.readouterr().out
    assert json.loads(flag)
