"""The reply analyser: what a trainee's reply does, each finding with its evidence.

``analyze(text, context)`` normalises the reply (:mod:`scoring.analysis.normalizer`), blanks
channel noise — handles, links, sign-offs, masked slots (:mod:`scoring.analysis.noise`) —
tokenises it, scans it once with the language's compiled phrasebook and, when the context brings
scenario phrases, customer names or facts, with a small per-scenario trie
(:mod:`scoring.analysis.phrasebook`). The raw hits are then judged:

* a rule's *exceptions* cancel a match they overlap ("Sorry, could you repeat that?" is
  a polite re-ask, not an apology);
* a *negator* ending at most ``window`` tokens before a match of a negatable rule, in
  the same clause, cancels it ("I'm not sorry"), unless the negator belongs to another
  phrase ("对不起让您久等了");
* ``not_after`` / ``not_before`` phrases close to a match cancel it ("10 minutes ago");
* ``position`` keeps a match only at the very start or end of the reply (at most
  ``EDGE_TOKENS`` words before / after it); ``unless`` drops it
  when the reply also shows another signal (a refusal with an alternative is not flat);
* a rule with a ``register`` applies only to replies read in that register or a more
  formal one (``context.register``, :mod:`scoring.register`);
* restating frames become ``restate`` when they come with revealed facts (see
  :meth:`Analyzer._restate`), except in a sentence that checks understanding or guesses;
* overlapping matches of the same signal and category keep the longest.

Pure: no I/O after the phrasebook is loaded, no clock, no randomness.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection
from typing import ClassVar

from scoring.analysis.characters import normalise_chars
from scoring.analysis.extension import extend_phrasebook
from scoring.analysis.matcher import (
    EXCEPT,
    KEYWORD,
    MATCH,
    NEGATOR,
    NOT_AFTER,
    NOT_BEFORE,
    Hit,
    Rule,
    Trie,
)
from scoring.analysis.noise import mask_noise
from scoring.analysis.normalizer import Tokens, tokenize
from scoring.analysis.phrasebook import Phrasebook, compile_extras, load_phrasebook
from scoring.context import ReplyContext
from scoring.register import applies
from scoring.signal import RESTATE, Analysis, Signal

CHECK = "check_understanding"
SPECULATION = "speculation"

_EXTRAS_CACHE_SIZE = 256
# `position: end` allows this many tokens after the match (a name, "again"; in Chinese
# tokens are characters), `position: start` as many before it.
EDGE_TOKENS = {"en": 3, "zh": 5}
_Extras = tuple[Trie, tuple[Rule, ...]]
_Found = tuple[int, int, Rule]
Extension = tuple[str, str]  # (text, path) of an organisation's phrasebook extension


class Analyzer:
    """One language's analyser; get it with :meth:`for_language` (compiled once)."""

    _instances: ClassVar[dict[tuple[str, Extension | None], Analyzer]] = {}

    def __init__(self, phrasebook: Phrasebook) -> None:
        self.phrasebook = phrasebook
        self.lang = phrasebook.lang
        self._extras: OrderedDict[tuple[object, ...], _Extras] = OrderedDict()

    @classmethod
    def for_language(cls, lang: str, extension: Extension | None = None) -> Analyzer:
        """The language's analyser, compiled once; with ``extension`` (the text and the
        name of an organisation's phrasebook extension) its rules are added."""
        analyzer = cls._instances.get((lang, extension))
        if analyzer is None:
            book = load_phrasebook(lang)
            if extension is not None:
                extend_phrasebook(book, extension[0], extension[1])
            analyzer = cls._instances[(lang, extension)] = cls(book)
        return analyzer

    # -- public ------------------------------------------------------------------------------

    def analyze(self, text: str, context: ReplyContext | None = None) -> Analysis:
        book = self.phrasebook
        toks = tokenize(text, self.lang, book.lex, mask_noise(normalise_chars(text, self.lang)))
        hits: list[Hit] = []
        book.trie.scan(toks, hits)
        if context is not None and (
            context.extra_phrases or context.customer_names or context.facts
        ):
            trie, _rules = self._extras_for(context)
            trie.scan(toks, hits)
        if not hits:
            return Analysis(text, self.lang, ())
        found = self._judge(toks, hits, context.register if context is not None else "formal")
        signals = self._signals(toks, found, hits, context)
        return Analysis(text, self.lang, signals)

    # -- internals ---------------------------------------------------------------------------

    def _extras_for(self, context: ReplyContext) -> _Extras:
        key = (context.extra_phrases, context.customer_names, context.facts)
        extras = self._extras.get(key)
        if extras is None:
            extras = compile_extras(
                self.phrasebook, context.extra_phrases, context.customer_names, context.facts
            )
            self._extras[key] = extras
            if len(self._extras) > _EXTRAS_CACHE_SIZE:
                self._extras.popitem(last=False)
        else:
            self._extras.move_to_end(key)
        return extras

    def _judge(self, toks: Tokens, hits: list[Hit], register: str) -> list[_Found]:
        """The matches that survive exceptions, negation, context and position rules."""
        matches: list[_Found] = []
        seen: set[tuple[int, int, int]] = set()
        others: dict[int, list[tuple[int, int, int]]] = {}
        negators: list[tuple[int, int]] = []
        for i, j, p in hits:
            if p.kind == MATCH:
                key = (i, j, id(p.rule))
                if key not in seen:
                    seen.add(key)
                    matches.append((i, j, p.rule))
            elif p.kind == NEGATOR:
                negators.append((i, j))
            elif p.kind != KEYWORD:
                others.setdefault(id(p.rule), []).append((i, j, p.kind))
        if not matches:
            return []
        clause: list[int] | None = None
        sentence: list[int] | None = None
        # A negator inside a longer matched phrase belongs to that phrase ("对不起" holds
        # a 不); it still negates what lies inside that same phrase.
        owners: list[list[tuple[int, int]]] = [
            [(i, j) for i, j, _ in matches if i <= a and b <= j and (j - i) > (b - a)]
            for a, b in negators
        ]
        kept: list[_Found] = []
        for i, j, rule in matches:
            if rule.signal.startswith("_"):  # internal (not_negators): never reported
                continue
            if rule.register is not None and not applies(rule.register, register):
                continue
            if rule.negatable and negators:
                if clause is None:
                    clause = toks.clause_ids()
                if any(
                    b <= i
                    and i - b <= rule.window
                    and clause[a] == clause[i]
                    and all(oi <= i and j <= oj for oi, oj in own)
                    for (a, b), own in zip(negators, owners, strict=True)
                ):
                    continue
            extra = others.get(id(rule))
            if extra is not None:
                if sentence is None:
                    sentence = toks.sentence_ids()
                if _cancelled(i, j, rule.window, extra, sentence):
                    continue
            if rule.position != "any":
                punct = toks.punct
                if rule.position == "end":
                    outside = sum(1 for k in range(j, toks.n) if not punct[k])
                else:
                    outside = sum(1 for k in range(i) if not punct[k])
                if outside > EDGE_TOKENS.get(self.lang, 3):
                    continue
            kept.append((i, j, rule))
        present = {rule.signal for _, _, rule in kept}
        return [f for f in kept if not (f[2].unless and present.intersection(f[2].unless))]

    def _signals(
        self,
        toks: Tokens,
        found: list[_Found],
        hits: list[Hit],
        context: ReplyContext | None,
    ) -> tuple[Signal, ...]:
        text = toks.text
        frames = [f for f in found if f[2].signal == RESTATE]
        rest = _longest_per_key([f for f in found if f[2].signal != RESTATE])
        signals = [
            Signal(
                name=rule.signal,
                span=(toks.starts[i], toks.ends[j - 1]),
                evidence=text[toks.starts[i] : toks.ends[j - 1]],
                rule=rule.id,
                category=rule.category,
                suggestion=rule.suggestion,
            )
            for i, j, rule in rest
        ]
        # A sentence that checks understanding or guesses is not giving the problem back.
        asking = {i for i, _, rule in rest if rule.signal == CHECK or rule.category == SPECULATION}
        restate = self._restate(toks, frames, hits, context, asking)
        if restate is not None:
            signals.append(restate)
        signals.sort(key=lambda s: (s.span[0], s.span[1], s.name, s.category or "", s.rule))
        return tuple(signals)

    def _restate(
        self,
        toks: Tokens,
        frames: list[_Found],
        hits: list[Hit],
        context: ReplyContext | None,
        asking: Collection[int] = (),
    ) -> Signal | None:
        """``restate``: a restating frame plus ≥1 revealed fact covered in the frame's
        sentence, or ≥2 revealed facts covered in a final question; with no facts known,
        a frame alone. ``facts`` lists the covered fact ids in the scenario's order."""
        text = toks.text
        if asking:
            sentence = toks.sentence_ids()
            busy = {sentence[i] for i in asking}
            frames = [f for f in frames if sentence[f[0]] not in busy]
        facts = context.facts if context is not None else ()
        if not facts:
            frames = [f for f in frames if not f[2].needs_facts]
            if not frames:
                return None
            i, j, rule = min(frames, key=lambda f: (f[0], -f[1]))
            start, end = toks.starts[i], toks.ends[j - 1]
            return Signal(RESTATE, (start, end), text[start:end], rule.id)
        revealed = context.revealed if context is not None else frozenset()
        keywords = [
            (i, j, p.rule.id) for i, j, p in hits if p.kind == KEYWORD and p.rule.id in revealed
        ]
        if not keywords:
            return None
        sentence = toks.sentence_ids()
        last_sentence = sentence[-1]
        if frames:
            # A frame restates the facts of its own sentence; a frame with none there (a
            # lead-in such as "Just to confirm.") reaches into the next sentence.
            scope: set[int] = set()
            for i, _, _ in frames:
                own = sentence[i]
                scope.add(own)
                if not any(sentence[a] == own for a, _, _ in keywords):
                    scope.add(own + 1)
            rule_id = min(frames, key=lambda f: (f[0], -f[1]))[2].id
            spans = [(i, j) for i, j, _ in frames if sentence[i] in scope]
        elif (
            toks.words[-1] == "?"
            and not _asks(toks, sentence, last_sentence)
            and not any(sentence[i] == last_sentence for i in asking)
        ):
            scope = {last_sentence}
            rule_id = "restate.confirming_question"
            spans = [(toks.n - 1, toks.n)]
        else:
            return None
        covered: dict[str, list[tuple[int, int]]] = {}
        for i, j, fact_id in keywords:
            if sentence[i] in scope:
                covered.setdefault(fact_id, []).append((i, j))
        if not covered or (not frames and len(covered) < 2):
            return None
        for found in covered.values():
            spans.extend(found)
        first = min(i for i, _ in spans)
        last = max(j for _, j in spans)
        start, end = toks.starts[first], toks.ends[last - 1]
        order = [f.id for f in facts if f.id in covered]
        return Signal(RESTATE, (start, end), text[start:end], rule_id, facts=tuple(order))


