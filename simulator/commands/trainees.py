"""`roleplay trainees`: list trainees, set a name and cohort, import a roster CSV."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scoring.safe_text import json_terminal_safe

ROSTER_COLUMNS = ("trainee_id", "display_name", "cohort")


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "trainees",
        help="list trainees, set names and cohorts, import a roster",
        description=(
            "Without an action, list the trainees. `set ID --name NAME --cohort NAME` names a "
            "trainee or puts them in a cohort (used by export/report --cohort); "
            "`import ROSTER.csv` does the same for every row of a CSV with the columns "
            "trainee_id, display_name, cohort (header row required; empty cells are left as they are)."
        ),
    )
    p.add_argument("--db", metavar="PATH|URL", help="results database")
    p.add_argument("--cohort", metavar="NAME", help="list: only this cohort")
    p.add_argument("--json", action="store_true", help="list: print a JSON array")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    s = actions.add_parser("set", help="set a trainee's display name and/or cohort")
    s.add_argument("trainee_id", metavar="ID")
    s.add_argument("--name", dest="display_name", metavar="NAME")
    s.add_argument("--cohort", dest="set_cohort", metavar="NAME")
    s.add_argument("--db", metavar="PATH|URL", dest="set_db", help="results database")
    i = actions.add_parser("import", help="set names and cohorts from a roster CSV")
    i.add_argument("roster", type=Path, metavar="ROSTER.csv")
    i.add_argument("--db", metavar="PATH|URL", dest="set_db", help="results database")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.store.results_store import ResultStore

    db = getattr(args, "set_db", None) or args.db
    if args.action == "set":
        from simulator.store.identity import clean_trainee_id

        trainee = clean_trainee_id(args.trainee_id)
        if trainee is None:
            from simulator.errors import UsageError

            raise UsageError(f"{args.trainee_id!r} is not a usable trainee id")
        with ResultStore.open(db) as store:
            store.ensure_trainee(trainee, args.display_name, args.set_cohort)
        return 0
    if args.action == "import":
        rows = read_roster(args.roster)
        with ResultStore.open(db) as store:
            for trainee, name, cohort in rows:
                store.ensure_trainee(trainee, name, cohort)
        sys.stderr.write(f"roleplay: {len(rows)} trainee(s) imported from {args.roster}\n")
        return 0
    with ResultStore.open(db, create=False) as store:
        found = store.trainees(args.cohort)
    if args.json:
        data = [{"trainee_id": t, "display_name": n, "cohort": c} for t, n, c in found]
        sys.stdout.write(json_terminal_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
        return 0
    from rich.table import Table

    from simulator.tui.terminal import safe, stdout_console

    table = Table(title="Trainees", title_justify="left")
    for column in ROSTER_COLUMNS:
        table.add_column(column)
    for t, n, c in found:
        table.add_row(safe(t, "cyan"), safe(n or ""), safe(c or ""))
    stdout_console().print(table)
    return 0


MAX_ROSTER_BYTES = 20_000_000


def read_roster(path: Path) -> list[tuple[str, str | None, str | None]]:
    """Rows of a roster CSV (UTF-8, BOM allowed); errors name file:line."""
    import csv
    import io

    from simulator.errors import LocatedError, Location
    from simulator.input_file import read_limited

    data = read_limited(path, MAX_ROSTER_BYTES, "roster")  # never blocks on a pipe or device
    try:
        handle = io.StringIO(data.decode("utf-8-sig"), newline="")
        return _roster_rows(handle, path)
    except UnicodeDecodeError:
        raise LocatedError(
            Location(str(path)),
            "the roster is not UTF-8 text",
            "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8)",
        ) from None
    except csv.Error as exc:
        raise LocatedError(
            Location(str(path), _line_of(exc)),
            f"cannot read the roster as CSV: {exc}",
            "check quoting on this line (fields are limited to 128 KB)",
        ) from None


def _line_of(exc: Exception) -> int:
    import re

    found = re.search(r"line (\d+)", str(exc))
    return int(found.group(1)) if found else 0


def _roster_rows(handle: Any, path: Path) -> list[tuple[str, str | None, str | None]]:
    import csv

    from scoring.safe_text import one_line
    from simulator.errors import LocatedError, Location
    from simulator.store.identity import clean_trainee_id

    out: list[tuple[str, str | None, str | None]] = []
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        if "trainee_id" not in header:
            raise LocatedError(
                Location(str(path), 1),
                "the roster has no trainee_id column",
                f"the header row should be: {','.join(ROSTER_COLUMNS)}",
            )
        reader.fieldnames = header
        for record in reader:
            line = reader.line_num
            trainee = clean_trainee_id(record.get("trainee_id") or "")
            if trainee is None:
                raise LocatedError(Location(str(path), line), "missing or unusable trainee_id")
            name = (record.get("display_name") or "").strip() or None
            cohort = (record.get("cohort") or "").strip() or None
            for column, value in (("display_name", name), ("cohort", cohort)):
                if value is not None and one_line(value) != value:
                    raise LocatedError(
                        Location(str(path), line),
                        f"the {column} holds control characters",
                        "retype it as plain text",
                    )
            out.append((trainee, name, cohort))
    return out
