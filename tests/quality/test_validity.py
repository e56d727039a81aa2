"""The blind validity suite's acceptance thresholds (figures: `python -m tests.quality.validity`)."""

from __future__ import annotations

from functools import lru_cache

from tests.quality.validity import Figures, measure, report

AGREEMENT = 0.95


@lru_cache(maxsize=1)
def _figures() -> Figures:
    return measure()


def test_the_suite_has_plays_of_every_kind_and_verdict():
    runs = _figures().runs
    assert len({r.scenario for r in runs}) >= 8
    assert any(r.expected_pass for r in runs) and any(not r.expected_pass for r in runs)
    assert any(r.gaming for r in runs)


def test_verdicts_agree_with_the_trainer():
    figures = _figures()
    assert figures.agreement >= AGREEMENT, report(figures, plays=True)


def test_every_pass_worthy_play_scores_above_every_fail_worthy_one():
    figures = _figures()
    good, total = figures.pairs()
    assert total > 0
    assert good == total, report(figures, plays=True)


def test_no_harmful_template_parroting_or_stuffed_play_passes():
    figures = _figures()
    assert figures.gamed_passes == (), report(figures, plays=True)
