"""The scenario reader: the one validation that play, lint and every loader share.

A located YAML tree goes through three stages, each reporting into a
:class:`~simulator.scenario.issue.Collector`:

1. references (:mod:`simulator.scenario.references`): unknown states and facts,
   missing endings, every one of them;
2. the fields (:mod:`simulator.scenario.parser`): kinds, ranges, signals, triggers;
   the first problem stops the build;
3. the map of the story (:mod:`simulator.scenario.design`): dead ends, no way to a good
   ending, states without lines (errors), and the warnings lint shows.

Playing uses a strict collector (the first error is raised); lint collects everything
(and adds its JSON Schema check in front). A scenario that lint calls broken never
plays.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from simulator.errors import LocatedError
from simulator.scenario.issue import Collector, Issue
from simulator.scenario.model import Scenario
from simulator.scenario.yaml_source import YNode, decode_text, parse_yaml, read_bytes

StructureCheck = Callable[[YNode], list[Issue]]


def read_scenario(
    root: YNode,
    version_hash: str,
    path: str,
    sink: Collector,
    structure: StructureCheck | None = None,
) -> Scenario | None:
    """The scenario, or None when ``sink`` (not strict) received an error."""
    from simulator.scenario.design import design_issues
    from simulator.scenario.parser import build_scenario
    from simulator.scenario.references import check_references

    if structure is not None:
        sink.extend(structure(root))
    check_references(root, sink)
    if sink.has_errors:
        return None
    try:
        scenario = build_scenario(root, version_hash, path)
    except LocatedError as exc:
        sink.add(Issue.from_error(exc))
        return None
    sink.extend(design_issues(scenario, root, all_warnings=not sink.strict))
    return None if sink.has_errors else scenario


def _strict(root: YNode, version_hash: str, path: str) -> Scenario:
    scenario = read_scenario(root, version_hash, path, Collector(strict=True))
    assert scenario is not None  # a strict collector raises on the first error
    return scenario


def version_hash_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def load_scenario_file(path: Path) -> Scenario:
    """Load and validate one scenario file (a :class:`ScenarioError` on the first error)."""
    raw = read_bytes(path)
    root = parse_yaml(decode_text(raw, str(path)), str(path))
    return _strict(root, version_hash_of(raw), str(path))


def parse_scenario_text(text: str, path: str = "<text>") -> Scenario:
    return _strict(parse_yaml(text, path), version_hash_of(text.encode()), path)