# A question that opens with one of these asks for something ("Can you see the icon next
# to the clock?"); a confirming question states and checks ("The icon is next to the
# clock, right?").
_ASKING = frozenset(
    ("can", "could", "do", "does", "did", "what", "which", "where", "how", "when", "why", "who")
)


def _asks(toks: Tokens, sentence: list[int], last: int) -> bool:
    first = sentence.index(last)
    return toks.words[first] in _ASKING


def _cancelled(
    i: int, j: int, window: int, extra: list[tuple[int, int, int]], sentence: list[int]
) -> bool:
    """Exceptions overlap the match; not_after/not_before phrases are within ``window``
    tokens before/after it in the same sentence."""
    for a, b, kind in extra:
        if kind == EXCEPT:
            if a < j and i < b:
                return True
        elif kind == NOT_AFTER:
            if b <= i and i - b <= window and sentence[a] == sentence[i]:
                return True
        elif kind == NOT_BEFORE and a >= j and a - j <= window and sentence[a] == sentence[j - 1]:
            return True
    return False


def _longest_per_key(found: list[_Found]) -> list[_Found]:
    """Of overlapping matches with the same signal and category, keep the longest."""
    if len(found) < 2:
        return found
    found = sorted(found, key=lambda f: (f[0], -(f[1] - f[0]), f[2].id))
    kept: list[_Found] = []
    for f in found:
        key = (f[2].signal, f[2].category)
        clash = None
        for n, k in enumerate(kept):
            if (k[2].signal, k[2].category) == key and f[0] < k[1] and k[0] < f[1]:
                clash = n
                break
        if clash is None:
            kept.append(f)
        elif (f[1] - f[0]) > (kept[clash][1] - kept[clash][0]):
            kept[clash] = f
    return kept


def analyze(text: str, context: ReplyContext | None = None) -> Analysis:
    """Analyse one reply in ``context.lang`` (English without a context)."""
    lang = context.lang if context is not None else "en"
    return Analyzer.for_language(lang).analyze(text, context)
