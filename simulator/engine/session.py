"""The turn loop, free of any user interface.

A :class:`Session` is given its clock, random generator, analyser and recorder, so the
same scenario, seed and replies always give the same attempt, whether typed in the
terminal or read from a replies file.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scoring.confirmed_summary import with_confirmed_summary
from scoring.context import ReplyContext
from scoring.grade import Grade
from scoring.moves import moves_in_turn
from scoring.own_words import without_customer_jargon
from scoring.signal import AVOIDED, Analysis
from scoring.signal_ref import SignalRef
from scoring.transcript import Transcript, Turn
from simulator.engine.clock import Clock
from simulator.engine.customer import (
    Customer,
    DialogueMachine,
    TurnInput,
    idle_lines,
    machine_for,
    nudge_lines,
    pick_line,
    triggers_of,
)
from simulator.engine.entry import Entry
from simulator.engine.hint import hint_for
from simulator.engine.recorder import Recorder
from simulator.scenario.model import Scenario

MAX_NUDGES_PER_TURN = 3
_HOLD_LINES = {"en": ("Okay… I'll hold.",), "zh": ("好吧……我等一下。",)}

Analyze = Callable[[str, ReplyContext], Analysis]


@dataclass(frozen=True, slots=True)
class CustomerMessage:
    """A line the customer says, with the state it leaves the customer in."""

    text: str
    state: str
    mood: int
    patience: int
    outcome: str | None = None
    kind: str = "line"


@dataclass(frozen=True, slots=True)
class SessionResult:
    attempt_id: int | None
    transcript: Transcript
    grade: Grade


def default_analyze(text: str, context: ReplyContext) -> Analysis:
    """The bundled phrasebooks plus the organisation's extension, if it has one."""
    from simulator.engine.organisation import analyzer_for

    return analyzer_for(context.lang).analyze(text, context)


