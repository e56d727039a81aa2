"""The scripted customer: a `transitions` state machine built from a validated scenario.

One :class:`DialogueMachine` is built per scenario (``auto_transitions=False``; every
condition is a closure over declarative data, never a name to import) and each played
attempt adds its own :class:`Customer` model to it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from transitions import EventData, Machine

from scoring.analysis.coverage import facts_mentioned
from scoring.moves import Move
from scoring.signal import AVOIDED, Analysis
from scoring.signal_ref import SignalRef
from simulator.scenario.model import TRIGGER_ORDER, Condition, Scenario, StateSpec, TransitionSpec

MOOD_MIN, MOOD_MAX = -2, 2
_DEFAULT_IDLE = {
    "en": (
        "That doesn't answer my question.",
        "I'm not sure that helps me. What happens now?",
        "Hm. And?",
    ),
    "zh": ("这没回答我的问题。", "这对我没什么帮助,那现在怎么办?", "嗯……然后呢?"),
}
_DEFAULT_NUDGES = {
    "en": ("Hello? Are you still there?", "Hello? Is anyone there?"),
    "zh": ("喂?您还在吗?", "喂?有人吗?"),
}


@dataclass(frozen=True, slots=True)
class TurnInput:
    """What the customer reacts to in one turn."""

    turn: int
    analysis: Analysis | None = None
    command: str | None = None
    target: str | None = None
    note: str = ""
    slow: bool = False


@dataclass(eq=False)
class Customer:
    """The per-attempt model the machine drives. ``state`` is set by transitions."""

    scenario: Scenario
    rng: random.Random
    patience: int = 0
    mood: int = 0
    revealed: set[str] = field(default_factory=set)
    restated: set[str] = field(default_factory=set)
    said: set[str] = field(default_factory=set)
    moves: set[str] = field(default_factory=set)
    fired: TransitionSpec | None = None
    state: str = ""

    @property
    def spec(self) -> StateSpec:
        return self.scenario.states[self.state]

    @property
    def finished(self) -> bool:
        return self.spec.is_terminal


def _signal_present(name: str, analysis: Analysis | None, said: set[str]) -> bool:
    if analysis is None:
        return name in said
    return SignalRef.parse(name).found_in(analysis)


def condition_holds(cond: Condition, customer: Customer, inp: TurnInput) -> bool:
    """Whether every condition that is set holds for this turn."""
    a = inp.analysis
    if any(not _signal_present(s, a, set()) for s in cond.signals):
        return False
    if cond.any_signals and not any(_signal_present(s, a, set()) for s in cond.any_signals):
        return False
    if any(_signal_present(s, a, set()) for s in cond.no_signals):
        return False
    if any(s not in customer.said for s in cond.said):
        return False
    if any(f not in customer.restated for f in cond.facts_restated):
        return False
    if cond.min_facts_restated is not None and len(customer.restated) < cond.min_facts_restated:
        return False
    if cond.turn_at_least is not None and inp.turn < cond.turn_at_least:
        return False
    if cond.turn_at_most is not None and inp.turn > cond.turn_at_most:
        return False
    if cond.patience_at_most is not None and customer.patience > cond.patience_at_most:
        return False
    if cond.patience_at_least is not None and customer.patience < cond.patience_at_least:
        return False
    if cond.target and inp.target not in cond.target:
        return False
    if any(m not in customer.moves for m in cond.moves):
        return False
    if cond.note_covers:
        covered = facts_mentioned(inp.note, customer.scenario.facts)
        if not set(cond.note_covers) <= covered:
            return False
    return True


class DialogueMachine:
    """The transitions ``Machine`` of one scenario, shared by every attempt at it."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.machine = Machine(
            model=None,
            states=[{"name": s.id, "final": s.is_terminal} for s in scenario.states.values()],
            initial=scenario.initial,
            auto_transitions=False,
            send_event=True,
            ignore_invalid_triggers=True,
        )
        # A good ending (resolved, escalated) needs every required right move made.
        self.required: frozenset[str] = frozenset(
            m.id for m in scenario.moves if m.is_right and m.required
        )
        for spec in scenario.transitions:
            dest = scenario.states[spec.dest] if spec.dest is not None else None
            good_end = dest is not None and dest.terminal in ("resolved", "escalated")
            self.machine.add_transition(
                trigger=spec.trigger,
                source=list(spec.sources),
                dest=spec.dest,
                conditions=[self._condition(spec, good_end)],
                after=[self._after(spec)],
            )

    def _condition(self, spec: TransitionSpec, good_end: bool) -> Any:
        required = self.required if good_end else frozenset()

        def check(event: EventData) -> bool:
            inp: TurnInput = event.kwargs["inp"]
            customer = event.model
            assert isinstance(customer, Customer)
            return required <= customer.moves and condition_holds(spec.when, customer, inp)

        return check

    def _after(self, spec: TransitionSpec) -> Any:
        """The transition's effects: the new state's mood, then its own mood and patience."""

        def apply(event: EventData) -> None:
            customer = event.model
            assert isinstance(customer, Customer) and event.transition is not None
            moved = event.transition.dest not in (None, event.transition.source)
            if moved:
                customer.mood = self._state_mood(customer.state, customer.mood)
            customer.mood = max(MOOD_MIN, min(MOOD_MAX, customer.mood + spec.mood))
            customer.patience += spec.patience
            customer.fired = spec

        return apply

    def new_customer(self, rng: random.Random) -> Customer:
        customer = Customer(self.scenario, rng)
        self.machine.add_model(customer)
        customer.patience = self.scenario.patience.start
        customer.mood = self._state_mood(customer.state, 0)
        return customer

    def release(self, customer: Customer) -> None:
        self.machine.remove_model(customer)

    def _state_mood(self, state: str, current: int) -> int:
        mood = self.scenario.states[state].mood
        return current if mood is None else mood

    def fire(self, customer: Customer, triggers: set[str], inp: TurnInput) -> TransitionSpec | None:
        """Try the fired triggers in precedence order; return the transition taken, if any."""
        available = set(self.machine.get_triggers(customer.state))
        for trigger in TRIGGER_ORDER:
            if trigger not in available:
                continue
            if trigger != "else" and trigger not in triggers:
                continue
            customer.fired = None
            if customer.trigger(trigger, inp=inp):  # type: ignore[attr-defined]
                return customer.fired
        return None

    def react(self, customer: Customer, move: Move) -> None:
        """A wrong move's effect on the customer: patience, mood, and maybe a new state."""
        reaction = move.reaction
        if reaction.to is not None and reaction.to != customer.state:
            self.force(customer, reaction.to)
        customer.mood = max(MOOD_MIN, min(MOOD_MAX, customer.mood + reaction.mood))
        customer.patience += reaction.patience

    def force(self, customer: Customer, state: str) -> None:
        """Move to a state outside the scripted transitions (patience ran out)."""
        self.machine.set_state(state, model=customer)
        customer.mood = self._state_mood(state, customer.mood)


