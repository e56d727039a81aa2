"""Phrasebooks: the YAML files trainers read and extend, loaded safely and compiled once.

``scoring/analysis/phrasebooks/<lang>.yaml`` holds the rules of one language (the file's header
explains the format). Loading is strict: unknown keys, duplicate keys or rule ids, bad
signal names or categories, and pattern syntax errors are all reported as
:class:`~scoring.errors.PhrasebookError` with ``file:line:column`` and a hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from scoring.analysis.matcher import (
    EXCEPT,
    KEYWORD,
    MATCH,
    NEGATOR,
    NOT_AFTER,
    NOT_BEFORE,
    Rule,
    Trie,
)
from scoring.analysis.normalizer import Lexicon, lexicon, pattern_words
from scoring.analysis.pattern import Expanded, Expansion, expand, expand_list_entry, literal_words
from scoring.analysis.phrasebook_fields import NodeReader, parse_phrasebook_yaml
from scoring.context import ExtraPhrase, Fact
from scoring.errors import PatternError, PhrasebookError
from scoring.register import REGISTERS
from scoring.signal import AVOIDED, AVOIDED_CATEGORIES, NAME_USE, SIGNAL_NAMES
from scoring.yaml_tree import YNode

LANGUAGES: tuple[str, ...] = ("en", "zh")

_TOP_KEYS = (
    "language",
    "settings",
    "suggestions",
    "lists",
    "typos",
    "negators",
    "not_negators",
    "rules",
)
_SETTING_KEYS = ("gap", "window", "negatable")
_RULE_KEYS = (
    "id",
    "signal",
    "category",
    "suggestion",
    "patterns",
    "exceptions",
    "not_after",
    "not_before",
    "negatable",
    "position",
    "unless",
    "window",
    "needs_facts",
    "register",
    "note",
)
_POSITIONS = ("any", "start", "end")
FACT_SIGNAL = "_fact"
NEGATOR_SIGNAL = "_negator"
MASK_SIGNAL = "_mask"  # phrases that contain a negator but do not negate (不过, 对不起)


@dataclass(slots=True)
class Phrasebook:
    """A compiled phrasebook: the rules and the one trie holding all their patterns."""

    lang: str
    path: str
    rules: tuple[Rule, ...]
    trie: Trie
    lex: Lexicon
    gap: int
    window: int
    negatable: frozenset[str]
    suggestions: dict[str, str] = field(default_factory=dict)
    lists: dict[str, tuple[Expansion, ...]] = field(default_factory=dict)

    def words_of(self, text: str) -> list[str]:
        return pattern_words(text, self.lang, self.lex)

    def check_pattern(self, pattern: str) -> None:
        """Raise :class:`PatternError` if ``pattern`` is not valid phrasebook syntax here
        (the word lists ``@NAME`` of this phrasebook are known)."""
        expand(pattern, self.words_of, self.lists)


# -- compiling ------------------------------------------------------------------------------


def _add_patterns(
    r: NodeReader,
    book: Phrasebook,
    items: Iterable[tuple[str, YNode]],
    rule: Rule,
    kind: int,
) -> None:
    for pattern, node in items:
        try:
            expanded = expand(pattern, book.words_of, book.lists)
        except PatternError as exc:
            raise r.fail(node, f"rule '{rule.id}': {exc.message}", exc.hint) from None
        book.trie.add(expanded, rule, kind)


def compile_phrasebook(text: str, path: str) -> Phrasebook:
    """Parse, validate and compile a phrasebook; raises :class:`PhrasebookError`."""
    r = NodeReader(path)
    top = r.mapping(parse_phrasebook_yaml(text, path), "the phrasebook", _TOP_KEYS)
    if "language" not in top:
        raise r.fail(None, "the phrasebook needs 'language: en' or 'language: zh'")
    lang_node = top["language"][1]
    lang = r.text(lang_node, "language")
    if lang not in LANGUAGES:
        raise r.fail(lang_node, f"unknown language '{lang}'", f"one of {', '.join(LANGUAGES)}")
    gap, window = (3, 3) if lang == "en" else (6, 3)
    negatable: frozenset[str] = frozenset()
    if "settings" in top:
        settings = r.mapping(top["settings"][1], "settings", _SETTING_KEYS)
        if "gap" in settings:
            gap = r.integer(settings["gap"][1], "settings.gap", 1, 12)
        if "window" in settings:
            window = r.integer(settings["window"][1], "settings.window", 0, 12)
        if "negatable" in settings:
            names = r.texts(settings["negatable"][1], "settings.negatable")
            for name, node in names:
                _check_signal(r, node, name)
            negatable = frozenset(n for n, _ in names)
    typos: dict[str, tuple[str, ...]] = {}
    if "typos" in top:
        for key, (_key, value_node) in r.mapping(top["typos"][1], "typos").items():
            value = r.text(value_node, f"typos.{key}")
            typos[key.lower()] = tuple(value.lower().split())
    book = Phrasebook(
        lang=lang,
        path=path,
        rules=(),
        trie=Trie(gap),  # given the word lists below
        lex=lexicon(lang, typos),
        gap=gap,
        window=window,
        negatable=negatable,
    )
    if "suggestions" in top:
        for key, (key_node, value_node) in r.mapping(top["suggestions"][1], "suggestions").items():
            if key not in AVOIDED_CATEGORIES:
                raise r.fail(key_node, f"unknown avoided category '{key}'", _close(key))
            book.suggestions[key] = r.text(value_node, f"suggestions.{key}")
    if "lists" in top:
        read_lists(r, book, top["lists"][1])
    book.trie.lists = book.lists
    if "negators" in top:
        neg_rule = Rule(id="negator", signal=NEGATOR_SIGNAL)
        _add_patterns(r, book, r.texts(top["negators"][1], "negators"), neg_rule, NEGATOR)
    if "not_negators" in top:
        mask_rule = Rule(id="not_negator", signal=MASK_SIGNAL)
        items = r.texts(top["not_negators"][1], "not_negators")
        _add_patterns(r, book, items, mask_rule, MATCH)
    rules: list[Rule] = []
    seen: dict[str, YNode] = {}
    rules_node = top.get("rules")
    for node in r.sequence(rules_node[1], "rules") if rules_node else []:
        rules.append(compile_rule(r, book, node, seen))
    book.rules = tuple(rules)
    return book


def read_lists(r: NodeReader, book: Phrasebook, node: YNode) -> None:
    """Word lists (``lists:``); a name already known gets the new entries added."""
    for name, (_key, value_node) in r.mapping(node, "lists").items():
        seqs: list[Expansion] = list(book.lists.get(name, ()))
        for entry, item in r.texts(value_node, f"lists.{name}"):
            try:
                seqs.extend(expand_list_entry(entry, book.words_of, book.lists))
            except PatternError as exc:
                raise r.fail(item, f"list @{name}: {exc.message}", exc.hint) from None
        book.lists[name] = tuple(dict.fromkeys(seqs))
    book.trie.lists = book.lists


def _close(category: str) -> str:
    close = difflib.get_close_matches(category, AVOIDED_CATEGORIES, n=1)
    return f"did you mean '{close[0]}'?" if close else f"one of {', '.join(AVOIDED_CATEGORIES)}"


def _check_signal(r: NodeReader, node: YNode, signal: str) -> None:
    if signal not in SIGNAL_NAMES:
        close = difflib.get_close_matches(signal, SIGNAL_NAMES, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"one of {', '.join(SIGNAL_NAMES)}"
        raise r.fail(node, f"unknown signal '{signal}'", hint)


def compile_rule(r: NodeReader, book: Phrasebook, node: YNode, seen: dict[str, YNode]) -> Rule:
    fields = r.mapping(node, "a rule", _RULE_KEYS)
    if "id" not in fields:
        raise r.fail(node, "a rule needs an id")
    rule_id = r.text(fields["id"][1], "id")
    if rule_id in seen:
        line = seen[rule_id].line
        raise r.fail(fields["id"][1], f"duplicate rule id '{rule_id}' (first at line {line})")
    seen[rule_id] = fields["id"][1]
    if "signal" not in fields:
        raise r.fail(node, f"rule '{rule_id}' needs a signal")
    signal = r.text(fields["signal"][1], "signal")
    _check_signal(r, fields["signal"][1], signal)
    category = suggestion = None
    if "category" in fields:
        category = r.text(fields["category"][1], "category")
        if signal == AVOIDED and category not in AVOIDED_CATEGORIES:
            raise r.fail(
                fields["category"][1], f"unknown avoided category '{category}'", _close(category)
            )
    if "suggestion" in fields:
        suggestion = r.text(fields["suggestion"][1], "suggestion")
    if signal == AVOIDED:
        if category is None:
            raise r.fail(node, f"rule '{rule_id}' (avoided) needs a category", _close(""))
        suggestion = suggestion or book.suggestions.get(category)
        if suggestion is None:
            raise r.fail(
                node,
                f"rule '{rule_id}' needs a suggestion",
                f"add suggestion: to the rule or suggestions.{category} at the top",
            )
    negatable = signal in book.negatable
    if "negatable" in fields:
        negatable = r.boolean(fields["negatable"][1], "negatable")
    position = "any"
    if "position" in fields:
        position = r.text(fields["position"][1], "position")
        if position not in _POSITIONS:
            raise r.fail(fields["position"][1], f"position must be one of {', '.join(_POSITIONS)}")
    unless: tuple[str, ...] = ()
    if "unless" in fields:
        names = r.texts(fields["unless"][1], "unless")
        for name, n in names:
            _check_signal(r, n, name)
        unless = tuple(n for n, _ in names)
    window = book.window
    if "window" in fields:
        window = r.integer(fields["window"][1], "window", 0, 12)
    needs_facts = False
    if "needs_facts" in fields:
        needs_facts = r.boolean(fields["needs_facts"][1], "needs_facts")
    register = None
    if "register" in fields:
        register = r.text(fields["register"][1], "register")
        if register not in REGISTERS:
            raise r.fail(fields["register"][1], f"register must be one of {', '.join(REGISTERS)}")
    rule = Rule(
        id=rule_id,
        signal=signal,
        category=category,
        suggestion=suggestion,
        negatable=negatable,
        position=position,
        unless=unless,
        window=window,
        needs_facts=needs_facts,
        source=f"{book.path}:{node.line}",
        register=register,
    )
    if "patterns" not in fields:
        raise r.fail(node, f"rule '{rule_id}' has no patterns")
    patterns = r.texts(fields["patterns"][1], "patterns")
    if not patterns:
        raise r.fail(fields["patterns"][1], f"rule '{rule_id}' has no patterns")
    _add_patterns(r, book, patterns, rule, MATCH)
    for key, kind in (("exceptions", EXCEPT), ("not_after", NOT_AFTER), ("not_before", NOT_BEFORE)):
        if key in fields:
            _add_patterns(r, book, r.texts(fields[key][1], key), rule, kind)
    return rule


def phrasebook_path(lang: str) -> Path:
    return Path(str(resources.files("scoring.analysis") / "phrasebooks" / f"{lang}.yaml"))


def load_phrasebook(lang: str) -> Phrasebook:
    if lang not in LANGUAGES:
        raise PhrasebookError(
            f"{lang}.yaml",
            f"no phrasebook for language '{lang}'",
            hint=f"one of {', '.join(LANGUAGES)}",
        )
    path = phrasebook_path(lang)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PhrasebookError(str(path), f"cannot read the phrasebook: {exc.strerror}") from None
    return compile_phrasebook(text, str(path))


# -- per-scenario additions -----------------------------------------------------------------


def _inflections(word: str) -> list[str]:
    """A keyword's last word with its common endings, and as a possessive."""
    if not word.isalpha() or not word.isascii():
        return [word]
    if len(word) < 3:
        return [word, word + "'s"]
    forms = [word, word + "s", word + "es", word + "ed", word + "ing", word + "'s", word + "s'"]
    if word.endswith("e"):
        forms += [word + "d", word[:-1] + "ing"]
    if word.endswith("y"):
        forms += [word[:-1] + "ies", word[:-1] + "ied"]
    return forms


