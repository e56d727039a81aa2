"""Loading every bundled scenario: the safe reader on libyaml against pure-Python PyYAML.

Both paths do the same work (token pre-scan for depth and aliases, compose, validate);
the baseline forces the pure-Python scanner and composer in the same run.
"""

from __future__ import annotations

import statistics
import time

import yaml

import scoring.yaml_tree as source
from simulator.scenario.catalog import scenario_files
from simulator.scenario.reader import load_scenario_file

RUNS = 7


def load_all_seconds() -> float:
    files = scenario_files()
    start = time.perf_counter()
    for path in files:
        load_scenario_file(path)
    return time.perf_counter() - start


def main() -> None:
    count = len(scenario_files())
    fast = statistics.median(load_all_seconds() for _ in range(RUNS))
    saved = source._LOADER
    source._LOADER = yaml.SafeLoader
    try:
        slow = statistics.median(load_all_seconds() for _ in range(RUNS))
    finally:
        source._LOADER = saved
    print(f"{count} bundled scenarios, {RUNS} runs (median)")
    print(
        f"libyaml scan + compose      : {fast * 1000:8.1f} ms  ({fast / count * 1000:.1f} ms per file)"
    )
    print(
        f"pure-Python (baseline)      : {slow * 1000:8.1f} ms  ({slow / count * 1000:.1f} ms per file)"
    )
    print(f"speed-up                    : {slow / fast:8.1f}x")


if __name__ == "__main__":
    main()
