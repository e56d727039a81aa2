"""The scenario model: validated, immutable data built from a scenario YAML file."""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.context import ExtraPhrase, Fact, ReplyContext
from scoring.moves import Move
from scoring.register import DEFAULT_REGISTER
from scoring.rubric_spec import EscalationSpec, RubricSpec

KINDS: tuple[str, ...] = ("angry", "confused", "vip")
LANGUAGES: tuple[str, ...] = ("en", "zh")
CHANNELS: tuple[str, ...] = ("phone", "chat", "email")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")

# Triggers in the order they are tried each turn: the first trigger with a transition
# whose conditions hold moves the customer. Commands, then timing events, then what
# offends, then what helps most, down to `else` (nothing else moved the customer).
TRIGGER_ORDER: tuple[str, ...] = (
    "/end",
    "/escalate",
    "/hold",
    "silence",
    "slow",
    "avoided",
    "jargon",
    "escalate",
    "move",
    "restate",
    "eta",
    "ownership",
    "alternative",
    "empathy",
    "apology",
    "check_understanding",
    "plain_step",
    "name_use",
    "greeting",
    "closing",
    "else",
)
COMMAND_TRIGGERS: frozenset[str] = frozenset({"/end", "/escalate", "/hold"})
EVENT_TRIGGERS: frozenset[str] = frozenset({"silence", "slow"})
# `move`: the turn made a right move (see the scenario's `moves:`) it had not made before.
MOVE_TRIGGER = "move"


@dataclass(frozen=True, slots=True)
class Persona:
    name: str
    kind: str
    description: str
    names: tuple[str, ...] = ()
    # Words this customer knows and uses: never jargon when the trainee says them.
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Condition:
    """Declarative conditions of a transition; all that are set must hold.

    Signal names may carry an avoided category as ``avoided:blame``.
    """

    signals: tuple[str, ...] = ()
    any_signals: tuple[str, ...] = ()
    no_signals: tuple[str, ...] = ()
    said: tuple[str, ...] = ()
    facts_restated: tuple[str, ...] = ()
    min_facts_restated: int | None = None
    turn_at_least: int | None = None
    turn_at_most: int | None = None
    patience_at_most: int | None = None
    patience_at_least: int | None = None
    target: tuple[str, ...] = ()
    note_covers: tuple[str, ...] = ()
    moves: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == Condition()


@dataclass(frozen=True, slots=True)
class TransitionSpec:
    index: int
    sources: tuple[str, ...]
    trigger: str
    dest: str | None
    when: Condition
    patience: int = 0
    mood: int = 0
    say: tuple[str, ...] = ()
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True)
class StateSpec:
    id: str
    lines: tuple[str, ...]
    mood: int | None = None
    venting: bool | None = None
    reveals: tuple[str, ...] = ()
    terminal: str | None = None
    idle: tuple[str, ...] = ()
    hint: str = ""
    line: int = 0
    column: int = 0

    @property
    def is_terminal(self) -> bool:
        return self.terminal is not None


@dataclass(frozen=True, slots=True)
class Patience:
    start: int = 3
    no_progress: int = -1
    silence: int = -1
    exhausted: str = "hung_up"


@dataclass(frozen=True, slots=True)
class Timing:
    reply_target: float = 60.0
    first_reply_target: float = 30.0
    silence_after: float = 90.0
    eta_required: bool = True
    nudges: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    version: str
    title: str
    language: str
    channel: str
    difficulty: str
    persona: Persona
    briefing: str
    learning_goals: tuple[str, ...]
    facts: tuple[Fact, ...]
    initial: str
    states: dict[str, StateSpec]
    transitions: tuple[TransitionSpec, ...]
    patience: Patience
    timing: Timing
    escalation: EscalationSpec
    weights: dict[str, float]
    pass_mark: int
    blockers: tuple[str, ...]
    phrases: tuple[ExtraPhrase, ...] = ()
    idle: tuple[str, ...] = ()
    moves: tuple[Move, ...] = ()
    register: str = DEFAULT_REGISTER
    source_path: str = ""
    version_hash: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.persona.kind

    def terminal_states(self) -> tuple[StateSpec, ...]:
        return tuple(s for s in self.states.values() if s.is_terminal)

    def fact(self, fact_id: str) -> Fact:
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    def reply_context(self, revealed: frozenset[str] | None = None) -> ReplyContext:
        """The analyser's context; by default every fact counts as revealed."""
        if revealed is None:
            revealed = frozenset(f.id for f in self.facts)
        return ReplyContext(
            lang=self.language,
            facts=self.facts,
            revealed=revealed,
            customer_names=self.persona.names,
            extra_phrases=self.phrases,
            register=self.register,
        )

    def rubric_spec(self) -> RubricSpec:
        return RubricSpec(
            kind=self.kind,
            lang=self.language,
            weights=dict(self.weights),
            pass_mark=self.pass_mark,
            blockers=self.blockers,
            reply_target_seconds=self.timing.reply_target,
            first_reply_target_seconds=self.timing.first_reply_target,
            eta_required=self.timing.eta_required,
            escalation=self.escalation,
            facts=self.facts,
            customer_names=self.persona.names,
            moves=self.moves,
            customer_lines=tuple(line for s in self.states.values() for line in s.lines + s.idle)
            + tuple(line for t in self.transitions for line in t.say),
        )
