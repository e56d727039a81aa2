"""Located YAML: text → a tree of values that remember their file, line and column.

PyYAML alone is not safe enough for files that trainers pass around: it keeps the last
of two duplicate keys, expands alias bombs, recurses on deep nesting and turns `no` into
False. :func:`parse_yaml` scans the tokens first (size, nesting depth and alias count are
checked before anything is composed), then composes nodes with the safe loader and
converts them into :class:`YNode` trees that remember where each value came from.

Pure and shared by every reader of YAML files — scenarios and walkthroughs (simulator)
and phrasebooks (scoring) — so it lives at the lowest layer. It reads no files: callers
pass the text and a name for messages. Problems are raised as :class:`YamlError` with a
stable code; each caller turns them into its own error type.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import yaml

from scoring.errors import YamlError


@dataclass(frozen=True, slots=True)
class Location:
    """file:line:column, 1-based, as editors and compilers print it."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        if self.column <= 0:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Limits:
    """What a document may hold before it is refused unread."""

    max_bytes: int = 1_000_000
    max_depth: int = 64
    max_aliases: int = 50
    max_nodes: int = 200_000
    max_integer: int = 10**15  # larger numbers are never meaningful in these files
    noun: str = "scenario"
    empty_hint: str = "start from `roleplay new` or docs/scenario-format.md"


SCENARIO_LIMITS = Limits()

_CORE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)

# libyaml's scanner is iterative, so it is safe on any input; its composer recurses, so it
# only ever sees documents the scan has proved shallow. Pure Python where libyaml is absent.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_OPENERS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSERS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_YAML11_BOOL_WORDS = frozenset(
    w
    for word in ("yes", "no", "on", "off", "y", "n", "true", "false")
    for w in (word, word.title())
) | frozenset(w.upper() for w in ("yes", "no", "on", "off", "true", "false"))