_MACHINES: dict[tuple[str, str, str], DialogueMachine] = {}


def machine_for(scenario: Scenario) -> DialogueMachine:
    """The shared machine of a scenario (one per scenario id, path and version)."""
    key = (scenario.id, scenario.source_path, scenario.version_hash)
    machine = _MACHINES.get(key)
    if machine is None:
        machine = _MACHINES[key] = DialogueMachine(scenario)
    return machine


def triggers_of(analysis: Analysis | None, inp: TurnInput, new_move: bool = False) -> set[str]:
    """The triggers a turn fires: its command, timing events, signal names, a new right move."""
    fired: set[str] = {"move"} if new_move else set()
    if inp.command:
        fired.add("/" + inp.command)
    if inp.slow:
        fired.add("slow")
    if analysis is not None:
        fired |= set(analysis.names())
    return fired


def pick_line(rng: random.Random, lines: tuple[str, ...]) -> str:
    return lines[rng.randrange(len(lines))] if lines else ""


def idle_lines(scenario: Scenario, state: StateSpec) -> tuple[str, ...]:
    return state.idle or scenario.idle or _DEFAULT_IDLE[scenario.language]


def nudge_lines(scenario: Scenario) -> tuple[str, ...]:
    return scenario.timing.nudges or _DEFAULT_NUDGES[scenario.language]


__all__ = ["AVOIDED", "Customer", "DialogueMachine", "TurnInput", "machine_for", "triggers_of"]
