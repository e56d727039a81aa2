"""`roleplay trainees`: list trainees, set a name and cohort, import a roster CSV."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scoring.safe_text import json_terminal_safe


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "trainees",
        help="list trainees, set names and cohorts, import a roster",
        description=(
            "Without an action, list the trainees. `set ID --name NAME --cohort NAME` names a "
            "trainee or puts them in a cohort (used by export/report --cohort); "
            "`import ROSTER.csv` does the same for every row of a CSV with the columns "
            "trainee_id, display_name, cohort (header row required; empty cells are left as "
            "they are). The file may be UTF-8 (with or without BOM), UTF-16, GBK/GB18030 or "
            "Big5, separated by commas, semicolons, tabs or bars: both are detected."
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
        from simulator.store.roster import read_roster

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
    from simulator.tui.tables import trainee_table
    from simulator.tui.terminal import stdout_console

    stdout_console().print(trainee_table(found))
    return 0
