"""Chinese text in the terminal: no closing punctuation starts a line, nothing overflows."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from simulator.tui.terminal import NO_LINE_END, NO_LINE_START, Wrapped

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
PUNCT = st.sampled_from(sorted(NO_LINE_START | NO_LINE_END))
CHINESE = st.lists(st.one_of(HAN, HAN, HAN, PUNCT), min_size=1, max_size=400).map("".join)


def rendered(renderable: object, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


@settings(max_examples=150, deadline=None)
@given(text=CHINESE, width=st.integers(min_value=12, max_value=100))
def test_no_line_starts_with_closing_punctuation_and_none_overflows(text: str, width: int) -> None:
    lines = rendered(Wrapped(Text(text)), width)
    assert "".join(lines) == text
    for i, line in enumerate(lines):
        assert cell_len(line) <= width
        if i and text.strip(" ".join(NO_LINE_START)):
            starts_bad = line[:1] in NO_LINE_START
            previous_all_punct = all(ch in NO_LINE_START for ch in lines[i - 1])
            assert not starts_bad or previous_all_punct, lines


def test_briefing_style_paragraph_in_a_panel() -> None:
    text = "交接备注要写清现象、开始时间、已尝试的步骤和影响,并告诉她谁会在什么时间联系她。" * 3
    lines = rendered(Panel(Wrapped(Text(text))), 40)
    inner = [line[2:-2].rstrip() for line in lines[1:-1]]
    assert all(cell_len(line) <= 40 for line in lines)
    assert not any(line[:1] in NO_LINE_START for line in inner)
    assert "".join(inner) == text


def test_english_text_is_left_to_rich() -> None:
    text = Text("So your mail stopped at nine, and the board meets at ten, is that right?")
    assert rendered(Wrapped(text), 30) == rendered(text, 30)


def test_a_run_of_closing_marks_never_overflows() -> None:
    lines = rendered(Wrapped(Text("一一一一一一一一一一!!!")), 12)
    assert all(cell_len(line) <= 12 for line in lines)
    assert "".join(lines) == "一一一一一一一一一一!!!"


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_the_scenario_chooser_is_readable_at_common_widths(width: int, language: str) -> None:
    """Every title reads left to right on as few lines as the width allows; no overflow."""
    import io

    from rich.cells import cell_len
    from rich.console import Console

    from simulator.l10n import words_for
    from simulator.scenario.catalog import list_scenarios
    from simulator.tui.terminal import scenario_table

    scenarios = list(list_scenarios().scenarios)
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    console.print(scenario_table(scenarios, numbered=True, words=words_for(language), width=width))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    lines = out.splitlines()
    assert all(cell_len(line) <= width for line in lines)
    flat = "".join(line.strip() for line in lines)
    for s in scenarios:
        assert s.id in out  # ids never wrap: they can be copied
        head = s.title[:10]
        assert head.replace(" ", "") in flat.replace(" ", "")  # the title runs on, not down
    # no title is squeezed into a column narrower than a few characters
    title_lines = [line for line in lines if any("\u4e00" <= c <= "\u9fff" for c in line)]
    assert all(sum(1 for c in line if "\u4e00" <= c <= "\u9fff") >= 2 for line in title_lines)