@dataclass(slots=True)
class YNode:
    """A YAML value with its position. ``value`` is dict[str, YNode], list[YNode] or a scalar.

    For mappings ``key_nodes`` maps each key to the node of the key itself, so errors
    about a key (unknown, misspelt) can point at the key.
    """

    value: Any
    path: str
    line: int
    column: int
    raw: str | None = None
    quoted: bool = False
    key_nodes: dict[str, YNode] = field(default_factory=dict)

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    def is_seq(self) -> bool:
        return isinstance(self.value, list)

    def looks_like_yaml11_bool(self) -> bool:
        return not self.quoted and self.raw is not None and self.raw in _YAML11_BOOL_WORDS

    def plain(self) -> Any:
        """The value as ordinary Python data (dicts, lists, scalars)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _error(path: str, mark: Any, message: str, hint: str, code: str) -> YamlError:
    line = mark.line + 1 if mark is not None else 0
    column = mark.column + 1 if mark is not None else 0
    return YamlError(path, line, column, message, hint, code)


def _reader_error(path: str, text: str, exc: yaml.reader.ReaderError) -> YamlError:
    """A character YAML does not allow (NUL, ESC, C1 controls): where it is, not a traceback."""
    before = text[: max(0, exc.position)]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return YamlError(
        path,
        line,
        column,
        f"control character U+{ord(char):04X} is not allowed in a YAML file",
        "delete it (it often comes from pasting terminal output); write \\e or \\x.. "
        "inside double quotes if you really mean it",
        "E007",
    )


def _prescan(text: str, path: str, limits: Limits, loader: Any = None) -> None:
    """Refuse deep nesting (E004) and many aliases (E005) before anything is composed.

    Some libyaml builds refuse deep nesting themselves with a generic scanner error; the
    scan is then repeated with the pure-Python scanner, which stops at our own limit long
    before it gets that deep, so the message and code never depend on the installed
    library.
    """
    try:
        _scan_limits(text, path, limits, loader or _LOADER)
    except yaml.MarkedYAMLError as exc:
        if (loader or _LOADER) is yaml.SafeLoader:
            raise _syntax_error(path, exc) from None
        _prescan(text, path, limits, yaml.SafeLoader)
        raise _syntax_error(path, exc) from None


def _scan_limits(text: str, path: str, limits: Limits, loader: Any) -> None:
    depth = 0
    aliases = 0
    for token in yaml.scan(text, Loader=loader):
        if isinstance(token, _OPENERS):
            depth += 1
            if depth > limits.max_depth:
                raise _error(
                    path,
                    token.start_mark,
                    f"nesting is deeper than {limits.max_depth} levels",
                    f"a {limits.noun} never needs this much nesting; flatten the structure",
                    "E004",
                )
        elif isinstance(token, _CLOSERS):
            depth -= 1
        elif isinstance(token, yaml.AliasToken):
            aliases += 1
            if aliases > limits.max_aliases:
                raise _error(
                    path,
                    token.start_mark,
                    f"more than {limits.max_aliases} aliases (*name)"
                    if limits.max_aliases
                    else f"anchors and aliases (&name, *name) are not allowed in {limits.noun}s",
                    "write repeated text out instead of using many aliases",
                    "E005",
                )


def _syntax_error(path: str, exc: yaml.MarkedYAMLError) -> YamlError:
    problem = exc.problem or "invalid YAML"
    return _error(
        path,
        exc.problem_mark,
        f"YAML syntax: {problem}",
        "check indentation and quoting near this position (text with ': ' or '#' needs quotes)",
        "E010",
    )


class _Converter:
    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.budget = limits.max_nodes
        self.max_integer = limits.max_integer
        self.constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node) -> YNode:
        self.budget -= 1
        if self.budget < 0:
            raise _error(
                self.path,
                node.start_mark,
                "the document expands to too many values (alias bomb?)",
                "remove aliases that refer to large blocks",
                "E005",
            )
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if node.tag not in _CORE_TAGS:
            raise _error(
                self.path,
                node.start_mark,
                f"cannot read value: the tag {node.tag!r} is not allowed",
                "remove the tag (only plain YAML values are read); quote the value to keep it as text",
                "E012",
            )
        if isinstance(node, yaml.MappingNode):
            out: dict[str, YNode] = {}
            keys: dict[str, YNode] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _error(
                        self.path,
                        key_node.start_mark,
                        "merge keys (<<) are not supported",
                        "write the keys out",
                        "E006",
                    )
                key = self.convert(key_node)
                name = key.raw if key.raw is not None else str(key.value)
                if name in out:
                    first = keys[name]
                    raise _error(
                        self.path,
                        key_node.start_mark,
                        f"duplicate key '{name}' (first defined at line {first.line})",
                        "YAML would silently keep only the last one: remove or rename one of them",
                        "E011",
                    )
                out[name] = self.convert(value_node)
                keys[name] = key
            return YNode(out, self.path, line, column, key_nodes=keys)
        if isinstance(node, yaml.SequenceNode):
            return YNode([self.convert(v) for v in node.value], self.path, line, column)
        assert isinstance(node, yaml.ScalarNode)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise _error(
                self.path,
                node.start_mark,
                f"cannot read value: {exc.problem}",
                "quote the value to keep it as text",
                "E012",
            ) from None
        except ValueError:  # an integer of thousands of digits
            value = None
        if (value is None and node.tag == "tag:yaml.org,2002:int") or (
            isinstance(value, int) and not isinstance(value, bool) and abs(value) > self.max_integer
        ):
            raise _error(
                self.path,
                node.start_mark,
                f"the number is too large (more than {self.max_integer:,})",
                "write a smaller number, or quote it to keep it as text",
                "E015",
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise _error(
                self.path,
                node.start_mark,
                f"'{node.value}' is not a finite number",
                "write an ordinary number such as 30 or 0.5 (.nan, .inf and 1e400 are refused)",
                "E015",
            )
        return YNode(value, self.path, line, column, raw=node.value, quoted=bool(node.style))


def parse_yaml(text: str, path: str, limits: Limits = SCENARIO_LIMITS) -> YNode:
    """Parse one YAML document safely into a located tree; raises :class:`YamlError`."""
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise YamlError(
            path, 0, 0, f"document is larger than {limits.max_bytes:,} bytes", "split it", "E002"
        )
    try:
        _prescan(text, path, limits)
        documents = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.reader.ReaderError as exc:
        raise _reader_error(path, text, exc) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(path, exc) from None
    if not documents or documents[0] is None:
        raise YamlError(path, 1, 1, "the file is empty", limits.empty_hint, "E013")
    if len(documents) > 1:
        second = documents[1]
        raise _error(
            path,
            second.start_mark if second is not None else None,
            "more than one YAML document (---) in the file",
            f"put each {limits.noun} in a file of its own",
            "E014",
        )
    return _Converter(path, limits).convert(documents[0])
