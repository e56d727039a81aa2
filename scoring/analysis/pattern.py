"""The phrasebook pattern syntax, expanded into token sequences for the matcher.

A pattern is a phrase, written as a trainer would say it, with a little syntax:

``(a|b c|d)``   one of the alternatives (each may be several words; groups nest)
``[a|b]``       optional: one of the alternatives, or nothing
``@NAME``       any entry of the word list NAME from the phrasebook's ``lists:``
``#num``        a number: ``10``, ``3.5``, ``ten``, ``forty``; in Chinese also 十, 两, 半
``#clock``      a clock time written with a colon or dot: ``3:30``, ``15.00``
``#any``        any one word (not ``. ? !``)
``...``         a gap of up to a few words (the phrasebook's ``gap`` setting), never
                across ``. ? !``
``^``           (first only) the phrase starts a clause: the reply starts there, or it
                follows ``. ? ! , ; :`` or a dash
``$``           (last only) the phrase ends a clause
``\\x``          the character x literally

Words are normalised exactly like replies (case, quotes, full-width forms, ``don't`` =
``do not``, traditional = simplified Chinese), so a pattern written one way matches all
of them. ``. ? !`` are words too (``correct ?``); commas, colons, semicolons and dashes
only separate clauses and are ignored inside a pattern.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from scoring.analysis.normalizer import CLASS_NAMES
from scoring.errors import PatternError

MAX_EXPANSIONS = 50_000

# Markers inside an expanded sequence (real tokens never start with NUL).
ANY = "\x00any"
GAP = "\x00gap"
START = "\x00^"
LIST_PREFIX = "\x00@"  # a reference to a word list: matched by the list's own sub-trie
CLASS_KEYS = {name: name for name in CLASS_NAMES}  # tokens never contain "#"

_SYNTAX = re.compile(
    r"(?P<open>\()|(?P<close>\))|(?P<oopen>\[)|(?P<oclose>\])|(?P<bar>\|)"
    r"|(?P<list>@[A-Za-z_][A-Za-z0-9_]*)|(?P<cls>#[a-z]+)|(?P<gap>\.\.\.|…)"
    r"|(?P<caret>\^)|(?P<dollar>\$)|(?P<esc>\\.)"
    r"|(?P<text>(?:[^()\[\]|@#^$\\.…]|\.(?!\.\.))+)"
)

Expansion = tuple[str, ...]
WordsOf = Callable[[str], list[str]]


@dataclass(frozen=True, slots=True)
class Expanded:
    """A pattern's expansions; ``anchored_start``/``anchored_end`` from ``^`` and ``$``."""

    sequences: tuple[Expansion, ...]
    anchored_start: bool
    anchored_end: bool
    groups: tuple[tuple[str, tuple[Expansion, ...]], ...] = ()


