"""Build a :class:`Scenario` from a located YAML tree: every field read and checked.

Call it through :mod:`simulator.scenario.reader`, which checks the references first
and the story's map afterwards (the same checks lint runs), so a broken scenario never
reaches a trainee.
"""

from __future__ import annotations

from scoring.context import ExtraPhrase, Fact
from scoring.register import AUDIENCES, REGISTERS, default_register
from scoring.rubric_spec import (
    DEFAULT_PASS_MARK,
    DEFAULT_WEIGHTS,
    EscalationSpec,
)
from scoring.signal import AVOIDED_CATEGORIES, SIGNAL_NAMES
from scoring.signal_ref import UNKNOWN_SIGNAL, SignalRef
from scoring.transcript import OUTCOMES
from simulator.scenario import references as refs
from simulator.scenario.field_reader import Fields, as_int, as_text, did_you_mean, fail
from simulator.scenario.model import (
    CHANNELS,
    DIFFICULTIES,
    KINDS,
    LANGUAGES,
    TRIGGER_ORDER,
    Condition,
    Patience,
    Persona,
    Scenario,
    StateSpec,
    Timing,
    TransitionSpec,
)
from simulator.scenario.moves_reader import read_moves
from simulator.scenario.rubric_reader import read_weights
from simulator.scenario.yaml_source import YNode

TOP_KEYS = (
    "id", "version", "title", "language", "channel", "difficulty", "persona", "briefing",
    "learning_goals", "facts", "initial", "states", "transitions", "patience", "timing",
    "escalation", "rubric", "phrases", "idle", "moves", "register", "audience",
)  # fmt: skip
STATE_KEYS = ("lines", "mood", "venting", "reveals", "terminal", "idle", "hint")
TRANSITION_KEYS = ("from", "on", "if", "to", "patience", "mood", "say")
CONDITION_KEYS = (
    "signals", "any_signals", "no_signals", "said", "facts_restated", "min_facts_restated",
    "turn_at_least", "turn_at_most", "patience_at_most", "patience_at_least", "target",
    "note_covers", "moves",
)  # fmt: skip


def _signal_ref(node: YNode, where: str) -> str:
    name = as_text(node, where)
    ref = SignalRef.parse(name)
    base, category = ref.name, ref.category or ""
    if ref.problem() == UNKNOWN_SIGNAL:
        raise fail(
            node,
            f"{where}: unknown signal '{base}'",
            did_you_mean(base, SIGNAL_NAMES) or "signals: " + ", ".join(SIGNAL_NAMES),
            "E120",
        )
    if ref.problem() is not None:
        raise fail(
            node,
            f"{where}: '{name}' names an unknown avoided category",
            did_you_mean(category, AVOIDED_CATEGORIES)
            or "categories: " + ", ".join(AVOIDED_CATEGORIES),
            "E121",
        )
    return name


def _signal_list(fields: Fields, key: str) -> tuple[str, ...]:
    node = fields.get(key)
    if node is None:
        return ()
    items = node.value if node.is_seq() else [node]
    return tuple(_signal_ref(item, f"{fields.where}.{key}") for item in items)


def _id_list(fields: Fields, key: str, known: set[str], what: str) -> tuple[str, ...]:
    node = fields.get(key)
    if node is None:
        return ()
    items = node.value if node.is_seq() else [node]
    out = []
    for item in items:
        value = as_text(item, f"{fields.where}.{key}")
        if value not in known:
            raise refs.unknown_name(
                item.location, value, known, what, f"{fields.where}.{key}"
            ).to_error()
        out.append(value)
    return tuple(out)


def _facts(root: Fields) -> tuple[Fact, ...]:
    node = root.get("facts")
    if node is None:
        return ()
    if not node.is_seq():
        raise fail(node, "facts must be a list", code="E104")
    facts: list[Fact] = []
    seen: set[str] = set()
    for i, item in enumerate(node.value):
        f = Fields(item, f"facts[{i}]", ("id", "summary", "keywords"))
        fact_id = f.text("id")
        if fact_id in seen:
            raise refs.duplicate_fact(item.location, fact_id).to_error()
        seen.add(fact_id)
        facts.append(Fact(fact_id, f.text("summary"), f.texts("keywords", required=True)))
    return tuple(facts)


