"""A summary confirmed in the next sentence counts as a restatement.

The analyser finds a restatement by its frame ("so you're saying…", 我确认一下…) in
the same sentence as the facts. Trainees in their own voice often summarise first and
ask separately: "…, and the schedule is due by 11. Is that correct?" / "…没说错吧?".
:func:`with_confirmed_summary` adds a ``restate`` signal to a reply that has none when
it mentions at least ``MIN_FACTS`` facts the customer has revealed and asks for
confirmation in one of its last two sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from scoring.analysis.coverage import facts_mentioned
from scoring.context import ReplyContext
from scoring.echo import echoed
from scoring.moves import sentences
from scoring.signal import RESTATE, Analysis, Signal

MIN_FACTS = 2
RULE = "restate.confirmed_summary"
# Chinese ways of asking "have I got that right?" (one list for every rule that needs it).
ZH_CONFIRMING = (
    "对吗|对不对|是吗|是不是这样|没错吧|对吧|是这样吧|是这样吗|是这么回事吧|我理解得对吗"
    "|没(说|听|记|看|理解|搞|弄)错吧|是吧[?？]"
)
_CONFIRM = re.compile(
    r"(is that|is this|have i got|did i get|am i|that'?s)\s+(right|correct|it)\b.*[?？]"
    r"|(is that|is this|would that be|does that sound like)\s+(a\s+)?(fair|accurate|good)\s+"
    r"(summary|picture|description)\b.*[?？]"
    r"|\b(right|correct|yes)\s*[?？]"
    r"|" + ZH_CONFIRMING,
    re.IGNORECASE,
)


def with_confirmed_summary(
    analysis: Analysis, context: ReplyContext, heard: Iterable[str] = ()
) -> Analysis:
    """The analysis, with a restatement added for a summary confirmed separately.

    A summary that echoes the customer's own words (``heard``) is not one.
    """
    text = analysis.text
    if analysis.has(RESTATE) or not text.strip():
        return analysis
    if not any(_CONFIRM.search(s) for s in sentences(text)[-2:]):
        return analysis
    revealed = [f for f in context.facts if f.id in context.revealed]
    facts = facts_mentioned(text, revealed)
    if len(facts) < MIN_FACTS or echoed(text, heard) is not None:
        return analysis
    signal = Signal(RESTATE, (0, len(text)), text, RULE, None, None, tuple(sorted(facts)))
    signals = tuple(sorted((*analysis.signals, signal), key=lambda s: s.span))
    return replace(analysis, signals=signals)
