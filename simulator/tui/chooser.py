"""Choosing a scenario when `roleplay play` is given none."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console

from scoring.message import ENGLISH, Words
from simulator.scenario.field_reader import closest
from simulator.scenario.model import Scenario
from simulator.tui.text import safe


def choose_scenario(
    console: Console, ask: Callable[[str], str], words: Words = ENGLISH
) -> Scenario | None:
    """List the bundled scenarios and ask for a number or an id (None: the trainee quit)."""
    from simulator.scenario.catalog import list_scenarios
    from simulator.tui.terminal import scenario_table

    _ = words.gettext
    scenarios = list(list_scenarios().scenarios)
    console.print(scenario_table(scenarios, numbered=True, words=words, width=console.width))
    ids = [s.id for s in scenarios]
    while True:
        answer = ask(
            _("Choose a scenario [1-{n}] (Enter for 1, q to quit): ").format(n=len(scenarios))
        ).strip()
        if answer.lower() in {"q", "quit"}:
            return None
        if not answer:
            return scenarios[0]
        if answer.isdigit() and 1 <= int(answer) <= len(scenarios):
            return scenarios[int(answer) - 1]
        if answer in ids:
            return scenarios[ids.index(answer)]
        message = _("'{answer}' is not on the list.").format(answer=answer)
        close = closest(answer, ids)
        if close:
            message += " " + _("Did you mean '{name}'?").format(name=close)
        console.print(safe(message, "red"))
