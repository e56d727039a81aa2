"""The reply analyser: the issue's examples, typing variants, traditional Chinese, properties."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.analysis.analyzer import Analyzer, analyze
from scoring.context import Fact, ReplyContext
from scoring.signal import SIGNAL_NAMES, Analysis


@pytest.fixture(scope="module")
def en() -> Analyzer:
    return Analyzer.for_language("en")


@pytest.fixture(scope="module")
def zh() -> Analyzer:
    return Analyzer.for_language("zh")


def _assert_spans(analysis: Analysis) -> None:
    """What Signal promises: spans index the original text and evidence is that slice."""
    text = analysis.text
    for s in analysis.signals:
        start, end = s.span
        assert 0 <= start < end <= len(text), s
        assert text[start:end] == s.evidence, s
        assert s.rule, s
        assert s.name in SIGNAL_NAMES, s


def _shape(analysis: Analysis) -> list[tuple[str, str | None]]:
    return [(s.name, s.category) for s in analysis.signals]


# -- the examples --------------------------------------------------------------------


def test_empathy_has_span_into_original_text_and_rule(en):
    text = "I understand how frustrating this is."
    analysis = en.analyze(text)
    _assert_spans(analysis)
    (signal,) = analysis.of("empathy")
    start, end = signal.span
    assert start == 0 and end > len("I understand")
    assert text[start:end] == signal.evidence
    assert signal.evidence.startswith("I understand")
    assert signal.rule.startswith("empathy.")
    assert signal.suggestion is None


def test_calm_down_is_dismissive_with_a_suggestion(en):
    analysis = en.analyze("Calm down.")
    _assert_spans(analysis)
    (signal,) = analysis.of("avoided")
    assert signal.category == "dismissive"
    assert signal.evidence == "Calm down"
    assert signal.span == (0, 9)
    assert signal.rule.startswith("avoided.")
    assert signal.suggestion


@pytest.mark.parametrize(
    ("text", "name", "category"),
    [
        ("I don't understand what you want", "empathy", None),
        ("Let me find out for you", "avoided", "shirking"),
        ("I'm not sorry", "apology", None),
        ("I’m not sorry", "apology", None),
        ("I am not sorry", "apology", None),
        ("this doesn't need to be escalated", "escalate", None),
        ("the update was released 10 minutes ago", "eta", None),
        ("the escalation policy document", "avoided", "refusal"),
        ("the escalation policy document", "avoided", "policy"),
        ("I know where that setting is", "empathy", None),
        ("it's my job to help", "avoided", "shirking"),
    ],
)
def test_near_misses_are_not_signals(en, text, name, category):
    analysis = en.analyze(text)
    _assert_spans(analysis)
    assert not analysis.has(name, category), analysis.signals


def test_finding_out_is_ownership_not_shirking(en):
    analysis = en.analyze("Let me find out for you")
    assert analysis.has("ownership")
    assert not analysis.has("avoided")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "within 10 minutes"),
        ("en", "I'll call you back within 10 minutes."),
        ("en", "by 3 pm"),
        ("en", "I'll have it fixed by 3 pm."),
        ("en", "tomorrow morning"),
        ("en", "I'll call you tomorrow morning."),
        ("zh", "半小时后"),
        ("zh", "我半小时后给您回电。"),
        ("zh", "下午三点前"),
        ("zh", "我下午三点前给您答复。"),
    ],
)
def test_concrete_times_are_eta(lang, text):
    analysis = Analyzer.for_language(lang).analyze(text)
    _assert_spans(analysis)
    assert analysis.has("eta"), analysis.signals
    assert not analysis.has("avoided", "vague")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "soon"),
        ("en", "I'll fix it soon."),
        ("en", "ASAP"),
        ("en", "I'll do it ASAP."),
        ("en", "later"),
        ("en", "I'll get back to you later."),
        ("zh", "回头再说"),
        ("zh", "这个回头再说吧。"),
    ],
)
def test_vague_times_are_avoided_not_eta(lang, text):
    analysis = Analyzer.for_language(lang).analyze(text)
    _assert_spans(analysis)
    assert analysis.has("avoided", "vague"), analysis.signals
    assert not analysis.has("eta")
    (vague,) = [s for s in analysis.signals if s.category == "vague"]
    assert vague.suggestion


# -- typing variants ---------------------------------------------------------------------------

APOLOGY_VARIANTS = [
    "I'm sorry",
    "I’m sorry",
    "I am sorry",
    "Im sorry",
    "I   am    sorry",
    "I\tam\nsorry",
    "  i am sorry  ",
    "I AM SORRY",
    "I’M SORRY",
    "I'M SORRY！",
    "“I’m sorry.”",
    "😀 I'm sorry 🙏",
    "🙏I'm sorry🙏",
]
EMPATHY_VARIANTS = [
    "I understand how frustrating this is.",
    "I understand   how frustrating this is.",
    "I UNDERSTAND HOW FRUSTRATING THIS IS.",
    "I understand how frustrating this is！",
    "🙏 I understand how frustrating this is 😔",
    "👩‍💻 I understand how frustrating this is 👍🏽",
]
DISMISSIVE_VARIANTS = [
    "Calm down.",
    "CALM DOWN！",
    "calm   down",
    "Calm down．",
    "😤 Calm down 😤",
    "Ｃａｌｍ ｄｏｗｎ．",
]
ZH_EMPATHY_VARIANTS = [
    "我理解您的心情",
    "我理解您的心情。",
    "我理解您的心情！",
    "我 理解 您的 心情",
    "😊我理解您的心情😊",
    "ＯＫ，我理解您的心情",
]


@pytest.mark.parametrize(
    ("lang", "variants"),
    [
        ("en", APOLOGY_VARIANTS),
        ("en", EMPATHY_VARIANTS),
        ("en", DISMISSIVE_VARIANTS),
        ("zh", ZH_EMPATHY_VARIANTS),
    ],
    ids=["apology", "empathy", "dismissive", "zh-empathy"],
)
def test_typing_variants_give_the_same_signals(lang, variants):
    analyzer = Analyzer.for_language(lang)
    base = analyzer.analyze(variants[0])
    assert base.signals
    for text in variants:
        analysis = analyzer.analyze(text)
        _assert_spans(analysis)
        assert _shape(analysis) == _shape(base), text
        assert [s.rule for s in analysis.signals] == [s.rule for s in base.signals], text


def test_curly_apostrophe_evidence_keeps_the_original_characters(en):
    (signal,) = en.analyze("“I’m sorry.”").signals
    assert signal.evidence == "I’m sorry"
    assert signal.span == (1, 10)


def test_emoji_around_text_shifts_the_span(en):
    (signal,) = en.analyze("😤 Calm down 😤").signals
    assert signal.span == (2, 11)
    assert signal.evidence == "Calm down"


# -- traditional Chinese -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("非常抱歉给您带来不便", "非常抱歉給您帶來不便"),
        ("非常抱歉，给您带来不便。", "非常抱歉，給您帶來不便。"),
        ("我会在十分钟内给您回电", "我會在十分鐘內給您回電"),
        ("我们会在下午三点前给您答复", "我們會在下午三點前給您答覆"),
        ("半小时后", "半小時後"),
        ("回头再说", "回頭再說"),
        ("您先冷静一下", "您先冷靜一下"),
        ("我很理解您的着急", "我很理解您的著急"),
    ],
)
def test_traditional_matches_simplified_phrasebook(zh, simplified, traditional):
    assert len(simplified) == len(traditional)  # so the spans must agree too
    simp = zh.analyze(simplified)
    trad = zh.analyze(traditional)
    assert simp.signals
    _assert_spans(trad)
    assert _shape(trad) == _shape(simp)
    assert [s.rule for s in trad.signals] == [s.rule for s in simp.signals]
    assert [s.span for s in trad.signals] == [s.span for s in simp.signals]
    for s in trad.signals:
        assert s.evidence == traditional[s.span[0] : s.span[1]]


def test_traditional_spans_index_the_original_text(zh):
    text = "我會在十分鐘內給您回電"
    (eta,) = zh.analyze(text).of("eta")
    assert eta.evidence == text[eta.span[0] : eta.span[1]]
    assert "鐘" in eta.evidence  # the original character, not the simplified one
    apology = zh.analyze("非常抱歉給您帶來不便").of("apology")
    assert any("帶來" in s.evidence for s in apology)


# -- properties --------------------------------------------------------------------------------

_PHRASES = (
    "I understand how frustrating this is.",
    "I'm not sorry",
    "Calm down.",
    "within 10 minutes",
    "maybe later",
    "Ms. Chen",
    "So you're saying",
    "no mail since nine",
    "我理解您的心情",
    "非常抱歉給您帶來不便",
    "半小時後",
    "回头再说",
    "不",
    "对吗？",
    "ﬁ",  # NFKC would make this two characters
    "İ",  # lower() would make this two characters
    "e\u0301",
    "Ⅻ",
    "１０",
    "👩‍💻",
)
_texts = st.one_of(
    st.text(),
    st.text(max_size=2000),
    st.lists(st.sampled_from(_PHRASES) | st.text(max_size=6), max_size=40).map(" ".join),
    st.lists(st.sampled_from(_PHRASES) | st.text(max_size=3), max_size=40).map("".join),
)
_FACTS = (
    Fact("no_mail", "No mail since nine", ("no mail|no email", "since nine|since 9")),
    Fact("board", "Board meeting", ("board meeting|board",)),
    Fact("gone", "文件不见了", ("文件不见|文件没了",)),
)
_CONTEXTS = {
    lang: ReplyContext(
        lang=lang,
        facts=_FACTS,
        revealed=frozenset({"no_mail", "gone"}),
        customer_names=("Ms. Chen", "林总"),
    )
    for lang in ("en", "zh")
}
_PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_PROPERTY_SETTINGS
@given(text=_texts, lang=st.sampled_from(("en", "zh")), with_context=st.booleans())
def test_any_text_is_analysed_with_valid_spans(text, lang, with_context):
    context = _CONTEXTS[lang] if with_context else ReplyContext(lang=lang)
    analysis = Analyzer.for_language(lang).analyze(text, context)
    assert analysis.text == text
    assert analysis.lang == lang
    _assert_spans(analysis)
    starts = [s.span[0] for s in analysis.signals]
    assert starts == sorted(starts)  # signals ordered by span start


@_PROPERTY_SETTINGS
@given(text=_texts, lang=st.sampled_from(("en", "zh")))
def test_analysis_is_deterministic(text, lang):
    analyzer = Analyzer.for_language(lang)
    first = analyzer.analyze(text, _CONTEXTS[lang])
    again = analyzer.analyze(text, _CONTEXTS[lang])
    assert first == again
    assert Analysis.from_json(first.to_json(with_lang=True)) == first


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_long_text_is_analysed(lang):
    text = " ".join(_PHRASES) * 200
    analysis = Analyzer.for_language(lang).analyze(text)
    _assert_spans(analysis)
    assert analysis.signals


def test_module_analyze_uses_the_context_language():
    assert analyze("Calm down.").has("avoided", "dismissive")
    assert analyze("我理解您的心情", ReplyContext(lang="zh")).has("empathy")


# -- scenario extras ---------------------------------------------------------------------------


def test_customer_names_give_name_use(en, zh):
    context = ReplyContext(lang="en", customer_names=("Ms. Chen", "Laura"))
    text = "Thank you, Ms. Chen."
    (signal,) = en.analyze(text, context).of("name_use")
    assert signal.evidence == "Ms. Chen"
    assert text[signal.span[0] : signal.span[1]] == "Ms. Chen"
    assert not en.analyze(text).has("name_use")  # no names, no name_use

    zh_context = ReplyContext(lang="zh", customer_names=("林总",))
    text = "林總，您好。"
    (signal,) = zh.analyze(text, zh_context).of("name_use")
    assert signal.span == (0, 2) and signal.evidence == "林總"


_EN_FACTS = (
    Fact("no_mail", "No mail since nine", ("no mail|no email", "since nine|since 9")),
    Fact("board", "Board meeting", ("board meeting|board",)),
    Fact("disconnected", "Outlook shows Disconnected", ("disconnected",)),
)
_EN_FACTS_IDS = tuple(f.id for f in _EN_FACTS)
_REVEALED = ReplyContext(lang="en", facts=_EN_FACTS, revealed=frozenset({"no_mail", "board"}))


def test_restate_frame_with_revealed_facts_lists_the_fact_ids(en):
    text = "So you're saying you have had no mail since nine and a board meeting?"
    (signal,) = en.analyze(text, _REVEALED).of("restate")
    assert signal.facts == ("no_mail", "board")  # in the scenario's order
    assert signal.rule.startswith("restate.")
    assert text[signal.span[0] : signal.span[1]] == signal.evidence
    assert "no mail since nine" in signal.evidence and "board meeting" in signal.evidence
    assert en.analyze(text, _REVEALED).facts_restated() == {"no_mail", "board"}


def test_restate_counts_only_revealed_facts(en):
    text = "So you're saying it shows disconnected."
    assert not en.analyze(text, _REVEALED).has("restate")  # 'disconnected' not yet told
    everything = ReplyContext(lang="en", facts=_EN_FACTS, revealed=frozenset(_EN_FACTS_IDS))
    (signal,) = en.analyze(text, everything).of("restate")
    assert signal.facts == ("disconnected",)


def test_frame_alone_counts_only_when_no_facts_are_known(en):
    text = "So you're saying it shows disconnected."
    # No facts known (no context, or a context without facts): the frame alone restates.
    for context in (None, ReplyContext(lang="en")):
        (signal,) = en.analyze(text, context).of("restate")
        assert signal.facts == ()
        assert signal.evidence == "So you're saying"
    # Facts known but none revealed: a frame alone is not a restatement.
    assert not en.analyze(text, ReplyContext(lang="en", facts=_EN_FACTS)).has("restate")


def test_weak_frame_needs_facts(en):
    text = "Right, so no mail since nine."
    assert not en.analyze(text).has("restate")
    (signal,) = en.analyze(text, _REVEALED).of("restate")
    assert signal.facts == ("no_mail",)


def test_confirming_question_needs_two_revealed_facts(en):
    two = en.analyze("You have no mail since nine and a board meeting?", _REVEALED)
    (signal,) = two.of("restate")
    assert signal.facts == ("no_mail", "board")
    assert not en.analyze("You have no mail since nine?", _REVEALED).has("restate")


def test_traditional_restate_covers_simplified_fact_keywords(zh):
    facts = (
        Fact("gone", "文件不见了", ("文件不见|文件没了",)),
        Fact("monday", "周一董事会", ("董事会|周一",)),
    )
    context = ReplyContext(lang="zh", facts=facts, revealed=frozenset({"gone", "monday"}))
    simplified = "林总，您是说文件不见了，周一还有董事会，对吗？"
    traditional = "林總，您是說文件不見了，週一還有董事會，對嗎？"
    (simp,) = zh.analyze(simplified, context).of("restate")
    (trad,) = zh.analyze(traditional, context).of("restate")
    assert simp.facts == trad.facts == ("gone", "monday")
    assert trad.span == simp.span
    assert trad.evidence == traditional[trad.span[0] : trad.span[1]]
