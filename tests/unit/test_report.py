"""The cohort report: figures, terminal rendering, self-contained HTML, JSON, the command."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from simulator.cli import main
from simulator.results.report import build_report, report_json
from simulator.results.report_html import render_html
from simulator.results.summary import sparkline
from simulator.results.table import Filters
from simulator.store.results_store import ResultStore
from simulator.tui.report_view import render_text
from tests.results_data import cohort_store, play


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ResultStore]:
    with cohort_store(tmp_path / "r.db") as opened:
        yield opened


def test_figures(store: ResultStore) -> None:
    report = build_report(store, Filters())
    by = {t.trainee_id: t for t in report.trainees}
    assert (by["alice"].latest, by["alice"].best, by["alice"].passed) == (67, 89, False)
    assert by["alice"].ever_passed is True
    assert by["alice"].progress == (53, 89, 67)
    assert (by["bob"].latest, by["bob"].best, by["bob"].passed) == (89, 89, True)
    assert report.weakest == "restating"
    assert report.dimension_averages["restating"] == pytest.approx(58.33, abs=0.01)
    rates = {s.scenario_id: s.pass_rate for s in report.scenarios}
    assert rates == {"angry-mail-outage-en": 0.2, "vip-billing-en": 1.0}
    assert report.pass_mark == 70
    assert report.progress_by_attempt() == pytest.approx([(53 + 53 + 67) / 3, 89, 67])


def test_progress_is_per_scenario_and_against_each_pass_mark(store: ResultStore) -> None:
    report = build_report(store, Filters())
    by = {t.trainee_id: t for t in report.trainees}
    assert by["alice"].margins == (53 - 70, 89 - 70, 67 - 70)
    assert (by["bob"].scenarios_tried, by["bob"].scenarios_passed) == (2, 1)
    assert by["bob"].ever_passed is True  # his latest (vip-billing) passed
    assert report.scenario_progress["angry-mail-outage-en"] == pytest.approx(
        [(53 + 53 + 67) / 3, 89, 67]
    )
    assert report.scenario_progress["vip-billing-en"] == [89]
    assert {s.scenario_id: s.pass_mark for s in report.scenarios} == {
        "angry-mail-outage-en": 70,
        "vip-billing-en": 70,
    }
    below = report.below_pass
    assert "restating" in below and "empathy" in below  # not only the weakest
    assert all(report.dimension_averages[d] < 70 for d in below)
    assert "avoided" not in below


def test_cohort_filter(store: ResultStore) -> None:
    report = build_report(store, Filters(cohort="2026-03"))
    assert [t.trainee_id for t in report.trainees] == ["alice", "bob"]
    assert report.title.endswith("cohort 2026-03")


def test_text_rendering_has_sparklines(store: ResultStore) -> None:
    out = io.StringIO()
    render_text(build_report(store, Filters()), Console(file=out, width=140, no_color=True))
    text = out.getvalue()
    assert "Trainees" in text and "Skills" in text and "Scenarios" in text
    assert "Weakest skill: Restating" in text
    assert "Below the pass mark: Empathy, Restating" in text
    assert sparkline((53 - 70, 89 - 70, 67 - 70), low=-50, high=50) in text
    assert "20%" in text and "100%" in text


def test_text_escapes_markup_and_control_sequences(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "r.db") as store:
        store.ensure_trainee("mallory", display_name="[red]x[/red]\x1b[2J")
        play(store, "mallory")
        out = io.StringIO()
        render_text(build_report(store, Filters()), Console(file=out, width=140, no_color=True))
    assert "[red]x[/red]" in out.getvalue()
    assert "\x1b" not in out.getvalue()


def test_sparkline() -> None:
    assert sparkline([0, 50, 100]) == "▁▅█"
    assert sparkline([]) == ""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained(store: ResultStore) -> None:
    html = render_html(build_report(store, Filters()))
    assert html.startswith("<!DOCTYPE html>")
    lowered = html.lower()
    # nothing to fetch from anywhere: no URLs, scripts, links, imports or remote media
    assert "http:" not in lowered and "https:" not in lowered
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*//""", lowered)
    for forbidden in ("<script", "<link", "<iframe", "<img", "@import", "url("):
        assert forbidden not in lowered
    collector = _Collector()
    collector.feed(html)
    ids = {attrs.get("id"): tag for tag, attrs in collector.tags if attrs.get("id")}
    assert ids["score-table"] == "table"
    assert ids["progress-chart"] == "svg"
    assert '<svg id="progress-chart"' in html
    assert html.count("<polyline") == 4  # three trainees and the cohort average
    assert 'class="pass-mark"' in html
    assert 'class="weakest below" data-skill="restating"' in html
    assert 'class="below" data-skill="empathy"' in html


def test_html_escapes_trainee_text(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "r.db") as store:
        store.ensure_trainee("x", display_name='<script>alert("x")</script>', cohort="a&b")
        play(store, "x", "<img src=x onerror=alert(1)>")
        html = render_html(build_report(store, Filters()))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "a&amp;b" in html


def test_empty_report(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "r.db") as store:
        report = build_report(store, Filters())
    html = render_html(report)
    assert 'id="score-table"' in html and 'id="progress-chart"' in html
    assert "No graded attempts yet." in html
    out = io.StringIO()
    render_text(report, Console(file=out, width=100, no_color=True))
    assert "No attempts match." in out.getvalue()
    assert report_json(report)["trainees"] == []


def test_json(store: ResultStore) -> None:
    data = report_json(build_report(store, Filters()))
    assert data["weakest_skill"] == "restating"
    assert data["trainees"][0]["progress"] == [53, 89, 67]  # type: ignore[index]
    json.dumps(data)


def test_cli(tmp_path: Path, store: ResultStore, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    code = main(["report", "--format", "html", "--db", str(store.path), "--out", str(out)])
    assert code == 0
    assert 'id="score-table"' in out.read_text(encoding="utf-8")
    assert "Wrote the report" in capsys.readouterr().err
    assert main(["report", "--json", "--db", str(store.path), "--cohort", "2026-04"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [t["trainee_id"] for t in data["trainees"]] == ["carol"]
    assert main(["report", "--db", str(store.path)]) == 0
    assert "Weakest skill" in capsys.readouterr().out
    text_out = tmp_path / "report.txt"
    assert main(["report", "--db", str(store.path), "--out", str(text_out), "-q"]) == 0
    assert "Weakest skill" in text_out.read_text(encoding="utf-8")
    assert main(["report", "--db", str(tmp_path / "none.db")]) == 1
    assert "no results database here" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant"])
def test_a_chinese_report_holds_no_english(store: ResultStore, language: str) -> None:
    from tests.chinese_text import english_left, strict_words
    from tests.unit.test_localisation import visible

    words, catalog = strict_words(language)
    report = build_report(store, Filters())
    out = io.StringIO()
    render_text(report, Console(file=out, width=140, no_color=True), words)
    page = render_html(report, words)
    assert catalog.missing == []
    data = {"alice", "bob", "carol", "Alice", "Wong", "Bob", "Title", "of", "UTC"}  # the data
    assert english_left(out.getvalue(), data) == []
    assert english_left(visible(page), data) == []
    assert f'<html lang="{words.tag}">' in page


def test_report_lang_option(store: ResultStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", str(store.path), "--lang", "zh"]) == 0
    assert "最弱技能：复述" in capsys.readouterr().out
    assert main(["report", "--db", str(store.path), "--lang", "xx"]) == 2