def _states(root: Fields, fact_ids: set[str]) -> dict[str, StateSpec]:
    node = root.require("states")
    if not node.is_map() or not node.value:
        raise fail(node, "states must be a non-empty mapping of state id to state", code="E104")
    states: dict[str, StateSpec] = {}
    for state_id, state_node in node.value.items():
        f = Fields(state_node, f"state '{state_id}'", STATE_KEYS)
        mood = f.integer("mood", 0, -2, 2) if f.has("mood") else None
        terminal = f.choice("terminal", OUTCOMES) if f.has("terminal") else None
        states[state_id] = StateSpec(
            id=state_id,
            lines=f.texts("lines", required=True),
            mood=mood,
            venting=f.flag("venting", False) if f.has("venting") else None,
            reveals=_id_list(f, "reveals", fact_ids, "fact"),
            terminal=terminal,
            idle=f.texts("idle"),
            hint=f.text("hint", ""),
            line=state_node.line,
            column=state_node.column,
        )
    return states


def _condition(node: YNode | None, where: str, fact_ids: set[str], move_ids: set[str]) -> Condition:
    if node is None:
        return Condition()
    f = Fields(node, where, CONDITION_KEYS)
    targets = f.texts("target")
    if targets:
        refs.check_targets(f.require("target"), f"{where}.target", targets)

    def opt_int(key: str, low: int = 0) -> int | None:
        n = f.get(key)
        return None if n is None else as_int(n, f"{where}.{key}", low)

    return Condition(
        signals=_signal_list(f, "signals"),
        any_signals=_signal_list(f, "any_signals"),
        no_signals=_signal_list(f, "no_signals"),
        said=_signal_list(f, "said"),
        facts_restated=_id_list(f, "facts_restated", fact_ids, "fact"),
        min_facts_restated=opt_int("min_facts_restated"),
        turn_at_least=opt_int("turn_at_least", 1),
        turn_at_most=opt_int("turn_at_most", 1),
        patience_at_most=opt_int("patience_at_most"),
        patience_at_least=opt_int("patience_at_least"),
        target=targets,
        note_covers=_id_list(f, "note_covers", fact_ids, "fact"),
        moves=_id_list(f, "moves", move_ids, "right move"),
    )


def _state_ref(node: YNode, where: str, states: dict[str, StateSpec]) -> str:
    name = as_text(node, where)
    if name not in states:
        raise refs.unknown_name(node.location, name, states, "state", where).to_error()
    return name


def _transitions(
    root: Fields, states: dict[str, StateSpec], fact_ids: set[str], move_ids: set[str]
) -> tuple[TransitionSpec, ...]:
    node = root.get("transitions")
    if node is None:
        return ()
    if not node.is_seq():
        raise fail(node, "transitions must be a list", code="E104")
    out: list[TransitionSpec] = []
    for i, item in enumerate(node.value):
        where = f"transitions[{i}]"
        f = Fields(item, where, TRANSITION_KEYS)
        src_node = f.require("from")
        if src_node.value == "*":
            sources = tuple(s for s, spec in states.items() if not spec.is_terminal)
        else:
            items = src_node.value if src_node.is_seq() else [src_node]
            sources = tuple(_state_ref(s, f"{where}.from", states) for s in items)
        trig_node = f.require("on")
        trigger = as_text(trig_node, f"{where}.on")
        if trigger not in TRIGGER_ORDER:
            hint = did_you_mean(trigger, TRIGGER_ORDER) or "triggers: " + ", ".join(TRIGGER_ORDER)
            raise fail(trig_node, f"{where}.on: unknown trigger '{trigger}'", hint, "E131")
        to_node = f.get("to")
        dest = None if to_node is None else _state_ref(to_node, f"{where}.to", states)
        out.append(
            TransitionSpec(
                index=i,
                sources=sources,
                trigger=trigger,
                dest=dest,
                when=_condition(f.get("if"), f"{where}.if", fact_ids, move_ids),
                patience=f.integer("patience", 0, -10, 10),
                mood=f.integer("mood", 0, -4, 4),
                say=f.texts("say"),
                line=item.line,
                column=item.column,
            )
        )
    return tuple(out)


def _phrases(root: Fields) -> tuple[ExtraPhrase, ...]:
    node = root.get("phrases")
    if node is None:
        return ()
    if not node.is_seq():
        raise fail(node, "phrases must be a list", code="E104")
    out = []
    for i, item in enumerate(node.value):
        f = Fields(item, f"phrases[{i}]", ("signal", "pattern", "category", "suggestion"))
        signal = _signal_ref(f.require("signal"), f"phrases[{i}].signal")
        category = f.choice("category", AVOIDED_CATEGORIES) if f.has("category") else None
        out.append(
            ExtraPhrase(signal, f.text("pattern"), category, f.text("suggestion", "") or None)
        )
    return tuple(out)


