"""Start-up cost of the `roleplay` command, against a bare interpreter in the same run.

Prints the median wall time of `python -c pass` (baseline), `roleplay --help` and
`roleplay list --json` over several runs, and the ratio to the baseline.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 9


def median_seconds(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    py = sys.executable
    baseline = median_seconds([py, "-c", "pass"])
    cases = {
        "roleplay --help": [py, "-m", "simulator", "--help"],
        "roleplay list --json": [py, "-m", "simulator", "list", "--json"],
        "import simulator.cli": [py, "-c", "import simulator.cli"],
    }
    print(f"runs per case: {RUNS} (median)")
    print(f"{'baseline: python -c pass':32s} {baseline * 1000:8.1f} ms")
    for name, argv in cases.items():
        t = median_seconds(argv)
        print(f"{name:32s} {t * 1000:8.1f} ms   x{t / baseline:5.1f} of baseline")


if __name__ == "__main__":
    main()
