"""One token trie per phrasebook: every pattern of every rule, matched in a single pass.

Patterns are expanded to token sequences (see :mod:`scoring.analysis.pattern`) and inserted into
a trie of dicts keyed by token. Scanning a reply walks the trie once from each token, so
the cost grows with the length of the reply, not with the number of patterns. A leaf
carries *payloads*: which rule the sequence belongs to and what it is for (a match, an
exception, a negator, a fact keyword…).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scoring.analysis.normalizer import CLASS_NAMES, Tokens
from scoring.analysis.pattern import ANY, GAP, LIST_PREFIX, START, Expanded, Expansion

END = "\x00end"
LISTS = "\x00lists"
# A node's word-list edges indexed by the word an entry can start with (see _list_index).
LIST_INDEX = "\x00list_index"
# Each node records which special keys it holds, so scanning a plain node (only literal
# continuations, most of the trie) costs one lookup instead of five.
FLAGS = "\x00flags"
HAS_END = 1
HAS_LISTS = 2
HAS_ANY = 4
HAS_GAP = 8
_STEP_FLAGS = {ANY: HAS_ANY, GAP: HAS_GAP}

# Payload kinds.
MATCH = 0
EXCEPT = 1
NOT_AFTER = 2
NOT_BEFORE = 3
NEGATOR = 4
KEYWORD = 5


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    """A compiled phrasebook rule (see the phrasebook files for the meaning of fields)."""

    id: str
    signal: str
    category: str | None = None
    suggestion: str | None = None
    negatable: bool = False
    position: str = "any"
    unless: tuple[str, ...] = ()
    window: int = 3
    needs_facts: bool = False
    source: str = ""
    register: str | None = None  # applies from this register up (scoring.register)


@dataclass(frozen=True, slots=True, eq=False)
class Payload:
    rule: Rule
    kind: int
    needs_end: bool


Hit = tuple[int, int, Payload]
Node = dict[str, Any]


class Trie:
    """Token sequences → payloads; :meth:`scan` finds every occurrence in a reply.

    A word list (``@NAME``) inside a pattern is one edge to the list's own small trie,
    shared by every pattern that uses it, so lists do not multiply the table's size.
    A list that starts a pattern is written out (so the first token can be looked up).
    """

    __slots__ = ("_payloads", "gap", "groups", "lists", "root", "size", "subs")

    def __init__(self, gap: int, lists: dict[str, tuple[Expansion, ...]] | None = None) -> None:
        self.root: Node = {}
        self.gap = gap
        self.size = 0
        self.lists = lists if lists is not None else {}
        self.subs: dict[str, Node] = {}
        self.groups: dict[str, tuple[Expansion, ...]] = {}
        self._payloads: dict[tuple[int, int, bool], Payload] = {}

    def _entries(self, name: str) -> tuple[Expansion, ...]:
        return self.groups[name] if name.startswith("~") else self.lists[name]

    def _sub(self, name: str) -> Node:
        sub = self.subs.get(name)
        if sub is None:
            sub = self.subs[name] = {}
            for seq in self._entries(name):
                node = sub
                for step in seq:
                    node = node.setdefault(step, {})
                node[END] = True
        return sub

    def add(self, expanded: Expanded, rule: Rule, kind: int) -> None:
        key = (id(rule), kind, expanded.anchored_end)
        payload = self._payloads.get(key)
        if payload is None:
            payload = self._payloads[key] = Payload(rule, kind, expanded.anchored_end)
        for name, entries in expanded.groups:
            self.groups.setdefault(name, entries)
        for seq in expanded.sequences:
            self._insert(seq, payload, expanded.anchored_start)

    def _insert(self, seq: Expansion, payload: Payload, anchored: bool) -> None:
        if seq[0].startswith(LIST_PREFIX):
            for entry in self._entries(seq[0][len(LIST_PREFIX) :]):
                self._insert(entry + seq[1:], payload, anchored)
            return
        node = self.root
        if anchored:
            node = node.setdefault(START, {})
        for step in seq:
            if step.startswith(LIST_PREFIX):
                name = step[len(LIST_PREFIX) :]
                edges: dict[str, Node] = node.setdefault(LISTS, {})
                node[FLAGS] = node.get(FLAGS, 0) | HAS_LISTS
                node.pop(LIST_INDEX, None)  # rebuilt on the next scan
                child = edges.get(name)
                if child is None:
                    self._sub(name)
                    child = edges[name] = {}
                    self.size += 1
            else:
                child = node.get(step)
                if child is None:
                    child = node[step] = {}
                    self.size += 1
                    if step in _STEP_FLAGS:
                        node[FLAGS] = node.get(FLAGS, 0) | _STEP_FLAGS[step]
            node = child
        node[FLAGS] = node.get(FLAGS, 0) | HAS_END
        leaf: list[Payload] = node.setdefault(END, [])
        if payload not in leaf:
            leaf.append(payload)

    def scan(self, toks: Tokens, hits: list[Hit]) -> None:
        """Append ``(first token, end token, payload)`` for every occurrence."""
        root = self.root
        if not root:
            return
        words = toks.words
        classes = toks.classes
        punct = toks.punct
        brk = toks.brk
        n = toks.n
        gap = self.gap
        subs = self.subs
        anchored = root.get(START)
        found = hits.append
        for i in range(n):
            first = root.get(words[i])
            cls = classes[i]
            if first is None and not cls and (anchored is None or not brk[i]):
                continue
            stack: list[tuple[Node, int]] = []
            push = stack.append
            pop = stack.pop
            if first is not None:
                push((first, i + 1))
            for c in cls:
                node = root.get(c)
                if node is not None:
                    push((node, i + 1))
            if anchored is not None and brk[i]:
                push((anchored, i))
            while stack:
                node, j = pop()
                flags = node.get(FLAGS, 0)
                if flags & HAS_END:
                    for p in node[END]:
                        if not p.needs_end or j >= n or brk[j] or punct[j]:
                            found((i, j, p))
                if j < n:
                    child = node.get(words[j])
                    # Push a literal continuation only if it can go on: most cannot, and a
                    # dead end costs more to pop than to recognise here.
                    if child is not None:
                        k = j + 1
                        if FLAGS in child or (k < n and (words[k] in child or classes[k])):
                            push((child, k))
                    wcls = classes[j]
                    if wcls:
                        for c in wcls:
                            child = node.get(c)
                            if child is not None:
                                push((child, j + 1))
                    if flags & HAS_ANY and not punct[j]:
                        push((node[ANY], j + 1))
                    if flags & HAS_LISTS:
                        # Only the lists with an entry that can start with this word (most
                        # nodes carry dozens of lists, and most cannot start here).
                        index = node.get(LIST_INDEX)
                        if index is None:
                            index = node[LIST_INDEX] = _list_index(node[LISTS], subs)
                        by_word, always = index
                        for sub, child in by_word.get(words[j], always):
                            for k in _list_ends(sub, words, classes, j, n):
                                push((child, k))
                if flags & HAS_GAP:
                    gnode = node[GAP]
                    # A gap position is worth visiting only where the pattern can go on:
                    # its next word is there, or the gap node takes any word, a class, a
                    # word list or ends there.
                    open_ = gnode.get(FLAGS, 0)
                    k = j
                    while True:
                        if open_ or (k < n and (words[k] in gnode or classes[k])):
                            push((gnode, k))
                        if k >= n or k - j >= gap or punct[k]:
                            break
                        k += 1


ListEdge = tuple[Node, Node]  # (the list's own trie, the pattern's node after the list)


def _list_index(
    edges: dict[str, Node], subs: dict[str, Node]
) -> tuple[dict[str, tuple[ListEdge, ...]], tuple[ListEdge, ...]]:
    """A node's list edges by first word, each in the node's own order.

    ``always`` holds the lists that may start at any token (an empty entry, or a token
    class such as ``#num``); ``by_word[w]`` holds those plus the lists with an entry that
    starts with ``w``, so a scan tries exactly the lists that can start at a token.
    """
    anywhere = {
        name for name in edges if END in subs[name] or any(c in subs[name] for c in CLASS_NAMES)
    }
    starts: dict[str, set[str]] = {}
    for name in edges:
        for key in subs[name]:
            if key != END and key not in CLASS_NAMES:
                starts.setdefault(key, set()).add(name)
    by_word = {
        word: tuple(
            (subs[name], edges[name]) for name in edges if name in names or name in anywhere
        )
        for word, names in starts.items()
    }
    return by_word, tuple((subs[name], edges[name]) for name in edges if name in anywhere)


def _list_ends(
    sub: Node, words: list[str], classes: list[tuple[str, ...]], j: int, n: int
) -> list[int]:
    """Where an entry of a word list that starts at token ``j`` ends (exclusive)."""
    ends: list[int] = []
    todo = [(sub, j)]
    while todo:
        node, k = todo.pop()
        if END in node:
            ends.append(k)
        if k < n:
            child = node.get(words[k])
            if child is not None:
                todo.append((child, k + 1))
            for c in classes[k]:
                child = node.get(c)
                if child is not None:
                    todo.append((child, k + 1))
    return ends
