"""The interactive simulator: prompt_toolkit for input, rich for everything shown.

Only this module (and the rich renderers) touch the terminal. The session underneath
is the same one headless play uses; the clock, the console and prompt_toolkit's input
and output are injected so tests can drive the real prompt through a pipe.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
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

from scoring.rubric_spec import ESCALATION_TARGETS
from simulator.engine.clock import Clock, SystemClock
from simulator.engine.entry import COMMANDS, Entry, parse_command
from simulator.engine.session import CustomerMessage, Session, SessionResult
from simulator.scenario.field_reader import did_you_mean
from simulator.scenario.model import Scenario
from simulator.tui.terminal import Wrapped, clean, customer_line, reflow, safe, stdout_console

_HANG_UP = "\x00hang-up"

HELP = {
    "en": (
        "Type your reply and press Enter. Commands:\n"
        "  /hint                     a nudge from the training guide (counted in the debrief)\n"
        "  /escalate TARGET note…    hand off (targets: second_line, rnd, vendor, supervisor,\n"
        "                            account_manager, field_engineer, security)\n"
        "  /hold                     put the customer on hold\n"
        "  /end                      end the conversation\n"
        "  /dispute [TURN] reason…   the analyser misread a reply (default: your last one);\n"
        "                            a trainer rules on it\n"
        "  /quit                     leave now; the attempt is kept as incomplete"
    ),
    "zh": (
        "输入回复后按回车。命令:\n"
        "  /hint                     培训要点提示(会计入复盘)\n"
        "  /escalate 目标 交接说明…  升级(目标:second_line, rnd, vendor, supervisor,\n"
        "                            account_manager, field_engineer, security)\n"
        "  /hold                     请客户稍等\n"
        "  /end                      结束通话\n"
        "  /dispute [轮次] 理由…     对某条回复的判读有异议(默认最后一条),由培训师裁定\n"
        "  /quit                     立即离开;本次练习保存为未完成"
    ),
}


@dataclass
class Frontend:
    session: Session
    console: Console
    input: Input | None = None
    output: Output | None = None
    tick: float = 0.25
    on_result: Callable[[SessionResult], None] | None = None
    # (attempt id, turn, reason, labels found) -> the stored dispute's id
    on_dispute: Callable[[int, int, str, tuple[str, ...]], int] | None = None
    _prompt: PromptSession[str] | None = field(default=None, init=False)

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    # -- showing things -------------------------------------------------------------
    def show_briefing(self) -> None:
        s = self.scenario
        body = Text()
        body.append(clean(s.title) + "\n", style="bold")
        body.append(
            f"{s.persona.kind} · {s.language} · {s.channel} · {s.difficulty}\n\n", style="dim"
        )
        body.append(clean(reflow(s.briefing)) + "\n")
        if s.learning_goals:
            body.append("\n")
            for goal in s.learning_goals:
                body.append("• " + clean(goal) + "\n")
        body.append("\n/help for commands", style="dim")
        self.console.print(Panel(Wrapped(body), title="Briefing", expand=True))

    def show_customer(self, message: CustomerMessage) -> None:
        if not message.text:
            return
        s = self.scenario
        self.console.print(
            Wrapped(
                customer_line(
                    s.persona.name,
                    s.kind,
                    s.language,
                    message.text,
                    message.mood,
                    message.kind == "nudge",
                )
            )
        )
        self.console.print()

    def toolbar(self) -> Any:
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
        return HTML(
            f" <b>⏱</b> <style fg='{colour}'>{waited:4.0f}s</style> / {target:.0f}s"
            f"   patience <style fg='ansiyellow'>{dots}</style>"
            f"   turn {s.turn_number}   <i>/help /hint /escalate /end</i>"
        )

    # -- the loop ---------------------------------------------------------------------
    async def run_async(self) -> SessionResult:
        self.show_briefing()
        self.show_customer(self.session.open())
        while not self.session.finished:
            text = await self._ask()
            if text is None or text == _HANG_UP:
                break
            self.handle(text)
        return self.finish()

    def run(self) -> SessionResult:
        return asyncio.run(self.run_async())

    def finish(self) -> SessionResult:
        result = self.session.close()
        if self.on_result is not None:
            self.on_result(result)
        return result

    def handle(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        lang = self.scenario.language
        if text.startswith("/"):
            name, target, note = parse_command(text)
            if name == "help":
                self.console.print(safe(HELP[lang], "dim"))
                return
            if name == "hint":
                self.console.print(Text("💡 ") + safe(self.session.hint(), "yellow"))
                return
            if name == "quit":
                raise KeyboardInterrupt
            if name == "dispute":
                self.console.print(safe(self.dispute(note), "dim"))
                return
            if name not in COMMANDS:
                self.console.print(safe(f"Unknown command /{name}. Type /help.", "red"))
                return
            if name == "escalate" and not target:
                self.console.print(safe("Usage: /escalate TARGET note…", "red"))
                return
            if name == "escalate" and target not in ESCALATION_TARGETS:
                # A mistyped target is a typing slip, not a decision: say so, cost nothing.
                close = did_you_mean(target or "", ESCALATION_TARGETS)
                self.console.print(
                    safe(
                        f"Unknown escalation target '{target}'. "
                        + (f"{close[0].upper()}{close[1:]}. " if close else "")
                        + "Targets: "
                        + ", ".join(ESCALATION_TARGETS),
                        "red",
                    )
                )
                return
            entry = Entry(text=text, command=name, target=target, note=note)
        else:
            entry = Entry(text=text)
        self.show_customer(self.session.submit(entry))

    def dispute(self, body: str) -> str:
        """``/dispute [TURN] reason…``: record a dispute about one of the replies so far."""
        from simulator.results.review import turn_labels

        first, _, rest = body.partition(" ")
        turn, reason = (int(first), rest) if first.isdigit() else (len(self.session.turns), body)
        if not reason.strip():
            return "Usage: /dispute [TURN] what the analyser read wrongly"
        if not 1 <= turn <= len(self.session.turns):
            return f"There is no turn {turn} yet."
        attempt = self.session.attempt_id
        if self.on_dispute is None or attempt is None:
            return "Disputes need the results database (this attempt is not being stored)."
        found = turn_labels(self.session.turns[turn - 1])
        number = self.on_dispute(attempt, turn, reason, found)
        return f"Dispute {number} recorded for turn {turn}; a trainer will rule on it."

    async def _ask(self) -> str | None:
        if self._prompt is None:
            self._prompt = PromptSession(input=self.input, output=self.output)
        watcher = asyncio.create_task(self._watch_silence())
        try:
            return await self._prompt.prompt_async(
                HTML("<b>You ›</b> "),
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


def choose_scenario(console: Console, ask: Callable[[str], str]) -> Scenario | None:
    from simulator.scenario.catalog import list_scenarios
    from simulator.tui.terminal import scenario_table

    scenarios = list(list_scenarios().scenarios)
    console.print(scenario_table(scenarios, numbered=True))
    while True:
        answer = ask(f"Choose a scenario [1-{len(scenarios)}] (Enter for 1, q to quit): ").strip()
        if answer.lower() in {"q", "quit"}:
            return None
        if not answer:
            return scenarios[0]
        if answer.isdigit() and 1 <= int(answer) <= len(scenarios):
            return scenarios[int(answer) - 1]
        for s in scenarios:
            if s.id == answer:
                return s
        console.print(safe(f"'{answer}' is not on the list.", "red"))


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
) -> int:
    """`roleplay play` without --replies. Ctrl-C keeps the attempt, marked incomplete."""
    import random

    from simulator.scenario.catalog import DEFAULT_SCENARIO, load_scenario
    from simulator.store.identity import resolve_trainee
    from simulator.tui.debrief_view import render_session_result

    console = console or stdout_console()

    def ask(message: str) -> str:
        return PromptSession[str](input=input, output=output).prompt(message)

    if scenario_ref is None:
        try:
            chosen = choose_scenario(console, ask)
        except (EOFError, KeyboardInterrupt):
            return 0
        if chosen is None:
            return 0
        scenario = chosen
    else:
        scenario = load_scenario(scenario_ref or DEFAULT_SCENARIO)
    trainee_id = resolve_trainee(trainee, ask=lambda: ask("Your trainee id (e.g. your name): "))
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
        front = Frontend(session, console, input=input, output=output)
        if recorder is not None:
            from simulator.store.disputes import Disputes

            disputes = Disputes(recorder)
            now = session.clock.now
            front.on_dispute = lambda a, t, r, f: disputes.file(a, t, r, f, now()).id
        try:
            result = front.run()
        except KeyboardInterrupt:
            result = session.close()
            console.print(
                safe(
                    f"\nStopped. Your {len(result.transcript.turns)} turn(s) are saved as an incomplete "
                    "attempt; `roleplay debrief --last` shows its grade.",
                    "yellow",
                )
            )
            return 130
        render_session_result(scenario, result, console, recorder)
        return 0

    if not store:
        return run_with(None)
    from simulator.store.results_store import ResultStore

    with ResultStore.open(db) as results:
        return run_with(results)
