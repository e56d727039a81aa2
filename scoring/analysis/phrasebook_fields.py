"""Typed access to a phrasebook's located YAML nodes; every complaint names file:line:column.

The YAML is read by :mod:`scoring.yaml_tree`, the one located reader of the project; this
module only checks the shapes a phrasebook expects and raises
:class:`~scoring.errors.PhrasebookError`.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from scoring import yaml_tree
from scoring.errors import PhrasebookError, YamlError
from scoring.yaml_tree import Limits, YNode

PHRASEBOOK_LIMITS = Limits(
    max_bytes=2_000_000,
    max_depth=16,
    max_aliases=0,
    noun="phrasebook",
    empty_hint="start from the header of scoring/analysis/phrasebooks/en.yaml",
)


def parse_phrasebook_yaml(text: str, path: str) -> YNode:
    """The located tree of a phrasebook file's text (no anchors or aliases allowed)."""
    try:
        return yaml_tree.parse_yaml(text, path, PHRASEBOOK_LIMITS)
    except YamlError as exc:
        hint = exc.hint
        if exc.code == "E005":
            hint = "write the patterns out, or use a word list (@NAME)"
        raise PhrasebookError(path, exc.message, exc.line, exc.column, hint) from None


class NodeReader:
    """Reads mappings, lists and scalars of one phrasebook file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: YNode | None, message: str, hint: str = "") -> PhrasebookError:
        if node is None:
            return PhrasebookError(self.path, message, hint=hint)
        return PhrasebookError(self.path, message, node.line, node.column, hint)

    def mapping(
        self, node: YNode, what: str, allowed: Sequence[str] | None = None
    ) -> dict[str, tuple[YNode, YNode]]:
        if not node.is_map():
            raise self.fail(node, f"{what} must be a mapping (key: value)")
        out: dict[str, tuple[YNode, YNode]] = {}
        for key, key_node in node.key_nodes.items():
            if allowed is not None and key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
                raise self.fail(key_node, f"unknown key '{key}' in {what}", hint)
            out[key] = (key_node, node.value[key])
        return out

    def sequence(self, node: YNode, what: str) -> list[YNode]:
        if node.value is None:
            return []
        if not node.is_seq():
            raise self.fail(node, f"{what} must be a list")
        items: list[YNode] = node.value
        return items

    def scalar(self, node: YNode, what: str) -> str:
        if node.is_map() or node.is_seq():
            raise self.fail(node, f"{what} must be a single value")
        return str(node.raw if node.raw is not None else node.value)

    def text(self, node: YNode, what: str) -> str:
        value = self.scalar(node, what).strip()
        if not value:
            raise self.fail(node, f"{what} is empty")
        return value

    def integer(self, node: YNode, what: str, low: int, high: int) -> int:
        raw = self.scalar(node, what)
        try:
            value = int(raw)
        except ValueError:
            raise self.fail(node, f"{what} must be a whole number, not {raw!r}") from None
        if not low <= value <= high:
            raise self.fail(node, f"{what} must be between {low} and {high}")
        return value

    def boolean(self, node: YNode, what: str) -> bool:
        raw = self.scalar(node, what).lower()
        if raw not in ("true", "false"):
            raise self.fail(node, f"{what} must be true or false, not {raw!r}")
        return raw == "true"

    def texts(self, node: YNode, what: str) -> list[tuple[str, YNode]]:
        return [(self.text(n, what), n) for n in self.sequence(node, what)]
