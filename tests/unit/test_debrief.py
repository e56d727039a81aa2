"""The debrief model and its three renderers: content, escaping, layout limits."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from html.parser import HTMLParser

from hypothesis import given
from rich.cells import cell_len
from rich.console import Console

from scoring.debrief.content import (
    BAD,
    BLOCKER,
    GOOD,
    Mark,
    PreviousAttempt,
    build_debrief,
    choose_figure,
    fmt_points,
    fmt_seconds,
    segment,
)
from scoring.debrief.html import render_html
from scoring.debrief.markdown import md_escape, render_markdown
from scoring.rubric import grade
from scoring.rubric_spec import RubricSpec
from scoring.transcript import Transcript
from simulator.tui.debrief_view import (
    previous_from_records,
    render_debrief,
    render_run,
    render_session_result,
)
from tests.builders import good_mail_transcript, reply, said, spec, transcript
from tests.strategies import analyses, rubric_specs, transcripts

NASTY = "<script>alert(1)</script> [bold red]boom[/] **x** | a & b \x1b[31mred\x1b[0m"


def debrief_of(t: Transcript, sp: RubricSpec | None = None, **kw: object):  # type: ignore[no-untyped-def]
    sp = sp or spec()
    args: dict[str, object] = {
        "scenario_id": "s-1",
        "title": "Mail <down> & [out]",
        "kind": "angry",
        "lang": t.lang,
        "transcript": t,
        "grade": grade(t, sp),
    }
    args.update(kw)
    return build_debrief(**args)  # type: ignore[arg-type]


def nasty_transcript() -> Transcript:
    return transcript(
        reply(
            NASTY + " calm down",
            said("avoided", "calm down", "dismissive"),
            said("empathy", "[bold red]boom[/]"),
            venting=True,
            customer_line="<b>Customer</b> [italic]says[/]",
            customer_reply="| pipes | and `ticks`",
        ),
        outcome="hung_up",
    )


def console80() -> Console:
    return Console(
        width=80, color_system=None, force_terminal=False, record=True, file=io.StringIO()
    )


# -- the model ----------------------------------------------------------------------------
@given(analyses())
def test_segments_cover_the_text_exactly(analysis) -> None:  # type: ignore[no-untyped-def]
    marks = [
        Mark(s.span[0], s.span[1], s.name, s.category, s.rule, BAD if s.name == "avoided" else GOOD)
        for s in analysis.signals
    ]
    segs = segment(analysis.text, marks)
    assert "".join(s.text for s in segs) == analysis.text
    assert all(s.text for s in segs)


def test_overlapping_marks_take_the_worst_tone() -> None:
    text = "I understand, calm down"
    marks = [
        Mark(0, 23, "empathy", None, "r", GOOD),
        Mark(14, 23, "avoided", "dismissive", "r", BLOCKER),
    ]
    segs = segment(text, marks)
    assert [(s.text, s.tone) for s in segs] == [("I understand, ", GOOD), ("calm down", BLOCKER)]
    assert segs[1].labels == ("empathy", "avoided: dismissive")


def test_blocker_phrases_are_marked_as_blockers() -> None:
    t = transcript(reply("That's your fault.", said("avoided", "That's your fault", "blame")))
    d = debrief_of(t)
    assert [m.tone for m in d.turns[0].marks] == [BLOCKER]
    d2 = debrief_of(t, spec(blockers=()))
    assert [m.tone for m in d2.turns[0].marks] == [BAD]


def test_invalid_spans_are_not_marked() -> None:
    t = transcript(reply("Short.", said("empathy", "Short")))
    bad = replace(t.turns[0].analysis.signals[0], span=(3, 99))  # type: ignore[union-attr]
    turn = replace(t.turns[0], analysis=replace(t.turns[0].analysis, signals=(bad,)))  # type: ignore[arg-type]
    d = debrief_of(replace(t, turns=(turn,)))
    assert d.turns[0].marks == ()


def test_mood_series_and_late_turns() -> None:
    d = debrief_of(good_mail_transcript())
    assert [(p.turn, p.mood) for p in d.mood] == [(0, -2), (1, -1), (2, 0), (3, 1), (4, 2)]
    late = debrief_of(transcript(reply("Hello.", seconds=99)))
    assert late.turns[0].late


def test_a_repeated_customer_line_is_shown_once() -> None:
    t = transcript(
        reply("A", customer_line="opening", customer_reply="second"),
        reply("B", customer_line="second", customer_reply="third"),
        reply("C", customer_line="a nudge came in between", customer_reply="end"),
    )
    shown = [turn.shown_customer_line for turn in debrief_of(t).turns]
    assert shown == ["opening", "", "a nudge came in between"]


def test_previous_attempts_as_tuples_sorted_and_compared() -> None:
    d = debrief_of(
        good_mail_transcript(),
        previous=[
            (2, "2024-05-02T10:00", 64, False),
            PreviousAttempt(1, "2024-05-01T09:00", 70, True),
        ],
    )
    assert [p.attempt_no for p in d.previous] == [1, 2]
    assert d.attempt_no == 3
    assert d.progress == (
        "Up 36 points on attempt #2 (64); your best so far. Earlier attempts passed: 1 of 2."
    )
    first = debrief_of(good_mail_transcript())
    assert first.progress is None and first.attempt_no == 1
    worse = debrief_of(
        transcript(reply("x"), outcome=None), previous=[(4, "t", 80, True)], attempt_no=9
    )
    assert worse.attempt_no == 9
    assert worse.progress is not None and worse.progress.startswith("Down ")
    assert "your best is 80" in worse.progress


def test_figures_fit_the_attempt() -> None:
    good = good_mail_transcript()
    assert "82%" in choose_figure(good, grade(good, spec()), "phone").text  # type: ignore[union-attr]
    hung = replace(good, outcome="hung_up")
    assert "91%" in choose_figure(hung, grade(hung, spec()), None).text  # type: ignore[union-attr]
    cold = transcript(
        reply("Within 10 minutes.", said("eta", "Within 10 minutes"), venting=True), outcome=None
    )
    phone = choose_figure(cold, grade(cold, spec()), "phone")
    assert phone is not None and "86%" in phone.text
    chat = choose_figure(cold, grade(cold, spec()), "chat")
    assert chat is not None and "40%" in chat.text and chat.source.startswith("[000]")


def test_formatting_helpers() -> None:
    assert [fmt_points(p) for p in (50, -12.5, 0, 7.5)] == ["+50", "-12.5", "0", "+7.5"]
    assert [fmt_seconds(s) for s in (8, 12.4, 75, 3.25)] == ["8s", "12s", "1m15s", "3.2s"]


def test_records_from_the_store_become_previous_attempts() -> None:
    from datetime import UTC, datetime

    class Rec:
        def __init__(self, no: int, overall: int | None) -> None:
            self.trainee_id, self.attempt_no, self.overall = "t", no, overall
            self.finished_at = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
            self.passed = overall is not None and overall >= 70

    got = previous_from_records([Rec(1, 50), Rec(2, None), Rec(3, 75)])  # type: ignore[list-item]
    assert got == (
        PreviousAttempt(1, "2024-05-01T09:30+00:00", 50, False),
        PreviousAttempt(3, "2024-05-01T09:30+00:00", 75, True),
    )


# -- Markdown -----------------------------------------------------------------------------
def test_markdown_escapes_trainee_and_scenario_text() -> None:
    md = render_markdown(debrief_of(nasty_transcript()))
    assert "<script>" not in md and "<b>" not in md
    assert "\\<script\\>" in md
    assert "\x1b" not in md
    assert "\\| pipes \\|" in md
    assert "Mail \\<down\\> &amp; \\[out\\]" in md
    assert md_escape("- item") == "\\- item"


def test_markdown_has_every_section() -> None:
    md = render_markdown(debrief_of(nasty_transcript(), previous=[(1, "2024-05-01", 50, False)]))
    for heading in (
        "## Scores",
        "## What to change first",
        "## The customer's mood",
        "## Transcript",
        "## Earlier attempts",
        "## From the training material",
    ):
        assert heading in md
    assert "~~calm down~~ _(avoided: dismissive)_" in md


# -- HTML ---------------------------------------------------------------------------------
class _Tags(HTMLParser):
    VOID = frozenset({"meta", "br", "line", "circle", "polyline"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[str] = []
        self.script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)
        self.script = self.script or tag == "script"
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, (self.stack[-5:], tag)
        self.stack.pop()


def test_html_is_self_contained_escaped_and_balanced() -> None:
    page = render_html(debrief_of(nasty_transcript(), previous=[(1, "2024-05-01", 50, False)]))
    parser = _Tags()
    parser.feed(page)
    assert parser.stack == []
    assert not parser.script
    for tag in ("svg", "polyline", "table", "mark", "style"):
        assert tag in parser.seen
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "\x1b" not in page
    assert not re.search(r"(?:src|href)\s*=|https?:|@import|url\(", page)
    assert "default-src 'none'" in page
    assert '<mark class="bad"' in page


def test_html_mood_chart_has_a_point_per_turn() -> None:
    page = render_html(debrief_of(good_mail_transcript()))
    assert page.count("<circle") == 5
    assert "<title>turn 4: satisfied</title>" in page


# -- terminal -----------------------------------------------------------------------------
def test_terminal_shows_markup_literally_and_strips_escapes() -> None:
    console = console80()
    render_debrief(debrief_of(nasty_transcript()), console)
    out = console.export_text()
    assert "[bold red]boom[/]" in out
    assert "\x1b" not in out and "[31m" not in out
    assert "calm down[avoided: dismissive]" in out


@given(transcripts(max_turns=4), rubric_specs())
def test_terminal_fits_80_columns(t: Transcript, sp: RubricSpec) -> None:
    console = console80()
    render_debrief(debrief_of(t, sp, previous=[(1, "2024-05-01T09:00", 40, False)]), console)
    for line in console.export_text().splitlines():
        assert cell_len(line) <= 80, line


def test_session_result_and_headless_run_render(tmp_path: object) -> None:
    from simulator.engine.clock import FakeClock
    from simulator.engine.entry import Entry
    from simulator.engine.headless import HeadlessRun
    from simulator.engine.session import Session
    from simulator.scenario.reader import parse_scenario_text
    from tests.fake_analyzer import tag_analyze
    from tests.scenario_text import MINIMAL

    scenario = parse_scenario_text(MINIMAL, "tiny.yaml")
    session = Session(scenario, clock=FakeClock(), seed=1, analyze=tag_analyze)
    opening = session.open().text
    session.submit(Entry("[empathy] I understand"))
    session.submit(Entry("[restate:no_mail] [eta] So no mail since nine; fixed within 10 minutes"))
    result = session.close()

    class History:
        def attempt(self, attempt_id: int) -> object:
            return type("R", (), {"trainee_id": "t", "attempt_no": 3})()

        def previous_attempts(
            self, trainee_id: str, scenario_id: str, before_id: int
        ) -> list[object]:
            from datetime import datetime

            rec = type("R", (), {})()
            rec.trainee_id, rec.attempt_no, rec.overall, rec.passed = "t", 2, 55, False  # type: ignore[attr-defined]
            rec.finished_at = datetime(2024, 5, 1, 9, 0)  # type: ignore[attr-defined]
            return [rec]

    console = console80()
    render_session_result(scenario, replace(result, attempt_id=7), console, History())
    out = console.export_text()
    assert "Tiny" in out and "attempt #3" in out and "#2" in out and "55" in out
    console = console80()
    render_run(HeadlessRun(result, opening, (), scenario), console)
    assert "Empathy" in console.export_text()
