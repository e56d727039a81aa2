"""``roleplay db check``: the schema version and what should always hold in the data."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.store.migrations import schema_version
from simulator.store.results_store import ResultStore

# Each check counts rows that should not exist.
_CHECKS: tuple[tuple[str, str], ...] = (
    (
        "turns of no attempt",
        "SELECT COUNT(*) AS value FROM turns u "
        "WHERE NOT EXISTS (SELECT 1 FROM attempts a WHERE a.id = u.attempt_id)",
    ),
    (
        "scores of no attempt",
        "SELECT COUNT(*) AS value FROM scores s "
        "WHERE NOT EXISTS (SELECT 1 FROM attempts a WHERE a.id = s.attempt_id)",
    ),
    (
        "attempts of no trainee",
        "SELECT COUNT(*) AS value FROM attempts a "
        "WHERE NOT EXISTS (SELECT 1 FROM trainees t WHERE t.id = a.trainee_id)",
    ),
    ("attempts without a UUID", "SELECT COUNT(*) AS value FROM attempts WHERE uuid IS NULL"),
    (
        "graded attempts without scores",
        "SELECT COUNT(*) AS value FROM attempts a WHERE a.overall IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM scores s WHERE s.attempt_id = a.id)",
    ),
)


@dataclass(frozen=True, slots=True)
class Health:
    target: str
    engine: str
    version: int
    expected: int
    attempts: int
    turns: int
    trainees: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, object]:
        return {
            "target": self.target,
            "engine": self.engine,
            "schema_version": self.version,
            "expected_version": self.expected,
            "attempts": self.attempts,
            "turns": self.turns,
            "trainees": self.trainees,
            "ok": self.ok,
            "problems": self.problems,
        }


def check(store: ResultStore) -> Health:
    db = store.db
    problems: list[str] = []
    if not db.postgresql:
        for row in db.all("PRAGMA integrity_check"):
            text = str(row["integrity_check"])
            if text != "ok":
                problems.append(f"SQLite integrity: {text}")
    with db.read():
        for what, sql in _CHECKS:
            count = int(db.value(sql))
            if count:
                problems.append(f"{count} {what}")
        version = int(db.value("SELECT version AS value FROM schema_info"))
        counts = {
            table: int(db.value(f"SELECT COUNT(*) AS value FROM {table}"))
            for table in ("attempts", "turns", "trainees")
        }
    return Health(
        store.label,
        db.dialect,
        version,
        schema_version(),
        counts["attempts"],
        counts["turns"],
        counts["trainees"],
        problems,
    )
