"""Properties of the rubric over generated transcripts and specs."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.rubric import grade
from scoring.rubric_spec import RubricSpec
from scoring.signal import AVOIDED, AVOIDED_CATEGORIES, Signal
from scoring.transcript import GOOD_OUTCOMES, Transcript
from tests.strategies import rubric_specs, transcripts


@settings(max_examples=150)
@given(transcripts(), rubric_specs())
def test_scores_stay_within_0_and_100(transcript: Transcript, spec: RubricSpec) -> None:
    g = grade(transcript, spec)
    if not g.graded:
        # No reply: stored but not graded; nothing is scored without evidence.
        assert not any(t.is_reply for t in transcript.turns)
        assert g.overall is None and not g.passed
        assert all(d.score is None for d in g.dimensions)
        return
    assert all(d.score is not None and 0 <= d.score <= 100 for d in g.dimensions)
    assert g.overall is not None and 0 <= g.overall <= 100
    assert len(g.improvements) <= 3
    assert abs(sum(d.weight for d in g.dimensions) - 1.0) < 1e-3


@given(transcripts(), rubric_specs())
def test_grading_is_deterministic(transcript: Transcript, spec: RubricSpec) -> None:
    again = Transcript.from_json(json.loads(json.dumps(transcript.to_json())))
    assert grade(transcript, spec) == grade(transcript, spec) == grade(again, spec)


@given(transcripts(), rubric_specs())
def test_passing_needs_the_mark_no_blocker_and_a_good_outcome(
    transcript: Transcript, spec: RubricSpec
) -> None:
    g = grade(transcript, spec)
    assert g.passed == (
        g.overall is not None
        and g.overall >= spec.pass_mark
        and not g.blockers_hit
        and transcript.outcome in GOOD_OUTCOMES
    )
    assert g.passed == (g.reasons == ())


@given(transcripts(), rubric_specs())
def test_evidence_quotes_the_trainees_own_turn(transcript: Transcript, spec: RubricSpec) -> None:
    by_index = {t.index: t for t in transcript.turns}
    g = grade(transcript, spec)
    for d in g.dimensions:
        for e in d.evidence:
            if e.turn is None:
                assert e.quote == "" or any(e.quote in t.text for t in transcript.turns)
                continue
            turn = by_index[e.turn]
            assert e.quote in turn.text or e.quote in turn.note
            assert e.rule and "." in e.rule


@given(transcripts(max_turns=5), rubric_specs(), st.data())
def test_adding_an_avoided_phrase_never_raises_the_avoided_score(
    transcript: Transcript, spec: RubricSpec, data: st.DataObject
) -> None:
    replies = [t for t in transcript.turns if t.is_reply and t.analysis is not None]
    if not replies:
        return
    turn = data.draw(st.sampled_from(replies))
    assert turn.analysis is not None
    text = turn.text
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    category = data.draw(st.sampled_from(AVOIDED_CATEGORIES))
    extra = Signal(AVOIDED, (start, end), text[start:end], "test.extra", category)
    analysis = replace(turn.analysis, signals=(*turn.analysis.signals, extra))
    worse = replace(
        transcript,
        turns=tuple(replace(t, analysis=analysis) if t is turn else t for t in transcript.turns),
    )
    before, after = grade(transcript, spec), grade(worse, spec)
    assert after.score("avoided") <= before.score("avoided")
    assert len(after.blockers_hit) >= len(before.blockers_hit)
    if before.passed is False:
        assert after.passed is False


@given(transcripts(), rubric_specs())
def test_each_score_is_its_evidence_added_up(transcript: Transcript, spec: RubricSpec) -> None:
    """Explainability: a score is its base (0 or 100) plus the evidence points, clamped."""
    from scoring.dimensions.common import clamp_score

    for d in grade(transcript, spec).dimensions:
        total = sum(e.points for e in d.evidence)
        if d.score is None:
            assert d.evidence == ()
            continue
        assert d.score in {clamp_score(0 + total), clamp_score(100 + total)}
