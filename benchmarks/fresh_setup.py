"""How long a fresh clone takes to reach the first prompt of `make play`, and what it prints.

Not part of `make bench` (it downloads packages): run it on its own,

    python3 benchmarks/fresh_setup.py [--runs 3] [--cold]

Each run clones this checkout into a temporary folder and times `make .venv/.play` (the
set-up `make play` does before starting the game), then counts the lines it printed.
`--cold` disables pip's download cache, as on a machine that never installed anything.
The baseline in the same run is a bare `python3 -m venv` in the same folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="no pip download cache")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.cold:
        env["PIP_NO_CACHE_DIR"] = "1"
    setup_times, venv_times, lines = [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            clone = Path(tmp) / "roleplay"
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            seconds, _ = _timed([sys.executable, "-m", "venv", str(Path(tmp) / "bare")], clone, env)
            venv_times.append(seconds)
            seconds, output = _timed(["make", "--no-print-directory", ".venv/.play"], clone, env)
            setup_times.append(seconds)
            lines.append(len([line for line in output.splitlines() if line.strip()]))
    print(
        f"fresh `make play` set-up ({'cold' if args.cold else 'warm'} pip cache), {args.runs} runs"
    )
    print(
        f"  set-up:   median {statistics.median(setup_times):.1f} s (min {min(setup_times):.1f}, max {max(setup_times):.1f})"
    )
    print(f"  baseline: `python -m venv` median {statistics.median(venv_times):.1f} s")
    print(f"  lines printed: {max(lines)} at most")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
