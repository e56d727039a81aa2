"""Reading a file the user named (scenario, replies, walkthrough, roster) with a size cap.

The cap is enforced while reading, never from the size the file system reports: a
device (``/dev/zero``), a pipe or ``/proc`` file reports 0 bytes and then never ends.
Every way a read can fail becomes an :class:`~simulator.errors.InputFileError` that
says what happened, so no command shows a traceback for a file it cannot read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from simulator.errors import InputFileError

_CHUNK = 1 << 16


def describe(exc: OSError) -> tuple[str, str]:
    """(what happened, what to do) for an OSError while opening or reading a file."""
    code = exc.errno
    if code == errno.ENOENT:
        return "file not found", "check the path"
    if code in (errno.EACCES, errno.EPERM):
        return (
            "permission denied",
            "make the file readable (chmod +r) or copy it somewhere you can read",
        )
    if code == errno.EISDIR:
        return "is a folder, not a file", "name a file inside it"
    if code == errno.ELOOP:
        return (
            "too many levels of symbolic links (a symlink loop?)",
            "point the link at a real file",
        )
    if code == errno.ENAMETOOLONG:
        return "the file name is too long", "use a shorter path"
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full", "free some space"
    if code == errno.EROFS:
        return "the file system is read-only", "use another folder"
    if code == errno.ENOTDIR:
        return "a part of the path is not a folder", "check the path"
    return (exc.strerror or type(exc).__name__), "check the file"


def read_limited(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``; at most ``limit`` bytes, else an error."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        message, hint = describe(exc)
        kind = "missing" if exc.errno == errno.ENOENT else "unreadable"
        raise InputFileError(path, message, hint, kind) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputFileError(path, "is a folder, not a file", f"name the {what} inside it")
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(
                path,
                f"is a device, pipe or socket, not a {what}",
                f"save the {what} as a regular file and name that",
            )
        if info.st_size > limit:
            raise InputFileError(
                path,
                f"is {info.st_size:,} bytes; a {what} may have at most {limit:,}",
                "split it or remove pasted material",
                "too_large",
            )
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise InputFileError(
                    path,
                    f"is larger than {limit:,} bytes",
                    "split it or remove pasted material",
                    "too_large",
                )
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        message, hint = describe(exc)
        raise InputFileError(path, message, hint) from None
    finally:
        os.close(fd)
