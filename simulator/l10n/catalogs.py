"""Loading the compiled gettext catalogs shipped in the package."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

from scoring.message import ENGLISH, Words

DOMAIN = "roleplay"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# Catalog name -> BCP 47 tag (what HTML's lang attribute says).
LANGUAGES: dict[str, str] = {"en": "en", "zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant"}


@cache
def words_for(language: str) -> Words:
    """The words of ``language`` (a key of :data:`LANGUAGES`); English for anything else."""
    if language not in LANGUAGES or language == "en":
        return ENGLISH
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    script = _traditional() if language == "zh_Hant" else None
    return Words(catalog, LANGUAGES[language], script)


def _traditional() -> Callable[[str], str]:
    """Simplified to traditional characters, Taiwan standard (OpenCC ``s2tw``)."""
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("s2tw").convert
    return convert
