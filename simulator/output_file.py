"""Writing a command's output (`--out FILE`) safely.

Every command that writes a file goes through :func:`open_output`:

* ``-`` (or no ``--out``) means standard output;
* a file is written to a private (0600) temporary file in the same folder and renamed over
  the target only when everything was written, so a failure (full disk, Ctrl-C, a
  crash) leaves the old file as it was and no half-written one;
* the target is never the results database (the path the store was opened with, its
  journal files, or any SQLite database at all), never a device, pipe or socket, and
  never a folder;
* a missing folder, a folder without write permission, a full disk or a read-only file
  system are :class:`OutputError` messages, not tracebacks.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from simulator.errors import EXIT_INVALID, EXIT_USAGE, PathError

STDOUT = "-"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_JOURNALS = ("", "-wal", "-shm", "-journal")


class OutputError(PathError):
    """``--out`` names something that must not (exit 2) or cannot (exit 1) be written."""

    def __init__(
        self, path: Path | str, message: str, hint: str = "", exit_code: int = EXIT_INVALID
    ) -> None:
        super().__init__(f"--out {path}", message, hint)
        self.exit_code = exit_code


def is_stdout(path: Path | str | None) -> bool:
    return path is None or str(path) == STDOUT


def store_database(store: Any) -> Path | None:
    """The file an opened results store lives in (None for a server database)."""
    where = getattr(store, "path", None)
    if isinstance(where, Path | str) and "://" not in str(where):
        return Path(where)
    return None


def default_database() -> Path | None:
    """The results database a command would open without ``--db``."""
    try:
        from simulator.store.target import parse_target

        where = parse_target(None).path  # --db's default: ROLEPLAY_DB or the data folder
    except Exception:  # an unusable data folder or URL protects nothing
        return None
    return where


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a symlink loop is not the database
        return False


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def check_target(path: Path, protected: Iterable[Path | None] = ()) -> None:
    """Refuse a target that is a folder, a device, or a results database."""
    for db in (*protected, default_database()):
        if db is None:
            continue
        for suffix in _JOURNALS:
            if _same(path, db.with_name(db.name + suffix)):
                raise OutputError(
                    path,
                    "this is the results database; writing here would destroy every attempt",
                    "name another file, e.g. report.html",
                    EXIT_USAGE,
                )
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(path, _reason(exc), "name another file") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(
                path, "is a folder", "name a file inside it, e.g. report.html", EXIT_USAGE
            )
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(
                path,
                "is a device, pipe or socket, not a file",
                "name a regular file, or use --out - for standard output",
                EXIT_USAGE,
            )
        if _is_sqlite(path):
            raise OutputError(
                path,
                "is an SQLite database (a results database?); it is never overwritten",
                "name another file",
                EXIT_USAGE,
            )
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(
            path, f"the folder {folder} does not exist", f"create it first: mkdir -p {folder}"
        )


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return exc.strerror or str(exc)


def _mode_for(path: Path) -> int:
    """An existing file keeps its permissions; a new one is private (results are personal data)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o600


@contextmanager
def atomic_write(path: Path, protected: Iterable[Path | None] = ()) -> Iterator[IO[bytes]]:
    """A temporary file next to ``path`` that replaces it only when the block succeeds."""
    check_target(path, protected)
    target = path.resolve() if path.is_symlink() else path
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent or Path(".")
        )
    except OSError as exc:
        raise OutputError(path, _reason(exc), "check the folder's permissions") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            path, _reason(exc), "nothing was written; free space or fix permissions"
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def open_output(
    out: Path | str | None, protected: Iterable[Path | None] = ()
) -> Iterator[IO[bytes]]:
    """A binary stream for a command's output: stdout for ``None``/``-``, else a safe file."""
    if is_stdout(out):
        yield sys.stdout.buffer
        sys.stdout.flush()
        return
    assert out is not None
    with atomic_write(Path(out), protected) as handle:
        yield handle


def write_output(out: Path | str | None, text: str, protected: Iterable[Path | None] = ()) -> None:
    """Write ``text`` (UTF-8, ending with a newline) to stdout or a safe file."""
    if not text.endswith("\n"):
        text += "\n"
    with open_output(out, protected) as handle:
        handle.write(text.encode("utf-8"))
