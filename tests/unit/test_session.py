import itertools

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from simulator.engine.clock import FakeClock
from simulator.engine.entry import Entry
from simulator.engine.session import Session
from simulator.scenario.reader import parse_scenario_text
from tests.fake_analyzer import tag_analyze
from tests.scenario_text import MINIMAL

SCENARIO = parse_scenario_text(MINIMAL, "tiny.yaml")


def new_session(seed: int = 1, clock: FakeClock | None = None) -> Session:
    session = Session(SCENARIO, clock=clock or FakeClock(), seed=seed, analyze=tag_analyze)
    session.open()
    return session


def test_good_path_reaches_resolved():
    s = new_session()
    assert s.customer.state == "opening"
    s.submit(Entry("[empathy] I understand"))
    assert s.customer.state == "calmer"
    s.submit(Entry("[restate:no_mail] [eta] So no mail since nine; fixed within 10 minutes"))
    assert s.finished and s.outcome == "resolved"
    t = s.transcript()
    assert [turn.state_after for turn in t.turns] == ["calmer", "resolved"]
    assert t.turns[0].venting and t.turns[0].customer_line in SCENARIO.states["opening"].lines


def test_conditions_gate_a_transition():
    s = new_session()
    s.submit(Entry("[empathy]"))
    reply = s.submit(Entry("[eta] within 10 minutes"))
    assert s.customer.state == "calmer"
    assert reply.text == "Do you even know what my problem is?"


def test_bad_replies_exhaust_patience():
    s = new_session()
    s.submit(Entry("[avoided:dismissive] calm down"))
    assert s.customer.patience == 1 and not s.finished
    s.submit(Entry("whatever"))
    assert s.finished and s.outcome == "hung_up"


def test_escalation_command_with_note_coverage():
    s = new_session()
    s.submit(
        Entry(
            "/escalate second_line fix it", command="escalate", target="second_line", note="fix it"
        )
    )
    assert not s.finished
    s.submit(
        Entry(
            "/escalate second_line no email since nine",
            command="escalate",
            target="second_line",
            note="User has had no email since nine",
        )
    )
    assert s.outcome == "resolved"


def test_end_without_transition_abandons():
    s = new_session()
    s.submit(Entry("/end", command="end"))
    assert s.finished and s.outcome == "abandoned"


def test_response_time_comes_from_the_clock():
    clock = FakeClock()
    s = new_session(clock=clock)
    clock.advance(12.5)
    s.submit(Entry("[empathy]"))
    assert s.transcript().turns[0].response_seconds == 12.5


def test_scripted_pause_fires_a_silence_nudge_before_the_reply():
    s = new_session()
    s.submit(Entry("[empathy] sorry for the wait", seconds=70))
    turn = s.transcript().turns[0]
    assert turn.silence_nudges == 1
    assert turn.state_after == "calmer"
    assert s.customer.patience == 1


def test_customer_hangs_up_before_a_very_late_reply():
    s = new_session()
    s.submit(Entry("[empathy] sorry for the wait", seconds=130))
    # Two nudges at -1 each exhaust a patience of 2 before the reply lands.
    assert s.outcome == "hung_up"
    assert s.transcript().turns == ()


def test_same_seed_same_lines():
    a, b = new_session(seed=5), new_session(seed=5)
    assert a.opening == b.opening
    for text in ("[empathy]", "meh", "[eta]"):
        if a.finished:
            break
        assert a.submit(Entry(text)).text == b.submit(Entry(text)).text


REPLIES = [
    "[empathy]",
    "[apology]",
    "[eta]",
    "[restate:no_mail]",
    "[avoided:blame]",
    "hello",
    "[restate:no_mail] [eta]",
]


class DialogueMachineRules(RuleBasedStateMachine):
    """Whatever the trainee does, the engine keeps its invariants."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.session = new_session(seed=3, clock=self.clock)

    @precondition(lambda self: not self.session.finished)
    @rule(text=st.sampled_from(REPLIES), seconds=st.floats(0, 200))
    def reply(self, text: str, seconds: float) -> None:
        before = len(self.session.turns)
        self.session.submit(Entry(text, seconds=seconds))
        assert len(self.session.turns) in (before, before + 1)

    @precondition(lambda self: not self.session.finished)
    @rule(receiver=st.sampled_from(["second_line", "vendor"]), covers=st.booleans())
    def escalate(self, receiver: str, covers: bool) -> None:
        note = "no mail since nine" if covers else "please look"
        self.session.submit(
            Entry(f"/escalate {receiver} {note}", command="escalate", target=receiver, note=note)
        )

    @precondition(lambda self: not self.session.finished)
    @rule()
    def silence(self) -> None:
        self.session.silence()

    @precondition(lambda self: self.session.finished)
    @rule(seed=st.integers(0, 10))
    def start_again(self, seed: int) -> None:
        self.session = new_session(seed=seed, clock=self.clock)
        assert self.session.customer.state == SCENARIO.initial

    @invariant()
    def state_is_known(self) -> None:
        assert self.session.customer.state in SCENARIO.states

    @invariant()
    def mood_in_range(self) -> None:
        assert -2 <= self.session.customer.mood <= 2

    @invariant()
    def finished_means_terminal_or_abandoned(self) -> None:
        if self.session.finished:
            assert self.session.outcome in {"resolved", "hung_up", "abandoned"}

    @invariant()
    def turns_chain(self) -> None:
        turns = self.session.turns
        for earlier, later in itertools.pairwise(turns):
            assert later.index == earlier.index + 1
        if turns:
            assert turns[-1].state_after == self.session.customer.state or self.session.finished


TestDialogueMachine = DialogueMachineRules.TestCase
TestDialogueMachine.settings = settings(max_examples=60, stateful_step_count=12, deadline=None)


def test_briefing_reflow_keeps_paragraphs_and_lists():
    from simulator.tui.terminal import reflow

    text = "You are on the line.\nShe is angry\nand short.\n\n- one\n- two\n"
    assert reflow(text) == "You are on the line. She is angry and short.\n\n- one\n- two"
    assert reflow("您好,\n这里是服务台。") == "您好,这里是服务台。"


def test_terminal_text_is_stripped_of_escape_sequences_and_markup_is_literal():
    from simulator.tui.terminal import clean, safe

    assert clean("hi\x1b[31mred\x1b[0m\x07") == "hired"
    assert safe("[bold]x[/bold]").plain == "[bold]x[/bold]"
