"""Calibration: the bundled model answers beat the poor ones, and poor answers never pass.

Every scenario ships an exemplary and a poor replies file (scenarios/replies/). Played
through the real analyser and rubric, the exemplary one must score well clear of the
poor one, must pass whenever it reaches a good outcome, and the poor one must fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.transcript import GOOD_OUTCOMES
from simulator.engine.headless import HeadlessRun, play_script
from simulator.engine.replies import load_replies
from simulator.scenario.catalog import bundled_dir, load_scenario

REPLIES = bundled_dir() / "replies"
PAIRS = sorted(p.name.removesuffix(".good.txt") for p in REPLIES.glob("*.good.txt"))
MARGIN = 20


def play(scenario_id: str, which: str) -> HeadlessRun:
    path: Path = REPLIES / f"{scenario_id}.{which}.txt"
    return play_script(load_scenario(scenario_id), load_replies(path), seed=7)


@pytest.mark.slow
@pytest.mark.parametrize("scenario_id", PAIRS)
def test_model_answer_beats_the_poor_one(scenario_id: str) -> None:
    good = play(scenario_id, "good").result
    poor = play(scenario_id, "poor").result
    assert not poor.grade.passed, poor.grade.scores()
    assert good.grade.overall >= poor.grade.overall + MARGIN, (
        good.grade.scores(),
        poor.grade.scores(),
    )
    if good.transcript.outcome in GOOD_OUTCOMES:
        assert good.grade.passed, (good.grade.overall, good.grade.reasons)


def test_there_is_something_to_calibrate() -> None:
    assert len(PAIRS) >= 2
