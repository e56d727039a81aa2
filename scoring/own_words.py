"""The customer's own words are never jargon, nor a promise, when said back to them.

A confused customer who says "路由器" or "the server" understands that word; a reply
that uses it has not lost them. A deadline the customer gave ("by 11", 下午两点) said
back in a restatement is not a time the trainee promised. :func:`without_customer_jargon`
drops a jargon or eta signal whose matched words the customer has already used, and a
jargon signal inside one of the words the scenario says this customer knows
(``persona.words``: 路由器 to someone with a router in the living room), said or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from scoring.analysis.coverage import fold, to_simplified
from scoring.signal import ETA, JARGON, Analysis

# Signals that lose their meaning when the words are the customer's own: their jargon
# is not jargon to them, and their own deadline said back is not a promised time.
OWN_WORDS_SIGNALS: frozenset[str] = frozenset({JARGON, ETA})


def _said_by_customer(words: str, heard: str) -> bool:
    needle = fold(to_simplified(words)).strip()
    if not needle:
        return False
    if needle.isascii():
        return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", heard) is not None
    return needle in heard


def _inside_known_word(text: str, span: tuple[int, int], known: tuple[str, ...]) -> bool:
    """Whether the matched span lies inside an occurrence of one of the ``known`` words."""
    start, end = span
    for word in known:
        length = len(word)
        # every start from which the word would cover the whole span
        for at in range(max(0, end - length), start + 1):
            if fold(to_simplified(text[at : at + length])) == word:
                return True
    return False


def without_customer_jargon(
    analysis: Analysis, heard: Iterable[str], known: Iterable[str] = ()
) -> Analysis:
    """The analysis without jargon or times the customer said first (``heard``: their lines).

    Jargon inside one of the ``known`` words (the customer's vocabulary) is dropped too.
    """
    folded = fold(to_simplified("\n".join(heard)))
    words = tuple(w for w in (fold(to_simplified(k)).strip() for k in known) if w)
    kept = tuple(
        s
        for s in analysis.signals
        if not (
            (s.name in OWN_WORDS_SIGNALS and _said_by_customer(s.evidence, folded))
            or (s.name == JARGON and _inside_known_word(analysis.text, s.span, words))
        )
    )
    return analysis if len(kept) == len(analysis.signals) else replace(analysis, signals=kept)
