"""Rich rendering shared by the terminal commands: safe text, tables, customer lines."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from simulator.headless import HeadlessRun
    from simulator.scenario import Scenario

_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)

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
    return _CONTROL.sub("", text)


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
    """Text wrapped to the width, keeping Chinese punctuation off the start of a line.

    The text is wrapped two cells narrower than the space; a closing mark that would
    start a line hangs at the end of the line before instead, and an opening mark that
    would end a line moves down to the next.
    """

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = self.text.plain
        if not any(ch > "\u2e80" for ch in plain) or options.max_width < 10:
            yield self.text
            return
        lines = list(self.text.wrap(console, options.max_width - 2))
        for i in range(1, len(lines)):
            while lines[i].plain and lines[i].plain[0] in NO_LINE_START and lines[i - 1].plain:
                head, rest = lines[i].divide([1])
                lines[i - 1].append_text(head)
                lines[i] = rest
            while lines[i - 1].plain and lines[i - 1].plain[-1] in NO_LINE_END:
                keep, tail = lines[i - 1].divide([len(lines[i - 1].plain) - 1])
                lines[i - 1] = keep
                lines[i] = Text.assemble(tail, lines[i])
        joined = Text("\n").join(lines)
        joined.no_wrap = True
        joined.overflow = "ignore"
        yield joined


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
    from simulator.debrief_view import render_run

    render_run(run, console or stdout_console())
