"""A scenario's rubric: the dimensions' weights, the pass mark and the blocking categories."""

from __future__ import annotations

from scoring.rubric_spec import DEFAULT_PASS_MARK, DEFAULT_WEIGHTS, DIMENSIONS, OPTIONAL_DIMENSIONS
from scoring.signal import AVOIDED_CATEGORIES
from simulator.scenario.field_reader import Fields, as_texts, did_you_mean, fail


def read_weights(rubric: Fields) -> tuple[dict[str, float], int, tuple[str, ...]]:
    weights = dict(DEFAULT_WEIGHTS)
    node = rubric.get("weights")
    if node is not None:
        allowed = DIMENSIONS + OPTIONAL_DIMENSIONS
        wf = Fields(node, "rubric.weights", allowed)
        weights = {
            d: wf.number(d, DEFAULT_WEIGHTS.get(d, 0.0), 0, 1)
            for d in allowed
            if wf.has(d) or d in DEFAULT_WEIGHTS
        }
        if sum(weights.values()) <= 0:
            raise fail(
                node, "rubric.weights add up to 0", "give at least one dimension a weight", "E140"
            )
    pass_mark = rubric.integer("pass_mark", DEFAULT_PASS_MARK, 0, 100)
    blockers: list[str] = []
    bnode = rubric.get("blockers")
    for i, b in enumerate(as_texts(bnode, "rubric.blockers") if bnode is not None else ()):
        if b not in AVOIDED_CATEGORIES:
            assert bnode is not None
            bad = bnode.value[i] if bnode.is_seq() else bnode
            hint = did_you_mean(b, AVOIDED_CATEGORIES) or "categories: " + ", ".join(
                AVOIDED_CATEGORIES
            )
            raise fail(bad, f"rubric.blockers: unknown avoided category '{b}'", hint, "E141")
        blockers.append(b)
    return weights, pass_mark, tuple(blockers)
