"""Echo versus restatement: copying the customer's words back in the customer's voice.

A restatement is in the trainee's voice ("you haven't had mail since nine"). An echo
copies the customer's sentence and keeps the customer's first person ("So you're
saying: I haven't received…", 您是说"我们现在还能…"). A copied run of at least
``MIN_COPY`` characters that holds a first-person word of the customer is an echo, and
so is a quotation of twice that length copied from what the customer said. In English
the run must also hold ``MIN_WORDS`` words: a stock phrase both happen to use ("if I've
got this right" against the customer's "I've got this new computer") is not an echo.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from scoring.analysis.coverage import fold, to_simplified

MIN_COPY = 12
MIN_WORDS = 5
_CJK = re.compile(r"[\u3400-\u9fff]")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:i|my|me|mine|we|our|us)(?!\w)|我")
_PUNCTUATION = re.compile(r"[^\w\s]+")
# A quotation: between straight quotes, or from an opening curly/corner quote on.
_QUOTED = re.compile('"([^"]*)"|[\u201c\u300c\u300e]([^\u201d\u300d\u300f]*)')


def _norm(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", fold(to_simplified(text))).split())


def echoed(text: str, customer_lines: Iterable[str]) -> str | None:
    """The customer's words copied in their own voice, if ``text`` echoes a line."""
    quoted = [_norm(a or b) for a, b in _QUOTED.findall(text)]
    mine = _norm(text)
    if len(mine) < MIN_COPY:
        return None
    for line in customer_lines:
        theirs = _norm(line)
        if not theirs:
            continue
        m = SequenceMatcher(None, mine, theirs, autojunk=False).find_longest_match(
            0, len(mine), 0, len(theirs)
        )
        if m.size < MIN_COPY:
            continue
        copied = mine[m.a : m.a + m.size].strip()
        if not _CJK.search(copied) and len(copied.split()) < MIN_WORDS:
            continue
        if any(copied in q and len(copied) >= 2 * MIN_COPY for q in quoted):
            return copied
        for fp in _FIRST_PERSON.finditer(mine, m.a, m.a + m.size):
            # A whole word of the reply, not the cut-off start of "is" or "mean".
            if fp.group() == "我" or fp.end() == len(mine) or not mine[fp.end()].isalnum():
                return copied
    return None
