"""What counts as an English UI string left in a Chinese rendering.

A rendering of a Chinese play may still hold Latin letters that are not UI text:
identifiers (scenario and rule ids, commands, escalation targets, the trainee id,
key names) and whatever the scenario and the trainee themselves wrote (a product
name such as VPN or Outlook in a customer line). Everything else in Latin letters is
an untranslated string.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable
from pathlib import Path

from scoring.message import Words
from scoring.rubric_spec import ESCALATION_TARGETS
from simulator.l10n.catalogs import LANGUAGES, LOCALE_DIR

ROOT = Path(__file__).resolve().parents[1]
_IDENTIFIER = re.compile(
    r"[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)+"  # rule ids, scenario ids, file names
    r"|/[a-z]+"  # /brief, /escalate
    r"|`[^`]*`"  # a command to type, quoted
    r"|#\d+"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
KEY_NAMES = frozenset({"Enter"})


def content_words(*files: Path) -> set[str]:
    """Latin words in the lines of scenario and replies files that hold Chinese text."""
    words: set[str] = set()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if any("\u4e00" <= ch <= "\u9fff" for ch in line):
                words.update(_WORD.findall(line))
    return words


def english_left(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The Latin words in ``text`` that are neither identifiers nor allowed content."""
    keep = set(allowed) | set(ESCALATION_TARGETS) | KEY_NAMES
    stripped = _IDENTIFIER.sub(" ", text.replace("\\_", "_"))
    return sorted({w for w in _WORD.findall(stripped) if w not in keep})


class StrictCatalog(gettext.GNUTranslations):
    """A compiled catalog that remembers every message it had no translation for."""

    def __init__(self, language: str) -> None:
        path = LOCALE_DIR / language / "LC_MESSAGES" / "roleplay.mo"
        with path.open("rb") as fh:
            super().__init__(fh)
        self.missing: list[str] = []

    def gettext(self, message: str) -> str:
        if message not in self._catalog:  # type: ignore[attr-defined]
            self.missing.append(message)
        return super().gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if (msgid1, 0) not in self._catalog:  # type: ignore[attr-defined]
            self.missing.append(msgid1)
        return super().ngettext(msgid1, msgid2, n)


def strict_words(language: str) -> tuple[Words, StrictCatalog]:
    from simulator.l10n import words_for

    catalog = StrictCatalog(language)
    return Words(catalog, LANGUAGES[language], words_for(language).script), catalog
