"""Pushing statements to a real LRS (Learning Locker's statement service, in memory).

Push, rename a trainee, regrade an attempt, push again: no conflict, no duplicate, the
regrade's old statements voided, and the LRS's own filters find what was sent.
"""

from __future__ import annotations

import base64
import json
import urllib.parse
import urllib.request
import uuid
from typing import Any

import pytest

from simulator.cli import main
from simulator.results import lrs
from simulator.results.lrs import LrsClient, LrsError, credentials, push
from simulator.results.xapi import DEFAULT_HOME_PAGE, StatementBuilder
from simulator.store.results_store import ResultStore
from tests.results_data import T0, make_grade, play

AUTH = "Basic " + base64.b64encode(b"roleplay:secret").decode()


def _get(endpoint: str, **query: str) -> dict[str, Any]:
    url = endpoint + "statements?" + urllib.parse.urlencode(query)
    request = urllib.request.Request(
        url, headers={"X-Experience-API-Version": "1.0.3", "Authorization": AUTH}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        data: dict[str, Any] = json.loads(answer.read())
    return data


def _agent(trainee: str) -> str:
    account = {"homePage": DEFAULT_HOME_PAGE, "name": trainee}
    return json.dumps({"objectType": "Agent", "account": account})


def _push(db: str, endpoint: str, *extra: str) -> int:
    return main(["export", "--format", "xapi", "--lrs", endpoint, "--db", db, "-q", *extra])


@pytest.fixture
def lrs_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEPLAY_LRS_USER", "roleplay")
    monkeypatch.setenv("ROLEPLAY_LRS_PASSWORD", "secret")


@pytest.mark.usefixtures("lrs_user")
def test_push_rename_regrade_push_again(
    db: str, lrs_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lrs, "ATTEMPTS_PER_ROUND", 1)  # record as it reads, as at scale
    trainee = f"alice-{uuid.uuid4().hex[:8]}"
    with ResultStore.open(db) as store:
        first = play(store, trainee)
        second = play(store, trainee, started=T0.replace(day=3))
        registration = store.attempt(first).uuid
        registrations = {registration, store.attempt(second).uuid}
    assert _push(db, lrs_endpoint) == 0
    sent = _get(lrs_endpoint, agent=_agent(trainee))["statements"]
    assert len(sent) == 4
    assert {s["context"]["registration"] for s in sent} == registrations

    # renaming the trainee and changing the cohort sends nothing: statements are immutable
    assert (
        main(["trainees", "set", trainee, "--name", "王小明 Alice", "--cohort", "c2", "--db", db])
        == 0
    )
    assert _push(db, lrs_endpoint) == 0
    assert len(_get(lrs_endpoint, agent=_agent(trainee))["statements"]) == 4

    # a regrade sends new statements and voids the old ones
    with ResultStore.open(db) as store:
        old = [s["id"] for s in StatementBuilder().statements(store.attempt(first))]
        store.save_grade(first, make_grade({"empathy": 20, "avoided": 30}))
    assert _push(db, lrs_endpoint) == 0
    live = _get(lrs_endpoint, agent=_agent(trainee))["statements"]
    # the second attempt's two, the regrade's two, and the two voiding statements
    verbs = sorted(s["verb"]["id"].rsplit("/", 1)[-1] for s in live)
    assert verbs == ["completed", "completed", "failed", "passed", "voided", "voided"]
    assert not {s["id"] for s in live} & set(old)
    assert sorted(
        s["object"]["id"] for s in live if s["object"]["objectType"] == "StatementRef"
    ) == sorted(old)
    for old_id in old:
        voided = _get(lrs_endpoint, voidedStatementId=old_id)
        assert voided["id"] == old_id
    # the registration's statements now, and (xAPI: statements that refer to them) the voids
    regraded = _get(lrs_endpoint, registration=registration)["statements"]
    verbs = sorted(s["verb"]["id"].rsplit("/", 1)[-1] for s in regraded)
    assert verbs == ["completed", "failed", "voided", "voided"]
    assert all(s["result"]["score"]["raw"] < 70 for s in regraded if "result" in s)
    failed = _get(
        lrs_endpoint, agent=_agent(trainee), verb="http://adlnet.gov/expapi/verbs/failed"
    )["statements"]
    assert [s["context"]["registration"] for s in failed] == [registration]

    # and once more: nothing new to send
    with ResultStore.open(db) as store:
        client = LrsClient(lrs_endpoint, auth=AUTH)
        again = push(store, store.iter_attempts(), StatementBuilder(), client)
    assert (again.sent, again.voided, again.unchanged) == (0, 0, 4)


@pytest.mark.usefixtures("lrs_user")
def test_a_refusal_names_the_lrs_reason_and_records_nothing(
    tmp_path: Any, lrs_endpoint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "r.sqlite3")
    with ResultStore.open(db) as store:
        attempt = store.attempt(play(store, f"bob-{uuid.uuid4().hex[:8]}"))
    # another system already stored a different statement under one of our ids
    clash = StatementBuilder().statements(attempt)[0]
    clash["result"] = {"score": {"scaled": 0.01}}
    LrsClient(lrs_endpoint, auth=AUTH).post([clash])
    assert _push(db, lrs_endpoint) == 1
    err = capsys.readouterr().err
    assert "HTTP 409" in err and "refused" in err
    with ResultStore.open(db) as store:
        assert store.db.value("SELECT COUNT(*) AS value FROM xapi_sent") == 0


def test_server_errors_are_retried_with_backoff() -> None:
    import http.server
    import threading

    answers = [503, 502, 200]
    seen: list[int] = []

    class Flaky(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append(len(seen))
            self.send_response(answers[len(seen) - 1])
            self.end_headers()
            self.wfile.write(b'{"message": "busy"}')

        def log_message(self, *args: object) -> None:
            return

    server = http.server.HTTPServer(("127.0.0.1", 0), Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    waits: list[float] = []
    try:
        client = LrsClient(
            f"http://127.0.0.1:{server.server_port}/xapi", auth=None, sleep=waits.append
        )
        client.post([{"id": "x"}])
        assert waits == [0.5, 1.0] and len(seen) == 3
        answers[:] = [500] * 5
        seen.clear()
        waits.clear()
        with pytest.raises(LrsError, match=r"after 5 tries \(HTTP 500"):
            client.post([{"id": "x"}])
        assert waits == [0.5, 1.0, 2.0, 4.0]
    finally:
        server.shutdown()
        server.server_close()


def test_credentials_from_env_or_netrc(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROLEPLAY_LRS_USER", raising=False)
    monkeypatch.delenv("ROLEPLAY_LRS_PASSWORD", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert credentials("https://lrs.example.org/xapi/") is None
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine lrs.example.org login key password s3cret\n")
    netrc.chmod(0o600)
    expected = "Basic " + base64.b64encode(b"key:s3cret").decode()
    assert credentials("https://lrs.example.org/xapi/") == expected
    monkeypatch.setenv("ROLEPLAY_LRS_USER", "env")
    monkeypatch.setenv("ROLEPLAY_LRS_PASSWORD", "pw")
    assert (
        credentials("https://lrs.example.org/xapi/")
        == "Basic " + base64.b64encode(b"env:pw").decode()
    )
