"""The interactive simulator: prompt_toolkit for input, rich for everything shown.

Only this module (and the rich renderers) touch the terminal. The session underneath
is the same one headless play uses; the clock, the console and prompt_toolkit's input
and output are injected so tests can drive the real prompt through a pipe.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.application import run_in_terminal
from prompt_toolkit.formatted_text import HTML
from prompt_toolkit.input import Input
from prompt_toolkit.output import Output
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from scoring.message import ENGLISH, Words
from scoring.rubric_spec import ESCALATION_TARGETS
from simulator.engine.clock import Clock, SystemClock
from simulator.engine.entry import LOCAL_COMMANDS, EntryError, read_entry
from simulator.engine.session import CustomerMessage, Session, SessionResult
from simulator.scenario.field_reader import closest
from simulator.scenario.model import Scenario
from simulator.tui.terminal import attributes, customer_line, stdout_console
from simulator.tui.text import Wrapped, clean, reflow, safe

_HANG_UP = "\x00hang-up"
_READY_COMMANDS = {"/brief", "/b"}


def help_text(words: Words = ENGLISH) -> str:
    _ = words.gettext
    targets = ", ".join(ESCALATION_TARGETS)
    rows = [
        ("/brief", _("show the briefing again (the clock stops while you read)")),
        ("/hint", _("a nudge from the training guide (counted in the debrief)")),
        (_("/escalate TARGET note…"), _("hand off to TARGET with a note")),
        ("/hold", _("put the customer on hold")),
        ("/end", _("end the conversation")),
        (
            _("/dispute [TURN] reason…"),
            _("the analyser misread a reply (default: your last one); a trainer rules on it"),
        ),
        ("/quit", _("leave now; the attempt is kept as incomplete")),
    ]
    lines = [_("Type your reply and press Enter. Commands:")]
    lines += [f"  {name}\n      {what}" for name, what in rows]
    lines.append(_("Escalation targets: {targets}").format(targets=targets))
    lines.append(escalate_note(words))
    return "\n".join(lines)


def escalate_note(words: Words = ENGLISH) -> str:
    """What /escalate does to the call, told in the briefing and in /help."""
    return words.gettext(
        "/escalate TARGET note hands the case on. If the customer does not yet know who "
        "will contact them and when, the call goes on so you can tell them; once they "
        "know, the hand-off ends the call."
    )


# What /escalate does, said in the briefing as well as in /help.


@dataclass
class Frontend:
    session: Session
    console: Console
    input: Input | None = None
    output: Output | None = None
    tick: float = 0.25
    on_result: Callable[[SessionResult], None] | None = None
    words: Words = ENGLISH
    # (attempt id, turn, reason, labels found) -> the stored dispute's id
    on_dispute: Callable[[int, int, str, tuple[str, ...]], int] | None = None
    _prompt: PromptSession[str] | None = field(default=None, init=False)

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    # -- showing things -------------------------------------------------------------
    def show_briefing(self) -> None:
        _ = self.words.gettext
        s = self.scenario
        body = Text()
        sc = self.words.scenario
        body.append(clean(sc(s.title)) + "\n", style="bold")
        body.append(attributes(s, self.words) + "\n\n", style="dim")
        body.append(clean(reflow(sc(s.briefing))) + "\n")
        if s.learning_goals:
            body.append("\n")
            for goal in s.learning_goals:
                body.append("• " + clean(sc(goal)) + "\n")
        body.append("\n" + escalate_note(self.words) + "\n", style="dim")
        body.append("\n" + _("/help for commands, /brief to read this again"), style="dim")
        self.console.print(Panel(Wrapped(body), title=_("Briefing"), expand=True))

    def show_customer(self, message: CustomerMessage) -> None:
        if not message.text:
            return
        s = self.scenario
        self.console.print(
            Wrapped(
                customer_line(
                    self.words.scenario(s.persona.name),
                    s.kind,
                    self.words.scenario(message.text),
                    message.mood,
                    message.kind == "nudge",
                    self.words,
                )
            )
        )
        self.console.print()

    def toolbar(self) -> Any:
        _ = self.words.gettext
        s = self.session
        waited = s.waited()
        target = (
            self.scenario.timing.first_reply_target
            if not s.turns
            else self.scenario.timing.reply_target
        )
        start = self.scenario.patience.start
        left = max(0, s.customer.patience)
        dots = "●" * min(left, start) + "○" * max(0, start - left)
        colour = "ansired" if waited > target else "ansigreen"
        who = html_escape(s.trainee_id)
        patience = html_escape(_("patience"))
        turn = html_escape(_("turn {n}").format(n=s.turn_number))
        clock = html_escape(_("{waited}s / {target}s")).format(
            waited=f"<style fg='{colour}'>{waited:4.0f}</style>", target=f"{target:.0f}"
        )
        commands = "   <i>/help /brief /hint /end</i>" if self._columns() >= 80 else ""
        return HTML(
            f" <b>⏱</b> {clock}   {patience} <style fg='ansiyellow'>{dots}</style>"
            f"   {turn}   👤 <b>{who}</b>{commands}"
        )

    def _columns(self) -> int:
        """The terminal's width (the bar leaves out the command list when narrow)."""
        if self._prompt is not None:
            return int(self._prompt.app.output.get_size().columns)
        return int(self.console.width)

    # -- the loop ---------------------------------------------------------------------
    async def run_async(self) -> SessionResult:
        self.show_briefing()
        if not await self._ready():
            self.session.open()
            return self.finish()
        self.show_customer(self.session.open())
        while not self.session.finished:
            text = await self._ask()
            if text is None or text == _HANG_UP:
                break
            await self.handle_async(text)
        return self.finish()

    def run(self) -> SessionResult:
        return asyncio.run(self.run_async())

    def finish(self) -> SessionResult:
        result = self.session.close()
        if self.on_result is not None:
            self.on_result(result)
        return result

    async def _ready(self) -> bool:
        """Wait until the trainee takes the call: the reply clock starts after this."""
        _ = self.words.gettext
        while True:
            try:
                answer = await self._plain_prompt(
                    _(
                        "Press Enter when you are ready to take the call (/brief shows the briefing again): "
                    )
                )
            except EOFError:
                return False
            command = answer.strip().lower()
            if command in _READY_COMMANDS:
                self.show_briefing()
                continue
            if command == "/help":
                self.console.print(Wrapped(safe(help_text(self.words), "dim")))
                continue
            if command == "/quit":
                raise KeyboardInterrupt
            return True

    async def _plain_prompt(self, message: str) -> str:
        session: PromptSession[str] = PromptSession(input=self.input, output=self.output)
        return await session.prompt_async(message)

    async def handle_async(self, text: str) -> None:
        """One line typed during the call; /brief stops the clock while the briefing is read."""
        if text.strip().lower() in _READY_COMMANDS:
            started = self.session.clock.monotonic()
            self.show_briefing()
            with contextlib.suppress(EOFError):
                await self._plain_prompt(self.words.gettext("Press Enter to go back to the call: "))
            self.session.not_counting(self.session.clock.monotonic() - started)
            return
        self.handle(text)

    def handle(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        try:
            entry = read_entry(text, local=LOCAL_COMMANDS)
        except EntryError as exc:
            # A mistyped command is a typing slip, not a decision: say so, cost nothing.
            self.console.print(safe(self._entry_problem(text, exc), "red"))
            return
        if entry.command == "help":
            self.console.print(Wrapped(safe(help_text(self.words), "dim")))
            return
        if entry.command == "brief":
            self.show_briefing()
            return
        if entry.command == "hint":
            hint = self.words.scenario(self.session.hint())
            self.console.print(Wrapped(Text("💡 ") + safe(hint, "yellow")))
            return
        if entry.command == "quit":
            raise KeyboardInterrupt
        if entry.command == "dispute":
            self.console.print(Wrapped(safe(self.dispute(entry.note), "dim")))
            return
        self.show_customer(self.session.submit(entry))

    def _entry_problem(self, text: str, exc: EntryError) -> str:
        """The entry parser's refusal in the trainee's language."""
        _ = self.words.gettext
        if exc.code == "R004":
            return _("Usage: /escalate TARGET note…")
        if exc.code == "R005":
            target = text.split()[1]
            words = [_("Unknown escalation target '{target}'.").format(target=target)]
            close = closest(target, ESCALATION_TARGETS)
            if close:
                words.append(_("Did you mean '{name}'?").format(name=close))
            words.append(_("Targets: {targets}").format(targets=", ".join(ESCALATION_TARGETS)))
            return " ".join(words)
        name = text[1:].split(None, 1)[0] if len(text) > 1 else ""
        return _("Unknown command /{name}. Type /help.").format(name=name)

    def dispute(self, body: str) -> str:
        """``/dispute [TURN] reason…``: record a dispute about one of the replies so far."""
        from simulator.results.review import turn_labels

        _ = self.words.gettext
        first, _sep, rest = body.partition(" ")
        turn, reason = (int(first), rest) if first.isdigit() else (len(self.session.turns), body)
        if not reason.strip():
            return _("Usage: /dispute [TURN] what the analyser read wrongly")
        if not 1 <= turn <= len(self.session.turns):
            return _("There is no turn {turn} yet.").format(turn=turn)
        attempt = self.session.attempt_id
        if self.on_dispute is None or attempt is None:
            return _("Disputes need the results database (this attempt is not being stored).")
        found = turn_labels(self.session.turns[turn - 1])
        number = self.on_dispute(attempt, turn, reason, found)
        return _("Dispute {number} recorded for turn {turn}; a trainer will rule on it.").format(
            number=number, turn=turn
        )

    async def _ask(self) -> str | None:
        if self._prompt is None:
            self._prompt = PromptSession(input=self.input, output=self.output)
        watcher = asyncio.create_task(self._watch_silence())
        you = html_escape(self.words.gettext("You ›"))
        try:
            return await self._prompt.prompt_async(
                HTML(f"<b>{you}</b> "),
                bottom_toolbar=self.toolbar,
                refresh_interval=0.5,
            )
        except EOFError:
            return None
        finally:
            watcher.cancel()

    async def _watch_silence(self) -> None:
        every = self.scenario.timing.silence_after
        while True:
            await asyncio.sleep(self.tick)
            due = every * (self.session.nudges_this_turn + 1)
            if self.session.waited() < due or self.session.finished:
                continue
            message = self.session.silence()
            await run_in_terminal(lambda m=message: self.show_customer(m))  # type: ignore[misc]
            if self.session.finished and self._prompt is not None:
                self._prompt.app.exit(result=_HANG_UP)
                return


def play_interactive(
    *,
    scenario_ref: str | None,
    trainee: str | None,
    seed: int | None,
    db: Path | None,
    store: bool = True,
    console: Console | None = None,
    input: Input | None = None,
    output: Output | None = None,
    clock: Clock | None = None,
    ui_lang: str | None = None,
    words: Words | None = None,
) -> int:
    """`roleplay play` without --replies. Ctrl-C keeps the attempt, marked incomplete."""
    import random

    from simulator.l10n import reader_language, trainee_language, ui_override, words_for
    from simulator.scenario.catalog import DEFAULT_SCENARIO, load_scenario
    from simulator.store.identity import resolve_trainee
    from simulator.tui.chooser import choose_scenario
    from simulator.tui.debrief_view import render_session_result

    console = console or stdout_console()

    def ask(message: str) -> str:
        return PromptSession[str](input=input, output=output).prompt(message)

    if scenario_ref is None:
        chosen = choose_scenario(  # Ctrl-C / Ctrl-D: exit 130 at the CLI's edge
            console, ask, words or words_for(reader_language(ui_override(ui_lang)))
        )
        if chosen is None:
            return 0
        scenario = chosen
    else:
        scenario = load_scenario(scenario_ref or DEFAULT_SCENARIO)
    if words is None:
        words = words_for(trainee_language(scenario.language, ui_override(ui_lang)))
    trainee_id = resolve_trainee(
        trainee, ask=lambda: ask(words.gettext("Your trainee id (e.g. your name): "))
    )
    seed = seed if seed is not None else random.SystemRandom().randrange(1_000_000)

    def run_with(recorder: Any) -> int:
        session = Session(
            scenario,
            clock=clock or SystemClock(),
            seed=seed,
            trainee_id=trainee_id,
            mode="interactive",
            recorder=recorder,
        )
        front = Frontend(session, console, input=input, output=output, words=words)
        if recorder is not None:
            from simulator.store.disputes import Disputes

            disputes = Disputes(recorder)
            now = session.clock.now
            front.on_dispute = lambda a, t, r, f: disputes.file(a, t, r, f, now()).id
        try:
            result = front.run()
        except KeyboardInterrupt:
            result = session.close()
            turns = len(result.transcript.turns)
            stopped = words.ngettext(
                "Stopped. Your {n} turn is saved as an incomplete attempt; "
                "`roleplay debrief --last` shows its grade.",
                "Stopped. Your {n} turns are saved as an incomplete attempt; "
                "`roleplay debrief --last` shows its grade.",
                turns,
            ).format(n=turns)
            console.print(safe("\n" + stopped, "yellow"))
            return 130
        render_session_result(scenario, result, console, recorder, words, trainee_id)
        return 0

    if not store:
        return run_with(None)
    from simulator.store.results_store import ResultStore

    with ResultStore.open(db) as results:
        return run_with(results)
