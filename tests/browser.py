"""Open a self-contained HTML file in headless Chromium and report what the page did.

`make test` installs Debian's chromium first (scripts/ensure-chromium.sh); a missing
browser is a failure, never a skipped test.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class PageReport:
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    screenshot: Path | None = None


def chromium_path() -> str:
    path = (
        os.environ.get("ROLEPLAY_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if path is None:
        pytest.fail(
            "chromium is not installed: run scripts/ensure-chromium.sh "
            "(or set ROLEPLAY_CHROMIUM to a Chromium binary)"
        )
    return path


def open_page(html: Path, selectors: list[str], screenshot_name: str) -> PageReport:
    """Load the file offline; collect console messages, page errors, requests, texts."""
    from playwright.sync_api import sync_playwright

    report = PageReport()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.on("console", lambda m: report.console.append((m.type, m.text)))
            page.on("pageerror", lambda e: report.errors.append(str(e)))
            page.on("request", lambda r: report.requests.append(r.url))
            page.goto(html.resolve().as_uri())
            page.wait_for_load_state("load")
            for selector in selectors:
                report.counts[selector] = page.locator(selector).count()
                if report.counts[selector]:
                    report.texts[selector] = page.locator(selector).first.inner_text()
            report.screenshot = ARTIFACTS / screenshot_name
            page.screenshot(path=str(report.screenshot), full_page=True)
        finally:
            browser.close()
    return report
