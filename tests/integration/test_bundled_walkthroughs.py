"""Every bundled walkthrough (`scenarios/*.walkthrough.yaml`) passes, with the real analyser and rubric."""

from pathlib import Path

import pytest
import yaml

from simulator.authoring.lint import lint_paths
from simulator.authoring.walkthrough_report import render
from simulator.authoring.walkthrough_run import PASSED, run_file, run_paths
from simulator.cli import main
from simulator.scenario.catalog import bundled_dir, list_scenarios

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
WALKTHROUGHS = sorted(SCENARIOS.glob("*.walkthrough.yaml"))


@pytest.mark.parametrize(
    "path", WALKTHROUGHS, ids=lambda p: p.name.removesuffix(".walkthrough.yaml")
)
def test_bundled_walkthrough_passes(path):
    result = run_file(path)
    if result.status != PASSED:
        from simulator.authoring.walkthrough_run import TestRun

        pytest.fail(render(TestRun([result], result.seconds), verbose=True))


def test_every_bundled_scenario_has_a_walkthrough():
    assert WALKTHROUGHS, "no bundled walkthroughs found"
    covered = {p.name.split(".", 1)[0] for p in WALKTHROUGHS}
    missing = sorted(s.id for s in list_scenarios().scenarios if s.id not in covered)
    assert missing == [], f"scenarios without a walkthrough: {', '.join(missing)}"


def test_bundled_scenarios_lint_without_errors():
    report = lint_paths([SCENARIOS])
    assert report.error_count == 0, "\n".join(i.render() for i in report.issues if i.is_error)


def test_roleplay_test_runs_the_bundled_walkthroughs(capsys):
    assert WALKTHROUGHS, "no bundled walkthroughs found"
    code = main(["test", str(SCENARIOS)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"{len(WALKTHROUGHS)} passed" in out
    assert len(run_paths([SCENARIOS], keyword="no-such-name").results) == 0


def _kinds_by_scenario() -> dict[str, dict[str, Path]]:
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(bundled_dir().glob("*.walkthrough.yaml")):
        scenario_id, kind = path.name.removesuffix(".walkthrough.yaml").rsplit(".", 1)
        found.setdefault(scenario_id, {})[kind] = path
    return found


KINDS = _kinds_by_scenario()


def test_every_scenario_has_exemplary_poor_and_mixed_walkthroughs():
    assert len(KINDS) >= 16
    for scenario_id, kinds in KINDS.items():
        assert {"exemplary", "poor", "mixed"} <= set(kinds), scenario_id


@pytest.mark.parametrize("scenario_id", sorted(KINDS))
def test_exemplary_is_well_clear_of_poor(scenario_id):
    """Exemplary ≥ 25 points above poor overall; each dimension the poor walkthrough is
    meant to fail (capped in its expectations) ≥ 30 points lower than in the exemplary."""
    kinds = KINDS[scenario_id]
    good = run_file(kinds["exemplary"])
    poor = run_file(kinds["poor"])
    assert good.grade is not None and poor.grade is not None
    assert good.grade.overall >= poor.grade.overall + 25, (good.grade.overall, poor.grade.overall)
    expect = yaml.safe_load(kinds["poor"].read_text(encoding="utf-8"))["expect"]
    failed = [
        d for d, bound in expect.get("scores", {}).items() if "max" in bound and bound["max"] <= 50
    ]
    assert failed, f"{scenario_id}: the poor walkthrough names no dimension it fails"
    good_scores, poor_scores = good.grade.scores(), poor.grade.scores()
    for dim in failed:
        assert good_scores[dim] >= poor_scores[dim] + 30, (dim, good_scores[dim], poor_scores[dim])


def test_every_bundled_scenario_declares_right_and_wrong_moves_and_fails_polite_harm():
    """A polite call with the wrong fix can never pass: every scenario says what the
    right and the wrong moves are, and its harmful walkthrough proves it fails."""
    from simulator.scenario.catalog import load_scenario

    for info in list_scenarios().scenarios:
        scenario = load_scenario(info.id)
        kinds = {m.kind for m in scenario.moves}
        assert kinds == {"right", "wrong"}, info.id
        assert any(m.severity == "blocker" for m in scenario.moves if not m.is_right), info.id
        harmful = KINDS.get(info.id, {}).get("harmful")
        assert harmful is not None, f"{info.id}: no harmful walkthrough"
        result = run_file(harmful)
        assert result.status == PASSED and result.grade is not None
        assert not result.grade.passed and result.grade.blockers_hit, info.id
