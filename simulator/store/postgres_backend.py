"""The shared results database on a PostgreSQL server.

psycopg 3 is imported here only, when a ``postgresql://`` target is opened, so playing
on a laptop never pays for it. The password comes from the URL, ``PGPASSWORD`` or
``~/.pgpass`` (libpq reads them) and never appears in a message: every message names
the server by the URL without its password.
"""

from __future__ import annotations

from typing import Any

from simulator.errors import StoreError
from simulator.store.database import Database
from simulator.store.migrations import apply, installed, schema_version

CONNECT_TIMEOUT_S = 10
# Serialises concurrent migrations of one database (any constant both sides agree on).
MIGRATION_LOCK = 0x726F6C65


def connect(url: str, label: str, *, create: bool) -> Database:
    """An open, checked and migrated connection to the database ``url`` names."""
    try:
        import psycopg
        from psycopg.rows import dict_row
    except ImportError:
        raise StoreError(
            label,
            "PostgreSQL support is not installed",
            "install it with: pip install 'roleplay[postgresql]'",
        ) from None
    try:
        conn = psycopg.connect(
            url,
            autocommit=True,
            row_factory=dict_row,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name="roleplay",
        )
    except psycopg.Error as exc:
        raise translate(label, url, exc) from None
    db = Database(
        conn,
        dialect="postgresql",
        label=label,
        errors=(psycopg.Error,),
        translate=lambda exc: translate(label, url, exc),
    )
    with db.closing_on_error():
        version = installed(db, _tables(db), "PostgreSQL database")
        if version == 0 and not create:
            raise StoreError(
                label,
                "this database has no roleplay results yet",
                f"create the tables with `roleplay db migrate --db {label}`, or play a scenario",
            )
        if version < schema_version():
            migrate(db)
    return db


def _tables(db: Database) -> set[str]:
    rows = db.all(
        "SELECT table_name AS name FROM information_schema.tables "
        "WHERE table_schema = current_schema()"
    )
    return {r["name"] for r in rows}


def migrate(db: Database) -> int:
    """Bring the schema up to date in one transaction; the version it ends at."""
    with db.write():
        db.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
        version = installed(db, _tables(db), "PostgreSQL database")
        return apply(db, version)


def _password(url: str) -> str | None:
    from urllib.parse import unquote, urlsplit

    try:
        secret = urlsplit(url).password
    except ValueError:
        return None
    return unquote(secret) if secret else None


def translate(label: str, url: str, exc: Any) -> StoreError:
    """A readable StoreError for what the server or libpq said, password removed."""
    text = str(exc).strip()
    secret = _password(url)
    if secret:
        text = text.replace(secret, "***")
    low = text.lower()
    first = text.splitlines()[0] if text else type(exc).__name__
    if "password authentication failed" in low or "no password supplied" in low:
        return StoreError(
            label,
            "the PostgreSQL server refused the user name or password",
            "check the password (in the URL, PGPASSWORD or ~/.pgpass) and the user name",
        )
    if "does not exist" in low and "database" in low:
        return StoreError(
            label,
            f"the server has no such database ({first})",
            "create it first (createdb NAME), then run `roleplay db migrate --db URL`",
        )
    if "does not exist" in low and "role" in low:
        return StoreError(label, f"the server has no such user ({first})", "check the user name")
    if "connection refused" in low or "could not connect" in low or "timeout" in low:
        return StoreError(
            label,
            "cannot reach the PostgreSQL server (connection refused or timed out)",
            "check the host and port in the URL, and that the server is running",
        )
    if "could not translate host name" in low or "name or service not known" in low:
        return StoreError(label, "unknown host name in the database URL", "check the URL")
    if "server closed the connection" in low or "connection is lost" in low:
        return StoreError(
            label, "lost the connection to the PostgreSQL server", "check the server and retry"
        )
    if "invalid dsn" in low or "invalid connection option" in low or "missing" in low:
        return StoreError(label, f"the database URL is not usable: {first}", "check the URL")
    return StoreError(label, f"results database error: {first}")
