"""Play refuses exactly what lint calls an error: one reader, two collectors.

Every broken example in tests/data/broken and every bundled scenario is read both ways;
the first error play reports is one of the errors lint reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.authoring.lint import lint_file
from simulator.errors import ScenarioError
from simulator.scenario.catalog import is_scenario_file
from simulator.scenario.reader import load_scenario_file
from tests.hostile.harness import ROOT

FILES = sorted(
    p
    for folder in (ROOT / "tests" / "data" / "broken", ROOT / "scenarios")
    for p in folder.glob("*.yaml")
    if is_scenario_file(p)
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_play_refuses_what_lint_calls_an_error(path: Path) -> None:
    report = lint_file(path)
    lint_errors = {(i.code, i.location.line, i.location.column) for i in report.errors}
    try:
        load_scenario_file(path)
    except ScenarioError as exc:
        assert lint_errors, f"play refused what lint passes: {exc}"
        first = (exc.code, exc.location.line, exc.location.column)
        assert first in lint_errors, (first, lint_errors)
    else:
        assert not lint_errors, f"play accepted what lint calls an error: {report.errors}"


def test_a_cycle_with_no_good_ending_lints_and_plays_as_e202(tmp_path: Path) -> None:
    from tests.scenario_text import MINIMAL

    text = MINIMAL.replace("to: resolved", "to: opening")
    path = tmp_path / "tiny-en.yaml"
    path.write_text(text, encoding="utf-8")
    assert "E202" in {i.code for i in lint_file(path).errors}
    with pytest.raises(ScenarioError) as caught:
        load_scenario_file(path)
    assert caught.value.code == "E202"
