"""A summary of the customer's facts confirmed in a separate sentence is a restatement."""

from __future__ import annotations

from scoring.confirmed_summary import RULE, with_confirmed_summary
from scoring.context import Fact, ReplyContext
from scoring.signal import Analysis
from tests.builders import MAIL_FACTS

CONTEXT = ReplyContext(lang="en", facts=MAIL_FACTS, revealed=frozenset({"no_mail", "bouncing"}))


def _restates(text: str, heard: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = with_confirmed_summary(Analysis(text, "en", ()), CONTEXT, heard)
    return [s.facts for s in out.signals if s.rule == RULE]


def test_a_summary_then_a_separate_confirmation_counts():
    text = "You've had no mail since nine and mail to you bounces. Is that correct?"
    assert _restates(text) == [("bouncing", "no_mail")]


def test_asking_whether_the_summary_is_fair_confirms_it():
    text = "So no mail since nine, and mail to you bounces. Is that a fair summary?"
    assert _restates(text) == [("bouncing", "no_mail")]


def test_without_a_confirmation_or_with_one_fact_it_does_not():
    assert _restates("You've had no mail since nine and mail to you bounces.") == []
    assert _restates("You've had no mail since nine. Is that right?") == []


def test_only_revealed_facts_count_and_echoes_do_not():
    assert _restates("No mail since nine and the board meeting is soon. Right?") == []
    heard = ("I've had no mail since nine and my mail bounces!",)
    assert _restates("So: I've had no mail since nine and my mail bounces! Right?", heard) == []


def test_chinese_ways_of_asking_back_count():
    facts = (
        Fact("drops", "VPN drops", ("断|掉线",)),
        Fact("often", "every few minutes", ("十几分钟|老是",)),
    )
    context = ReplyContext(lang="zh", facts=facts, revealed=frozenset({"drops", "often"}))
    for ask in ("我没听错吧?", "我没记错吧？", "是这样吗?", "是吧?"):
        text = "连公司的网十几分钟就掉线一次。" + ask
        out = with_confirmed_summary(Analysis(text, "zh", ()), context)
        assert [s.facts for s in out.signals if s.rule == RULE] == [("drops", "often")], ask
    plain = "连公司的网十几分钟就掉线一次。我马上帮您看。"
    assert with_confirmed_summary(Analysis(plain, "zh", ()), context).signals == ()
