"""Reply analysis throughput: the phrasebook analyser against a naive regex baseline.

Corpus: the reply texts of the labelled evaluation sets (``tests/data/eval_en.tsv`` and
``eval_zh.tsv``, third column), cycled to ``--replies`` per language; the mixed corpus
interleaves both languages in the proportion of the evaluation sets. Every reply is
analysed with ``ReplyContext(lang=lang)`` (no scenario facts or names).

Baseline, measured in the same run: the same phrasebook read with PyYAML and every
rule's patterns translated by hand into one Python ``re`` regex per rule and kind
(patterns, exceptions, not_after, not_before; word lists and groups become
alternations). Each reply is normalised and tokenised with the project's own
normaliser, and then every rule's regex is searched in turn; exceptions, negators,
not_after/not_before, position, unless and restate frames without facts are applied
the simple way. It reports the same signal set as the analyser for most replies (the
agreement is printed), and does a little less work (no evidence spans, no
longest-match merge).

Also printed: per-reply latency p50/p99, the time to build each analyser (read and
compile the phrasebook) and the peak memory (tracemalloc) of building both. With
``--profile`` the English run is profiled with cProfile and the hot spots printed.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import re
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from scoring.analysis.analyzer import EDGE_TOKENS, Analyzer
from scoring.analysis.characters import normalise_chars
from scoring.analysis.normalizer import Lexicon, lexicon, tokenize
from scoring.analysis.phrasebook import LANGUAGES, load_phrasebook, phrasebook_path
from scoring.context import ReplyContext

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
REPLIES = 20_000
RUNS = 5
GOAL_EN = 20_000  # English replies per second

Signals = frozenset[tuple[str, str | None]]
Regex = re.Pattern[str] | None
Call = tuple[Callable[[str, ReplyContext], object], str, ReplyContext]


def eval_replies(lang: str) -> list[str]:
    """The reply texts (third column) of ``tests/data/eval_<lang>.tsv``."""
    texts = []
    for line in (DATA / f"eval_{lang}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        texts.append(line.split("\t")[2])
    return texts


def cycled(texts: list[str], count: int) -> list[str]:
    return [texts[i % len(texts)] for i in range(count)]


def mixed(en: list[str], zh: list[str], count: int) -> list[tuple[str, str]]:
    """``count`` replies, both languages interleaved in the proportion of the sets."""
    out: list[tuple[str, str]] = []
    total = len(en) + len(zh)
    ie = iz = 0
    for k in range(count):
        if (k * len(en)) % total < len(en):
            out.append(("en", en[ie % len(en)]))
            ie += 1
        else:
            out.append(("zh", zh[iz % len(zh)]))
            iz += 1
    return out


# -- the naive baseline -----------------------------------------------------------------------

# The pattern syntax of the phrasebook files (see their headers).
_LEX = re.compile(
    r"(?P<open>\()|(?P<close>\))|(?P<oopen>\[)|(?P<oclose>\])|(?P<bar>\|)"
    r"|(?P<list>@[A-Za-z_][A-Za-z0-9_]*)|(?P<cls>#[a-z]+)|(?P<gap>\.\.\.|…)"
    r"|(?P<caret>\^)|(?P<dollar>\$)|(?P<esc>\\.)"
    r"|(?P<text>(?:[^()\[\]|@#^$\\.…]|\.(?!\.\.))+)"
)
# A reply becomes "\tw1 w2\tw3 .\tw4 " (each token after a space, or after a tab where a
# clause starts); every pattern step is a separator and a token.
_STEP = "[ \\t]"
_WORD = "[^ \\t.?!][^ \\t]*"
_PUNCT = frozenset(".?!")
_ZH_NUMERALS = "[零〇一二两三四五六七八九十百半]+"


class NaiveRule:
    __slots__ = (
        "category",
        "exceptions",
        "id",
        "match",
        "needs_facts",
        "negatable",
        "not_after",
        "not_before",
        "position",
        "signal",
        "unless",
        "window",
    )

    def __init__(self, raw: dict[str, Any], compile_kind: Callable[[list[str]], Regex]) -> None:
        self.id: str = raw["id"]
        self.signal: str = raw["signal"]
        self.category: str | None = raw.get("category")
        self.negatable: bool = False
        self.position: str = raw.get("position", "any")
        self.unless: frozenset[str] = frozenset(raw.get("unless") or ())
        self.window: int = 3
        self.needs_facts: bool = bool(raw.get("needs_facts", False))
        match = compile_kind(raw["patterns"])
        assert match is not None, self.id
        self.match: re.Pattern[str] = match
        self.exceptions = compile_kind(raw.get("exceptions") or [])
        self.not_after = compile_kind(raw.get("not_after") or [])
        self.not_before = compile_kind(raw.get("not_before") or [])


class NaiveAnalyzer:
    """Every rule's patterns as one ``re`` regex, searched rule after rule."""

    def __init__(self, lang: str) -> None:
        raw = yaml.load(phrasebook_path(lang).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        self.lang = lang
        # The project's tokenizer (contractions, typos) is reused for words and replies.
        typos = {
            str(k).lower(): tuple(str(v).lower().split()) for k, v in raw.get("typos", {}).items()
        }
        self.lex: Lexicon = lexicon(lang, typos)
        settings = raw.get("settings") or {}
        self.gap = int(settings.get("gap", 3))
        window = int(settings.get("window", 3))
        negatable = set(settings.get("negatable") or ())
        self.raw_lists: dict[str, list[str]] = {k: list(v) for k, v in raw["lists"].items()}
        self.list_regex: dict[str, str] = {}
        number_words = sorted(self.lex.number_words, key=len, reverse=True)
        numbers = [r"\d+(?:[:.]\d+)?", *number_words]
        if lang == "zh":
            numbers.append(_ZH_NUMERALS)
        self.classes = {
            "#num": _STEP + "(?:" + "|".join(numbers) + ")",
            "#clock": _STEP + r"\d+[:.]\d+",
            "#any": _STEP + _WORD,
        }
        self.negators = self.compile(raw.get("negators") or [])
        self.masks = self.compile(raw.get("not_negators") or [])
        self.rules: list[NaiveRule] = []
        for r in raw["rules"]:
            rule = NaiveRule(r, self.compile)
            rule.negatable = bool(r.get("negatable", rule.signal in negatable))
            rule.window = int(r.get("window", window))
            self.rules.append(rule)

    # pattern → regex

    def words(self, text: str) -> list[str]:
        return tokenize(text, self.lang, self.lex).words

    def compile(self, patterns: Iterable[str]) -> Regex:
        parts = [f"(?:{self.translate(p)})" for p in patterns]
        return re.compile("|".join(parts)) if parts else None

    def translate(self, pattern: str) -> str:
        items = [(m.lastgroup or "text", m.group()) for m in _LEX.finditer(pattern)]
        start = bool(items) and items[0][0] == "caret"
        end = bool(items) and items[-1][0] == "dollar"
        items = items[1 if start else 0 : len(items) - 1 if end else len(items)]
        body, _ = self._alternatives(items, 0, None)
        head = r"(?=\t)" if start else ""
        tail = r"(?=\t|[ \t][.?!][ \t]| $)" if end else r"(?=[ \t])"
        return f"{head}(?:{body}){tail}"

    def _alternatives(
        self, items: list[tuple[str, str]], pos: int, closer: str | None
    ) -> tuple[str, int]:
        alts: list[str] = []
        cur: list[str] = []
        while pos < len(items):
            kind, value = items[pos]
            if kind == "bar":
                alts.append("".join(cur))
                cur = []
                pos += 1
                continue
            if kind in ("close", "oclose"):
                break
            pos += 1
            if kind in ("text", "esc"):
                text = value[1] if kind == "esc" else value
                cur.extend(_STEP + re.escape(w) for w in self.words(text))
            elif kind == "open":
                sub, pos = self._alternatives(items, pos, "close")
                cur.append(f"(?:{sub})")
            elif kind == "oopen":
                sub, pos = self._alternatives(items, pos, "oclose")
                cur.append(f"(?:{sub})?")
            elif kind == "list":
                cur.append(self._list(value[1:]))
            elif kind == "cls":
                cur.append(self.classes[value])
            elif kind == "gap":
                cur.append(f"(?:{_STEP}{_WORD}){{0,{self.gap}}}")
        alts.append("".join(cur))
        if closer is not None:
            pos += 1
        return "|".join(alts), pos

    def _list(self, name: str) -> str:
        regex = self.list_regex.get(name)
        if regex is None:
            entries = []
            for entry in self.raw_lists[name]:
                items = [(m.lastgroup or "text", m.group()) for m in _LEX.finditer(str(entry))]
                entries.append(self._alternatives(items, 0, None)[0])
            regex = self.list_regex[name] = "(?:" + "|".join(entries) + ")"
        return regex

    # replies

    def canonical(self, text: str) -> str:
        toks = tokenize(text, self.lang, self.lex, normalise_chars(text, self.lang))
        brk, words = toks.brk, toks.words
        parts = [("\t" if brk[i] else " ") + words[i] for i in range(toks.n)]
        parts.append(" ")
        return "".join(parts)

    def analyze(self, text: str, context: ReplyContext | None = None) -> Signals:
        """The signals (and avoided categories) of ``text``; the context is not used."""
        canon = self.canonical(text)
        negators: list[tuple[int, int]] | None = None
        kept: list[tuple[int, int, NaiveRule]] = []
        for rule in self.rules:
            spans = [m.span() for m in rule.match.finditer(canon)]
            if not spans:
                continue
            if rule.exceptions is not None:
                cancels = [m.span() for m in rule.exceptions.finditer(canon)]
                spans = [(i, j) for i, j in spans if not any(a < j and i < b for a, b in cancels)]
            if spans and rule.negatable and self.negators is not None:
                if negators is None:
                    negators = self._negators(canon)
                spans = [s for s in spans if not _negated(canon, s[0], rule.window, negators)]
            if spans and rule.not_after is not None:
                before = [m.span() for m in rule.not_after.finditer(canon)]
                spans = [s for s in spans if not _near_before(canon, s[0], rule.window, before)]
            if spans and rule.not_before is not None:
                after = [m.span() for m in rule.not_before.finditer(canon)]
                spans = [s for s in spans if not _near_after(canon, s[1], rule.window, after)]
            if spans and rule.position != "any":
                edge = EDGE_TOKENS.get(self.lang, 3)
                spans = [s for s in spans if _outside(canon, s, rule.position) <= edge]
            if spans and rule.signal == "restate" and rule.needs_facts:
                continue  # no facts in the context: weak frames never count
            if spans:
                kept.append((spans[0][0], spans[0][1], rule))
        present = {rule.signal for _, _, rule in kept}
        return frozenset(
            (rule.signal, rule.category)
            for _, _, rule in kept
            if not rule.signal.startswith("_") and not (rule.unless & present)
        )

    def _negators(self, canon: str) -> list[tuple[int, int]]:
        if self.negators is None:
            return []
        found = [m.span() for m in self.negators.finditer(canon)]
        if self.masks is not None and found:
            masks = [m.span() for m in self.masks.finditer(canon)]
            found = [(a, b) for a, b in found if not any(x <= a and b <= y for x, y in masks)]
        return found


def _between(canon: str, a: int, b: int) -> list[str]:
    return canon[a:b].split()


def _negated(canon: str, i: int, window: int, negators: list[tuple[int, int]]) -> bool:
    """A negator ends at most ``window`` words before ``i``, in the same clause."""
    for _a, b in negators:
        if b <= i and "\t" not in canon[b : i + 1] and len(_between(canon, b, i)) <= window:
            return True
    return False


def _near_before(canon: str, i: int, window: int, spans: list[tuple[int, int]]) -> bool:
    for _a, b in spans:
        if b <= i:
            gap = _between(canon, b, i)
            if len(gap) <= window and not _PUNCT.intersection(gap):
                return True
    return False


def _near_after(canon: str, j: int, window: int, spans: list[tuple[int, int]]) -> bool:
    for a, _b in spans:
        if a >= j:
            gap = _between(canon, j, a)
            if len(gap) <= window and not _PUNCT.intersection(gap):
                return True
    return False


def _outside(canon: str, span: tuple[int, int], position: str) -> int:
    text = canon[span[1] :] if position == "end" else canon[: span[0]]
    return sum(1 for w in text.split() if w not in _PUNCT)


# -- measuring --------------------------------------------------------------------------------


def analyser_signals(analyzer: Analyzer, text: str, context: ReplyContext) -> Signals:
    return frozenset((s.name, s.category) for s in analyzer.analyze(text, context).signals)


def per_second(calls: list[Call], runs: int) -> float:
    """Replies per second: the median over ``runs`` passes over ``calls``."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        for analyze, text, context in calls:
            analyze(text, context)
        times.append(time.perf_counter() - start)
    return len(calls) / statistics.median(times)


def latencies_us(analyzer: Analyzer, texts: list[str], context: ReplyContext) -> tuple[float, ...]:
    clock = time.perf_counter_ns
    samples = []
    analyze = analyzer.analyze
    for text in texts:
        start = clock()
        analyze(text, context)
        samples.append(clock() - start)
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples) / 1000, q[98] / 1000


def build_analyser(lang: str) -> Analyzer:
    """A fresh analyser: read and compile the phrasebook (``for_language`` caches it)."""
    return Analyzer(load_phrasebook(lang))


def build_seconds(build: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build_peak_bytes() -> tuple[int, int]:
    """Peak and retained traced memory while building the analysers of both languages."""
    gc.collect()
    tracemalloc.start()
    try:
        analysers = [build_analyser(lang) for lang in LANGUAGES]
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del analysers
    return peak, current


def profile_english(analyzer: Analyzer, texts: list[str], top: int) -> None:
    context = ReplyContext(lang="en")
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        analyzer.analyze(text, context)
    profiler.disable()
    print(f"\ncProfile, {len(texts)} English replies (tottime, top {top}):")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=REPLIES, help="replies per language")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--profile", action="store_true", help="cProfile the English run")
    args, _unknown = parser.parse_known_args()
    count, runs = args.replies, max(1, args.runs)

    sources = {lang: eval_replies(lang) for lang in LANGUAGES}
    corpora = {lang: cycled(sources[lang], count) for lang in LANGUAGES}
    mix = mixed(sources["en"], sources["zh"], count)

    build = {lang: build_seconds(partial(build_analyser, lang), runs) for lang in LANGUAGES}
    peak, retained = build_peak_bytes()

    analysers = {lang: Analyzer.for_language(lang) for lang in LANGUAGES}
    naives: dict[str, NaiveAnalyzer] = {}
    naive_build: dict[str, float] = {}
    for lang in LANGUAGES:
        re.purge()
        start = time.perf_counter()
        naives[lang] = NaiveAnalyzer(lang)
        naive_build[lang] = time.perf_counter() - start
    contexts = {lang: ReplyContext(lang=lang) for lang in LANGUAGES}

    agreement = {}
    for lang in LANGUAGES:  # also the warm-up (OpenCC loads on the first Chinese reply)
        texts = sources[lang]
        same = sum(
            analyser_signals(analysers[lang], t, contexts[lang]) == naives[lang].analyze(t)
            for t in texts
        )
        agreement[lang] = same / len(texts)

    def calls(naive: bool, replies: list[tuple[str, str]]) -> list[Call]:
        table = naives if naive else analysers
        return [(table[lang].analyze, text, contexts[lang]) for lang, text in replies]

    rows = []
    for name in (*LANGUAGES, "mixed"):
        replies = mix if name == "mixed" else [(name, text) for text in corpora[name]]
        fast = per_second(calls(False, replies), runs)
        slow = per_second(calls(True, replies), runs)
        rows.append((name, fast, slow))
    lat = {lang: latencies_us(analysers[lang], corpora[lang], contexts[lang]) for lang in LANGUAGES}

    sizes = ", ".join(f"{lang} {len(sources[lang])}" for lang in LANGUAGES)
    print(
        f"corpus: eval sets ({sizes} replies) cycled to {count} replies per row; {runs} runs (median)"
    )
    print(f"{'':8s}{'analyser':>14s}{'naive regex':>14s}{'ratio':>9s}")
    for name, fast, slow in rows:
        print(f"{name:8s}{fast:10,.0f} r/s{slow:10,.0f} r/s{fast / slow:8.1f}x")
    for lang in LANGUAGES:
        p50, p99 = lat[lang]
        print(f"latency {lang}: p50 {p50:6.1f} us   p99 {p99:6.1f} us  (analyser, per reply)")
    for lang in LANGUAGES:
        print(
            f"build {lang}: analyser {build[lang] * 1000:6.1f} ms (median of {runs}),"
            f" naive regex {naive_build[lang] * 1000:6.1f} ms (one run)"
        )
    print(
        f"peak memory building both analysers (tracemalloc): {peak / 1e6:.1f} MB, retained {retained / 1e6:.1f} MB"
    )
    print(
        "baseline agreement (same signal set as the analyser): "
        + ", ".join(f"{lang} {agreement[lang]:.1%}" for lang in LANGUAGES)
    )
    en_rate = rows[0][1]
    met = en_rate >= GOAL_EN and all(fast > slow for _, fast, slow in rows)
    print(
        f"goal: >= {GOAL_EN:,} English replies/s and faster than the baseline:"
        f" {'met' if met else 'NOT met'} ({en_rate:,.0f} English replies/s)"
    )
    if args.profile:
        profile_english(analysers["en"], corpora["en"], 25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
