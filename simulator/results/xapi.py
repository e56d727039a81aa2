"""xAPI 1.0.3 statements for graded attempts, ready to POST to an LRS.

Each graded attempt gives two statements: ``completed`` (or ``terminated`` when the
attempt was interrupted) and ``passed`` or ``failed``. The actor is an ``account`` on a
configurable home page named by the trainee id; the object is one activity per scenario
version; the registration is the attempt's UUID (minted when it started, the same in
every store it is copied to).

A statement's id is a uuid5 of the attempt's UUID, the verb and a fingerprint of what the
statement says about the attempt (scores, outcome, times, the activity), leaving out the
trainee's display name and cohort. Exporting again gives the same ids, so an LRS keeps
one copy; a regrade changes the fingerprint and so gives new statements (the pushed old
ones are then voided, see :mod:`simulator.results.lrs`); renaming a trainee does not.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, Any
from urllib.parse import quote, urlsplit

from simulator.errors import UsageError
from simulator.store.results_store import AttemptRecord

VERB_BASE = "http://adlnet.gov/expapi/verbs/"
ACTIVITY_TYPE = "http://adlnet.gov/expapi/activities/simulation"
DEFAULT_HOME_PAGE = "https://roleplay.invalid"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://roleplay.invalid/xapi")
LANGUAGE_TAGS = {"en": "en", "zh": "zh-CN"}
XAPI_VERSION = "1.0.3"


def check_home_page(value: str) -> str:
    """An absolute http(s) IRI without a trailing slash, or a UsageError."""
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed IPv6 bracket: http://[
        raise UsageError(f"--home-page: {value[:80]!r} is not a valid address") from None
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise UsageError(f"--home-page: {value!r} is not an absolute http(s) address")
    return value.rstrip("/")


def language_tag(lang: str) -> str:
    return LANGUAGE_TAGS.get(lang, lang or "und")


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def duration(seconds: float) -> str:
    """ISO 8601 duration to 0.01 s, as xAPI keeps it: ``PT1H2M3.5S``."""
    hundredths = max(0, round(seconds * 100))
    hours, rest = divmod(hundredths, 360_000)
    minutes, rest = divmod(rest, 6_000)
    whole, frac = divmod(rest, 100)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if whole or frac or text == "PT":
        text += f"{whole}.{frac:02d}".rstrip("0").rstrip(".") + "S"
    return text


class StatementBuilder:
    """Builds the statements of attempts for one home page and activity base."""

    def __init__(self, home_page: str = DEFAULT_HOME_PAGE, activity_base: str | None = None):
        self.home_page = check_home_page(home_page)
        self.base = check_home_page(activity_base) if activity_base else self.home_page

    def extension(self, name: str) -> str:
        return f"{self.base}/xapi/extensions/{name}"

    def activity_id(self, a: AttemptRecord) -> str:
        version = quote(a.scenario_version, safe="")
        if a.scenario_hash:
            version += "-" + quote(a.scenario_hash, safe="")
        return f"{self.base}/scenarios/{quote(a.scenario_id, safe='')}/versions/{version}"

    def registration(self, a: AttemptRecord) -> uuid.UUID:
        return uuid.UUID(a.uuid)

    def statement_id(self, a: AttemptRecord, verb: str) -> uuid.UUID:
        return self._identify(a, self._body(a, verb, personal=False))

    @staticmethod
    def _identify(a: AttemptRecord, content: dict[str, object]) -> uuid.UUID:
        """uuid5 of the attempt and the statement's content (without name and cohort)."""
        text = json.dumps(content, sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return uuid.uuid5(NAMESPACE, f"statement|{a.uuid}|{digest}")

    def voiding(self, a: AttemptRecord, statement_id: str) -> dict[str, object]:
        """The statement that voids ``statement_id`` (sent for ``a``), as xAPI 1.0.3 says."""
        return {
            "id": str(uuid.uuid5(NAMESPACE, f"voided|{statement_id}")),
            "actor": {
                "objectType": "Agent",
                "account": {"homePage": self.home_page, "name": a.trainee_id},
            },
            "verb": {"id": VERB_BASE + "voided", "display": {"en-US": "voided"}},
            "object": {"objectType": "StatementRef", "id": statement_id},
        }

    def statements(self, a: AttemptRecord) -> list[dict[str, object]]:
        """The attempt's two statements; none for an attempt that was never graded."""
        if a.overall is None or a.passed is None:
            return []
        first = "completed" if a.complete else "terminated"
        second = "passed" if a.passed else "failed"
        return [self.statement(a, first), self.statement(a, second)]

    def statement(self, a: AttemptRecord, verb: str) -> dict[str, object]:
        body = self._body(a, verb, personal=False)
        statement_id = str(self._identify(a, body))
        self._personalise(a, body)
        return {"id": statement_id, **body}

    def _personalise(self, a: AttemptRecord, body: dict[str, Any]) -> None:
        """Add what may change without changing the statement id: name and cohort."""
        if a.display_name:
            body["actor"]["name"] = a.display_name
        if a.cohort is not None:
            body["context"]["extensions"][self.extension("cohort")] = a.cohort

    def _body(self, a: AttemptRecord, verb: str, *, personal: bool = True) -> dict[str, Any]:
        lang = language_tag(a.lang)
        actor: dict[str, object] = {
            "objectType": "Agent",
            "account": {"homePage": self.home_page, "name": a.trainee_id},
        }
        definition: dict[str, object] = {
            "name": {lang: a.scenario_title or a.scenario_id},
            "type": ACTIVITY_TYPE,
            "extensions": {
                self.extension("scenario-id"): a.scenario_id,
                self.extension("scenario-version"): a.scenario_version,
                self.extension("scenario-hash"): a.scenario_hash,
            },
        }
        overall = a.overall or 0
        result: dict[str, object] = {
            "score": {"scaled": overall / 100, "raw": overall, "min": 0, "max": 100},
            "success": bool(a.passed),
            "completion": a.complete,
            "extensions": {
                self.extension(f"dimension/{quote(name, safe='')}"): score
                for name, score in a.scores.items()
            },
        }
        if a.duration_seconds is not None:
            result["duration"] = duration(a.duration_seconds)
        context_ext: dict[str, object] = {
            self.extension("attempt-number"): a.attempt_no,
            self.extension("pass-mark"): a.pass_mark,
            self.extension("outcome"): a.outcome,
            self.extension("final-state"): a.final_state,
            self.extension("mode"): a.mode,
            self.extension("turns"): a.turn_count,
        }
        scenario_all_versions = f"{self.base}/scenarios/{quote(a.scenario_id, safe='')}"
        context: dict[str, object] = {
            "registration": str(self.registration(a)),
            "platform": "roleplay",
            "language": lang,
            "contextActivities": {
                "grouping": [{"objectType": "Activity", "id": scenario_all_versions}]
            },
            "extensions": {k: v for k, v in context_ext.items() if v is not None},
        }
        if a.scenario_version:
            context["revision"] = a.scenario_version
        body: dict[str, Any] = {
            "actor": actor,
            "verb": {"id": VERB_BASE + verb, "display": {"en-US": verb}},
            "object": {
                "objectType": "Activity",
                "id": self.activity_id(a),
                "definition": definition,
            },
            "result": result,
            "context": context,
            "timestamp": timestamp(a.finished_at or a.started_at),
        }
        if personal:
            self._personalise(a, body)
        return body


def statements(
    attempts: Iterable[AttemptRecord],
    *,
    home_page: str = DEFAULT_HOME_PAGE,
    activity_base: str | None = None,
    advance: Callable[[], None] | None = None,
) -> Iterator[dict[str, object]]:
    """The statements of the attempts, an attempt at a time."""
    builder = StatementBuilder(home_page, activity_base)
    for a in attempts:
        yield from builder.statements(a)
        if advance is not None:
            advance()


def write_xapi(
    out: IO[str],
    attempts: Iterable[AttemptRecord],
    *,
    home_page: str = DEFAULT_HOME_PAGE,
    activity_base: str | None = None,
    advance: Callable[[], None] | None = None,
) -> int:
    """A JSON array of statements, streamed; returns how many were written."""
    from simulator.results.export_json import write_array

    found = statements(attempts, home_page=home_page, activity_base=activity_base, advance=advance)
    n = write_array(out, found)
    out.write("\n")
    return n
