"""Opening the results database safely: permissions, checks, WAL and schema migrations.

Nothing here ever recreates or "repairs" a file. A file that is not a database, belongs
to another program, or was written by a newer roleplay is refused with a
:class:`~simulator.errors.StoreError` and left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from simulator.errors import StoreError

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 30_000
APPLICATION = "roleplay-results"

# Each entry migrates from version N to N + 1 (index N). Append, never edit a released one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE schema_info (
        application TEXT NOT NULL,
        version INTEGER NOT NULL
    );
    CREATE TABLE trainees (
        id TEXT PRIMARY KEY,
        display_name TEXT,
        cohort TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        trainee_id TEXT NOT NULL REFERENCES trainees(id),
        scenario_id TEXT NOT NULL,
        scenario_version TEXT NOT NULL,
        scenario_hash TEXT NOT NULL,
        scenario_title TEXT NOT NULL,
        lang TEXT NOT NULL,
        seed INTEGER NOT NULL,
        mode TEXT NOT NULL,
        attempt_no INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        duration_seconds REAL,
        status TEXT NOT NULL DEFAULT 'incomplete' CHECK (status IN ('incomplete', 'complete')),
        final_state TEXT,
        outcome TEXT,
        opening TEXT,
        overall INTEGER,
        passed INTEGER,
        pass_mark INTEGER,
        UNIQUE (trainee_id, scenario_id, attempt_no)
    );
    CREATE INDEX attempts_by_started ON attempts (started_at);
    CREATE TABLE scores (
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        dimension TEXT NOT NULL,
        score INTEGER NOT NULL,
        weight REAL NOT NULL,
        PRIMARY KEY (attempt_id, dimension)
    );
    CREATE TABLE turns (
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        command TEXT,
        response_seconds REAL NOT NULL,
        signals TEXT NOT NULL,
        state_before TEXT NOT NULL,
        state_after TEXT NOT NULL,
        mood_after INTEGER NOT NULL,
        patience_after INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (attempt_id, idx)
    );
    INSERT INTO schema_info (application, version) VALUES ('roleplay-results', 0);
    """,
    # 2: disputes — a trainee questions how one reply was read; a trainer rules on it
    # (simulator/store/disputes.py).
    """
    CREATE TABLE disputes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        turn_idx INTEGER NOT NULL,
        reason TEXT NOT NULL,
        found TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'rejected')),
        labels TEXT,
        note TEXT,
        trainer TEXT,
        created_at TEXT NOT NULL,
        ruled_at TEXT
    );
    CREATE INDEX disputes_by_attempt ON disputes (attempt_id, turn_idx);
    CREATE INDEX disputes_by_status ON disputes (status);
    """,
)


def translate(path: Path, exc: sqlite3.Error) -> StoreError:
    """A readable StoreError for what SQLite said."""
    text = str(exc)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return StoreError(
            path,
            "the results database is locked by another program and stayed locked "
            f"for {BUSY_TIMEOUT_MS / 1000:g} s",
            "close other programs using it (a spreadsheet or DB browser) and try again",
        )
    if "not a database" in low or "malformed" in low or "encrypted" in low:
        return StoreError(
            path,
            f"this file is not a readable roleplay results database ({text}); it was left untouched",
            "restore it from a backup, or point --db / ROLEPLAY_DB at another file",
        )
    if "readonly" in low or "read-only" in low:
        return StoreError(
            path, f"cannot write to the results database ({text})", "check its permissions"
        )
    if "unable to open" in low:
        return StoreError(
            path, f"cannot open the results database ({text})", "check the path and permissions"
        )
    return StoreError(path, f"results database error: {text}")


@contextlib.contextmanager
def guarded(path: Path) -> Iterator[None]:
    """Turn sqlite3 errors raised inside the block into StoreErrors."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(path, exc) from exc


def create_private(path: Path) -> None:
    """Create ``path`` (and missing parents) readable and writable by its owner only."""
    parent = path.parent
    if not parent.exists():
        try:
            parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                path, f"cannot create the folder {parent}: {exc.strerror}", "check permissions"
            ) from exc
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process won the race; it made the file the same way
    except OSError as exc:
        raise StoreError(path, f"cannot create the results database: {exc.strerror}") from exc
    os.close(fd)


def connect(path: Path, *, create: bool) -> sqlite3.Connection:
    """An open, checked and migrated connection to the results database at ``path``."""
    if path.is_dir():
        raise StoreError(path, "this is a folder, not a results database", "give a file path")
    if not path.exists():
        if not create:
            raise StoreError(
                path,
                "no results database here",
                "play a scenario first, or pass --db PATH / set ROLEPLAY_DB to the shared file",
            )
        create_private(path)
    with guarded(path):
        conn = sqlite3.connect(
            f"file:{_quote(path)}?mode=rw",
            uri=True,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
    try:
        with guarded(path):
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = _inspect(path, conn)  # reads only: refuse before changing anything
            _use_wal(path, conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            if version < SCHEMA_VERSION:
                migrate(path, conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _quote(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path.resolve()), safe="/:")


def _inspect(path: Path, conn: sqlite3.Connection) -> int:
    """The file's schema version (0 for an empty file); refuse foreign or newer files."""
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not names:
        return 0
    if "schema_info" not in names:
        raise StoreError(
            path,
            "this SQLite file belongs to another program (it has no roleplay schema); it was left untouched",
            "point --db / ROLEPLAY_DB at a roleplay results file",
        )
    row = conn.execute("SELECT application, version FROM schema_info").fetchone()
    if row is None or row[0] != APPLICATION:
        raise StoreError(path, "this SQLite file is not a roleplay results database")
    version = int(row[1])
    if version > SCHEMA_VERSION:
        raise StoreError(
            path,
            f"this results database has schema version {version}, newer than this roleplay "
            f"understands ({SCHEMA_VERSION}); it was left untouched",
            "upgrade roleplay (pip install -U roleplay) on this machine",
        )
    return version


def _use_wal(path: Path, conn: sqlite3.Connection) -> None:
    """Switch the file to WAL once; every later open sees it already set."""
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def migrate(path: Path, conn: sqlite3.Connection) -> None:
    """Bring the schema up to :data:`SCHEMA_VERSION`, one transaction for all steps."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _inspect(path, conn)  # another process may have migrated meanwhile
        for step in range(version, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(statement)
            conn.execute("UPDATE schema_info SET version = ?", (step + 1,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit early)."""
    out: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        out.append(pending.strip())
    return out
