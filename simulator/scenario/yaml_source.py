"""Reading scenario and walkthrough files: the size cap, UTF-8, and located YAML.

The YAML itself is read by :mod:`scoring.yaml_tree` (safe, located, shared with the
phrasebooks); this module adds the file I/O and turns its problems into
:class:`~simulator.errors.ScenarioError` with the same codes.
"""

from __future__ import annotations

from pathlib import Path

from scoring import yaml_tree
from scoring.errors import YamlError
from scoring.yaml_tree import SCENARIO_LIMITS, YNode
from simulator.errors import InputFileError, Location, ScenarioError
from simulator.input_file import read_limited

__all__ = [
    "MAX_BYTES",
    "YNode",
    "decode_text",
    "load_yaml_file",
    "parse_yaml",
    "read_bytes",
    "read_text",
]

MAX_BYTES = SCENARIO_LIMITS.max_bytes


def read_text(path: Path) -> str:
    """Read a scenario file with the size cap applied while reading (devices and pipes refused)."""
    return decode_text(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """The raw bytes of a scenario file (the version hash is taken over these)."""
    name = str(path)
    try:
        data = read_limited(path, MAX_BYTES, "scenario file")
    except InputFileError as exc:
        if exc.kind == "too_large":
            raise ScenarioError(
                Location(name),
                f"file is larger than {MAX_BYTES:,} bytes, the limit for scenario files",
                "split the scenario or remove pasted material",
                "E002",
            ) from None
        hint = "check the path, or run `roleplay list`" if exc.kind == "missing" else exc.hint
        raise ScenarioError(Location(name), exc.message, hint, "E001") from None
    return data


def decode_text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScenarioError(
            Location(name, line, 1),
            "file is not valid UTF-8",
            "save the file as UTF-8 (most editors offer it under 'Save with encoding')",
            "E003",
        ) from None


def parse_yaml(text: str, path: str) -> YNode:
    """Parse one YAML document safely into a located tree (ScenarioError on problems)."""
    try:
        return yaml_tree.parse_yaml(text, path, SCENARIO_LIMITS)
    except YamlError as exc:
        raise ScenarioError(
            Location(exc.path, exc.line, exc.column), exc.message, exc.hint, exc.code
        ) from None


def load_yaml_file(path: Path) -> YNode:
    return parse_yaml(read_text(path), str(path))
