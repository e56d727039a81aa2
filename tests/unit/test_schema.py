"""The published JSON Schemas: up to date, valid draft 2020-12, and in agreement with the loader."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from scoring.rubric_spec import DIMENSIONS
from simulator.cli import main
from simulator.errors import ScenarioError
from simulator.scenario.model import CHANNELS, DIFFICULTIES, KINDS, LANGUAGES, TRIGGER_ORDER
from simulator.scenario.reader import parse_scenario_text
from simulator.scenario.schema import (
    SCENARIO_SCHEMA_ID,
    WALKTHROUGH_SCHEMA_ID,
    published,
    published_text,
    render,
    scenario_schema,
)
from simulator.scenario.walkthrough_schema import walkthrough_schema
from simulator.scenario.yaml_source import load_yaml_file, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
BASE = load_yaml_file(ROOT / "tests" / "data" / "broken" / "valid-base.yaml").plain()
SCHEMA = Draft202012Validator(published())
BUNDLED = sorted(p for p in SCENARIOS.glob("*.yaml") if not p.name.endswith(".walkthrough.yaml"))


def test_published_files_are_generated_from_the_vocabularies():
    assert published_text("schema.json") == render(scenario_schema())
    assert published_text("walkthrough.schema.json") == render(walkthrough_schema())


def test_schemas_are_valid_draft_2020_12_with_versioned_ids():
    for name, schema_id in (
        ("schema.json", SCENARIO_SCHEMA_ID),
        ("walkthrough.schema.json", WALKTHROUGH_SCHEMA_ID),
    ):
        schema = published(name)
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == schema_id and "/1.0/" in schema_id


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == SCENARIO_SCHEMA_ID
    assert main(["schema", "--walkthrough"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == WALKTHROUGH_SCHEMA_ID


def test_editor_settings_map_both_schemas():
    settings_ = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    schemas = settings_["yaml.schemas"]
    assert "scenarios/*.yaml" in schemas["./scenarios/schema.json"]
    assert "**/*.walkthrough.yaml" in schemas["./scenarios/walkthrough.schema.json"]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenario_passes_schema_and_loader(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"
    errors = [e.message for e in SCHEMA.iter_errors(load_yaml_file(path).plain())]
    assert errors == []
    parse_scenario_text(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.walkthrough.yaml")), ids=lambda p: p.name)
def test_bundled_walkthrough_passes_its_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=walkthrough.schema.json"
    validator = Draft202012Validator(published("walkthrough.schema.json"))
    assert [e.message for e in validator.iter_errors(load_yaml_file(path).plain())] == []


# -- agreement on generated documents -------------------------------------------------------
def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    out = [(prefix, doc)]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        doc = doc[part]
    doc[path[-1]] = value


def _delete(doc: Any, path: tuple[Any, ...]) -> None:
    for part in path[:-1]:
        doc = doc[part]
    del doc[path[-1]]


LEAVES = [p for p, v in _paths(BASE) if p and not isinstance(v, dict | list)]
MAPPINGS = [p for p, v in _paths(BASE) if isinstance(v, dict)]
REQUIRED = [
    *[(k,) for k in ("id", "version", "title", "language", "channel", "persona", "briefing")],
    ("initial",), ("states",), ("persona", "name"), ("persona", "kind"),
    ("facts", 0, "id"), ("facts", 1, "summary"), ("facts", 0, "keywords"),
    ("states", "calmer", "lines"), ("transitions", 1, "from"), ("transitions", 2, "on"),
]  # fmt: skip
CHOICES = {
    ("language",): LANGUAGES,
    ("channel",): CHANNELS,
    ("difficulty",): DIFFICULTIES,
    ("persona", "kind"): KINDS,
    ("transitions", 1, "on"): TRIGGER_ORDER,
    ("states", "resolved", "terminal"): ("resolved", "escalated", "hung_up"),
}
RANGES = {
    ("states", "opening", "mood"): (-2, 2),
    ("rubric", "pass_mark"): (0, 100),
    ("patience", "start"): (1, 20),
    ("transitions", 0, "patience"): (-10, 10),
}
TEXTS = [("title",), ("briefing",), ("states", "calmer", "lines", 0), ("facts", 0, "summary")]
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz _-", min_size=1, max_size=12)


@st.composite
def invalid_documents(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    how = draw(st.sampled_from(["unknown_key", "not_scalar", "missing", "choice", "range",
                                "empty", "boolean", "weights_zero", "float_text"]))  # fmt: skip
    if how == "unknown_key":
        where = draw(st.sampled_from(MAPPINGS))
        key = draw(st.from_regex(r"[a-z]{2,8}_x[a-z]{0,3}", fullmatch=True))
        _set(doc, (*where, key), 5) if where else doc.__setitem__(key, 5)
    elif how == "not_scalar":
        where = draw(st.sampled_from(LEAVES))
        _set(doc, where, draw(st.sampled_from([{"zz": 1}, [[1]], {"a": [1, 2]}])))
    elif how == "missing":
        _delete(doc, draw(st.sampled_from(REQUIRED)))
    elif how == "choice":
        where = draw(st.sampled_from(sorted(CHOICES, key=str)))
        _set(doc, where, draw(words.filter(lambda w: w not in CHOICES[where])))
    elif how == "range":
        where = draw(st.sampled_from(sorted(RANGES, key=str)))
        low, high = RANGES[where]
        _set(doc, where, draw(st.integers(high + 1, high + 50) | st.integers(low - 50, low - 1)))
    elif how == "empty":
        _set(doc, draw(st.sampled_from(TEXTS)), draw(st.sampled_from(["", " ", "\t", "  \n"])))
    elif how == "boolean":
        _set(doc, draw(st.sampled_from(TEXTS)), draw(st.booleans()))
    elif how == "weights_zero":
        doc["rubric"]["weights"] = dict.fromkeys(DIMENSIONS, 0)
    else:
        where = draw(st.sampled_from(sorted(RANGES, key=str)))
        _set(doc, where, draw(st.sampled_from(["1", "two", "0.5"])))
    return doc


def _both(doc: dict[str, Any]) -> tuple[bool, list[str]]:
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    try:
        parse_scenario_text(text, "gen.yaml")
        loader_ok = True
    except ScenarioError:
        loader_ok = False
    schema_errors = [e.message for e in SCHEMA.iter_errors(parse_yaml(text, "gen.yaml").plain())]
    return loader_ok, schema_errors


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(invalid_documents())
def test_invalid_documents_are_rejected_by_schema_and_loader(doc):
    loader_ok, schema_errors = _both(doc)
    assert not loader_ok
    assert schema_errors


@st.composite
def valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    for where, (low, high) in RANGES.items():
        _set(doc, where, draw(st.integers(low, high)))
    doc["difficulty"] = draw(st.sampled_from(DIFFICULTIES))
    doc["language"] = draw(st.sampled_from(LANGUAGES))
    for where in TEXTS:
        text = draw(st.text(min_size=1, max_size=20).filter(lambda s: s.strip()))
        _set(doc, where, text)
    if draw(st.booleans()):
        doc["states"]["calmer"]["lines"] = draw(words.filter(lambda s: s.strip()))
    if draw(st.booleans()):
        doc["states"]["opening"]["venting"] = draw(st.booleans())
    doc["rubric"]["weights"] = {
        d: draw(st.floats(0.05, 1))
        for d in draw(st.lists(st.sampled_from(DIMENSIONS), unique=True))
    }
    return doc


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_documents())
def test_valid_variations_are_accepted_by_schema_and_loader(doc):
    loader_ok, schema_errors = _both(doc)
    assert loader_ok
    assert schema_errors == []
