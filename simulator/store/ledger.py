"""What each Learning Record Store has been sent: statement ids per attempt.

A push sends only statements the LRS has not had, and voids the ones a regrade has
replaced. Rows are written right after the LRS accepted a batch, so an interrupted
push resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from simulator.store.database import Database
from simulator.store.record import utc_text


@dataclass(frozen=True, slots=True)
class Sent:
    statement_id: str
    verb: str
    voided_by: str | None


def sent_for(db: Database, lrs: str, attempt_uuids: Sequence[str]) -> dict[str, list[Sent]]:
    """The statements ``lrs`` was sent for each of the attempts."""
    out: dict[str, list[Sent]] = {}
    if not attempt_uuids:
        return out
    marks = ",".join("?" * len(attempt_uuids))
    for row in db.all(
        "SELECT attempt_uuid, statement_id, verb, voided_by FROM xapi_sent "
        f"WHERE lrs = ? AND attempt_uuid IN ({marks}) ORDER BY sent_at, statement_id",
        (lrs, *attempt_uuids),
    ):
        out.setdefault(row["attempt_uuid"], []).append(
            Sent(row["statement_id"], row["verb"], row["voided_by"])
        )
    return out


def record_sent(
    db: Database, lrs: str, sent: Iterable[tuple[str, str, str]], when: datetime
) -> None:
    """Remember (attempt uuid, statement id, verb) as accepted by ``lrs``."""
    with db.write():
        db.executemany(
            "INSERT INTO xapi_sent (lrs, statement_id, attempt_uuid, verb, sent_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (lrs, statement_id) DO NOTHING",
            [(lrs, sid, attempt, verb, utc_text(when)) for attempt, sid, verb in sent],
        )


def record_voided(db: Database, lrs: str, voided: Iterable[tuple[str, str]]) -> None:
    """Remember (statement id, voiding statement id) as accepted by ``lrs``."""
    with db.write():
        db.executemany(
            "UPDATE xapi_sent SET voided_by = ? WHERE lrs = ? AND statement_id = ?",
            [(by, lrs, sid) for sid, by in voided],
        )


def copy_rows(src: Database, dst: Database, attempt_uuid: str) -> None:
    """Carry what was sent for an attempt to another store (``roleplay db copy``)."""
    rows = src.all(
        "SELECT lrs, statement_id, attempt_uuid, verb, sent_at, voided_by FROM xapi_sent "
        "WHERE attempt_uuid = ?",
        (attempt_uuid,),
    )
    dst.executemany(
        "INSERT INTO xapi_sent (lrs, statement_id, attempt_uuid, verb, sent_at, voided_by) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (lrs, statement_id) DO UPDATE SET "
        "voided_by = COALESCE(xapi_sent.voided_by, excluded.voided_by)",
        [
            (
                r["lrs"],
                r["statement_id"],
                r["attempt_uuid"],
                r["verb"],
                r["sent_at"],
                r["voided_by"],
            )
            for r in rows
        ],
    )
