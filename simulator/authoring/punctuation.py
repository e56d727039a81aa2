"""Chinese text takes full-width punctuation: `，？！：；（）` rather than `, ? ! : ; ( )`.

An ASCII mark counts as misused when it touches a Chinese character (the character
before it, or the one after it, across spaces and line breaks); `15:00`, `VPN, Outlook`
and `(see above)` are left alone. :func:`misused` finds them, :func:`full_width` replaces them one for one (so
offsets and line numbers stay where they were).
"""

from __future__ import annotations

from simulator.scenario.issue import Issue, warning
from simulator.scenario.yaml_source import YNode

FULL_WIDTH: dict[str, str] = {
    ",": "，",
    "?": "？",
    "!": "！",
    ":": "：",
    ";": "；",
    "(": "（",
    ")": "）",
}
# Scenario fields whose text the customer says or the trainee reads (not patterns or ids).
TEXT_FIELDS = frozenset(
    {
        "title",
        "name",
        "description",
        "briefing",
        "learning_goals",
        "summary",
        "lines",
        "say",
        "suggestion",
        "hint",
        "nudges",
        "idle",
    }
)


_SKIP = " \t\r\n“”‘’\"'"


def is_chinese(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3000" <= ch <= "\u303f"


def misused(text: str) -> list[int]:
    """Offsets of ASCII punctuation that touches Chinese text."""
    out = []
    for i, ch in enumerate(text):
        if ch not in FULL_WIDTH:
            continue
        before = text[:i].rstrip(_SKIP)[-1:]  # across line breaks and quotation marks
        after = text[i + 1 :].lstrip(_SKIP)[:1]
        if is_chinese(before) or is_chinese(after) or (ch in "()" and _paired_chinese(text, i)):
            out.append(i)
    return out


def _paired_chinese(text: str, i: int) -> bool:
    """A parenthesis whose partner's neighbour is Chinese: `(VPN 断了)` is Chinese too."""
    if text[i] == "(":
        close = text.find(")", i)
        return close > 0 and is_chinese(text[close - 1])
    open_ = text.rfind("(", 0, i)
    return open_ >= 0 and open_ + 1 < len(text) and is_chinese(text[open_ + 1])


def full_width(text: str) -> str:
    """``text`` with every misused ASCII mark replaced by its full-width form."""
    chars = list(text)
    for i in misused(text):
        chars[i] = FULL_WIDTH[chars[i]]
    return "".join(chars)


def punctuation_issues(root: YNode) -> list[Issue]:
    """W210 for each text field of a Chinese scenario that uses ASCII punctuation."""
    language = root.value.get("language") if root.is_map() else None
    if language is None or language.value != "zh":
        return []
    out: list[Issue] = []
    for node in _text_nodes(root, None):
        found = misused(node.value)
        if not found:
            continue
        marks = "".join(dict.fromkeys(node.value[i] for i in found))
        shown = " ".join(f"'{m}'→'{FULL_WIDTH[m]}'" for m in marks)
        out.append(
            warning(
                "W210",
                node.location,
                f"ASCII punctuation in Chinese text ({len(found)}×: {shown})",
                "Chinese text takes full-width punctuation; scripts/fullwidth.py fixes a file",
            )
        )
    return out


def _text_nodes(node: YNode, key: str | None) -> list[YNode]:
    if node.is_map():
        return [n for k, v in node.value.items() for n in _text_nodes(v, k)]
    if node.is_seq():
        return [n for v in node.value for n in _text_nodes(v, key)]
    if key in TEXT_FIELDS and isinstance(node.value, str):
        return [node]
    return []