def keyword_sequences(
    keyword: str, lang: str, words_of: Callable[[str], list[str]]
) -> list[Expansion]:
    """A fact keyword (``a|b c|d``) as token sequences; English last words may inflect."""
    out: list[Expansion] = []
    for alt in keyword.split("|"):
        seq = literal_words(alt.replace("\\", " "), words_of)
        if not seq:
            continue
        if lang == "en":
            out.extend((*seq[:-1], form) for form in _inflections(seq[-1]))
        else:
            out.append(seq)
    return list(dict.fromkeys(out))


def compile_extras(
    book: Phrasebook,
    phrases: tuple[ExtraPhrase, ...],
    names: tuple[str, ...],
    facts: tuple[Fact, ...],
) -> tuple[Trie, tuple[Rule, ...]]:
    """A small trie for one scenario: its extra phrases, the customer's names, fact keywords.

    An extra phrase that is not valid pattern syntax is matched literally rather than
    failing the reply (scenario validation reports it; see :meth:`Phrasebook.check_pattern`).
    """
    trie = Trie(book.gap, book.lists)
    rules: list[Rule] = []
    for n, phrase in enumerate(phrases, start=1):
        if phrase.signal not in SIGNAL_NAMES:
            continue
        suggestion = phrase.suggestion
        if phrase.signal == AVOIDED and suggestion is None and phrase.category:
            suggestion = book.suggestions.get(phrase.category)
        rule = Rule(
            id=f"scenario.{phrase.signal}.{n}",
            signal=phrase.signal,
            category=phrase.category,
            suggestion=suggestion,
            negatable=phrase.signal in book.negatable,
            window=book.window,
            source="scenario",
        )
        try:
            expanded = expand(phrase.pattern, book.words_of, book.lists)
        except PatternError:
            seq = literal_words(phrase.pattern, book.words_of)
            if not seq:
                continue
            expanded = Expanded((seq,), False, False)
        trie.add(expanded, rule, MATCH)
        rules.append(rule)
    if names:
        rule = Rule(id="name_use.customer", signal=NAME_USE, source="scenario")
        seqs = [s for s in (literal_words(name, book.words_of) for name in names) if s]
        if seqs:
            trie.add(Expanded(tuple(dict.fromkeys(seqs)), False, False), rule, MATCH)
            rules.append(rule)
    for fact in facts:
        rule = Rule(id=fact.id, signal=FACT_SIGNAL, source="scenario")
        seqs = [s for kw in fact.keywords for s in keyword_sequences(kw, book.lang, book.words_of)]
        if seqs:
            trie.add(Expanded(tuple(dict.fromkeys(seqs)), False, False), rule, KEYWORD)
    return trie, tuple(rules)