@dataclass
class Session:
    scenario: Scenario
    clock: Clock
    seed: int = 0
    trainee_id: str = "trainee"
    mode: str = "headless"
    recorder: Recorder | None = None
    analyze: Analyze = default_analyze
    attempt_id: int | None = None
    turns: list[Turn] = field(default_factory=list)
    hints_used: int = 0
    opening: str = ""
    ended_by_trainee: bool = False
    _customer: Customer | None = None
    _machine: DialogueMachine | None = None
    _line: str = ""
    _shown_at: float = 0.0
    _nudges: int = 0
    _hints_this_turn: int = 0

    # -- life cycle -------------------------------------------------------------------
    def open(
        self,
        *,
        start_state: str | None = None,
        start_patience: int | None = None,
        start_revealed: Iterable[str] = (),
    ) -> CustomerMessage:
        """Start the attempt: record it and return the customer's opening line.

        ``start_*`` start from a given state with preset patience and facts already
        revealed (walkthrough tests "from this knot"); the state's own facts are added.
        """
        machine = self._machine = machine_for(self.scenario)
        self._customer = machine.new_customer(random.Random(self.seed))
        if start_state is not None:
            machine.force(self._customer, start_state)
        if start_patience is not None:
            self._customer.patience = start_patience
        self._customer.revealed.update(start_revealed)
        if self.recorder is not None:
            self.attempt_id = self.recorder.start_attempt(
                trainee_id=self.trainee_id,
                scenario_id=self.scenario.id,
                scenario_version=self.scenario.version,
                scenario_hash=self.scenario.version_hash,
                scenario_title=self.scenario.title,
                lang=self.scenario.language,
                seed=self.seed,
                mode=self.mode,
                started_at=self.clock.now(),
            )
        message = self._say(pick_line(self.customer.rng, self.customer.spec.lines))
        self.opening = message.text
        if self.recorder is not None and self.attempt_id is not None:
            self.recorder.record_opening(self.attempt_id, self.opening)
        return message

    @property
    def customer(self) -> Customer:
        if self._customer is None:
            raise RuntimeError("call Session.open() first")
        return self._customer

    @property
    def machine(self) -> DialogueMachine:
        if self._machine is None:
            raise RuntimeError("call Session.open() first")
        return self._machine

    def release(self) -> None:
        """Take this attempt's customer off the shared machine (idempotent)."""
        if self._machine is not None and self._customer is not None:
            self._machine.release(self._customer)
            self._machine = None

    @property
    def finished(self) -> bool:
        return self.ended_by_trainee or self.customer.finished

    @property
    def outcome(self) -> str | None:
        if self.customer.finished:
            return self.customer.spec.terminal
        return "abandoned" if self.ended_by_trainee else None

    @property
    def turn_number(self) -> int:
        return len(self.turns) + 1

    @property
    def nudges_this_turn(self) -> int:
        return self._nudges

    def waited(self) -> float:
        """Seconds since the customer's last line was shown."""
        return self.clock.monotonic() - self._shown_at

    def not_counting(self, seconds: float) -> None:
        """Time the trainee spent away from the reply (re-reading the briefing) does not count."""
        self._shown_at += max(0.0, seconds)

    # -- what the trainee does --------------------------------------------------------
    def hint(self) -> str:
        self.hints_used += 1
        self._hints_this_turn += 1
        return hint_for(self.scenario, self.customer, self.turns)

    def silence(self) -> CustomerMessage:
        """The trainee has been silent too long: the customer nudges (or reacts)."""
        customer = self.customer
        self._nudges += 1
        spec = self.machine.fire(customer, {"silence"}, TurnInput(turn=self.turn_number))
        if spec is None:
            customer.patience += self.scenario.patience.silence
            text = pick_line(customer.rng, nudge_lines(self.scenario))
        else:
            text = self._line_after(spec, moved=True)
        return self._after_move(text, kind="nudge")

    def submit(self, entry: Entry) -> CustomerMessage:
        """Take one trainee turn (reply or command) and return the customer's answer."""
        if self.finished:
            raise RuntimeError("the conversation has ended")
        customer = self.customer
        answering = self._line
        seconds = entry.seconds if entry.seconds is not None else self.waited()
        if entry.seconds is not None:
            expected = int(seconds // self.scenario.timing.silence_after)
            for _ in range(min(expected - self._nudges, MAX_NUDGES_PER_TURN)):
                self.silence()
                if self.finished:
                    return self._last_message()
        state_before, mood_before = customer.state, customer.mood
        venting = self._venting(state_before)
        context = self.scenario.reply_context(frozenset(customer.revealed))
        analysis: Analysis | None = None
        if entry.command is None:
            analysis = self.analyze(entry.text, context)
        elif entry.note:
            analysis = self.analyze(entry.note, context)
        if analysis is not None:
            heard = self._heard(answering)
            analysis = without_customer_jargon(analysis, heard, self.scenario.persona.words)
            if entry.command is None:
                analysis = with_confirmed_summary(analysis, context, heard)
        inp = TurnInput(
            turn=self.turn_number,
            analysis=analysis if entry.command is None else None,
            command=entry.command,
            target=entry.target,
            note=entry.note,
            slow=entry.command is None and seconds > self.scenario.timing.reply_target,
        )
        if inp.analysis is not None:
            self._remember(inp.analysis)
        text = self._respond(entry, inp, state_before)
        message = self._after_move(text)
        turn = Turn(
            index=self.turn_number,
            text=entry.text,
            response_seconds=round(seconds, 3),
            customer_line=answering,
            customer_reply=message.text,
            state_before=state_before,
            mood_before=mood_before,
            venting=venting,
            state_after=customer.state,
            mood_after=customer.mood,
            patience_after=customer.patience,
            analysis=analysis,
            command=entry.command,
            target=entry.target,
            note=entry.note,
            hints_before=self._hints_this_turn,
            silence_nudges=self._nudges,
            revealed=tuple(sorted(customer.revealed)),
        )
        self.turns.append(turn)
        if self.recorder is not None and self.attempt_id is not None:
            self.recorder.record_turn(self.attempt_id, turn)
        self._nudges = 0
        self._hints_this_turn = 0
        return message

    def _respond(self, entry: Entry, inp: TurnInput, state_before: str) -> str:
        """Move the customer for this turn and return what they say.

        A wrong move with a reaction line is answered by that reaction; otherwise the
        first transition whose trigger and conditions hold moves the customer.
        """
        customer = self.customer
        hits = moves_in_turn(entry.text, entry.command, entry.target, self.scenario.moves)
        new_right = {h.move.id for h in hits if h.move.is_right} - customer.moves
        customer.moves |= new_right
        wrong = next((h.move for h in hits if not h.move.is_right), None)
        if wrong is not None:
            self.machine.react(customer, wrong)
            if wrong.reaction.say:
                return pick_line(customer.rng, wrong.reaction.say)
        spec = self.machine.fire(customer, triggers_of(inp.analysis, inp, bool(new_right)), inp)
        if spec is not None:
            return self._line_after(spec, moved=spec.dest is not None and spec.dest != state_before)
        if entry.command == "end":
            self.ended_by_trainee = True
            return ""
        if entry.command == "hold":
            return pick_line(customer.rng, _HOLD_LINES[self.scenario.language])
        customer.patience += self.scenario.patience.no_progress
        return pick_line(customer.rng, idle_lines(self.scenario, customer.spec))

    # -- results ----------------------------------------------------------------------
    def transcript(self) -> Transcript:
        return Transcript(
            lang=self.scenario.language,
            turns=tuple(self.turns),
            final_state=self.customer.state,
            outcome=self.outcome,
            hints_used=self.hints_used,
        )

    def grade(self) -> Grade:
        from scoring.rubric import grade

        return grade(self.transcript(), self.scenario.rubric_spec())

    def close(self) -> SessionResult:
        """Grade the attempt as it stands and record the result."""
        result = SessionResult(self.attempt_id, self.transcript(), self.grade())
        if self.recorder is not None and self.attempt_id is not None:
            self.recorder.finish_attempt(
                self.attempt_id,
                finished_at=self.clock.now(),
                final_state=self.customer.state,
                outcome=self.outcome,
                grade=result.grade,
            )
        self.release()
        return result

    # -- internals --------------------------------------------------------------------
    def _heard(self, answering: str) -> list[str]:
        """Everything the customer has said so far, the line being answered included."""
        return [self.opening, *(t.customer_reply for t in self.turns), answering]

    def _venting(self, state: str) -> bool:
        spec = self.scenario.states[state]
        if spec.venting is not None:
            return spec.venting
        return self.customer.mood <= -1

    def _remember(self, analysis: Analysis) -> None:
        customer = self.customer
        for signal in analysis.signals:
            customer.said.add(signal.name)
            if signal.name == AVOIDED and signal.category:
                customer.said.add(str(SignalRef(AVOIDED, signal.category)))
        customer.restated |= analysis.facts_restated()

    def _line_after(self, spec: object, moved: bool) -> str:
        from simulator.scenario.model import TransitionSpec

        assert isinstance(spec, TransitionSpec)
        customer = self.customer
        if spec.say:
            return pick_line(customer.rng, spec.say)
        if moved:
            return pick_line(customer.rng, customer.spec.lines)
        return pick_line(customer.rng, idle_lines(self.scenario, customer.spec))

    def _after_move(self, text: str, kind: str = "line") -> CustomerMessage:
        customer = self.customer
        if customer.patience <= 0 and not customer.finished:
            self.machine.force(customer, self.scenario.patience.exhausted)
            text = pick_line(customer.rng, customer.spec.lines)
        return self._say(text, kind)

    def _say(self, text: str, kind: str = "line") -> CustomerMessage:
        customer = self.customer
        customer.revealed.update(customer.spec.reveals)
        if kind != "nudge" or customer.finished:
            self._line = text
            self._shown_at = self.clock.monotonic()
        return self._message(text, kind)

    def _message(self, text: str, kind: str) -> CustomerMessage:
        customer = self.customer
        return CustomerMessage(
            text=text,
            state=customer.state,
            mood=customer.mood,
            patience=customer.patience,
            outcome=self.outcome,
            kind=kind,
        )

    def _last_message(self) -> CustomerMessage:
        return self._message(self._line, "line")
