""" "Say instead" rewrites: a restatement is said to the customer, not about them."""

from __future__ import annotations

import pytest

from scoring.context import Fact
from scoring.dimensions import rewrites
from scoring.dimensions.common import count, times


def fact(summary: str) -> Fact:
    return Fact("f", summary, ("x",))


@pytest.mark.parametrize(
    ("summary", "said"),
    [
        ("She was given a new computer on Monday", "you were given a new computer on Monday"),
        ("Her Invoices folder is no longer on her screen", "your Invoices folder is no longer on your screen"),
        ("Everyone in Legal sees the folder empty, not just her", "Everyone in Legal sees the folder empty, not just you"),
        ("He needs the laptop for a flight at 6 pm", "you need the laptop for a flight at 6 pm"),
        ("He has tried restarting twice", "you have tried restarting twice"),
        ("They can't print from the 12th floor", "you can't print from the 12th floor"),
        ("Outlook shows Disconnected", "Outlook shows Disconnected"),
    ],
)  # fmt: skip
def test_restating_rewrite_speaks_to_the_customer(summary: str, said: str) -> None:
    text = rewrites.for_rule("restate.fact", "en", facts=[fact(summary)])
    assert text == f"Just to make sure I have it right: {said}. Is that right?"


def test_several_facts_are_joined_as_a_sentence() -> None:
    text = rewrites.for_rule(
        "restate.fact", "en", facts=[fact("No new mail since nine"), fact("She presents at ten")]
    )
    assert text.endswith("right: no new mail since nine and you present at ten. Is that right?")


def test_chinese_restatement_uses_the_polite_you() -> None:
    text = rewrites.for_rule("restate.fact", "zh", facts=[fact("她说小钥匙老是断")])
    assert "您说小钥匙老是断" in text and "她" not in text


def test_hand_off_notes_keep_the_summaries_as_written() -> None:
    text = rewrites.for_rule(
        "escalate.note", "en", facts=[fact("She was given a new laptop")], target="second_line"
    )
    assert text.startswith("/escalate second_line She was given a new laptop;")


@pytest.mark.parametrize(
    ("n", "text"), [(0, "0 jargon terms"), (1, "1 jargon term"), (2, "2 jargon terms")]
)
def test_count_agrees_in_number(n: int, text: str) -> None:
    assert count(n, "jargon term") == text


def test_times_in_words() -> None:
    assert [times(n) for n in (0, 1, 2, 3)] == ["not once", "once", "twice", "3 times"]


def test_advice_that_quotes_its_own_phrase_is_not_quoted_again() -> None:
    from scoring.debrief.content import quoted

    assert (
        quoted("I'll call you back within 10 minutes.") == "“I'll call you back within 10 minutes.”"
    )
    assert (
        quoted("先认同情绪：“我理解这个情况让您很着急”。")
        == "先认同情绪：“我理解这个情况让您很着急”。"
    )
    assert quoted('Say "the shared folder".') == 'Say "the shared folder".'
