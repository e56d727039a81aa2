"""The held-out part of the validity suite: plays never used to tune the grading.

``tests/data/validity_heldout/set-c`` (half of the third writing round, eight scenarios)
and ``set-h`` (the eighth round, all sixteen) show how far the rules generalise to
trainers they were not written against, so the thresholds are floors that guard against
regressions, below the tuned sets' (see docs/grading.md for the figures).
Figures: `python -m tests.quality.validity --held-out --plays`.
"""

from __future__ import annotations

from functools import lru_cache

from tests.quality.validity import HELD_OUT, Figures, measure, report

AGREEMENT_FLOOR = 0.95
PAIR_ORDER_FLOOR = 0.98


@lru_cache(maxsize=1)
def _figures() -> Figures:
    return measure(data=HELD_OUT)


def test_held_out_plays_cover_every_scenario_and_both_verdicts():
    runs = _figures().runs
    assert len({r.scenario for r in runs}) == 16
    assert any(r.expected_pass for r in runs) and any(r.gaming for r in runs)


def test_held_out_verdicts_stay_above_the_floor():
    figures = _figures()
    assert figures.agreement >= AGREEMENT_FLOOR, report(figures, plays=True)
    assert figures.pair_order >= PAIR_ORDER_FLOOR, report(figures, plays=True)


def test_no_held_out_gaming_play_passes():
    figures = _figures()
    assert figures.gamed_passes == (), report(figures, plays=True)
