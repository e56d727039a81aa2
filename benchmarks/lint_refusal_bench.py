"""How fast `roleplay lint` refuses hostile files, against linting an ordinary scenario.

The hostile inputs are those of ``tests/unit/test_lint_broken.py``: a 10 MB file, the
billion-laughs alias bomb (``tests/data/broken/alias-bomb.yaml``) and 100,000 nested
flow brackets (``[`` and ``{``). Baseline in the same run: ``lint_file`` on
``tests/data/broken/valid-base.yaml``, a complete, valid scenario that goes through every
lint stage. Each figure is the median wall time of ``lint_file`` over several runs;
peak memory is measured (tracemalloc) in one extra run.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from simulator.authoring.lint import lint_file

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "data" / "broken"
RUNS = 7
GOAL_SECONDS = 1.0  # the bounds asserted by tests/unit/test_lint_broken.py
GOAL_PEAK = {"10 MB file": 5_000_000, "alias bomb": 5_000_000}
GOAL_PEAK_NESTING = 20_000_000


def seconds(path: Path) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        lint_file(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_bytes(path: Path) -> tuple[int, str]:
    tracemalloc.start()
    try:
        report = lint_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    codes = ",".join(issue.code for issue in report.issues) or "clean"
    return peak, codes


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.yaml"
        big.write_bytes(b'id: big\nbriefing: "' + b"x" * (10 * 1024 * 1024) + b'"\n')
        brackets = Path(tmp) / "brackets.yaml"
        brackets.write_text("[" * 100_000)
        braces = Path(tmp) / "braces.yaml"
        braces.write_text("{" * 100_000)
        cases = {
            "10 MB file": big,
            "alias bomb": BROKEN / "alias-bomb.yaml",
            "100k nested [": brackets,
            "100k nested {": braces,
        }
        baseline_path = BROKEN / "valid-base.yaml"
        baseline = seconds(baseline_path)
        base_peak, base_codes = peak_bytes(baseline_path)
        print(f"lint_file, {RUNS} runs (median); peak memory from one traced run")
        print(
            f"{'baseline: valid-base.yaml':26s} {baseline * 1000:8.2f} ms"
            f"  peak {base_peak / 1e6:5.2f} MB  ({base_codes})"
        )
        met = True
        for name, path in cases.items():
            t = seconds(path)
            peak, codes = peak_bytes(path)
            limit = GOAL_PEAK.get(name, GOAL_PEAK_NESTING)
            met = met and t < GOAL_SECONDS and peak < limit
            print(
                f"{name:26s} {t * 1000:8.2f} ms  peak {peak / 1e6:5.2f} MB  ({codes})"
                f"  {t / baseline:6.3f}x baseline"
            )
        print(
            f"goal: each refusal < {GOAL_SECONDS:.0f} s, peak < 5 MB (size, aliases) /"
            f" < 20 MB (nesting): {'met' if met else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
