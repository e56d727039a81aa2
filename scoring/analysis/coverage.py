"""Which facts a piece of text mentions, by their keywords.

English keywords match at the start of a word and allow endings ("drop" matches
"drops" and "dropping"); Chinese keywords match anywhere, after traditional
characters are folded to simplified ones. A keyword may list alternatives with ``|``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from scoring.context import Fact


@lru_cache(maxsize=1)
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Fold traditional Chinese characters to simplified ones (length may change)."""
    if not any("\u3400" <= ch <= "\u9fff" for ch in text):
        return text
    converter = _t2s()
    result: str = converter.convert(text)  # type: ignore[attr-defined]
    return result


def fold(text: str) -> str:
    """Case, width and quote folding used for keyword comparison."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return text.replace("\u2019", "'").replace("\u2018", "'")


@lru_cache(maxsize=512)
def _keyword_regex(keywords: tuple[str, ...]) -> re.Pattern[str]:
    parts: list[str] = []
    for keyword in keywords:
        for raw in keyword.split("|"):
            alt = fold(to_simplified(raw.strip()))
            if not alt:
                continue
            escaped = r"\s+".join(re.escape(w) for w in alt.split())
            if alt[0].isascii() and alt[0].isalnum():
                escaped = r"(?<![A-Za-z0-9_])" + escaped
            if alt[-1].isascii() and alt[-1].isalnum():
                escaped += r"\w*"
            parts.append(escaped)
    if not parts:
        return re.compile(r"(?!x)x")
    parts.sort(key=len, reverse=True)
    return re.compile("|".join(parts))


def keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """The compiled pattern of keyword alternatives, to search text folded with :func:`fold`."""
    return _keyword_regex(keywords)


def fact_mentioned(text: str, fact: Fact) -> bool:
    return _keyword_regex(fact.keywords).search(fold(to_simplified(text))) is not None


def facts_mentioned(text: str, facts: Iterable[Fact]) -> frozenset[str]:
    folded = fold(to_simplified(text))
    return frozenset(f.id for f in facts if _keyword_regex(f.keywords).search(folded))
