"""Rich rendering shared by the terminal commands: safe text, tables, customer lines."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rich.cells import cell_len
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from scoring.debrief.vocabulary import LANGUAGE_WORDS, mood_word
from scoring.message import ENGLISH, N_, Words
from simulator.tui.text import (
    NO_LINE_END,
    NO_LINE_START,
    Wrapped,
    break_offsets,
    clean,
    reflow,
    safe,
)

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

# Scenario attributes as the trainee reads them (English message ids).
ATTRIBUTE_WORDS: dict[str, str] = {
    "angry": N_("angry"),
    "confused": N_("confused"),
    "vip": N_("VIP"),
    "phone": N_("phone"),
    "chat": N_("chat"),
    "email": N_("email"),
    "easy": N_("easy"),
    "medium": N_("medium"),
    "hard": N_("hard"),
    **LANGUAGE_WORDS,
}
MOOD_FACES = {-2: "😠", -1: "😟", 0: "😐", 1: "🙂", 2: "😊"}


def plain_console(width: int = 100) -> tuple[Console, io.StringIO]:
    """A console writing plain text (no colour, no markup) into a buffer, for files."""
    buffer = io.StringIO()
    return Console(file=buffer, width=width, no_color=True, highlight=False), buffer


def stdout_console(file: TextIO | None = None, width: int | None = None) -> Console:
    return Console(file=file or sys.stdout, width=width, highlight=False, soft_wrap=False)


def attribute(value: str, words: Words = ENGLISH) -> str:
    """A scenario's kind, channel, level or language in the reader's words."""
    return words.gettext(ATTRIBUTE_WORDS[value]) if value in ATTRIBUTE_WORDS else value


def attributes(s: Scenario, words: Words = ENGLISH) -> str:
    """ "angry · English · phone · easy"."""
    values = (s.kind, s.language, s.channel, s.difficulty)
    return " · ".join(attribute(v, words) for v in values)


def mood_label(kind: str, mood: int, words: Words = ENGLISH) -> str:
    return words.gettext(mood_word(kind, mood))


def scenario_table(
    scenarios: Sequence[Scenario],
    numbered: bool = False,
    words: Words = ENGLISH,
    width: int = 80,
) -> Table | Group:
    """The scenarios to choose from; ids never wrap, so they can be copied.

    A table with one column per attribute when every title fits on one line; narrower,
    each scenario takes two lines (number, id and attributes; then its title).
    """
    _ = words.gettext
    if width < _table_width(scenarios, words):
        from rich.padding import Padding

        indent = "    " if numbered else "  "
        rows: list[Text | Padding] = []
        for i, s in enumerate(scenarios, start=1):
            head = Text()
            if numbered:
                head.append(f"{i:>2}. ", style="bold")
            head.append(clean(s.id), style="cyan")
            facts = attributes(s, words)
            if cell_len(head.plain) + 2 + cell_len(facts) <= width:
                head.append(f"  {facts}", style="dim")
                rows.append(head)
            else:  # too narrow for both: the attributes get a line of their own
                rows += [head, Text(indent + facts, style="dim")]
            title = Text(clean(words.scenario(s.title)))
            rows.append(Padding(Wrapped(title), (0, 0, 0, len(indent))))
        parts = [r if isinstance(r, Padding) else Wrapped(r) for r in rows]
        return Group(Text(_("Scenarios"), style="bold underline"), *parts)
    table = Table(title=_("Scenarios"), expand=False, show_lines=False)
    if numbered:
        table.add_column("#", justify="right", style="bold")
    table.add_column(_("id"), no_wrap=True, style="cyan")
    table.add_column(_("kind"), no_wrap=True)
    table.add_column(_("language"), no_wrap=True)
    table.add_column(_("channel"), no_wrap=True)
    table.add_column(_("level"), no_wrap=True)
    table.add_column(_("title"), overflow="fold", min_width=20)
    for i, s in enumerate(scenarios, start=1):
        cells: list[Text | str] = [
            safe(s.id),
            attribute(s.kind, words),
            attribute(s.language, words),
            attribute(s.channel, words),
            attribute(s.difficulty, words),
            safe(words.scenario(s.title)),
        ]
        table.add_row(*([str(i)] if numbered else []), *cells)
    return table


def _table_width(scenarios: Sequence[Scenario], words: Words) -> int:
    """Columns a table needs so that no title wraps (numbers, borders and padding included)."""
    if not scenarios:
        return 0
    cells = [
        [s.id, *(attribute(v, words) for v in (s.kind, s.language, s.channel, s.difficulty))]
        for s in scenarios
    ]
    fixed = sum(max(cell_len(row[i]) for row in cells) for i in range(5))
    title = max(cell_len(s.title) for s in scenarios)
    return fixed + title + 4 + 3 * 7 + 1


def scenario_listing(scenarios: Sequence[Scenario], words: Words = ENGLISH) -> Group:
    """Each scenario as a short block: id and facts, title, learning goals."""
    from rich.padding import Padding

    blocks: list[Text | Padding] = []
    for s in scenarios:
        head = Text()
        head.append(clean(s.id), style="bold cyan")
        head.append(f"  {attributes(s, words)}", style="dim")
        blocks.append(head)
        body = Text(clean(words.scenario(s.title)), style="bold")
        for goal in s.learning_goals:
            body.append("\n• ")
            body.append(clean(words.scenario(goal)))
        blocks.append(Padding(body, (0, 0, 1, 2)))
    if not scenarios:
        blocks.append(Text(words.gettext("No scenarios match."), style="yellow"))
    return Group(*blocks)


def customer_line(
    name: str, kind: str, text: str, mood: int, nudge: bool = False, words: Words = ENGLISH
) -> Text:
    head = Text()
    head.append(f"{MOOD_FACES.get(mood, '')} ", style="")
    head.append(clean(name), style="bold magenta")
    mood_words = words.gettext("({mood})").format(mood=mood_label(kind, mood, words))
    head.append(f"  {mood_words}", style="dim")
    head.append("\n")
    head.append(clean(text), style="italic" if nudge else "")
    return head


__all__ = [
    "NO_LINE_END",
    "NO_LINE_START",
    "Wrapped",
    "attribute",
    "attributes",
    "break_offsets",
    "clean",
    "customer_line",
    "mood_label",
    "plain_console",
    "reflow",
    "safe",
    "scenario_listing",
    "scenario_table",
    "stdout_console",
]