class _Parser:
    def __init__(
        self,
        pattern: str,
        words_of: WordsOf,
        lists: Mapping[str, tuple[Expansion, ...]],
        inline_lists: bool = False,
    ) -> None:
        self.pattern = pattern
        self.words_of = words_of
        self.lists = lists
        self.inline_lists = inline_lists
        self.groups: dict[str, tuple[Expansion, ...]] = {}
        self.items = list(self._lex(pattern))
        self.pos = 0

    def _lex(self, pattern: str) -> Iterator[tuple[str, str]]:
        pos = 0
        while pos < len(pattern):
            m = _SYNTAX.match(pattern, pos)
            if m is None:  # a lone '@' or '#' without a name
                raise PatternError(
                    pattern,
                    f"unexpected {pattern[pos]!r} at column {pos + 1}",
                    "write @NAME for a word list, #num/#clock/#any for a class, \\x for x",
                )
            kind = m.lastgroup or "text"
            yield kind, m.group()
            pos = m.end()

    def error(self, message: str, hint: str = "") -> PatternError:
        return PatternError(self.pattern, message, hint)

    def parse(self) -> Expanded:
        start = end = False
        if self.items and self.items[0][0] == "caret":
            start = True
            self.items.pop(0)
        if self.items and self.items[-1][0] == "dollar":
            end = True
            self.items.pop()
        seqs = self.alternatives(closer=None)
        if self.pos != len(self.items):
            raise self.error("unbalanced ')' or ']'")
        out: list[Expansion] = []
        seen: set[Expansion] = set()
        for raw in seqs:
            seq = _merge_gaps(raw)
            if not any(s != GAP for s in seq):
                raise self.error(
                    "one of its alternatives matches no word at all",
                    "every alternative needs at least one word; make the group optional "
                    "instead of an empty alternative",
                )
            if seq[0] == GAP or seq[-1] == GAP:
                raise self.error("a '...' gap cannot start or end a pattern")
            if seq[0] == ANY and not start:
                raise self.error(
                    "a pattern cannot start with #any",
                    "start it with a word, or anchor it with '^'",
                )
            if seq not in seen:
                seen.add(seq)
                out.append(seq)
        return Expanded(tuple(out), start, end, tuple(self.groups.items()))

    def alternatives(self, closer: str | None) -> list[Expansion]:
        result: list[Expansion] = []
        while True:
            result.extend(self.sequence())
            if len(result) > MAX_EXPANSIONS:
                raise self.too_many()
            if self.pos < len(self.items) and self.items[self.pos][0] == "bar":
                self.pos += 1
                continue
            break
        if closer is not None:
            if self.pos >= len(self.items) or self.items[self.pos][0] != closer:
                raise self.error(f"missing {')' if closer == 'close' else ']'}")
            self.pos += 1
        return result

    def group(self, alts: list[Expansion]) -> list[Expansion]:
        """A group of alternatives, as one shared sub-list step when that is possible.

        Alternatives become an anonymous word list (matched by its own sub-trie, like
        ``@NAME``) so that a pattern's groups do not multiply. Groups with gaps or
        ``#any``, single alternatives and list expansion inside word lists stay inline.
        """
        if self.inline_lists or len(alts) < 2:
            return alts
        flat: list[Expansion] = []
        for alt in alts:
            if not alt or any(step in (GAP, ANY) for step in alt):
                return alts
            flat.extend(self._inline(alt))
            if len(flat) > MAX_EXPANSIONS:
                raise self.too_many()
        entries = tuple(dict.fromkeys(flat))
        digest = hashlib.blake2b(repr(entries).encode("utf-8"), digest_size=10).hexdigest()
        name = "~" + digest
        self.groups[name] = entries
        return [(LIST_PREFIX + name,)]

    def _inline(self, seq: Expansion) -> list[Expansion]:
        """``seq`` with its list references written out."""
        options: list[list[Expansion]] = []
        for step in seq:
            if step.startswith(LIST_PREFIX):
                name = step[len(LIST_PREFIX) :]
                options.append(list(self.groups.get(name) or self.lists[name]))
            else:
                options.append([(step,)])
        total = 1
        for o in options:
            total *= len(o)
            if total > MAX_EXPANSIONS:
                raise self.too_many()
        return [tuple(itertools.chain.from_iterable(c)) for c in itertools.product(*options)]

    def too_many(self) -> PatternError:
        return self.error(
            f"expands to more than {MAX_EXPANSIONS} phrases",
            "split it into several patterns, or use a '...' gap instead of long lists",
        )

    def sequence(self) -> list[Expansion]:
        parts: list[list[Expansion]] = []
        while self.pos < len(self.items):
            kind, value = self.items[self.pos]
            if kind in ("bar", "close", "oclose"):
                break
            self.pos += 1
            if kind == "text":
                words = self.words_of(value)
                if words:
                    parts.append([tuple(words)])
            elif kind == "esc":
                words = self.words_of(value[1])
                if words:
                    parts.append([tuple(words)])
            elif kind == "open":
                parts.append(self.group(self.alternatives("close")))
            elif kind == "oopen":
                parts.append([(), *self.group(self.alternatives("oclose"))])
            elif kind == "list":
                name = value[1:]
                if name not in self.lists:
                    raise self.error(
                        f"unknown word list @{name}",
                        f"define it under lists: (known: {', '.join(sorted(self.lists)) or 'none'})",
                    )
                if self.inline_lists:
                    parts.append(list(self.lists[name]))
                else:
                    parts.append([(LIST_PREFIX + name,)])
            elif kind == "cls":
                name = value
                if name == "#any":
                    parts.append([(ANY,)])
                elif name in CLASS_KEYS:
                    parts.append([(CLASS_KEYS[name],)])
                else:
                    raise self.error(
                        f"unknown class {name}", "the classes are #num, #clock and #any"
                    )
            elif kind == "gap":
                parts.append([(GAP,)])
            elif kind in ("caret", "dollar"):
                raise self.error(
                    f"'{value}' may only start ('^') or end ('$') a pattern",
                    "write \\^ or \\$ for the character itself",
                )
            else:  # pragma: no cover - the lexer has no other kinds
                raise self.error(f"unexpected {value!r}")
        total = 1
        for p in parts:
            total *= len(p)
            if total > MAX_EXPANSIONS:
                raise self.too_many()
        return [tuple(itertools.chain.from_iterable(combo)) for combo in itertools.product(*parts)]


def _merge_gaps(seq: Expansion) -> Expansion:
    out: list[str] = []
    for s in seq:
        if s == GAP and out and out[-1] == GAP:
            continue
        out.append(s)
    return tuple(out)


def expand(
    pattern: str,
    words_of: WordsOf,
    lists: Mapping[str, tuple[Expansion, ...]] | None = None,
    inline_lists: bool = False,
) -> Expanded:
    """Every token sequence ``pattern`` stands for; raises :class:`PatternError`.

    Word lists stay references (one step ``\\x00@NAME``) unless ``inline_lists``.
    """
    if not pattern.strip():
        raise PatternError(pattern, "is empty")
    return _Parser(pattern, words_of, lists or {}, inline_lists).parse()


def expand_list_entry(
    entry: str, words_of: WordsOf, lists: Mapping[str, tuple[Expansion, ...]]
) -> tuple[Expansion, ...]:
    """A word-list entry (a pattern without anchors, gaps or #any) as sequences."""
    parsed = expand(entry, words_of, lists, inline_lists=True)
    if parsed.anchored_start or parsed.anchored_end:
        raise PatternError(entry, "word-list entries cannot use '^' or '$'")
    if any(step in (GAP, ANY) for seq in parsed.sequences for step in seq):
        raise PatternError(entry, "word-list entries cannot use '...' or #any")
    return parsed.sequences


def literal_words(text: str, words_of: WordsOf) -> Expansion:
    """A phrase taken literally (names, fact keywords): no syntax at all."""
    return tuple(words_of(text))
