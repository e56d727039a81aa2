"""The layers of docs/architecture.md, enforced: what may import what.

Each package below belongs to one layer; a module may import its own layer and the
layers below it, never one above. Only the terminal front end (simulator.tui) touches
prompt_toolkit and rich, and `scoring` never reaches into `simulator`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. Packages on one line share a layer and must not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("scoring.signal", "scoring.errors", "scoring.safe_text", "scoring.message", "scoring.grade"),
    ("scoring.yaml_tree", "scoring.register"),
    ("scoring.context", "scoring.transcript", "scoring.signal_ref"),
    ("scoring.analysis",),
    ("scoring.moves", "scoring.echo", "scoring.own_words"),
    ("scoring.confirmed_summary",),
    ("scoring.rubric_spec",),
    ("scoring.dimensions",),
    ("scoring.rubric",),
    ("scoring.debrief", "scoring"),
    ("simulator.errors", "simulator.version"),
    ("simulator.input_file",),
    ("simulator.scenario",),
    ("simulator.engine",),
    ("simulator.store",),
    ("simulator.l10n", "simulator.output_file"),
    ("simulator.results", "simulator.authoring"),
    ("simulator.tui", "simulator.completion"),
    ("simulator.commands",),
    ("simulator.crash_report",),
    ("simulator.cli",),
    ("simulator.__main__", "simulator"),
)
FRONT_END_LIBRARIES = ("rich", "prompt_toolkit")
FRONT_END = "simulator.tui"


def _layer_of(unit: str) -> tuple[int, str]:
    for index, names in enumerate(LAYERS):
        if unit in names:
            return index, unit
    raise AssertionError(f"{unit} has no layer in docs/architecture.md; add it to LAYERS")


def _unit(module: str) -> str:
    """The package a module belongs to: ``simulator.store.schema`` → ``simulator.store``."""
    parts = module.split(".")
    if len(parts) == 1:
        return parts[0]
    candidate = ".".join(parts[:2])
    if any(candidate in names for names in LAYERS):
        return candidate
    return parts[0]


def _modules() -> list[tuple[str, Path]]:
    found = []
    for top in ("scoring", "simulator"):
        for path in sorted((ROOT / top).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            found.append((".".join(parts), path))
    return found


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:  # `from scoring import yaml_tree` imports a module
                full = f"{node.module}.{alias.name}"
                is_module = (ROOT / full.replace(".", "/")).with_suffix(".py").is_file()
                names.append((full if is_module else node.module, node.lineno))
    return names


MODULES = _modules()


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_imports_point_down_the_layers(module: str, path: Path) -> None:
    here = _unit(module)
    level, _ = _layer_of(here)
    wrong = []
    for imported, line in _imports(path):
        top = imported.split(".")[0]
        if top in FRONT_END_LIBRARIES and not module.startswith(FRONT_END):
            wrong.append(f"line {line}: {imported} (only {FRONT_END} may use {top})")
        if top not in ("scoring", "simulator", "scenarios"):
            continue
        if top == "scenarios":
            continue  # package data only
        there = _unit(imported)
        if there == here:
            continue
        their_level, _ = _layer_of(there)
        if their_level >= level:
            wrong.append(f"line {line}: {imported} is not below {here}")
    assert wrong == [], f"{path.relative_to(ROOT)}:\n  " + "\n  ".join(wrong)


def test_every_package_has_a_layer() -> None:
    units = {_unit(module) for module, _ in MODULES}
    for unit in units:
        _layer_of(unit)


def test_no_module_is_over_400_lines() -> None:
    long = [
        f"{path.relative_to(ROOT)}: {n} lines"
        for _, path in MODULES
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert long == []
