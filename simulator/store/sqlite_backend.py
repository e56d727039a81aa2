"""The results database in one SQLite file: permissions, checks, WAL and migrations.

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
from simulator.store.database import Database
from simulator.store.migrations import apply, installed, schema_version

BUSY_TIMEOUT_MS = 30_000


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


def connect(path: Path, *, create: bool) -> Database:
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
    conn.row_factory = sqlite3.Row
    db = Database(
        conn,
        dialect="sqlite",
        label=str(path),
        errors=(sqlite3.Error,),
        translate=lambda exc: translate(path, exc),  # type: ignore[arg-type]
    )
    with db.closing_on_error():
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = installed(db, _tables(db), "SQLite file")  # reads only: refuse first
        with guarded(path):
            _use_wal(conn)
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        if version < schema_version():
            migrate(db)
    return db


def _quote(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path.resolve()), safe="/:")


def _tables(db: Database) -> set[str]:
    return {r["name"] for r in db.all("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _use_wal(conn: sqlite3.Connection) -> None:
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


def migrate(db: Database) -> int:
    """Bring the schema up to date in one transaction; the version it ends at."""
    with db.write():
        version = installed(db, _tables(db), "SQLite file")  # another process may have won
        return apply(db, version)
