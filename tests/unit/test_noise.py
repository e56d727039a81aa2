"""Channel noise is blanked without moving any offset; time commitments read as a grammar."""

import pytest

from scoring.analysis.analyzer import Analyzer
from scoring.analysis.noise import mask_noise
from scoring.context import ReplyContext


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("@acme_care @bob hello there", "hello there"),
        ("see https://t.co/abc123 for more", "see for more"),
        ("fixed it ^MK", "fixed it"),
        ("all sorted now - Priya", "all sorted now"),
        ("more soon 1/2", "more soon"),
        ("call me - thanks", "call me - thanks"),
        ("我们会在[数字x]小时内处理", "我们会在00000小时内处理"),
        ("请看链接 O网页链接 （专员小林）", "请看链接"),
        ("fish &amp; chips", "fish & chips"),
    ],
)
def test_noise_is_blanked_in_place(text: str, kept: str) -> None:
    masked = mask_noise(text.lower())
    assert len(masked) == len(text)
    assert " ".join(masked.split()) == kept.lower()


def signals(text: str, lang: str = "en") -> set[str]:
    analysis = Analyzer.for_language(lang).analyze(text, ReplyContext(lang=lang))
    return {s.name if s.category is None else f"{s.name}:{s.category}" for s in analysis.signals}


def test_a_leading_handle_does_not_hide_the_opening() -> None:
    assert "avoided:informal_address" in signals("@renee_k Hey, what's up with the order?")
    evidence = Analyzer.for_language("en").analyze("@renee_k Hey, what's up?").signals[0].evidence
    assert evidence == "Hey"


@pytest.mark.parametrize(
    ("text", "lang", "eta"),
    [
        ("The parcel should reach you Wednesday.", "en", True),
        ("A fitter can come between 9 and 1 on Tuesday.", "en", True),
        ("The patch is booked for 7 pm.", "en", True),
        ("You'll have the loan laptop in under a week.", "en", True),
        ("Our team is rolling out the fix over the weekend.", "en", True),
        ("The card will be credited within 2-4 working days.", "en", True),
        ("You mentioned the audit is due Friday.", "en", False),
        ("That gives you plenty of time before noon.", "en", False),
        ("快递预计后天送到。", "zh", True),
        ("师傅晚上能上门。", "zh", True),
        ("大概三到五分钟就好。", "zh", True),
        ("退款[数字x]-[数字x]个工作日到账。", "zh", True),
        ("下午两点到四点之间给您送过去。", "zh", True),
        ("他每隔五分钟就掉线一次。", "zh", False),
        ("三天两头出问题。", "zh", False),
    ],
)
def test_time_commitments_as_a_grammar(text: str, lang: str, eta: bool) -> None:
    assert ("eta" in signals(text, lang)) is eta
