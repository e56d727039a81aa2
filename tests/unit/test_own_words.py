"""The customer's own words are never jargon when the trainee uses them."""

from __future__ import annotations

from scoring.own_words import without_customer_jargon
from scoring.signal import Analysis, Signal
from simulator.engine.clock import FakeClock
from simulator.engine.entry import Entry
from simulator.engine.session import Session
from simulator.scenario.reader import parse_scenario_text
from tests.scenario_text import MINIMAL


def _analysis(text: str, *jargon: str) -> Analysis:
    signals = tuple(
        Signal("jargon", (text.index(w), text.index(w) + len(w)), w, "test.jargon") for w in jargon
    )
    return Analysis(text, "en", signals)


def test_jargon_the_customer_said_first_is_dropped_and_other_jargon_kept():
    a = _analysis("Let me check the server and your DNS.", "the server", "DNS")
    kept = without_customer_jargon(a, ["The server is down again!"])
    assert [s.evidence for s in kept.signals] == ["DNS"]


def test_words_match_whole_in_english_and_anywhere_in_chinese():
    a = _analysis("Your AD account.", "AD")
    assert without_customer_jargon(a, ["I feel bad about it"]).signals == a.signals
    zh = Analysis("您把路由器挪到客厅", "zh", (Signal("jargon", (2, 4), "路由", "test.jargon"),))
    assert without_customer_jargon(zh, ["路由器在客厅"]).signals == ()


def test_jargon_inside_a_word_the_customer_knows_is_dropped_before_they_say_it():
    zh = Analysis(
        "您把電腦放在路由器旁邊,再看路由表",
        "zh",
        (
            Signal("jargon", (6, 8), "路由", "test.jargon"),
            Signal("jargon", (14, 16), "路由", "test.jargon"),
        ),
    )
    kept = without_customer_jargon(zh, [], known=["路由器"])
    assert [s.span for s in kept.signals] == [(14, 16)]
    en = _analysis("Restart the router, then check the DNS.", "router", "DNS")
    kept = without_customer_jargon(en, [], known=["Router"])
    assert [s.evidence for s in kept.signals] == ["DNS"]


def _say_outlook(scenario):
    """Open a session whose analyser reads "Outlook" as jargon, and mention Outlook."""

    def analyze(text, context):
        return _analysis(text, "Outlook")

    session = Session(scenario, clock=FakeClock(), seed=1, analyze=analyze)
    session.open()
    return session, session.submit(Entry("Let me open Outlook for you."))


def test_the_session_does_not_count_a_word_the_persona_knows_as_jargon():
    scenario = parse_scenario_text(
        MINIMAL.replace("  names: [Sam]\n", "  names: [Sam]\n  words: [Outlook]\n")
        + '  - from: "*"\n    on: jargon\n    say: ["What is that?"]\n',
        "tiny.yaml",
    )
    assert scenario.persona.words == ("Outlook",)
    _session, message = _say_outlook(scenario)
    assert message.text != "What is that?"


def test_the_session_does_not_count_the_customer_s_word_as_jargon():
    scenario = parse_scenario_text(
        MINIMAL.replace(
            'lines: ["My mail is broken!", "No mail since nine!"]',
            'lines: ["My Outlook mail is broken!"]',
        )
        + '  - from: "*"\n    on: jargon\n    say: ["What is that?"]\n',
        "tiny.yaml",
    )
    session, message = _say_outlook(scenario)
    assert message.text != "What is that?"
    assert session.turns[0].analysis is not None and session.turns[0].analysis.signals == ()


def test_the_customer_s_own_deadline_said_back_is_not_a_promised_time():
    text = "So you need the schedule in by 11. I'll have you in within 5 minutes."
    a = Analysis(
        text,
        "en",
        (
            Signal("eta", (text.index("by 11"), text.index("by 11") + 5), "by 11", "t.eta"),
            Signal(
                "eta",
                (text.index("within"), text.index("within") + 16),
                "within 5 minutes",
                "t.eta",
            ),
        ),
    )
    kept = without_customer_jargon(a, ["the schedule has to be in by 11, can you help"])
    assert [s.evidence for s in kept.signals] == ["within 5 minutes"]
