"""Text as the terminal shows it: control sequences stripped, never read as rich markup,
and Chinese wrapped with its line-breaking rules."""

from __future__ import annotations

import re

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from scoring.safe_text import printable


def clean(text: str) -> str:
    """Strip terminal control and escape sequences from scenario or trainee text."""
    return printable(text)


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs so the terminal can wrap them itself.

    Blank lines separate paragraphs; lines starting with a list marker stay lines.
    """
    paragraphs = re.split(r"\n\s*\n", text.strip())
    out = []
    for paragraph in paragraphs:
        lines = [line.strip() for line in paragraph.splitlines()]
        merged: list[str] = []
        for line in lines:
            if merged and not re.match(r"([-*•]|\d+[.)])\s", line):
                joiner = "" if _cjk_edge(merged[-1], line) else " "
                merged[-1] = merged[-1] + joiner + line
            else:
                merged.append(line)
        out.append("\n".join(merged))
    return "\n\n".join(out)


# Chinese line-breaking rules: these never start a line, those never end one.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·,.;:?!)%")
NO_LINE_END = frozenset("（《「『【〔〈“‘(")


class Wrapped:
    """Text wrapped to the width with Chinese line-breaking rules.

    Closing punctuation stays on the line of the character before it, opening
    punctuation on the line of the character after it, and Latin words are not split;
    text without Chinese is left to rich.
    """

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = self.text.plain
        if not any(ch > "\u2e80" for ch in plain) or options.max_width < 4:
            yield self.text
            return
        lines = _without_newlines(list(self.text.divide(break_offsets(plain, options.max_width))))
        for line in lines:
            line.rstrip()
        joined = Text("\n").join(lines)
        joined.no_wrap = True
        joined.overflow = "ignore"
        yield joined


_UNIT = re.compile(
    "[" + re.escape("".join(sorted(NO_LINE_END))) + "]*"
    r"(?:[A-Za-z0-9_\-./:@#%&+=']+|\s|.)"
    "[" + re.escape("".join(sorted(NO_LINE_START))) + "]*"
    r"[ \t]*"
)


def break_offsets(plain: str, width: int) -> list[int]:
    """Where to break ``plain`` into lines of at most ``width`` cells (greedy)."""
    from rich.cells import cell_len

    offsets: list[int] = []
    used = 0
    for m in _UNIT.finditer(plain):
        unit = m.group()
        if unit.startswith("\n"):
            offsets.append(m.start())
            used = 0
            continue
        w = cell_len(unit.rstrip())
        if used and used + w > width:
            offsets.append(m.start())
            used = 0
        if w > width:  # a unit wider than the line: break it by characters
            pos = m.start()
            line: list[tuple[int, int]] = []  # (offset, cells) of the characters on this line
            for ch in unit:
                cw = cell_len(ch)
                if used and used + cw > width:
                    moved: list[tuple[int, int]] = []
                    if ch in NO_LINE_START:  # take the last ordinary character along
                        k = max(
                            (i for i, (o, _) in enumerate(line) if plain[o] not in NO_LINE_START),
                            default=0,
                        )
                        if k > 0 and sum(c for _, c in line[k:]) + cw <= width:
                            moved = line[k:]
                    offsets.append(moved[0][0] if moved else pos)
                    used = sum(c for _, c in moved)
                    line = moved
                used += cw
                line.append((pos, cw))
                pos += len(ch)
            continue
        used += cell_len(unit)
    return sorted(set(o for o in offsets if 0 < o < len(plain)))


def _without_newlines(lines: list[Text]) -> list[Text]:
    out = []
    for line in lines:
        out.append(line.divide([1])[1] if line.plain.startswith("\n") else line)
    return out


def _cjk_edge(left: str, right: str) -> bool:
    return bool(left) and bool(right) and (left[-1] > "\u2e80" or right[0] > "\u2e80")


def safe(text: str, style: str = "") -> Text:
    """Text that is never read as rich markup."""
    return Text(clean(text), style=style)
