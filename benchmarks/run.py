"""Run every benchmark script in this folder (``*_bench.py``) and print their figures.

The header names the machine (CPU count, CPU model, Python, OS) the figures come from.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> int:
    print(
        f"machine: {os.cpu_count()} CPUs ({cpu_model()}), "
        f"{platform.python_implementation()} {platform.python_version()}, {platform.platform()}"
    )
    if hasattr(os, "getloadavg"):
        print("load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(flush=True)
    failed = 0
    start = time.perf_counter()
    for script in sorted(HERE.glob("*_bench.py")):
        print(f"== {script.stem} ==", flush=True)
        result = subprocess.run([sys.executable, str(script), *sys.argv[1:]], check=False)
        failed |= result.returncode
        print(flush=True)
    print(f"all benchmarks: {time.perf_counter() - start:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
