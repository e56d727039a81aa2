"""Debriefs of Chinese plays in simplified and traditional Chinese: text, Markdown, HTML.

Each is rendered with a catalog that records every message it has no translation for,
and searched for Latin words that are neither identifiers nor the scenario's or the
trainee's own words. Also: how the language is chosen, and findings as messages.
"""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from rich.console import Console

from scoring.debrief.html import render_html
from scoring.debrief.markdown import render_markdown
from scoring.message import ENGLISH, msg, nmsg, sentence
from simulator.engine.headless import play_script
from simulator.engine.replies import load_replies
from simulator.l10n import reader_language, trainee_language, words_for
from simulator.results.attempt_debrief import scenario_debrief
from simulator.scenario.catalog import load_scenario
from simulator.tui.debrief_view import render_debrief
from tests.chinese_text import ROOT, content_words, english_left, strict_words

SCENARIOS = ("angry-no-callback-zh", "vip-data-loss-zh", "confused-vpn-home-zh")
LANGUAGES = ("zh_Hans", "zh_Hant")


def debrief_of(scenario_id: str, kind: str):  # type: ignore[no-untyped-def]
    scenario = load_scenario(scenario_id)
    entries = load_replies(ROOT / "scenarios" / "replies" / f"{scenario_id}.{kind}.txt")
    run = play_script(scenario, entries, seed=3, trainee_id="王小明")
    previous = ((1, "2026-01-05T09:00", 40, False), (2, "2026-01-06T09:00", 81, True))
    return scenario_debrief(
        scenario, run.result.transcript, run.result.grade, previous, trainee_id="王小明"
    )


def allowed(scenario_id: str, kind: str) -> set[str]:
    return content_words(
        ROOT / "scenarios" / f"{scenario_id}.yaml",
        ROOT / "scenarios" / "replies" / f"{scenario_id}.{kind}.txt",
    )


class _Visible(HTMLParser):
    """The text a reader sees (and the tooltips they may hover), not markup or CSS."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag == "style"
        self.parts += [v or "" for k, v in attrs if k in ("title", "aria-label", "alt")]

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.parts.append(data)


def visible(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return "\n".join(parser.parts)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["good", "poor"])
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_chinese_debriefs_hold_no_english(scenario_id: str, kind: str, language: str) -> None:
    debrief = debrief_of(scenario_id, kind)
    words, catalog = strict_words(language)
    console = Console(file=io.StringIO(), width=80, force_terminal=False, color_system=None)
    render_debrief(debrief, console, words)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    markdown = render_markdown(debrief, words)
    page = render_html(debrief, words)
    assert catalog.missing == []
    ok = allowed(scenario_id, kind)
    assert english_left(text, ok) == []
    assert english_left(markdown, ok) == []
    assert english_left(visible(page), ok) == []
    assert f'<html lang="{words.tag}">' in page


def test_html_declares_the_language_it_is_written_in() -> None:
    debrief = debrief_of("angry-no-callback-zh", "good")
    assert '<html lang="zh-Hans">' in render_html(debrief, words_for("zh_Hans"))
    assert '<html lang="zh-Hant">' in render_html(debrief, words_for("zh_Hant"))
    assert '<html lang="en">' in render_html(debrief, ENGLISH)


def test_the_catalogs_are_complete_and_compiled() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "catalogs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("scenario_language", "override", "environ", "expected"),
    [
        ("zh", None, {}, "zh_Hans"),
        ("zh", None, {"LANG": "zh_CN.UTF-8"}, "zh_Hans"),
        ("zh", None, {"LANG": "zh_TW.UTF-8"}, "zh_Hant"),
        ("zh", None, {"LC_ALL": "zh_HK.UTF-8", "LANG": "en_US.UTF-8"}, "zh_Hant"),
        ("en", None, {"LANG": "zh_CN.UTF-8"}, "en"),
        ("en", "zh", {}, "zh_Hans"),
        ("zh", "en", {"LANG": "zh_TW.UTF-8"}, "en"),
        ("zh", "zh-TW", {}, "zh_Hant"),
    ],
)
def test_a_trainee_reads_the_scenario_language_unless_told_otherwise(
    scenario_language: str, override: str | None, environ: dict[str, str], expected: str
) -> None:
    assert trainee_language(scenario_language, override, environ) == expected


def test_hr_reads_the_locale_or_lang() -> None:
    assert reader_language(None, {"LANG": "zh_TW.UTF-8"}) == "zh_Hant"
    assert reader_language(None, {}) == "en"
    assert reader_language("zh", {"LANG": "en_GB.UTF-8"}) == "zh_Hans"
    from simulator.errors import UsageError

    with pytest.raises(UsageError, match="unknown language 'klingon'"):
        reader_language("klingon", {})


def test_a_finding_is_english_text_that_keeps_its_id_and_parameters() -> None:
    found = nmsg("restated {done} of {n} fact", "restated {done} of {n} facts", 3, done=2)
    assert found == "restated 2 of 3 facts"
    assert (found.msgid, dict(found.params)) == (
        "restated {done} of {n} fact",
        {"n": 3, "done": 2},
    )
    assert json.dumps(found) == '"restated 2 of 3 facts"'
    again = pickle.loads(pickle.dumps(found))
    assert words_for("zh_Hans").text(again) == "复述了 3 项事实中的 2 项"
    summary = sentence([msg("greeted"), found])
    assert summary == "Greeted; restated 2 of 3 facts."
    assert words_for("zh_Hans").text(summary) == "有问候；复述了 3 项事实中的 2 项。"
    assert words_for("zh_Hans").text("plain text stays") == "plain text stays"


def test_hints_and_the_trainee_are_in_every_debrief() -> None:
    from dataclasses import replace

    debrief = debrief_of("angry-no-callback-zh", "good")
    debrief = replace(debrief, transcript=replace(debrief.transcript, hints_used=2))
    console = Console(file=io.StringIO(), width=80, force_terminal=False, color_system=None)
    render_debrief(debrief, console)
    for shown in (
        console.file.getvalue(),  # type: ignore[attr-defined]
        render_markdown(debrief),
        render_html(debrief),
    ):
        assert "Trainee: 王小明" in shown and "2 hints used" in shown
    assert "使用了 2 次提示" in render_markdown(debrief, words_for("zh_Hans"))


def test_the_config_file_can_choose_the_language(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from simulator.l10n import ui_override

    config = tmp_path / "config.toml"
    monkeypatch.setenv("ROLEPLAY_CONFIG", str(config))
    assert ui_override(None) is None
    config.write_text('ui_lang = "zh_Hant"\n', encoding="utf-8")
    assert ui_override(None) == "zh_Hant"
    assert ui_override("en") == "en"
    assert trainee_language("en", ui_override(None), {}) == "zh_Hant"
