"""xAPI 1.0.3 statements: validated by an independent model set (ralph's pydantic models)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement

from simulator.cli import main
from simulator.results.xapi import StatementBuilder, check_home_page, duration, statements
from simulator.store.results_store import ResultStore
from tests.results_data import T0, cohort_store, play

ISO_DURATION = re.compile(r"^P(?:\d+D)?T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?$")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ResultStore]:
    with cohort_store(tmp_path / "r.db") as opened:
        yield opened


def _all(store: ResultStore, **kw: Any) -> list[dict[str, Any]]:
    return list(statements(store.attempts(with_turns=False), **kw))


def test_every_statement_validates(store: ResultStore) -> None:
    found = _all(store)
    assert len(found) == 12  # six graded attempts, two statements each
    for statement in found:
        model = BaseXapiStatement.model_validate(statement)
        assert str(model.id) == statement["id"]
        # what the models do not check, from the 1.0.3 spec text
        assert uuid.UUID(statement["id"]).version == 5
        assert statement["verb"]["id"].startswith("http://adlnet.gov/expapi/verbs/")
        score = statement["result"]["score"]
        assert score["min"] <= score["raw"] <= score["max"]
        assert score["scaled"] == pytest.approx(score["raw"] / 100)
        assert -1 <= score["scaled"] <= 1
        assert ISO_DURATION.match(statement["result"]["duration"])
        assert datetime.fromisoformat(statement["timestamp"]).tzinfo is not None
        assert statement["actor"]["account"]["homePage"] == "https://roleplay.invalid"
        uuid.UUID(statement["context"]["registration"])
        extensions = statement["result"]["extensions"]
        assert set(extensions) == {
            f"https://roleplay.invalid/xapi/extensions/dimension/{d}"
            for d in ("empathy", "restating", "avoided", "timeliness", "escalation")
        }
        assert "version" not in statement and "stored" not in statement


def test_verbs_per_attempt(store: ResultStore) -> None:
    by_attempt: dict[str, list[dict[str, Any]]] = {}
    for s in _all(store):
        by_attempt.setdefault(s["context"]["registration"], []).append(s)
    assert len(by_attempt) == 6
    verbs = sorted(
        tuple(s["verb"]["display"]["en-US"] for s in group) for group in by_attempt.values()
    )
    # carol stopped early: terminated, and graded as it stood (failed)
    assert verbs.count(("completed", "passed")) == 2
    assert verbs.count(("completed", "failed")) == 3
    assert verbs.count(("terminated", "failed")) == 1
    for group in by_attempt.values():
        first, second = group
        assert first["result"] == second["result"]
        assert first["object"] == second["object"]
        assert first["id"] != second["id"]
        assert first["result"]["completion"] is (first["verb"]["display"]["en-US"] == "completed")
        assert second["result"]["success"] is (second["verb"]["display"]["en-US"] == "passed")


def test_actor_object_and_context(store: ResultStore) -> None:
    s = _all(store)[0]
    assert s["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": "https://roleplay.invalid", "name": "alice"},
        "name": "Alice Wong",
    }
    obj = s["object"]
    assert obj["id"] == (
        "https://roleplay.invalid/scenarios/angry-mail-outage-en/versions/"
        "1.0-sha256%3Aangry-mail-outage-en-1.0"
    )
    assert obj["definition"]["type"] == "http://adlnet.gov/expapi/activities/simulation"
    assert obj["definition"]["name"] == {"en": "Title of angry-mail-outage-en"}
    assert s["result"]["score"] == {"scaled": 0.53, "raw": 53, "min": 0, "max": 100}
    assert s["result"]["duration"] == "PT3M30S"
    assert s["result"]["success"] is False
    assert s["timestamp"] == "2026-03-02T09:03:30.000Z"
    context = s["context"]
    assert context["revision"] == "1.0"
    assert context["language"] == "en"
    assert context["extensions"]["https://roleplay.invalid/xapi/extensions/attempt-number"] == 1
    assert context["extensions"]["https://roleplay.invalid/xapi/extensions/cohort"] == "2026-03"
    grouping = context["contextActivities"]["grouping"]
    assert grouping == [
        {"objectType": "Activity", "id": "https://roleplay.invalid/scenarios/angry-mail-outage-en"}
    ]


def test_reexport_gives_identical_ids(store: ResultStore) -> None:
    first = _all(store)
    again = _all(store)
    assert [s["id"] for s in first] == [s["id"] for s in again]
    assert first == again
    assert len({s["id"] for s in first}) == len(first)
    assert len({s["context"]["registration"] for s in first}) == 6
    play(store, "dave", started=T0 + timedelta(days=20))
    later = _all(store)
    assert [s["id"] for s in later[: len(first)]] == [s["id"] for s in first]
    assert len(later) == len(first) + 2


def test_home_page_is_configurable(store: ResultStore) -> None:
    default = _all(store)
    custom = _all(store, home_page="https://lms.example.com/users/")
    for s in custom:
        BaseXapiStatement.model_validate(s)
        assert s["actor"]["account"]["homePage"] == "https://lms.example.com/users"
        assert s["object"]["id"].startswith("https://lms.example.com/users/scenarios/")
    assert {s["id"] for s in default}.isdisjoint(s["id"] for s in custom)
    split = _all(
        store, home_page="https://sso.example.com", activity_base="https://lrs.example.org/rp"
    )
    assert split[0]["actor"]["account"]["homePage"] == "https://sso.example.com"
    assert split[0]["object"]["id"].startswith("https://lrs.example.org/rp/scenarios/")


def test_ungraded_attempts_give_no_statement(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "r.db") as store:
        play(store, "x", finish=False)
        assert _all(store) == []


def test_awkward_ids_still_validate(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "r.db") as store:
        store.ensure_trainee("李 雷/#?", display_name="李雷 <b>")
        play(store, "李 雷/#?", "weird id/with spaces?", version="2 beta")
        found = _all(store)
    assert len(found) == 2
    for s in found:
        BaseXapiStatement.model_validate(s)
    assert found[0]["actor"]["account"]["name"] == "李 雷/#?"


def test_duration_format() -> None:
    assert duration(0) == "PT0S"
    assert duration(210) == "PT3M30S"
    assert duration(3723.456) == "PT1H2M3.46S"
    assert duration(0.5) == "PT0.5S"
    assert duration(3600) == "PT1H"
    assert duration(-3) == "PT0S"


def test_home_page_checks() -> None:
    assert check_home_page("https://x.example/") == "https://x.example"
    for bad in ("roleplay.invalid", "ftp://x", "https://", "https://a b"):
        with pytest.raises(Exception, match="--home-page"):
            check_home_page(bad)
    assert StatementBuilder().home_page == "https://roleplay.invalid"


def test_cli_xapi_is_idempotent(
    tmp_path: Path, store: ResultStore, capsys: pytest.CaptureFixture[str]
) -> None:
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    for out in outs:
        args = ["export", "--format", "xapi", "--db", str(store.path), "--out", str(out), "-q"]
        assert main(args) == 0
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in outs)
    assert isinstance(a, list) and len(a) == 12
    assert a == b
    for s in a:
        BaseXapiStatement.model_validate(s)
    code = main(["export", "--format", "xapi", "--db", str(store.path), "--home-page", "nope"])
    assert code == 2
    assert "--home-page" in capsys.readouterr().err
    code = main(
        ["export", "--format", "csv", "--db", str(store.path), "--home-page", "https://a.b"]
    )
    assert code == 2
