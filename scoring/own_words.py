"""The customer's own words are never jargon when the trainee says them back.

A confused customer who says "路由器" or "the server" understands that word; a reply
that uses it has not lost them. :func:`without_customer_jargon` drops a jargon signal
whose matched words the customer has already used in this conversation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from scoring.analysis.coverage import fold, to_simplified
from scoring.signal import JARGON, Analysis


def _said_by_customer(words: str, heard: str) -> bool:
    needle = fold(to_simplified(words)).strip()
    if not needle:
        return False
    if needle.isascii():
        return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", heard) is not None
    return needle in heard


def without_customer_jargon(analysis: Analysis, heard: Iterable[str]) -> Analysis:
    """The analysis without jargon the customer used first (``heard``: their lines)."""
    folded = fold(to_simplified("\n".join(heard)))
    kept = tuple(
        s
        for s in analysis.signals
        if not (s.name == JARGON and _said_by_customer(s.evidence, folded))
    )
    return analysis if len(kept) == len(analysis.signals) else replace(analysis, signals=kept)
