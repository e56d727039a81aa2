"""Reply text → normalised tokens, every token keeping its span in the original text.

Two stages, and the offset map back to the original survives both:

1. *Characters* (:func:`normalise_chars`). Every step maps one character to exactly one
   character, so position ``i`` of the normalised string is position ``i`` of the
   original: full-width letters, digits and punctuation become ASCII (``，``→``,``,
   ``１０``→``10``), curly quotes and apostrophes become straight, the case is folded,
   and for Chinese traditional characters become simplified (OpenCC ``t2s``, plus a
   short table of same-length variants it leaves alone, such as 著急→着急 and 您→你).
   A step that would change the length for some character (``"İ".lower()`` has two
   characters) leaves that character as it was.
2. *Tokens* (:func:`tokenize`). Words, numbers and ``. ? !`` become tokens with
   ``(start, end)`` in the original text. Whitespace runs, emoji, quotes and other
   symbols are skipped; commas, colons, semicolons and dashes only mark a clause
   break. Contractions and common typos expand to several tokens (``don't`` → ``do
   not``, ``im`` → ``i am``) that all carry the span of the word they came from, so a
   match always maps back to whole words of the original.

English words are whole tokens (word boundaries); in Chinese every Han character is a
token of its own (no word boundaries), runs of Chinese numerals and Latin words are
single tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.analysis.characters import normalise_chars

# -- stage 2: tokens -------------------------------------------------------------------------

NUM = "#num"
CLOCK = "#clock"
CLASS_NAMES: tuple[str, ...] = (NUM, CLOCK)

_EN_NUMBER_WORDS = frozenset(
    {
        *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
        *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
        *("seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fourty"),
        *("fifty", "sixty", "ninety"),
    }
)

_EN_TOKEN = re.compile(r"(\d+(?:[:.]\d+)?)|([^\W\d_]+(?:'[^\W\d_]+)*)|([.!?]+)|([,;:]|\s-+\s)")
_ZH_TOKEN = re.compile(
    r"(\d+(?:[:.]\d+)?)"
    r"|([零〇一二两三四五六七八九十百半]+)"
    r"|([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
    r"|([a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+(?:'[a-z\u00c0-\u024f]+)*)"
    r"|([.!?~]+)"
    r"|([,;:]|\s-+\s)"
)

# Contractions (and their apostrophe-less typos) → tokens. Possessive 's is left alone.
_PRONOUN_S = (
    *("it", "that", "there", "here", "what", "who", "he", "she", "where", "how"),
    *("everyone", "everybody", "someone", "somebody", "nobody", "everything", "nothing"),
)
_NOT_VERBS = {
    "don": "do",
    "doesn": "does",
    "didn": "did",
    "isn": "is",
    "aren": "are",
    "wasn": "was",
    "weren": "were",
    "haven": "have",
    "hasn": "has",
    "hadn": "had",
    "couldn": "could",
    "shouldn": "should",
    "wouldn": "would",
    "mustn": "must",
    "needn": "need",
    "mightn": "might",
    "ain": "is",
}


def _contractions() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for stem, verb in _NOT_VERBS.items():
        table[f"{stem}'t"] = (verb, "not")
        table[f"{stem}t"] = (verb, "not")
    table.update(
        {
            "can't": ("can", "not"),
            "cant": ("can", "not"),
            "cannot": ("can", "not"),
            "won't": ("will", "not"),
            "wont": ("will", "not"),
            "shan't": ("shall", "not"),
            "let's": ("let", "us"),
            "i'm": ("i", "am"),
            "im": ("i", "am"),
            "i'ma": ("i", "am", "going", "to"),
            "gonna": ("going", "to"),
            "wanna": ("want", "to"),
            "gotta": ("have", "to"),
            "y'all": ("you",),
            "u": ("you",),
            "ur": ("your",),
            "pls": ("please",),
            "plz": ("please",),
            "thx": ("thanks",),
            "youre": ("you", "are"),
            "theyre": ("they", "are"),
            "ive": ("i", "have"),
            "youve": ("you", "have"),
            "weve": ("we", "have"),
            "thats": ("that", "is"),
            "whats": ("what", "is"),
            "theres": ("there", "is"),
            "itll": ("it", "will"),
            "youll": ("you", "will"),
        }
    )
    for pronoun in ("i", "you", "we", "they", "he", "she", "it", "that", "there", "who"):
        table.setdefault(f"{pronoun}'ll", (pronoun, "will"))
        table.setdefault(f"{pronoun}'d", (pronoun, "would"))
        table.setdefault(f"{pronoun}'ve", (pronoun, "have"))
        table.setdefault(f"{pronoun}'re", (pronoun, "are"))
    for modal in ("should", "would", "could", "must", "might"):
        table[f"{modal}'ve"] = (modal, "have")
        table[f"{modal}ve"] = (modal, "have")
        table[f"{modal}a"] = (modal, "have")
    for pronoun in _PRONOUN_S:
        table.setdefault(f"{pronoun}'s", (pronoun, "is"))
    return table


CONTRACTIONS: dict[str, tuple[str, ...]] = _contractions()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """How one language turns words into tokens: expansions (contractions, typos)."""

    lang: str
    expand: dict[str, tuple[str, ...]]
    number_words: frozenset[str]


def lexicon(lang: str, typos: dict[str, tuple[str, ...]] | None = None) -> Lexicon:
    expand = dict(CONTRACTIONS)
    if typos:
        expand.update(typos)
    words = frozenset(_EN_NUMBER_WORDS)
    return Lexicon(lang, expand, words)


class Tokens:
    """The tokens of one reply.

    ``words[i]`` is the token; ``starts[i]``/``ends[i]`` its span in the original text;
    ``punct[i]`` says it is ``.``, ``?`` or ``!``; ``brk[i]`` says a clause starts at it
    (first token, or after punctuation, a comma or a dash); ``classes[i]`` names the
    token classes it belongs to (``#num``, ``#clock``).
    """

    __slots__ = ("brk", "classes", "ends", "n", "norm", "punct", "starts", "text", "words")

    def __init__(self, text: str, norm: str) -> None:
        self.text = text
        self.norm = norm
        self.words: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.punct: list[bool] = []
        self.brk: list[bool] = []
        self.classes: list[tuple[str, ...]] = []
        self.n = 0

    def clause_ids(self) -> list[int]:
        """A clause number per token (punctuation belongs to the clause it ends)."""
        ids: list[int] = []
        current = -1
        for i in range(self.n):
            if self.brk[i] and not self.punct[i]:
                current += 1
            ids.append(max(current, 0))
        return ids

    def sentence_ids(self) -> list[int]:
        """A sentence number per token (``. ? !`` end a sentence)."""
        ids: list[int] = []
        current = 0
        for i in range(self.n):
            ids.append(current)
            if self.punct[i]:
                current += 1
        return ids

    def clause_end(self, j: int) -> bool:
        """True when position ``j`` (an exclusive end) closes a clause."""
        return j >= self.n or self.brk[j] or self.punct[j]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """The original-text span of tokens ``i..j-1``."""
        return self.starts[i], self.ends[j - 1]


_NO_CLASS: tuple[str, ...] = ()
_NUM_ONLY: tuple[str, ...] = (NUM,)
_CLOCK_NUM: tuple[str, ...] = (CLOCK, NUM)


def tokenize(text: str, lang: str, lex: Lexicon, norm: str | None = None) -> Tokens:
    """Tokens of ``text`` (already normalised as ``norm`` when given)."""
    if norm is None:
        norm = normalise_chars(text, lang)
    toks = Tokens(text, norm)
    words = toks.words
    starts = toks.starts
    ends = toks.ends
    punct = toks.punct
    brk = toks.brk
    classes = toks.classes
    expand = lex.expand
    numbers = lex.number_words
    pending_break = True
    if lang == "zh":
        for m in _ZH_TOKEN.finditer(norm):
            kind = m.lastindex
            if kind == 6:
                pending_break = True
                continue
            word = m.group()
            start, end = m.span()
            if kind == 5:
                word = "?" if "?" in word else "!" if "!" in word else "."
                cls = _NO_CLASS
            elif kind == 1:
                cls = _CLOCK_NUM if (":" in word or "." in word) else _NUM_ONLY
            elif kind == 2:
                cls = _NUM_ONLY
            elif kind == 4 and word in expand:
                for part in expand[word]:
                    words.append(part)
                    starts.append(start)
                    ends.append(end)
                    punct.append(False)
                    brk.append(pending_break)
                    classes.append(_NUM_ONLY if part in numbers else _NO_CLASS)
                    pending_break = False
                continue
            else:
                cls = _NUM_ONLY if word in numbers else _NO_CLASS
            words.append(word)
            starts.append(start)
            ends.append(end)
            punct.append(kind == 5)
            brk.append(pending_break)
            classes.append(cls)
            pending_break = kind == 5
    else:
        for m in _EN_TOKEN.finditer(norm):
            kind = m.lastindex
            if kind == 4:
                pending_break = True
                continue
            word = m.group()
            start, end = m.span()
            if kind == 2:
                parts = expand.get(word)
                if parts is not None:
                    for part in parts:
                        words.append(part)
                        starts.append(start)
                        ends.append(end)
                        punct.append(False)
                        brk.append(pending_break)
                        classes.append(_NUM_ONLY if part in numbers else _NO_CLASS)
                        pending_break = False
                    continue
                cls = _NUM_ONLY if word in numbers else _NO_CLASS
            elif kind == 1:
                cls = _CLOCK_NUM if (":" in word or "." in word) else _NUM_ONLY
            else:
                word = "?" if "?" in word else "!" if "!" in word else "."
                cls = _NO_CLASS
            words.append(word)
            starts.append(start)
            ends.append(end)
            punct.append(kind == 3)
            brk.append(pending_break)
            classes.append(cls)
            pending_break = kind == 3
    toks.n = len(words)
    return toks


def pattern_words(text: str, lang: str, lex: Lexicon) -> list[str]:
    """The tokens a literal piece of a pattern stands for (normalised like replies)."""
    toks = tokenize(text, lang, lex)
    return toks.words
