"""Finding scenarios: the bundled ones (also after a plain `pip install`) and files on disk."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from simulator.errors import Location, ScenarioError
from simulator.scenario.field_reader import did_you_mean
from simulator.scenario.model import Scenario
from simulator.scenario.reader import load_scenario_file

DEFAULT_SCENARIO = "angry-mail-outage-en"
SCENARIO_SUFFIXES = (".yaml", ".yml")
_LOADED: dict[tuple[str, int, int], Scenario] = {}


def bundled_dir() -> Path:
    return Path(str(resources.files("scenarios")))


def search_dirs() -> list[Path]:
    """Bundled scenarios, then folders listed in ROLEPLAY_SCENARIOS (os.pathsep-separated)."""
    dirs = [bundled_dir()]
    extra = os.environ.get("ROLEPLAY_SCENARIOS", "")
    dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    return dirs


def is_scenario_file(path: Path) -> bool:
    return (
        path.suffix in SCENARIO_SUFFIXES
        and not path.name.endswith((".walkthrough.yaml", ".walkthrough.yml"))
        and not path.name.startswith(".")
    )


def scenario_files(dirs: list[Path] | None = None) -> list[Path]:
    files: list[Path] = []
    for folder in dirs if dirs is not None else search_dirs():
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.is_file() and is_scenario_file(p))
    return files


def load_path(path: Path) -> Scenario:
    """Load a scenario file, reusing the parse while the file is unchanged."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    scenario = _LOADED.get(key)
    if scenario is None:
        scenario = _LOADED[key] = load_scenario_file(path)
    return scenario


@dataclass(frozen=True, slots=True)
class Listing:
    scenarios: tuple[Scenario, ...]
    errors: tuple[ScenarioError, ...]


def list_scenarios(dirs: list[Path] | None = None) -> Listing:
    scenarios: list[Scenario] = []
    errors: list[ScenarioError] = []
    for path in scenario_files(dirs):
        try:
            scenarios.append(load_path(path))
        except ScenarioError as exc:
            errors.append(exc)
    return Listing(tuple(scenarios), tuple(errors))


def bundled_path(ref: str) -> Path | None:
    """The file of a scenario named by id (``angry-mail-outage-en``), if there is one."""
    if Path(ref).suffix in SCENARIO_SUFFIXES or os.sep in ref or "/" in ref:
        return None
    return next((p for p in scenario_files() if p.stem == ref), None)


def load_scenario(ref: str) -> Scenario:
    """A scenario by id (bundled or in ROLEPLAY_SCENARIOS) or by path to its file."""
    path = Path(ref)
    if path.suffix in SCENARIO_SUFFIXES or os.sep in ref or "/" in ref:
        return load_path(path) if path.exists() else load_scenario_file(path)
    for candidate in scenario_files():
        if candidate.stem == ref:
            return load_path(candidate)
    listing = list_scenarios()
    for scenario in listing.scenarios:
        if scenario.id == ref:
            return scenario
    ids = [s.id for s in listing.scenarios]
    hint = did_you_mean(ref, ids) or "run `roleplay list` to see the scenarios"
    raise ScenarioError(Location(ref), f"no scenario with id '{ref}'", hint, "E000")
