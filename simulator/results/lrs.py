"""Pushing xAPI statements to a Learning Record Store, and remembering what it has.

``roleplay export --format xapi --lrs URL`` POSTs statements to ``URL/statements`` in
batches, with HTTP Basic credentials from ``ROLEPLAY_LRS_USER`` /
``ROLEPLAY_LRS_PASSWORD`` or the user's ``~/.netrc``. A 5xx answer, a timeout or a
dropped connection is retried with exponential backoff; a 4xx answer stops the push with
the LRS's own reason. The store records every accepted statement, so pushing again sends
only what is new: a new attempt, or a regrade (whose new statements are sent and whose
superseded ones are voided). Statements already sent are never sent again with other
content, so renaming a trainee changes nothing at the LRS.
"""

from __future__ import annotations

import base64
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from simulator.errors import RoleplayError, UsageError
from simulator.results.xapi import XAPI_VERSION, StatementBuilder
from simulator.store.ledger import record_sent, record_voided, sent_for
from simulator.store.record import AttemptRecord
from simulator.store.results_store import ResultStore

USER_ENV = "ROLEPLAY_LRS_USER"
PASSWORD_ENV = "ROLEPLAY_LRS_PASSWORD"
BATCH = 100
ATTEMPTS_PER_ROUND = 200
RETRIES = 4
TIMEOUT_S = 30.0


class LrsError(RoleplayError):
    """The LRS refused the statements or could not be reached."""


@dataclass(frozen=True, slots=True)
class PushResult:
    attempts: int
    sent: int
    voided: int
    unchanged: int
    ungraded: int


def endpoint(url: str) -> str:
    """The statements endpoint base (ending in '/') without credentials; or a UsageError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--lrs: {parts.scheme or url!r} is not an http(s) LRS address")
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, netloc, path, "", ""))


def credentials(url: str) -> str | None:
    """The Authorization header value: env variables, the URL's user info, or netrc."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user is None:
        parts = urlsplit(url)
        if parts.username:
            user, password = parts.username, parts.password or ""
    if user is None:
        import netrc

        host = urlsplit(url).hostname or ""
        try:
            found = netrc.netrc().authenticators(host)
        except (OSError, netrc.NetrcParseError):
            found = None
        if found:
            user, password = found[0], found[2] or ""
    if user is None:
        return None
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
    return f"Basic {token}"


Send = Callable[[list[dict[str, object]]], None]


class LrsClient:
    """POSTs batches of statements; retries what may succeed later."""

    def __init__(
        self,
        url: str,
        *,
        auth: str | None,
        retries: int = RETRIES,
        timeout: float = TIMEOUT_S,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base = endpoint(url)
        self.auth = auth
        self.retries = retries
        self.timeout = timeout
        self.sleep = sleep

    def post(self, statements: list[dict[str, object]]) -> None:
        import urllib.error
        import urllib.request

        body = json.dumps(statements, ensure_ascii=False).encode("utf-8")
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "X-Experience-API-Version": XAPI_VERSION,
        }
        if self.auth:
            headers["Authorization"] = self.auth
        request = urllib.request.Request(
            self.base + "statements", data=body, headers=headers, method="POST"
        )
        for attempt in range(self.retries + 1):
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    answer.read()
                return
            except urllib.error.HTTPError as exc:
                reason = _reason(exc.read())
                if exc.code < 500:
                    raise LrsError(
                        f"the LRS at {self.base} refused the statements: HTTP {exc.code} "
                        f"{exc.reason}" + (f": {reason}" if reason else "")
                    ) from None
                problem = f"HTTP {exc.code} {exc.reason}" + (f": {reason}" if reason else "")
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                problem = str(getattr(exc, "reason", exc))
            if attempt == self.retries:
                raise LrsError(
                    f"the LRS at {self.base} did not accept the statements after "
                    f"{self.retries + 1} tries ({problem}); run the push again later: it "
                    "sends only what the LRS has not got"
                )
            self.sleep(0.5 * 2**attempt)


def _reason(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    try:
        data: Any = json.loads(text)
    except ValueError:
        return text[:300]
    if isinstance(data, dict):
        for key in ("message", "error", "warnings"):
            if data.get(key):
                return json.dumps(data[key], ensure_ascii=False)[:300].strip('"')
    return text[:300]


def _rounds(attempts: Iterable[AttemptRecord]) -> Iterator[list[AttemptRecord]]:
    group: list[AttemptRecord] = []
    for a in attempts:
        group.append(a)
        if len(group) >= ATTEMPTS_PER_ROUND:
            yield group
            group = []
    if group:
        yield group


def push(
    store: ResultStore,
    attempts: Iterable[AttemptRecord],
    builder: StatementBuilder,
    client: LrsClient,
    *,
    batch: int = BATCH,
    advance: Callable[[], None] | None = None,
) -> PushResult:
    """Send what ``client``'s LRS has not got for ``attempts``; void what was replaced."""
    lrs = client.base
    total = sent = voided = unchanged = ungraded = 0
    for group in _rounds(attempts):
        known = sent_for(store.db, lrs, [a.uuid for a in group])
        fresh: list[tuple[AttemptRecord, dict[str, object]]] = []
        voids: list[tuple[str, dict[str, object]]] = []
        for a in group:
            total += 1
            current = builder.statements(a)
            if not current:
                ungraded += 1
            had = known.get(a.uuid, [])
            had_ids = {s.statement_id for s in had}
            now_ids = {str(s["id"]) for s in current}
            for statement in current:
                if statement["id"] in had_ids:
                    unchanged += 1
                else:
                    fresh.append((a, statement))
            for old in had:
                if old.voided_by is None and old.statement_id not in now_ids and current:
                    voids.append((old.statement_id, builder.voiding(a, old.statement_id)))
            if advance is not None:
                advance()
        for i in range(0, len(fresh), batch):
            chunk = fresh[i : i + batch]
            client.post([s for _, s in chunk])
            record_sent(
                store.db,
                lrs,
                [(a.uuid, str(s["id"]), _verb(s)) for a, s in chunk],
                store.clock.now(),
            )
            sent += len(chunk)
        for i in range(0, len(voids), batch):
            chunk_voids = voids[i : i + batch]
            client.post([s for _, s in chunk_voids])
            record_voided(store.db, lrs, [(old, str(s["id"])) for old, s in chunk_voids])
            voided += len(chunk_voids)
    return PushResult(total, sent, voided, unchanged, ungraded)


def _verb(statement: dict[str, object]) -> str:
    verb = statement["verb"]
    assert isinstance(verb, dict)
    return str(verb["id"]).rsplit("/", 1)[-1]


def push_export(
    store: ResultStore,
    url: str,
    *,
    home_page: str,
    activity_base: str | None,
    filters: Any,
    advance: Callable[[], None] | None = None,
) -> PushResult:
    """``roleplay export --format xapi --lrs URL``: the filtered attempts, streamed.

    The attempts are read on a connection of their own (one snapshot for the whole
    push), so what was sent can be recorded batch by batch on ``store``'s.
    """
    client = LrsClient(url, auth=credentials(url))
    builder = StatementBuilder(home_page, activity_base)
    with ResultStore(store.target, store.target.open(create=False), store.clock) as reader:
        attempts = reader.iter_attempts(with_turns=False, **filters.where())
        return push(store, attempts, builder, client, advance=advance)
