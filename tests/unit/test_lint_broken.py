"""One defect per file in tests/data/broken/: lint reports exactly that code, line and column."""

import json
import time
import tracemalloc
from pathlib import Path

import pytest

from scoring import yaml_tree
from simulator.authoring.lint import lint_file, lint_paths
from simulator.cli import main
from tests.yaml_loaders import LOADERS

ROOT_DIR = Path(__file__).resolve().parents[2]

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"

# file: (code, line, column) of the only finding lint reports for it
EXPECTED: dict[str, tuple[str, int, int]] = {
    # unsafe or unreadable files, refused before composing
    "alias-bomb": ("E005", 8, 23),
    "not-utf8": ("E003", 3, 1),
    # YAML
    "syntax": ("E010", 5, 15),
    "duplicate-key": ("E011", 8, 1),
    "merge-key": ("E006", 33, 5),
    "two-documents": ("E014", 48, 1),
    "yaml11-bool-text": ("E108", 36, 9),
    "yaml11-bool-flag": ("W206", 28, 14),
    # schema
    "unknown-key": ("E102", 33, 5),
    "missing-key": ("E103", 3, 1),
    "wrong-type": ("E104", 21, 19),
    "bad-choice": ("E105", 10, 9),
    "pass-mark-range": ("E106", 24, 14),
    "weight-range": ("E106", 23, 22),
    "empty-text": ("E107", 5, 8),
    "unknown-signal": ("E120", 50, 23),
    "unknown-category": ("E121", 50, 20),
    "unknown-trigger": ("E131", 53, 9),
    "weights-zero": ("E140", 23, 12),
    "escalation-no-targets": ("E136", 21, 13),
    # references
    "unknown-fact": ("E122", 57, 27),
    "duplicate-fact": ("E123", 20, 5),
    "unknown-state": ("E130", 54, 9),
    "initial-terminal": ("E132", 20, 10),
    "no-terminal": ("E133", 26, 3),
    "exhausted-not-terminal": ("E134", 21, 33),
    "no-hung-up": ("E135", 3, 1),
    # design
    "dead-end": ("E201", 37, 3),
    "no-good-ending": ("E202", 20, 10),
    "no-lines": ("E203", 34, 12),
    "doomed": ("W202", 37, 3),
    "escalation-unhandled": ("W209", 21, 24),
    "unreachable": ("W201", 37, 3),
    "never-revealed": ("W203", 17, 9),
    "single-variant": ("W204", 35, 7),
    "shadowed": ("W205", 58, 5),
    "weights-sum": ("W207", 23, 12),
    "fact-not-said": ("W208", 28, 23),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_reports_its_one_defect(name):
    report = lint_file(BROKEN / f"{name}.yaml")
    found = [(i.code, i.location.line, i.location.column) for i in report.issues]
    assert found == [EXPECTED[name]], [i.render() for i in report.issues]
    issue = report.issues[0]
    assert issue.location.path.endswith(f"{name}.yaml")
    assert issue.message
    assert issue.hint, "every finding says how to fix it"
    assert issue.is_error == EXPECTED[name][0].startswith("E")


def test_every_broken_file_is_in_the_table():
    names = {p.stem for p in BROKEN.glob("*.yaml")} - {"valid-base"}
    assert names == set(EXPECTED)


def test_the_base_they_were_copied_from_is_clean():
    assert lint_file(BROKEN / "valid-base.yaml").issues == []


@pytest.mark.parametrize(
    ("name", "close"),
    [
        ("unknown-key", "did you mean 'mood'?"),
        ("bad-choice", "did you mean 'angry'?"),
        ("unknown-signal", "did you mean 'empathy'?"),
        ("unknown-trigger", "did you mean 'empathy'?"),
        ("unknown-state", "did you mean 'calmer'?"),
        ("unknown-fact", "did you mean 'jammed'?"),
    ],
)
def test_close_names_get_a_did_you_mean(name, close):
    (issue,) = lint_file(BROKEN / f"{name}.yaml").issues
    assert issue.hint == close


def test_duplicate_ids_across_a_folder():
    report = lint_paths([BROKEN / "duplicate-ids"])
    (issue,) = report.issues
    assert issue.code == "E301"
    assert issue.location.path.endswith("b/dup.yaml")
    assert (issue.location.line, issue.location.column) == (3, 5)
    assert "a/dup.yaml:3" in issue.message


def test_file_name_should_match_the_id(tmp_path):
    other = tmp_path / "printer-jam.yaml"
    other.write_text((BROKEN / "valid-base.yaml").read_text())
    (issue,) = lint_paths([other]).issues
    assert (issue.code, issue.location.line, issue.location.column) == ("W301", 3, 5)
    assert issue.hint.startswith("rename the file to valid-base.yaml")


def _measure(path: Path) -> tuple[str, float, int]:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        report = lint_file(path)
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    (issue,) = report.issues
    return issue.code, elapsed, peak


def test_ten_megabyte_file_is_refused_fast(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b'id: big\nbriefing: "' + b"x" * (10 * 1024 * 1024) + b'"\n')
    code, _, peak = _measure(big)
    assert code == "E002"
    assert peak < 5_000_000


def test_billion_laughs_is_refused_fast():
    code, _, peak = _measure(BROKEN / "alias-bomb.yaml")
    assert code == "E005"
    assert peak < 5_000_000


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "{" * 100_000, "".join("  " * i + f"k{i}:\n" for i in range(200))],
    ids=["flow-sequences", "flow-mappings", "block-mappings"],
)
@pytest.mark.parametrize("loader", LOADERS)
def test_deep_nesting_is_refused_with_either_loader(tmp_path, monkeypatch, text, loader):
    monkeypatch.setattr(yaml_tree, "_LOADER", loader)
    deep = tmp_path / "deep.yaml"
    deep.write_text(text)
    code, _, peak = _measure(deep)
    assert code == "E004"
    assert peak < 20_000_000


