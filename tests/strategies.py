"""Hypothesis strategies for the scoring objects: signals, analyses, turns, transcripts, specs.

Every strategy builds objects the engine could have made: spans point into the reply's
text (``text[start:end] == evidence``), turns are numbered from 1, moods stay in −2..2,
and fact ids come from a small shared pool so restatements and notes can cover them.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st

from scoring.context import Fact
from scoring.rubric_spec import (
    DEFAULT_WEIGHTS,
    DIMENSIONS,
    ESCALATION_TARGETS,
    EscalationSpec,
    RubricSpec,
)
from scoring.signal import AVOIDED, AVOIDED_CATEGORIES, RESTATE, SIGNAL_NAMES, Analysis, Signal
from scoring.transcript import OUTCOMES, Transcript, Turn

# Properties, not timings: a busy machine must not fail a test (speed is for benchmarks/).
settings.register_profile("roleplay", deadline=None)
settings.load_profile("roleplay")

FACT_IDS: tuple[str, ...] = ("no_mail", "board_meeting", "disconnected", "bouncing")
FACTS: tuple[Fact, ...] = (
    Fact("no_mail", "No new mail since nine", ("no mail|no email", "since nine|9")),
    Fact("board_meeting", "Board meeting in forty minutes", ("board", "meeting")),
    Fact("disconnected", "Outlook shows Disconnected", ("disconnected|offline",)),
    Fact("bouncing", "Mail to her bounces", ("bounce|bouncing",)),
)
LANGS = st.sampled_from(("en", "zh"))
_WORDS = (
    "I understand",
    "sorry",
    "no mail since nine",
    "board meeting",
    "within 10 minutes",
    "calm down",
    "maybe later",
    "right?",
    "我理解",
    "非常抱歉",
    "十分钟内",
    "对吗?",
    "Ms. Chen",
    "[bold]x[/]",
    "<b>&amp;</b>",
)
# A fixed alphabet (no charmap building): letters, markup and escape characters, CJK.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,?!'\"<>&[]/\\*_#|-~`\t\n\x1b"
    "我理解您的问题对吗非常抱歉。,?邮件"
)
plain_text = st.text(alphabet=ALPHABET, max_size=30)
reply_texts = st.lists(
    st.sampled_from(_WORDS) | st.text(alphabet=ALPHABET, max_size=12), max_size=6
).map(" ".join)
moods = st.integers(min_value=-2, max_value=2)
seconds = st.floats(min_value=0, max_value=600, allow_nan=False, allow_infinity=False)
fact_ids = st.lists(st.sampled_from(FACT_IDS), max_size=4, unique=True).map(tuple)


@st.composite
def signals_in(draw: st.DrawFn, text: str) -> Signal:
    """One signal whose span points into ``text``."""
    start = draw(st.integers(min_value=0, max_value=len(text)))
    end = draw(st.integers(min_value=start, max_value=len(text)))
    name = draw(st.sampled_from(SIGNAL_NAMES))
    category = draw(st.sampled_from(AVOIDED_CATEGORIES)) if name == AVOIDED else None
    suggestion = (
        draw(st.none() | st.text(alphabet=ALPHABET, max_size=20)) if name == AVOIDED else None
    )
    facts = draw(fact_ids) if name == RESTATE else ()
    return Signal(name, (start, end), text[start:end], f"test.{name}", category, suggestion, facts)


@st.composite
def analyses(draw: st.DrawFn, lang: str | None = None, text: str | None = None) -> Analysis:
    text = draw(reply_texts) if text is None else text
    lang = draw(LANGS) if lang is None else lang
    signals = draw(st.lists(signals_in(text), max_size=5))
    signals.sort(key=lambda s: (s.span, s.name))
    return Analysis(text, lang, tuple(signals))


@st.composite
def turns(draw: st.DrawFn, index: int = 1, lang: str | None = None) -> Turn:
    lang = draw(LANGS) if lang is None else lang
    command = draw(st.sampled_from((None, None, None, "escalate", "hold", "end")))
    target = note = None
    if command == "escalate":
        target = draw(st.sampled_from(ESCALATION_TARGETS))
        note = draw(reply_texts)
    if command is None:
        text = draw(reply_texts)
        analysis: Analysis | None = draw(analyses(lang, text))
    else:
        text = f"/{command}" + (f" {target} {note}" if target else "")
        analysis = draw(analyses(lang, note)) if note else None
    return Turn(
        index=index,
        text=text,
        response_seconds=draw(seconds),
        customer_line=draw(plain_text),
        customer_reply=draw(plain_text),
        state_before=draw(st.sampled_from(("opening", "listening", "confirmed"))),
        mood_before=draw(moods),
        venting=draw(st.booleans()),
        state_after=draw(st.sampled_from(("listening", "confirmed", "resolved"))),
        mood_after=draw(moods),
        patience_after=draw(st.integers(min_value=0, max_value=5)),
        analysis=analysis,
        command=command,
        target=target,
        note=note or "",
        hints_before=draw(st.integers(min_value=0, max_value=2)),
        silence_nudges=draw(st.integers(min_value=0, max_value=3)),
        revealed=draw(fact_ids),
    )


@st.composite
def transcripts(draw: st.DrawFn, max_turns: int = 8) -> Transcript:
    lang = draw(LANGS)
    n = draw(st.integers(min_value=0, max_value=max_turns))
    return Transcript(
        lang=lang,
        turns=tuple(draw(turns(i, lang)) for i in range(1, n + 1)),
        final_state=draw(st.sampled_from(("opening", "resolved", "hung_up"))),
        outcome=draw(st.none() | st.sampled_from(OUTCOMES)),
        hints_used=draw(st.integers(min_value=0, max_value=3)),
    )


@st.composite
def rubric_specs(draw: st.DrawFn) -> RubricSpec:
    expected = draw(st.booleans())
    first = draw(st.integers(min_value=1, max_value=6))
    window = draw(st.none() | st.just((first, first + draw(st.integers(0, 4)))))
    escalation = EscalationSpec(
        expected=expected,
        targets=tuple(draw(st.lists(st.sampled_from(ESCALATION_TARGETS), max_size=2, unique=True)))
        if expected
        else (),
        window=window if expected else None,
        note_facts=draw(fact_ids) if expected else (),
    )
    weights = dict(DEFAULT_WEIGHTS)
    for name in DIMENSIONS:
        weights[name] = draw(st.sampled_from((0.0, 0.1, 0.2, 0.3)))
    if draw(st.booleans()):
        weights["etiquette"] = draw(st.sampled_from((0.0, 0.1, 0.2)))
    if sum(weights.values()) <= 0:
        weights["empathy"] = 1.0
    return RubricSpec(
        kind=draw(st.sampled_from(("angry", "confused", "vip"))),
        lang=draw(LANGS),
        weights=weights,
        pass_mark=draw(st.integers(min_value=0, max_value=100)),
        blockers=tuple(
            draw(st.lists(st.sampled_from(AVOIDED_CATEGORIES), max_size=2, unique=True))
        ),
        reply_target_seconds=draw(st.sampled_from((20.0, 45.0, 60.0))),
        first_reply_target_seconds=draw(st.sampled_from((10.0, 20.0, 30.0))),
        eta_required=draw(st.booleans()),
        escalation=escalation,
        facts=FACTS[: draw(st.integers(min_value=0, max_value=len(FACTS)))],
        customer_names=("Ms. Chen",),
    )
