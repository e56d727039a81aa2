"""Findings as data: a message id (the English template) and its parameters.

Grading writes what it found as :class:`Message` values instead of finished sentences.
A ``Message`` is a ``str`` (its English wording, so JSON output, the store and every
existing reader keep working) that also remembers its template and parameters; a
renderer turns it into the reader's language with :meth:`Words.text`, looking the
template up in a gettext catalog and filling in the parameters (which may themselves
be messages). The English template is the message id, as gettext does it.

Adding a finding: write ``msg("Restated {done} of {total} facts", done=2, total=3)``
(or :func:`nmsg` when a count decides the grammar), run ``make catalogs`` and translate
the new entries in ``simulator/l10n/locale/*/LC_MESSAGES/roleplay.po``. A test fails on
any message without a Chinese translation.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


def N_(text: str) -> str:
    """Marks a fixed string for the catalogs where it is defined; translated where shown."""
    return text


class Message(str):
    """An English sentence that can be said again in another language."""

    msgid: str
    plural: str | None
    n: int | None
    params: Mapping[str, object]
    parts: tuple[str, ...]
    sep: str

    def __new__(
        cls,
        msgid: str,
        params: Mapping[str, object] | None = None,
        *,
        plural: str | None = None,
        n: int | None = None,
        parts: Sequence[str] = (),
        sep: str = "; ",
    ) -> Message:
        params = dict(params or {})
        template = msgid if plural is None or n == 1 else plural
        if parts:
            english = sep.join(parts)
            english = _capitalised(english) if msgid == SENTENCE else english
            english = template.format(clauses=english) if english else ""
        else:
            english = template.format(**params)
        self = super().__new__(cls, english)
        self.msgid = msgid
        self.plural = plural
        self.n = n
        self.params = params
        self.parts = tuple(parts)
        self.sep = sep
        return self

    def __reduce__(self) -> tuple[object, ...]:  # pickles and copies keep the finding
        args = (self.msgid, dict(self.params), self.plural, self.n, self.parts, self.sep)
        return (_rebuild, args)


def _rebuild(
    msgid: str,
    params: Mapping[str, object],
    plural: str | None,
    n: int | None,
    parts: Sequence[str],
    sep: str,
) -> Message:
    return Message(msgid, params, plural=plural, n=n, parts=parts, sep=sep)


def msg(msgid: str, /, **params: object) -> Message:
    """A finding: ``msg("Restated {done} of {total} facts", done=2, total=3)``."""
    return Message(msgid, params)


def nmsg(singular: str, plural: str, n: int, /, **params: object) -> Message:
    """A finding whose wording depends on a count ``n`` (also available as ``{n}``)."""
    return Message(singular, {"n": n, **params}, plural=plural, n=n)


SENTENCE = N_("{clauses}.")
SEPARATORS = (N_("; "), N_(", "))
LISTING = N_("{clauses}")


def sentence(parts: Sequence[str]) -> Message:
    """Clauses joined into one sentence ("A; b; c." in English, "A；b；c。" in Chinese)."""
    kept = tuple(p for p in parts if p)
    return Message(SENTENCE, parts=kept)


def listing(parts: Sequence[str], sep: str = "; ") -> Message:
    """Items joined with a separator in the reader's language ("a; b" / "a；b").

    ``sep`` is "; " or ", " (both are catalog entries), never capitalised.
    """
    kept = tuple(p for p in parts if p)
    return Message(LISTING, parts=kept, sep=sep)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class Catalog(Protocol):
    """What a renderer needs from a gettext catalog (``gettext.GNUTranslations`` fits)."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, msgid1: str, msgid2: str, n: int, /) -> str: ...


@dataclass(frozen=True)
class Words:
    """The reader's language: a catalog and its BCP 47 tag (``en``, ``zh-Hans``, ``zh-Hant``)."""

    catalog: Catalog = field(default_factory=gettext.NullTranslations)
    tag: str = "en"
    script: Callable[[str], str] | None = None  # e.g. simplified -> traditional characters

    def gettext(self, message: str) -> str:
        """A fixed UI string in the reader's language."""
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def text(self, value: str) -> str:
        """A finding in the reader's language; plain text (quotes, scenario text) unchanged."""
        if not isinstance(value, Message):
            return str(value)
        if value.parts:
            sep = self.gettext(value.sep)
            clauses = sep.join(self.text(p) for p in value.parts)
            clauses = _capitalised(clauses) if value.msgid == SENTENCE else clauses
            return self.gettext(value.msgid).format(clauses=clauses) if clauses else ""
        if value.plural is not None and value.n is not None:
            template = self.ngettext(value.msgid, value.plural, value.n)
        else:
            template = self.gettext(value.msgid)
        params = {k: self.text(v) if isinstance(v, Message) else v for k, v in value.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):  # a broken translation: say it in English
            return value.msgid.format(**params) if value.plural is None else str(value)

    def scenario(self, text: str) -> str:
        """Scenario text (the customer's lines, the briefing) in the reader's script.

        A scenario is written once; a traditional-Chinese reader gets its simplified text
        in traditional characters. The trainee's own words are never passed through here.
        """
        return self.script(text) if self.script is not None and text else text

    @property
    def is_chinese(self) -> bool:
        return self.tag.startswith("zh")


ENGLISH = Words()