def test_cli_exit_codes_and_json(capsys):
    assert main(["lint", str(BROKEN / "valid-base.yaml")]) == 0
    assert main(["lint", str(BROKEN / "single-variant.yaml")]) == 0  # warnings only
    assert main(["lint", "--strict", str(BROKEN / "single-variant.yaml")]) == 1
    capsys.readouterr()
    assert main(["lint", "--json", str(BROKEN / "unknown-state.yaml")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 1 and data["warnings"] == 0
    (issue,) = data["issues"]
    assert issue["code"] == "E130" and (issue["line"], issue["column"]) == (54, 9)
    assert issue["severity"] == "error" and issue["hint"] == "did you mean 'calmer'?"


def test_cli_text_names_file_line_column(capsys):
    assert main(["lint", str(BROKEN / "unknown-trigger.yaml")]) == 1
    out = capsys.readouterr().out
    assert (
        "unknown-trigger.yaml:53:9: error [E131]: transitions[1].on: unknown trigger 'empathie'"
        in out
    )
    assert "hint: did you mean 'empathy'?" in out
    assert out.rstrip().endswith("failed: 1 error, 0 warnings in 1 file")


def test_missing_path_is_not_found(capsys):
    assert main(["lint", "no/such/folder"]) == 1  # not found: exit 1, like every command


def test_ascii_punctuation_in_chinese_text_is_a_warning() -> None:
    from simulator.authoring.lint import lint_text
    from simulator.authoring.punctuation import full_width, misused

    assert full_width("您好,请问(VPN)断了吗?") == "您好，请问（VPN）断了吗？"
    assert full_width("15:00 前, Outlook (see above)") == "15:00 前， Outlook (see above)"
    assert misused("会议在15:00开始") == []
    text = (ROOT_DIR / "scenarios" / "angry-no-callback-zh.yaml").read_text(encoding="utf-8")
    report = lint_text(text.replace("title: ", "title: 好,", 1), "angry-no-callback-zh.yaml")
    titles = [i for i in report.issues if i.code == "W210" and i.location.line == 4]
    assert titles and not titles[0].is_error
    english = lint_text(
        (ROOT_DIR / "scenarios" / "angry-mail-outage-en.yaml").read_text(encoding="utf-8")
    )
    assert not [i for i in english.issues if i.code == "W210"]
