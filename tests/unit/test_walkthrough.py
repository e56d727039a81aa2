"""Walkthrough files: parsing with located errors, running with expectations, `roleplay test`."""

import json
from pathlib import Path

import pytest

from scoring.grade import DimensionScore, Grade
from simulator.authoring.walkthrough import load_walkthrough
from simulator.authoring.walkthrough_run import ERROR, FAILED, PASSED, run_file, run_paths
from simulator.cli import main
from simulator.errors import LocatedError
from tests.fake_analyzer import tag_analyze
from tests.scenario_text import MINIMAL

GOOD = """\
scenario: tiny-en
name: good
seed: 3
turns:
  - "[+5s] [empathy] I understand"
  - say: "[restate:no_mail] [eta] fixed in 10 minutes"
    seconds: 10
    expect:
      state: resolved
      signals: [eta, restate]
      no_signals: [avoided]
      mood: {min: 2}
      patience: {min: 2, max: 2}
expect:
  final_state: resolved
  outcome: resolved
  path: [opening, calmer, resolved]
  ignored_replies: 0
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "tiny-en.yaml").write_text(MINIMAL)
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"tiny-en.{name}.walkthrough.yaml"
    path.write_text(text)
    return path


def run(folder: Path, text: str, name: str = "w"):
    return run_file(write(folder, name, text), analyze=tag_analyze)


def test_a_passing_walkthrough(folder):
    result = run(folder, GOOD)
    assert result.status == PASSED, result.failures
    assert result.states == ["opening", "calmer", "resolved"]
    assert result.test_id.endswith("tiny-en.w.walkthrough.yaml::good")


def test_failures_name_the_expectation_and_what_happened(folder):
    text = GOOD.replace("state: resolved", "state: calmer").replace(
        "signals: [eta, restate]", "signals: [eta, apology]"
    )
    text = text.replace("path: [opening, calmer, resolved]", "path: [opening, resolved]")
    result = run(folder, text)
    assert result.status == FAILED
    messages = {(f.location.line, f.location.column): f.message for f in result.failures}
    assert messages[(9, 14)] == "turn 2: expected state 'calmer', got 'resolved'"
    assert messages[(10, 16)] == "turn 2: expected signal(s) not found: apology"
    assert messages[(17, 9)] == "the path differs"
    detail = next(f.detail for f in result.failures if f.message == "the path differs")
    assert detail == ("expected: opening -> resolved", "got:      opening -> calmer -> resolved")


def test_unwanted_signal_shows_the_evidence(folder):
    text = GOOD.replace(
        '"[restate:no_mail] [eta] fixed', '"[avoided:blame] [restate:no_mail] [eta] fixed'
    )
    result = run(folder, text)
    failure = next(f for f in result.failures if "unwanted" in f.message)
    assert failure.message == "turn 2: unwanted signal(s) found: avoided"
    assert any("[avoided:blame]" in d for d in failure.detail)


def test_turns_after_the_end_are_ignored_and_their_expectations_fail(folder):
    text = """\
scenario: tiny-en
turns:
  - /end
  - say: "[empathy]"
    expect: {state: calmer}
expect:
  outcome: abandoned
  ignored_replies: 1
"""
    result = run(folder, text)
    (failure,) = result.failures
    assert failure.message == "turn 2 was never played: the conversation ended after turn 1"
    assert (failure.location.line, failure.location.column) == (5, 21)


def test_start_from_a_state_with_preset_patience(folder):
    text = """\
scenario: tiny-en
start: {state: calmer, patience: 1, revealed: [no_mail]}
turns:
  - say: whatever
    expect: {state: hung_up, patience: {max: 0}}
expect: {outcome: hung_up, path: [calmer, hung_up]}
"""
    assert run(folder, text).status == PASSED


def test_started_state_keeps_its_revealed_facts(folder):
    text = """\
scenario: tiny-en
start: {state: calmer, revealed: [no_mail]}
turns:
  - say: "[restate:no_mail] [eta] fixed by ten"
    expect: {state: resolved}
