"""The crash report: what the CLI writes when something fails that nobody foresaw.

The trainee sees one line saying where the report is; the report (command line,
versions, the full traceback) is for whoever fixes the bug. It goes to the user's cache
folder (``$XDG_CACHE_HOME/roleplay/crashes`` on Linux), or the temporary folder if that
cannot be written.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

KEEP = 20  # the newest reports kept; older ones are removed


def crash_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("roleplay", appauthor=False)) / "crashes"


def _text(argv: Sequence[str] | None) -> str:
    from simulator.version import installed_version as _version

    args = list(sys.argv[1:] if argv is None else argv)
    return (
        f"roleplay {_version()} crash report\n"
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}\n"
        f"python: {sys.version.split()[0]} on {platform.platform()}\n"
        f"command: roleplay {' '.join(args)}\n\n" + traceback.format_exc()
    )


def _prune(folder: Path) -> None:
    reports = sorted(folder.glob("crash-*.txt"))
    for old in reports[:-KEEP]:
        old.unlink(missing_ok=True)


def write_crash_report(argv: Sequence[str] | None = None) -> str:
    """Write the report of the exception being handled; the one line to show the user."""
    summary = traceback.format_exception_only(*sys.exc_info()[:2])[-1].strip()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for folder in (crash_folder(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}-{os.getpid()}.txt"
            path.write_text(_text(argv), encoding="utf-8")
            if folder.name == "crashes":
                _prune(folder)
        except Exception:  # a report that cannot be written must not hide the first failure
            continue
        return (
            f"unexpected error ({summary[:200]}); this is a bug. The full report is in {path}"
            " — please send it to whoever looks after roleplay"
        )
    return f"unexpected error ({summary[:200]}); this is a bug (no crash report could be written)"
