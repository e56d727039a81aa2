"""Only the front end (simulator/tui) draws: rich and prompt_toolkit are imported nowhere else.

The catalogs and the language choice live in simulator/l10n; scoring renders words
through the catalog it is given and never imports simulator.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FRONT_END = ("rich", "prompt_toolkit")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_only_the_tui_imports_rich_or_prompt_toolkit() -> None:
    offenders = []
    for package in ("simulator", "scoring"):
        for path in (ROOT / package).rglob("*.py"):
            if path.is_relative_to(ROOT / "simulator" / "tui"):
                continue
            for name in _imports(path):
                if name.split(".")[0] in FRONT_END:
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_scoring_never_imports_simulator() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "scoring").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] == "simulator"
    ]
    assert offenders == []


def test_the_terminal_and_the_debrief_view_do_not_import_each_other() -> None:
    tui = ROOT / "simulator" / "tui"
    assert "simulator.tui.debrief_view" not in _imports(tui / "terminal.py")
    assert "simulator.tui.terminal" not in _imports(tui / "debrief_view.py")