"""
    assert run(folder, text).status == PASSED


def test_unfinished_outcome_and_replies_file(folder):
    (folder / "r.txt").write_text("[+3s] [empathy] sorry\n")
    text = "scenario: ./tiny-en.yaml\nreplies: r.txt\nexpect: {outcome: unfinished, final_state: calmer}\n"
    assert run(folder, text).status == PASSED


def test_grade_expectations_use_the_grader(folder):
    def grader(transcript, spec):
        dims = tuple(DimensionScore(d, 80, 0.2, (), "") for d in spec.weights)
        return Grade(dims, 80, True, spec.pass_mark, ("Too slow on turn 2",), ())

    text = (
        GOOD
        + "  passed: true\n  overall: {min: 75}\n  scores: {empathy: {min: 90}}\n  reasons_include: [slow]\n"
    )
    path = write(folder, "graded", text)
    result = run_file(path, analyze=tag_analyze, grader=grader)
    (failure,) = result.failures
    assert failure.message == "score empathy is 80, expected at least 90"
    assert result.to_json()["overall"] == 80


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "column"),
    [
        ("scenario: tiny-en", "scenario: tiny-em", "T001", 1, 11),
        ("final_state: resolved", "final_state: resolvd", "T103", 15, 16),
        ("signals: [eta, restate]", "signals: [eta, restat]", "E120", 10, 22),
        ("mood: {min: 2}", "mood: {min: 3, max: 1}", "T107", 12, 13),
        ("outcome: resolved", "outcome: solved", "E105", 16, 12),
        ("    seconds: 10", "    seconds: 10\n    secs: 3", "E102", 8, 5),
        ('  - "[+5s] [empathy] I understand"', '  - "[+5s] /escalat x"', "R003", 5, 12),
        ("    seconds: 10", "    seconds: 10\n    expect: {}", "E011", 9, 5),
        ("  ignored_replies: 0", "  ignored_replies: 0\nreplies: r.txt", "T101", 19, 10),
        ("start", "start", "", 0, 0),
    ],
)
def test_walkthrough_errors_are_located(folder, old, new, code, line, column):
    if not code:
        text = GOOD.replace("seed: 3\n", "seed: 3\nstart: {state: resolved}\n")
        code, line, column = "T104", 4, 16
    else:
        text = GOOD.replace(old, new, 1)
    path = write(folder, "bad", text)
    with pytest.raises(LocatedError) as info:
        load_walkthrough(path)
    err = info.value
    assert (err.code, err.location.line, err.location.column) == (code, line, column), str(err)
    result = run_file(path, analyze=tag_analyze)
    assert result.status == ERROR and code in result.error


def test_suggestions_for_misspelt_names(folder):
    path = write(folder, "bad", GOOD.replace("state: resolved", "state: resolvd"))
    with pytest.raises(LocatedError) as info:
        load_walkthrough(path)
    assert info.value.hint == "did you mean 'resolved'?"


COMMANDS_ONLY = """\
scenario: tiny-en
turns:
  - /hold
  - say: /end
    expect: {state: opening}
expect: {outcome: abandoned, final_state: opening}
"""


def test_cli_summary_and_exit_codes(folder, capsys):
    write(folder, "commands", COMMANDS_ONLY)
    assert main(["test", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "tiny-en.commands.walkthrough.yaml::commands PASSED" in out
    assert out.rstrip().splitlines()[-1].startswith("=") and " 1 passed in " in out
    write(folder, "wrong", COMMANDS_ONLY.replace("outcome: abandoned", "outcome: resolved"))
    assert main(["test", str(folder / "tiny-en.yaml")]) == 1
    out = capsys.readouterr().out
    assert "FAILURES" in out and "outcome is 'abandoned', expected 'resolved'" in out
    assert "1 failed, 1 passed in" in out
    assert main(["test", "--json", "-k", "commands", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] == 1 and data["results"][0]["path"] == ["opening", "opening", "opening"]


def test_cli_no_walkthroughs_and_missing_path(folder, capsys):
    assert main(["test", str(folder)]) == 1
    assert "no walkthroughs found" in capsys.readouterr().out
    assert main(["test", str(folder / "nope")]) == 1  # not found


def test_lint_checks_walkthroughs_in_a_folder(folder):
    from simulator.authoring.lint import lint_paths

    write(folder, "ok", COMMANDS_ONLY)
    write(folder, "bad", COMMANDS_ONLY.replace("final_state: opening", "final_state: openin"))
    report = lint_paths([folder])
    assert sorted((i.code, Path(i.location.path).name) for i in report.issues) == [
        ("T103", "tiny-en.bad.walkthrough.yaml"),
        ("W204", "tiny-en.yaml"),
        ("W204", "tiny-en.yaml"),
    ]


def test_run_paths_stops_at_first_failure(folder):
    write(folder, "a", COMMANDS_ONLY.replace("abandoned", "resolved"))
    write(folder, "b", COMMANDS_ONLY)
    run_ = run_paths([folder], stop_first=True, analyze=tag_analyze)
    assert [r.status for r in run_.results] == [FAILED]