def build_scenario(root_node: YNode, version_hash: str, path: str) -> Scenario:
    root = Fields(root_node, "the scenario", TOP_KEYS)
    facts = _facts(root)
    fact_ids = {f.id for f in facts}
    states = _states(root, fact_ids)
    initial_node = root.require("initial")
    initial = _state_ref(initial_node, "initial", states)
    if states[initial].is_terminal:
        raise refs.initial_is_terminal(initial_node.location).to_error()
    if not any(s.is_terminal for s in states.values()):
        raise refs.no_terminal_state(root.require("states").location).to_error()
    moves = read_moves(root.get("moves"), states)
    transitions = _transitions(root, states, fact_ids, {m.id for m in moves if m.is_right})

    persona_f = Fields(
        root.require("persona"), "persona", ("name", "kind", "description", "names", "words")
    )
    persona = Persona(
        name=persona_f.text("name"),
        kind=persona_f.choice("kind", KINDS),
        description=persona_f.text("description", ""),
        names=persona_f.texts("names"),
        words=persona_f.texts("words"),
    )

    patience = Patience()
    pnode = root.get("patience")
    if pnode is not None:
        pf = Fields(pnode, "patience", ("start", "no_progress", "silence", "exhausted"))
        exhausted_node = pf.get("exhausted")
        exhausted = (
            "hung_up"
            if exhausted_node is None
            else _state_ref(exhausted_node, "patience.exhausted", states)
        )
        if exhausted_node is not None and not states[exhausted].is_terminal:
            raise refs.exhausted_not_terminal(exhausted_node.location, exhausted).to_error()
        patience = Patience(
            pf.integer("start", 3, 1, 20),
            pf.integer("no_progress", -1, -5, 0),
            pf.integer("silence", -1, -5, 0),
            exhausted,
        )
    if patience.exhausted not in states:
        raise refs.no_patience_ending(root_node.location, patience.exhausted).to_error()

    timing = Timing()
    tnode = root.get("timing")
    if tnode is not None:
        tf = Fields(
            tnode,
            "timing",
            ("reply_target", "first_reply_target", "silence_after", "eta_required", "nudges"),
        )
        timing = Timing(
            reply_target=tf.number("reply_target", 60, 1, 3600),
            first_reply_target=tf.number("first_reply_target", 30, 1, 3600),
            silence_after=tf.number("silence_after", 90, 5, 3600),
            eta_required=tf.flag("eta_required", True),
            nudges=tf.texts("nudges"),
        )

    escalation = EscalationSpec()
    enode = root.get("escalation")
    if enode is not None:
        ef = Fields(enode, "escalation", ("expected", "targets", "window", "note_facts"))
        targets = ef.texts("targets")
        if targets:
            refs.check_targets(ef.require("targets"), "escalation.targets", targets)
        window = None
        wnode = ef.get("window")
        if wnode is not None:
            if not wnode.is_seq() or len(wnode.value) != 2:
                raise fail(wnode, "escalation.window must be [first_turn, last_turn]", code="E104")
            lo, hi = (as_int(n, "escalation.window", 1) for n in wnode.value)
            if lo > hi:
                raise refs.window_reversed(wnode.location).to_error()
            window = (lo, hi)
        expected = ef.flag("expected", False)
        if expected and not targets:
            raise fail(
                enode,
                "escalation.expected is true but no targets are listed",
                "add targets: [second_line] (or another target)",
                "E136",
            )
        escalation = EscalationSpec(
            expected, targets, window, _id_list(ef, "note_facts", fact_ids, "fact")
        )

    rubric_node = root.get("rubric")
    blockers: tuple[str, ...] = ()
    weights, pass_mark = dict(DEFAULT_WEIGHTS), DEFAULT_PASS_MARK
    if rubric_node is not None:
        weights, pass_mark, blockers = read_weights(
            Fields(rubric_node, "rubric", ("weights", "pass_mark", "blockers"))
        )

    version_node = root.require("version")
    audience = root.choice("audience", AUDIENCES, "internal")
    return Scenario(
        id=root.text("id"),
        version=as_text(version_node, "version"),
        title=root.text("title"),
        language=root.choice("language", LANGUAGES),
        channel=root.choice("channel", CHANNELS),
        register=root.choice(
            "register", REGISTERS, default_register(audience, root.text("channel"))
        ),
        difficulty=root.choice("difficulty", DIFFICULTIES, "medium"),
        persona=persona,
        briefing=root.text("briefing"),
        learning_goals=root.texts("learning_goals"),
        facts=facts,
        initial=initial,
        states=states,
        transitions=transitions,
        patience=patience,
        timing=timing,
        escalation=escalation,
        weights=weights,
        pass_mark=pass_mark,
        blockers=blockers,
        phrases=_phrases(root),
        idle=root.texts("idle"),
        moves=moves,
        source_path=path,
        version_hash=version_hash,
    )
