"""The HTML debrief in headless Chromium: renders offline, requests nothing, no errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.debrief.html import render_html
from tests.browser import open_page
from tests.unit.test_debrief_golden import debriefs


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("name", ["debrief_poor_en", "debrief_zh"])
def test_html_debrief_renders_offline(tmp_path: Path, name: str) -> None:
    page = tmp_path / f"{name}.html"
    page.write_text(render_html(debriefs()[name]), encoding="utf-8")
    report = open_page(
        page, ["h1", "figure.mood", "table", "mark", ".improvements li", ".turn"], f"{name}.png"
    )
    assert report.errors == []
    assert [r for r in report.requests if r != page.resolve().as_uri()] == []
    assert not [c for c in report.console if c[0] in ("error", "warning")]
    assert report.counts["figure.mood"] == 1
    assert report.counts[".turn"] == len(debriefs()[name].turns)
    assert report.counts["table"] >= 1 and report.counts["mark"] >= 1
    assert report.counts[".improvements li"] == 3
    assert report.texts["h1"].startswith("Debrief:")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize(("language", "heading"), [("zh_Hans", "复盘："), ("zh_Hant", "復盤：")])
def test_a_chinese_debrief_page_is_chinese_in_chromium(
    tmp_path: Path, language: str, heading: str
) -> None:
    from simulator.l10n import words_for
    from tests.chinese_text import english_left
    from tests.unit.test_localisation import allowed, debrief_of

    debrief = debrief_of("angry-no-callback-zh", "poor")
    page = tmp_path / f"debrief_{language}.html"
    page.write_text(render_html(debrief, words_for(language)), encoding="utf-8")
    report = open_page(page, ["html", "h1", "main", ".improvements li"], f"debrief_{language}.png")
    assert report.errors == []
    assert report.texts["h1"].startswith(heading)
    assert english_left(report.texts["main"], allowed("angry-no-callback-zh", "poor")) == []
    assert report.screenshot is not None and report.screenshot.stat().st_size > 10_000
