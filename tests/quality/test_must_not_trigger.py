"""Precision where the customer reacts: natural, excellent replies that must not fire a
signal the customer reacts to (tests/data/must_not_trigger.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scoring.analysis.analyzer import analyze
from scoring.context import ReplyContext
from scoring.signal_ref import SignalRef

DATA = Path(__file__).resolve().parents[1] / "data" / "must_not_trigger.yaml"
MUST = DATA.with_name("must_trigger.yaml")


def _cases(path: Path = DATA) -> list[tuple[str, str, str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (lang, ref, text)
        for lang, by_signal in raw.items()
        for ref, texts in by_signal.items()
        for text in texts
    ]


CASES = _cases()


def _duplicate_keys(node: yaml.Node) -> list[str]:
    """Keys that occur twice in one mapping (YAML keeps the last: the first list is lost)."""
    found: list[str] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                found.append(f"{key.value} (line {key.start_mark.line + 1})")
            seen.add(key.value)
            found.extend(_duplicate_keys(value))
    return found


@pytest.mark.parametrize("path", [DATA, MUST], ids=lambda p: p.name)
def test_no_signal_is_listed_twice_in_one_language(path: Path) -> None:
    assert _duplicate_keys(yaml.compose(path.read_text(encoding="utf-8"))) == []


def test_every_signal_the_customer_reacts_to_has_cases():
    covered = {ref for _, ref, _ in CASES}
    for ref in (
        "escalate",
        "avoided:blame",
        "avoided:refusal",
        "avoided:vague",
        "avoided:contact_leak",
    ):
        assert ref in covered
    assert all(SignalRef.parse(ref).problem() is None for ref in covered)


@pytest.mark.parametrize(("lang", "ref", "text"), CASES, ids=lambda v: str(v)[:40])
def test_a_natural_reply_does_not_fire_the_signal(lang: str, ref: str, text: str):
    analysis = analyze(text, ReplyContext(lang=lang))
    found = [
        s.evidence for s in analysis.signals if SignalRef.parse(ref).matches(s.name, s.category)
    ]
    assert found == [], f"{ref} fired on {found!r} in: {text}"


@pytest.mark.parametrize(("lang", "ref", "text"), _cases(MUST), ids=lambda v: str(v)[:40])
def test_an_idiomatic_reply_fires_the_signal(lang: str, ref: str, text: str):
    analysis = analyze(text, ReplyContext(lang=lang))
    assert any(SignalRef.parse(ref).matches(s.name, s.category) for s in analysis.signals), text
