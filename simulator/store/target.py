"""Where the results live: an SQLite file path or a ``postgresql://`` URL.

``--db`` and ``ROLEPLAY_DB`` take either. A URL is never taken as a file path: a value
that looks like a URL of another kind, or one whose ``//`` was collapsed on the way
(``postgresql:/host/db``), is refused instead of creating a file of that name.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from simulator.errors import UsageError
from simulator.store.database import Database

DB_ENV = "ROLEPLAY_DB"
DB_FILENAME = "results.sqlite3"
POSTGRES_SCHEMES = ("postgresql", "postgres")
_URL_LIKE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):/")


@dataclass(frozen=True, slots=True)
class Target:
    """A results database: ``path`` for SQLite, ``url`` for PostgreSQL."""

    path: Path | None = None
    url: str | None = None

    @property
    def postgresql(self) -> bool:
        return self.url is not None

    @property
    def label(self) -> str:
        """How messages name it: the path, or the URL without its password."""
        return redact(self.url) if self.url is not None else str(self.path)

    def open(self, *, create: bool) -> Database:
        if self.url is not None:
            from simulator.store.postgres_backend import connect as connect_postgres

            return connect_postgres(self.url, self.label, create=create)
        from simulator.store.sqlite_backend import connect as connect_sqlite

        assert self.path is not None
        return connect_sqlite(self.path, create=create)


def redact(url: str) -> str:
    """The URL with any password removed (the user name stays)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return url.split("://", 1)[0] + "://…"
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{port}" if port else "")
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def default_path() -> Path:
    """``results.sqlite3`` in the user's data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("roleplay", appauthor=False)) / DB_FILENAME


def parse_target(value: str | Path | None) -> Target:
    """The target ``--db`` names; None means ``$ROLEPLAY_DB``, else the default file."""
    if value is None:
        env = os.environ.get(DB_ENV)
        if not env:
            return Target(path=default_path())
        value = env
    text = str(value)
    found = _URL_LIKE.match(text)
    if found and len(found.group(1)) > 1:  # "C:/…" is a Windows path, not a URL
        scheme = found.group(1).lower()
        if scheme in POSTGRES_SCHEMES and text[len(scheme) + 1 :].startswith("//"):
            return Target(url=text)
        if scheme in POSTGRES_SCHEMES:
            raise UsageError(
                "--db: a PostgreSQL URL needs '//' after the scheme: "
                "postgresql://user@host:port/database"
            )
        raise UsageError(
            f"--db: unknown database URL scheme '{scheme}:'; give a file path or a "
            "postgresql://user@host:port/database URL"
        )
    return Target(path=Path(text).expanduser())
