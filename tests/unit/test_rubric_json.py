"""Transcripts, turns, analyses and signals survive a trip through JSON unchanged."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from scoring.signal import Analysis, Signal
from scoring.transcript import Transcript, Turn
from tests.strategies import analyses, transcripts, turns


@given(transcripts())
def test_transcript_round_trips_through_json_text(transcript: Transcript) -> None:
    text = json.dumps(transcript.to_json(), ensure_ascii=False)
    assert Transcript.from_json(json.loads(text)) == transcript


@given(turns())
def test_turn_round_trips_alone(turn: Turn) -> None:
    assert Turn.from_json(json.loads(json.dumps(turn.to_json()))) == turn


@given(analyses())
def test_analysis_round_trips_with_its_language(analysis: Analysis) -> None:
    data = json.loads(json.dumps(analysis.to_json(with_lang=True)))
    assert Analysis.from_json(data) == analysis
    for signal in analysis.signals:
        assert Signal.from_json(signal.to_json()) == signal


def test_check_shape_is_unchanged() -> None:
    a = Analysis("hi", "zh", (Signal("greeting", (0, 2), "hi", "r"),))
    assert list(a.to_json()) == ["text", "signals"]
    assert Analysis.from_json(a.to_json(), lang="zh") == a


@pytest.mark.parametrize(
    "bad",
    [
        {"name": "eta", "span": [0], "evidence": "", "rule": "r"},
        {"name": "eta", "span": [0, "1"], "evidence": "", "rule": "r"},
        {"name": 3, "span": [0, 1], "evidence": "", "rule": "r"},
        {"name": "eta", "span": [0, 1], "evidence": "", "rule": "r", "facts": "x"},
    ],
)
def test_malformed_signals_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Signal.from_json(bad)


def test_malformed_transcript_is_refused() -> None:
    with pytest.raises(ValueError):
        Transcript.from_json({"lang": "en", "turns": [{"index": "1"}]})
