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
import unicodedata
from dataclasses import dataclass
from typing import Any

# -- stage 1: characters ---------------------------------------------------------------------

_SAME: dict[int, str] = {}
for _code in range(0xFF01, 0xFF5F):  # full-width ASCII block
    _SAME[_code] = chr(_code - 0xFEE0)
_SAME.update(
    {
        ord(k): v
        for k, v in {
            "\u3000": " ",
            "\u00a0": " ",
            "\u2019": "'",
            "\u2018": "'",
            "\u201b": "'",
            "\u02bc": "'",
            "\u00b4": "'",
            "`": "'",
            "\u2032": "'",
            "\u201c": '"',
            "\u201d": '"',
            "\u201e": '"',
            "\u00ab": '"',
            "\u00bb": '"',
            "\u300c": '"',
            "\u300d": '"',
            "\u300e": '"',
            "\u300f": '"',
            "\u3002": ".",
            "\uff61": ".",
            "\u3001": ",",
            "\uff64": ",",
            "\u2014": ",",
            "\u2013": ",",
            "\u2015": ",",
            "\u2026": ".",
            "\u22ef": ".",
            "\u00bf": "?",
            "\u00a1": "!",
            "\u203c": "!",
            "\u2047": "?",
            "\u2048": "?",
            "\u2049": "!",
        }.items()
    }
)
_TRANSLATION = str.maketrans(_SAME)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Same-length variants OpenCC's t2s keeps; applied after it.
_ZH_VARIANTS = {
    "著急": "着急",
    "著想": "着想",
    "接著": "接着",
    "跟著": "跟着",
    "等著": "等着",
    "看著": "看着",
    "妳": "你",
    "您": "你",
    "甚么": "什么",
    "帐号": "账号",
    "祇": "只",
    "衹": "只",
    "網路": "网络",
    "网路": "网络",
}
_ZH_VARIANT_RE = re.compile("|".join(sorted(map(re.escape, _ZH_VARIANTS), key=len, reverse=True)))
_CONVERTER: list[Any] = []


def _t2s() -> Any:
    if not _CONVERTER:
        import opencc  # lazily: only Chinese replies need it

        _CONVERTER.append(opencc.OpenCC("t2s"))
    return _CONVERTER[0]


def _same_length(converted: str, original: str, step: Any) -> str:
    """Keep ``converted`` if it is as long as ``original``; else convert char by char."""
    if len(converted) == len(original):
        return converted
    out = []
    for ch in original:
        new = step(ch)
        out.append(new if len(new) == 1 else ch)
    return "".join(out)


def _to_simplified(text: str) -> str:
    try:
        converted = _t2s().convert(text)
    except Exception:  # OpenCC may refuse odd code points: keep the text
        return text
    if len(converted) != len(text):

        def one(ch: str) -> str:
            try:
                return str(_t2s().convert(ch))
            except Exception:
                return ch

        converted = _same_length(converted, text, one)
    return str(converted)


def _nfkc_one(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def normalise_chars(text: str, lang: str) -> str:
    """The normalised text, exactly as long as ``text`` (see the module docstring)."""
    if text.isascii():
        return text.translate(_TRANSLATION).lower()
    out = text.translate(_TRANSLATION)
    if not unicodedata.is_normalized("NFKC", out):
        out = _same_length(unicodedata.normalize("NFKC", out), out, _nfkc_one)
    out = _same_length(out.lower(), out, str.lower)
    if lang == "zh" and _HAN.search(out):
        out = _to_simplified(out)
        out = _ZH_VARIANT_RE.sub(lambda m: _ZH_VARIANTS[m.group()], out)
    return out


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
