"""Channel noise: the parts of a reply that belong to the channel, not to what it says.

Replies copied from chat, social-media or ticket tools carry addressing handles
(``@acme_help``), links, HTML entities (``&amp;``), the agent's sign-off initials
(``^JK``, ``-Becky`` at the very end, ``/MU``), tweet counters (``2/2``) and masked slots
of anonymised logs (``[数字x]``, ``[订单x]``). :func:`mask_noise` blanks them out of the
normalised text with spaces of the same length — so every later offset still points
into the original reply — and turns masked numbers into digits, so "[数字x]小时内" reads
as "N hours within". Anchored rules (``position: start``) then see the greeting after
the handle as the start of the reply.
"""

from __future__ import annotations

import re

# Handles at the start of a reply (and after another handle), links anywhere.
_LEAD_HANDLES = re.compile(r"^(?:\s*[@＠][\w.]+[:,]?)+")
_LINK = re.compile(r"(?:https?://|www\.)\S+|o网页链接|\bt\.co/\S+")
_ENTITY = re.compile(r"&(?:amp|gt|lt|quot|apos|nbsp|#\d+);")
# Sign-offs: ^XY or ^Name anywhere; "- Name" / "-Name" / "/XY" / "(2/2)" at the very end.
_CARET_SIGN = re.compile(r"\^[a-z]{1,12}\b")
_TAIL_SIGN = re.compile(
    r"(?:\s(?:ty|thx)?\s?[-–/~]\s?|\s+=\)\s*)([a-z]{2,12})[\s.!]*$|\s\(?\d/\d\)?[\s.!]*$"
)
_TAIL_MARKS = ("-", "–", "/", "~", "=")  # every sign-off shape holds one of these
# Words that end a reply after a dash without being a signature.
_NOT_NAMES = frozenset(
    {"thanks", "thank", "cheers", "bye", "goodbye", "regards", "best", "sorry", "please", "ok"}
)
_STAFF_TAG = re.compile(r"[（(]专员[^）)]{1,8}[）)]")
# Masked slots of anonymised logs: numbers become digits, other slots blank.
_MASK = re.compile(r"\[(数字|金额|时间|日期|订单|姓名|地址|站点|电话|链接|组织机构|邮箱)x\]")
_NUMERIC_MASKS = frozenset({"数字", "时间"})


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _mask(match: re.Match[str]) -> str:
    width = match.end() - match.start()
    if match.group(1) in _NUMERIC_MASKS:
        return "0" * width
    return " " * width


def mask_noise(norm: str) -> str:
    """``norm`` with channel noise blanked (same length; see the module docstring)."""
    if "@" in norm or "＠" in norm:
        norm = _LEAD_HANDLES.sub(_blank, norm)
    if "http" in norm or "www." in norm or "网页链接" in norm or "t.co/" in norm:
        norm = _LINK.sub(_blank, norm)
    if "&" in norm:
        norm = _ENTITY.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 1), norm)
    if "^" in norm:
        norm = _CARET_SIGN.sub(_blank, norm)
    if "[" in norm:
        norm = _MASK.sub(_mask, norm)
    if "专员" in norm:
        norm = _STAFF_TAG.sub(_blank, norm)
    start = max(0, len(norm) - 24)
    if not any(mark in norm[start:] for mark in _TAIL_MARKS):
        return norm
    tail = _TAIL_SIGN.search(norm, start)
    if tail is None or tail.group(1) in _NOT_NAMES:
        return norm
    return norm[: tail.start()] + " " * (tail.end() - tail.start())
