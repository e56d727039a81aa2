"""Reply analysis as a count of instructions: this checkout's analyser against another's.

Timings on a shared machine swing by ±15 %; an instruction count does not. For each
checkout (this one and ``--base``) and language this runs ``valgrind --tool=callgrind``
twice over the base's evaluation corpus — building the analyser and analysing every
reply once, then twice — and prints the difference: the instructions of one steady pass,
with interpreter start-up, imports and the phrasebook build cancelled out.

    .venv/bin/python benchmarks/analyzer_instructions_bench.py --base /tmp/base

Needs valgrind (skipped, with a message, without it or without ``--base``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSES = """
import sys
root, corpus, lang, passes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, root)
from scoring.analysis.analyzer import Analyzer
from scoring.context import ReplyContext
lines = open(f"{corpus}/eval_{lang}.tsv", encoding="utf-8").read().splitlines()
replies = [ln.split("\\t")[2] for ln in lines if ln.strip() and not ln.startswith("#")]
analyzer, context = Analyzer.for_language(lang), ReplyContext(lang=lang)
for _ in range(passes):
    for reply in replies:
        analyzer.analyze(reply, context)
"""


def instructions(script: Path, root: Path, corpus: Path, lang: str, passes: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/cg.out",
                sys.executable,
                str(script),
                str(root),
                str(corpus),
                lang,
                str(passes),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
            check=True,
        ).stderr
    found = re.search(r"Collected : (\d+)", out)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{out}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="the other checkout (without it: skipped)")
    args, _unknown = parser.parse_known_args()
    if args.base is None:
        print("skipped: give --base PATH (another checkout) to compare against")
        return 0
    if shutil.which("valgrind") is None:
        print("skipped: valgrind is not installed")
        return 0
    corpus = args.base / "tests" / "data"
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "passes.py"
        script.write_text(PASSES, encoding="utf-8")
        for lang in ("en", "zh"):
            per_pass = {
                name: instructions(script, root, corpus, lang, 2)
                - instructions(script, root, corpus, lang, 1)
                for name, root in (("base", args.base), ("this", ROOT))
            }
            change = per_pass["this"] / per_pass["base"] - 1
            print(
                f"{lang}: base {per_pass['base'] / 1e6:,.1f} M instructions per pass, "
                f"this {per_pass['this'] / 1e6:,.1f} M ({change:+.1%})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
