"""Reply analysis, before and after: this checkout's analyser against another's, interleaved.

On a shared machine two benchmark runs minutes apart see different loads, so a 5 %
change between them means nothing. This script loads the analyser of another checkout
(``--base``, e.g. an export of the main branch: ``git archive main | tar -x -C /tmp/base``)
and this one into the same process, and times them in turns over the same corpus —
``--corpus`` (default: the base's ``tests/data/eval_*.tsv``, so both read the replies of
the older sets) — so load hits both alike. Printed per language: the CPU time per reply
of the whole analysis (best of ``--runs`` passes) for each, and the ratio.

    .venv/bin/python benchmarks/analyzer_ab_bench.py --base /tmp/base

(``make bench`` runs it without ``--base``, which skips it.)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def load(checkout: Path) -> dict[str, tuple[Any, Any]]:
    """The analysers (and contexts) of ``checkout``, built before another is imported."""
    for name in list(sys.modules):
        if name == "scoring" or name.startswith("scoring."):
            del sys.modules[name]
    sys.path.insert(0, str(checkout))
    try:
        from scoring import context
        from scoring.analysis import analyzer
    finally:
        sys.path.pop(0)
    if not str(Path(analyzer.__file__).resolve()).startswith(str(checkout.resolve())):
        raise SystemExit(f"could not load the analyser of {checkout}")
    return {
        lang: (analyzer.Analyzer.for_language(lang), context.ReplyContext(lang=lang))
        for lang in ("en", "zh")
    }


def replies(folder: Path, lang: str) -> list[str]:
    lines = (folder / f"eval_{lang}.tsv").read_text(encoding="utf-8").splitlines()
    return [ln.split("\t")[2] for ln in lines if ln.strip() and not ln.startswith("#")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="the other checkout (without it: skipped)")
    parser.add_argument("--corpus", type=Path, help="folder with eval_en.tsv and eval_zh.tsv")
    parser.add_argument("--runs", type=int, default=15)
    args, _unknown = parser.parse_known_args()
    if args.base is None:
        print("skipped: give --base PATH (another checkout) to compare against")
        return 0
    corpus = args.corpus or args.base / "tests" / "data"
    checkouts = {"base": load(args.base), "this": load(ROOT)}
    for lang in ("en", "zh"):
        texts = replies(corpus, lang)
        best = {name: float("inf") for name in checkouts}
        for built in checkouts.values():  # warm up (OpenCC loads on first use)
            analyzer, context = built[lang]
            for text in texts[:200]:
                analyzer.analyze(text, context)
        for _ in range(args.runs):
            for name, built in checkouts.items():
                analyzer, context = built[lang]
                start = time.process_time()
                for text in texts:
                    analyzer.analyze(text, context)
                best[name] = min(best[name], time.process_time() - start)
        per = {name: best[name] / len(texts) * 1e6 for name in best}
        print(
            f"{lang}: base {per['base']:.1f} µs/reply ({1e6 / per['base']:,.0f}/s), "
            f"this {per['this']:.1f} µs/reply ({1e6 / per['this']:,.0f}/s), "
            f"this/base throughput {per['base'] / per['this']:.3f} ({len(texts)} replies)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
