"""`roleplay db`: migrate, check and copy results stores (SQLite files, PostgreSQL)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "db",
        help="migrate, check or copy the results database",
        description=(
            "Results live in an SQLite file or a shared PostgreSQL database "
            "(--db postgresql://user@host:port/database; the password from the URL, "
            "PGPASSWORD or ~/.pgpass). `migrate` brings the schema up to date, `check` "
            "reports its version and integrity, `copy SRC DST` copies every attempt between "
            "stores (again adds nothing twice), `push DST` sends this machine's results "
            "(--db or the default file) to the shared store."
        ),
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    m = actions.add_parser("migrate", help="create or upgrade the schema")
    m.add_argument("--db", metavar="PATH|URL", help="results database")
    c = actions.add_parser("check", help="schema version and integrity (exit 1 on problems)")
    c.add_argument("--db", metavar="PATH|URL", help="results database")
    c.add_argument("--json", action="store_true", help="print a JSON object")
    cp = actions.add_parser("copy", help="copy every attempt from SRC to DST")
    cp.add_argument("src", metavar="SRC")
    cp.add_argument("dst", metavar="DST")
    pu = actions.add_parser("push", help="send this machine's results to the shared store")
    pu.add_argument("dst", metavar="DST")
    pu.add_argument("--db", metavar="PATH|URL", help="where this machine's results are")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.store.results_store import ResultStore

    if args.action == "migrate":
        from simulator.store.migrations import schema_version

        with ResultStore.open(args.db) as store:
            sys.stderr.write(f"roleplay: {store.label} is at schema version {schema_version()}\n")
        return 0
    if args.action == "check":
        from simulator.store.health import check

        with ResultStore.open(args.db, create=False) as store:
            health = check(store)
        if args.json:
            sys.stdout.write(json.dumps(health.to_json(), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(
                f"{health.target} ({health.engine}): schema version {health.version} of "
                f"{health.expected}; {health.trainees} trainees, {health.attempts} attempts, "
                f"{health.turns} turns\n"
            )
            for problem in health.problems:
                sys.stdout.write(f"problem: {problem}\n")
            sys.stdout.write("ok\n" if health.ok else "NOT OK\n")
        return 0 if health.ok else 1
    src, dst = (args.src, args.dst) if args.action == "copy" else (args.db, args.dst)
    return _copy(src, dst)


def _copy(src: str | None, dst: str) -> int:
    from simulator.errors import UsageError
    from simulator.store.copy import copy_results
    from simulator.store.results_store import ResultStore
    from simulator.store.target import parse_target

    if parse_target(src) == parse_target(dst):
        raise UsageError("the source and the destination are the same database")
    with ResultStore.open(src, create=False) as source, ResultStore.open(dst) as target:
        result = copy_results(source, target)
        sys.stderr.write(
            f"roleplay: {result.attempts} attempt(s) from {source.label} to {target.label}: "
            f"{result.added} added, {result.updated} brought up to date, "
            f"{result.unchanged} already there\n"
        )
    return 0
