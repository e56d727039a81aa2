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
