"""A tiny, predictable analyser for engine tests: `[signal]` or `[avoided:cat]` tags in text.

"[empathy] [restate:no_mail] hello" yields an empathy signal and a restate covering
the fact no_mail. Engine tests use it so they pin the engine, not the phrasebook.
"""

from __future__ import annotations

import re

from scoring.context import ReplyContext
from scoring.signal import Analysis, Signal

_TAG = re.compile(r"\[([a-z_]+)(?::([a-z_,]+))?\]")


def tag_analyze(text: str, context: ReplyContext) -> Analysis:
    signals = []
    for match in _TAG.finditer(text):
        name, arg = match.group(1), match.group(2)
        category = arg if name == "avoided" else None
        facts = tuple(arg.split(",")) if name == "restate" and arg else ()
        signals.append(
            Signal(name, match.span(), match.group(0), f"tag.{name}", category, None, facts)
        )
    return Analysis(text, context.lang, tuple(signals))
