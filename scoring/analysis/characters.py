"""Stage 1 of reading a reply: characters, one for one (see :mod:`scoring.analysis.normalizer`).

Every step maps one character to exactly one character, so position ``i`` of the
normalised string is position ``i`` of the original: full-width forms become ASCII,
curly quotes straight, the case folded, and for Chinese traditional characters become
simplified (OpenCC ``t2s`` plus a short table of same-length variants it leaves alone).
"""

from __future__ import annotations

import re
import unicodedata
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
