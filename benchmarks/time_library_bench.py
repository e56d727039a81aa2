"""Time commitments: the phrasebook grammar against general date/time libraries.

For every labelled reply of the evaluation sets (``tests/data/eval_<lang>.tsv``, plus any
``--batch LANG FILE`` given), the question is the one grading asks: does this reply promise
something at a concrete time (label ``eta``)? Three readers answer it:

* the project's analyser (signal ``eta``);
* ``dateparser`` (``search_dates`` finds a date or time expression in the reply), when
  installed;
* ``parsedatetime`` (``Calendar().nlp`` finds one; English only), when installed.

Printed per reader and language: precision, recall and F1 of the ``eta`` label, the median
time per reply, and the import time of the library (a fresh interpreter, ``-X importtime``
is not needed: the import is timed once, in a subprocess). Neither library is a dependency
of the project; install them into the environment to include them.

    .venv/bin/python benchmarks/time_library_bench.py [--batch en FILE ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from scoring.analysis.analyzer import Analyzer
from scoring.context import ReplyContext

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"

Case = tuple[str, bool]
Reader = Callable[[str], bool]


def cases(path: Path) -> list[Case]:
    out: list[Case] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        labels, _context, text = line.split("\t", 2)
        out.append((text, "eta" in labels.split(",")))
    return out


def project_reader(lang: str) -> Reader:
    analyzer = Analyzer.for_language(lang)
    context = ReplyContext(lang=lang)

    def read(text: str) -> bool:
        return any(s.name == "eta" for s in analyzer.analyze(text, context).signals)

    return read


def dateparser_reader(lang: str) -> Reader:
    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "future"}

    def read(text: str) -> bool:
        return bool(search_dates(text, languages=[lang], settings=settings))  # type: ignore[arg-type]

    return read


def parsedatetime_reader(lang: str) -> Reader:
    import parsedatetime

    calendar = parsedatetime.Calendar()

    def read(text: str) -> bool:
        return bool(calendar.nlp(text))

    return read


def import_seconds(module: str) -> float:
    """Seconds a fresh interpreter takes to import ``module`` (median of three)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        runs.append(float(out))
    return statistics.median(runs)


def score(read: Reader, data: list[Case]) -> tuple[float, float, float, float]:
    tp = fp = fn = 0
    times = []
    for text, expected in data:
        start = time.perf_counter()
        got = read(text)
        times.append(time.perf_counter() - start)
        tp += got and expected
        fp += got and not expected
        fn += expected and not got
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, statistics.median(times) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", nargs=2, action="append", default=[], metavar=("LANG", "FILE"))
    args, _unknown = parser.parse_known_args()
    data: dict[str, list[Case]] = {lang: cases(DATA / f"eval_{lang}.tsv") for lang in ("en", "zh")}
    for lang, path in args.batch:
        data[lang] = data[lang] + cases(Path(path))
    readers: list[tuple[str, str | None, Callable[[str], Reader], tuple[str, ...]]] = [
        ("phrasebook grammar", "scoring.analysis.analyzer", project_reader, ("en", "zh")),
        ("dateparser", "dateparser", dateparser_reader, ("en", "zh")),
        ("parsedatetime", "parsedatetime", parsedatetime_reader, ("en",)),
    ]
    print("| reader | language | replies | eta P | eta R | eta F1 | median µs/reply | import s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, module, make, langs in readers:
        if module is not None and importlib.util.find_spec(module.split(".")[0]) is None:
            print(f"| {name} | - | - | not installed | | | | |")
            continue
        imported = import_seconds(module) if module else 0.0
        for lang in langs:
            p, r, f, micro = score(make(lang), data[lang])
            print(
                f"| {name} | {lang} | {len(data[lang])} | {p:.2f} | {r:.2f} | {f:.2f} "
                f"| {micro:.0f} | {imported:.2f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
