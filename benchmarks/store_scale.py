"""Results at organisation scale: export and report over 100,000 attempts and 1M turns.

Fills a results store (SQLite, or PostgreSQL with ``--pg URL`` or a throwaway server
from scripts/pg-server.sh with ``--pg start``) with N attempts of T turns each, bulk
inserted, then runs each command as its own process and reports its wall time and peak
resident memory (``wait4``). The same-run baseline is ``roleplay db check``, which
counts every row once.

    .venv/bin/python benchmarks/store_scale.py --attempts 100000 --turns 10
    .venv/bin/python benchmarks/store_scale.py --attempts 100000 --turns 10 --pg start

Not part of ``make bench`` (filling the store takes minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.store.results_store import ResultStore, turn_cells, utc_text  # noqa: E402
from tests.results_data import T0, make_turn  # noqa: E402

DIMENSIONS = ("empathy", "restating", "avoided", "timeliness", "escalation")
CHUNK = 2000


def fill(target: str, attempts: int, turns: int) -> None:
    with ResultStore.open(target) as store:
        db = store.db
        with db.write():
            db.executemany(
                "INSERT INTO trainees (id, display_name, cohort, created_at) VALUES (?, ?, ?, ?)",
                [(f"t{i:03d}", f"Trainee {i}", f"c{i % 8}", utc_text(T0)) for i in range(200)],
            )
        cells = [turn_cells(make_turn(i, f"reply number {i}"), "en") for i in range(1, turns + 1)]
        for start in range(0, attempts, CHUNK):
            rows, scores, turn_rows = [], [], []
            for n in range(start, min(start + CHUNK, attempts)):
                aid = n + 1
                overall = 40 + n % 60
                rows.append(
                    (
                        aid, str(uuid.uuid4()), f"t{n % 200:03d}", f"scenario-{n % 5}", "1",
                        "h", "Title", "en", n, "headless", n // 200 + 1,
                        utc_text(T0 + timedelta(minutes=n)),
                        utc_text(T0 + timedelta(minutes=n, seconds=200)),
                        200.0, "complete", "resolved", "resolved", "Hello?",
                        overall, int(overall >= 70), 70,
                    )
                )  # fmt: skip
                scores += [(aid, i, d, overall, 0.2) for i, d in enumerate(DIMENSIONS)]
                turn_rows += [(aid, *c) for c in cells]
            with db.write():
                db.executemany(
                    "INSERT INTO attempts (id, uuid, trainee_id, scenario_id, scenario_version, "
                    "scenario_hash, scenario_title, lang, seed, mode, attempt_no, started_at, "
                    "finished_at, duration_seconds, status, final_state, outcome, opening, "
                    "overall, passed, pass_mark) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                db.executemany(
                    "INSERT INTO scores (attempt_id, position, dimension, score, weight) "
                    "VALUES (?, ?, ?, ?, ?)",
                    scores,
                )
                db.executemany(
                    "INSERT INTO turns (attempt_id, idx, text, command, response_seconds, "
                    "signals, state_before, state_after, mood_after, patience_after, data) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    turn_rows,
                )
        if db.postgresql:
            db.execute("ANALYZE")


def measure(argv: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one process."""
    began = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    assert proc.stderr is not None
    proc.stderr.close()
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--turns", type=int, default=10, help="turns per attempt")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg", metavar="URL|start", help="use PostgreSQL")
    args = parser.parse_args()
    roleplay = str(Path(sys.executable).with_name("roleplay"))
    with tempfile.TemporaryDirectory() as tmp:
        server_dir = None
        if args.pg == "start":
            out = subprocess.run(
                ["bash", str(ROOT / "scripts" / "pg-server.sh"), "start"],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            found = dict(line.split("=", 1) for line in out.splitlines())
            target, server_dir = found["ROLEPLAY_TEST_PG"], found["ROLEPLAY_TEST_PG_DIR"]
        else:
            target = args.pg or str(Path(tmp) / "results.sqlite3")
        try:
            began = time.perf_counter()
            fill(target, args.attempts, args.turns)
            print(
                f"filled {args.attempts:,} attempts x {args.turns} turns "
                f"({'postgresql' if args.pg else 'sqlite'}) in {time.perf_counter() - began:.1f} s"
            )
            out = str(Path(tmp) / "out")
            cases = {
                "db check (baseline)": [roleplay, "db", "check", "--db", target],
                "export csv": [roleplay, "export", "--db", target, "--out", out + ".csv", "-q"],
                "export json": [roleplay, "export", "--json", "--db", target, "--out", out + ".json", "-q"],
                "export xlsx": [roleplay, "export", "--format", "xlsx", "--db", target, "--out", out + ".xlsx", "-q"],
                "export xapi": [roleplay, "export", "--format", "xapi", "--db", target, "--out", out + ".xapi", "-q"],
                "report": [roleplay, "report", "--db", target, "--json"],
            }  # fmt: skip
            results = {}
            for name, argv in cases.items():
                runs = [measure(argv) for _ in range(args.runs)]
                codes = {r[2] for r in runs}
                seconds = statistics.median(r[0] for r in runs)
                peak = statistics.median(r[1] for r in runs)
                results[name] = {
                    "seconds": round(seconds, 2),
                    "peak_mb": round(peak),
                    "exit": sorted(codes),
                }
                print(
                    f"{name:22s} {seconds:7.2f} s  {peak:6.0f} MB  exit {sorted(codes)}", flush=True
                )
            print(json.dumps(results))
        finally:
            if server_dir:
                subprocess.run(
                    ["bash", str(ROOT / "scripts" / "pg-server.sh"), "stop", server_dir],
                    check=False,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
