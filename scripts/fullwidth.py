"""Give Chinese scenario text full-width punctuation, in place, one character for one.

    python scripts/fullwidth.py scenarios/*-zh.yaml

Only the text fields (lines, say, briefing, summary, hint, …) change, and only ASCII
marks that touch Chinese characters; patterns and keywords are left alone. Every line
keeps its place, so the change merges line by line. Each file is checked afterwards:
it must load to the same structure with only those strings changed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.authoring.punctuation import TEXT_FIELDS, full_width  # noqa: E402


def _spans(node: yaml.Node, key: str | None) -> list[tuple[int, int]]:
    if isinstance(node, yaml.MappingNode):
        out = []
        for k, v in node.value:
            out += _spans(v, k.value if isinstance(k, yaml.ScalarNode) else None)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [s for item in node.value for s in _spans(item, key)]
    if isinstance(node, yaml.ScalarNode) and key in TEXT_FIELDS:
        return [(node.start_mark.index, node.end_mark.index)]
    return []


def _same_but_text(old: Any, new: Any, key: str | None = None) -> bool:
    if isinstance(old, dict):
        return (
            isinstance(new, dict)
            and list(old) == list(new)
            and all(_same_but_text(old[k], new[k], k) for k in old)
        )
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(old) == len(new)
            and all(_same_but_text(a, b, key) for a, b in zip(old, new, strict=True))
        )
    if isinstance(old, str) and key in TEXT_FIELDS:
        return new == full_width(old)
    return bool(old == new)


def convert(path: Path) -> int:
    source = path.read_text(encoding="utf-8")
    root = yaml.compose(source)
    if root is None:
        return 0
    chars = list(source)
    changed = 0
    for start, end in _spans(root, None):
        piece = source[start:end]
        fixed = full_width(piece)
        if fixed != piece:
            chars[start:end] = list(fixed)
            changed += sum(1 for a, b in zip(piece, fixed, strict=True) if a != b)
    result = "".join(chars)
    if result == source:
        return 0
    if not _same_but_text(yaml.safe_load(source), yaml.safe_load(result)):
        raise SystemExit(f"{path}: the change would alter more than punctuation; left alone")
    path.write_text(result, encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    for name in argv:
        n = convert(Path(name))
        sys.stdout.write(f"{name}: {n} mark(s) made full-width\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
