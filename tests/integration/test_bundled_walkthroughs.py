"""Every bundled walkthrough (`scenarios/*.walkthrough.yaml`) passes, with the real analyser and rubric."""

from pathlib import Path

import pytest

from simulator.catalog import list_scenarios
from simulator.cli import main
from simulator.lint import lint_paths
from simulator.walkthrough_run import PASSED, render, run_file, run_paths

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
WALKTHROUGHS = sorted(SCENARIOS.glob("*.walkthrough.yaml"))


@pytest.mark.parametrize(
    "path", WALKTHROUGHS, ids=lambda p: p.name.removesuffix(".walkthrough.yaml")
)
def test_bundled_walkthrough_passes(path):
    result = run_file(path)
    if result.status != PASSED:
        from simulator.walkthrough_run import TestRun

        pytest.fail(render(TestRun([result], result.seconds), verbose=True))


def test_every_bundled_scenario_has_a_walkthrough():
    if not WALKTHROUGHS:
        pytest.skip("no bundled walkthroughs yet")
    covered = {p.name.split(".", 1)[0] for p in WALKTHROUGHS}
    missing = sorted(s.id for s in list_scenarios().scenarios if s.id not in covered)
    assert missing == [], f"scenarios without a walkthrough: {', '.join(missing)}"


def test_bundled_scenarios_lint_without_errors():
    report = lint_paths([SCENARIOS])
    assert report.error_count == 0, "\n".join(i.render() for i in report.issues if i.is_error)


def test_roleplay_test_runs_the_bundled_walkthroughs(capsys):
    if not WALKTHROUGHS:
        pytest.skip("no bundled walkthroughs yet")
    code = main(["test", str(SCENARIOS)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"{len(WALKTHROUGHS)} passed" in out
    assert len(run_paths([SCENARIOS], keyword="no-such-name").results) == 0
