"""Rich rendering shared by the terminal commands: safe text, tables, customer lines."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text

from scoring.safe_text import printable

if TYPE_CHECKING:
    from simulator.engine.headless import HeadlessRun
    from simulator.scenario.model import Scenario


MOOD_LABELS = {
    "en": {-2: "furious", -1: "upset", 0: "neutral", 1: "calmer", 2: "satisfied"},
    "zh": {-2: "非常生气", -1: "不满", 0: "平静", 1: "缓和", 2: "满意"},
}
CONFUSED_LABELS = {
    "en": {-2: "lost", -1: "confused", 0: "following", 1: "confident", 2: "relieved"},
    "zh": {-2: "完全糊涂", -1: "困惑", 0: "能跟上", 1: "有信心", 2: "放心"},
}
MOOD_FACES = {-2: "😠", -1: "😟", 0: "😐", 1: "🙂", 2: "😊"}


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
            for ch in unit:
                cw = cell_len(ch)
                if used and used + cw > width:
                    offsets.append(pos)
                    used = 0
                used += cw
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


def stdout_console(file: TextIO | None = None, width: int | None = None) -> Console:
    return Console(file=file or sys.stdout, width=width, highlight=False, soft_wrap=False)


def mood_label(kind: str, lang: str, mood: int) -> str:
    labels = CONFUSED_LABELS if kind == "confused" else MOOD_LABELS
    return labels.get(lang, labels["en"])[max(-2, min(2, mood))]


def scenario_table(scenarios: Sequence[Scenario], numbered: bool = False) -> Table:
    """The scenarios as a table; ids never wrap, so they can be copied."""
    table = Table(title="Scenarios", expand=False, show_lines=False)
    if numbered:
        table.add_column("#", justify="right", style="bold")
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("kind")
    table.add_column("lang")
    table.add_column("channel")
    table.add_column("level")
    table.add_column("title", overflow="fold")
    for i, s in enumerate(scenarios, start=1):
        cells: list[Text | str] = [
            safe(s.id),
            s.kind,
            s.language,
            s.channel,
            s.difficulty,
            safe(s.title),
        ]
        table.add_row(*([str(i)] if numbered else []), *cells)
    return table


def scenario_listing(scenarios: Sequence[Scenario]) -> Group:
    """Each scenario as a short block: id and facts, title, learning goals."""
    from rich.padding import Padding

    blocks: list[Text | Padding] = []
    for s in scenarios:
        head = Text()
        head.append(clean(s.id), style="bold cyan")
        head.append(f"  {s.kind} · {s.language} · {s.channel} · {s.difficulty}", style="dim")
        blocks.append(head)
        body = Text(clean(s.title), style="bold")
        for goal in s.learning_goals:
            body.append("\n• ")
            body.append(clean(goal))
        blocks.append(Padding(body, (0, 0, 1, 2)))
    if not scenarios:
        blocks.append(Text("No scenarios match.", style="yellow"))
    return Group(*blocks)


def customer_line(
    name: str, kind: str, lang: str, text: str, mood: int, nudge: bool = False
) -> Text:
    head = Text()
    head.append(f"{MOOD_FACES.get(mood, '')} ", style="")
    head.append(clean(name), style="bold magenta")
    head.append(f"  ({mood_label(kind, lang, mood)})", style="dim")
    head.append("\n")
    head.append(clean(text), style="italic" if nudge else "")
    return head


def print_result(run: HeadlessRun, console: Console | None = None) -> None:
    """The debrief of a headless run, in the terminal."""
    from simulator.tui.debrief_view import render_run

    render_run(run, console or stdout_console())
