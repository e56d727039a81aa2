"""Typed, located access to a YAML mapping: every complaint names file:line:column."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from typing import Any

from simulator.errors import ScenarioError
from simulator.scenario.yaml_source import YNode


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def fail(node: YNode, message: str, hint: str = "", code: str = "E100") -> ScenarioError:
    return ScenarioError(node.location, message, hint, code)


def type_name(value: Any) -> str:
    """How an error message names the kind of a YAML value."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    return type(value).__name__


class Fields:
    """Reads the keys of one mapping node, and reports keys nobody asked for."""

    def __init__(self, node: YNode, where: str, allowed: Iterable[str]) -> None:
        if not node.is_map():
            raise fail(node, f"{where} must be a mapping, got {type_name(node.value)}", code="E101")
        self.node = node
        self.where = where
        self.allowed = tuple(allowed)
        for key, key_node in node.key_nodes.items():
            if key not in self.allowed:
                hint = did_you_mean(key, self.allowed) or (
                    "allowed keys: " + ", ".join(self.allowed)
                )
                raise fail(key_node, f"unknown key '{key}' in {where}", hint, "E102")

    def has(self, key: str) -> bool:
        return key in self.node.value

    def get(self, key: str) -> YNode | None:
        value: YNode | None = self.node.value.get(key)
        return value

    def require(self, key: str) -> YNode:
        value = self.get(key)
        if value is None:
            raise fail(
                self.node, f"{self.where} is missing required key '{key}'", f"add '{key}:'", "E103"
            )
        return value

    def text(self, key: str, default: str | None = None) -> str:
        node = self.get(key)
        if node is None:
            if default is None:
                self.require(key)
            return default or ""
        return as_text(node, f"{self.where}.{key}")

    def number(
        self, key: str, default: float, low: float | None = None, high: float | None = None
    ) -> float:
        node = self.get(key)
        if node is None:
            return default
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail(
                node, f"{self.where}.{key} must be a number, got {type_name(value)}", code="E104"
            )
        check_range(node, f"{self.where}.{key}", float(value), low, high)
        return float(value)

    def integer(
        self, key: str, default: int, low: int | None = None, high: int | None = None
    ) -> int:
        node = self.get(key)
        if node is None:
            return default
        return as_int(node, f"{self.where}.{key}", low, high)

    def flag(self, key: str, default: bool) -> bool:
        node = self.get(key)
        if node is None:
            return default
        if not isinstance(node.value, bool):
            raise fail(node, f"{self.where}.{key} must be true or false", code="E104")
        return node.value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        node = self.get(key)
        if node is None:
            if default is not None:
                return default
            node = self.require(key)
        value = as_text(node, f"{self.where}.{key}")
        if value not in choices:
            hint = did_you_mean(value, choices) or "use one of: " + ", ".join(choices)
            raise fail(
                node,
                f"{self.where}.{key} is '{value}', not one of {', '.join(choices)}",
                hint,
                "E105",
            )
        return value

    def texts(self, key: str, required: bool = False, allow_single: bool = True) -> tuple[str, ...]:
        node = self.get(key)
        if node is None:
            if required:
                self.require(key)
            return ()
        return as_texts(node, f"{self.where}.{key}", allow_single)


def check_range(
    node: YNode, where: str, value: float, low: float | None, high: float | None
) -> None:
    if not math.isfinite(value):
        raise fail(node, f"{where} is not a finite number", "write an ordinary number", "E015")
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "" if low is None else f"{low:g}"
        hi = "" if high is None else f"{high:g}"
        raise fail(
            node,
            f"{where} is {value:g}, outside {lo}..{hi}",
            f"use a value from {lo} to {hi}",
            "E106",
        )


def as_int(node: YNode, where: str, low: int | None = None, high: int | None = None) -> int:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(node, f"{where} must be a whole number, got {type_name(value)}", code="E104")
    check_range(node, where, value, low, high)
    return value


def as_text(node: YNode, where: str) -> str:
    value = node.value
    if isinstance(value, str):
        if not value.strip():
            raise fail(node, f"{where} is empty", "write the text, or remove the key", "E107")
        return value
    if node.looks_like_yaml11_bool():
        raise fail(
            node,
            f"{where} is the word '{node.raw}', which YAML reads as {value}",
            f'put it in quotes: "{node.raw}"',
            "E108",
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(node.raw if node.raw is not None else value)
    raise fail(node, f"{where} must be text, got {type_name(value)}", code="E104")


def as_texts(node: YNode, where: str, allow_single: bool = True) -> tuple[str, ...]:
    if allow_single and not node.is_seq() and not node.is_map():
        return (as_text(node, where),)
    if not node.is_seq():
        raise fail(node, f"{where} must be a list", code="E104")
    return tuple(as_text(item, f"{where}[{i}]") for i, item in enumerate(node.value))
