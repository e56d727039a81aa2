"""The reader's language: gettext catalogs (en, zh_Hans, zh_Hant) and how one is chosen.

``words_for("zh_Hant")`` gives the :class:`scoring.message.Words` a renderer needs;
:func:`trainee_language` and :func:`reader_language` decide which language a trainee's
screens and an HR user's reports are written in. Catalogs are compiled ``.mo`` files
shipped inside the package (``make catalogs`` extracts, merges and compiles them with
Babel).
"""

from simulator.l10n.catalogs import LANGUAGES, words_for
from simulator.l10n.language import reader_language, trainee_language, ui_override

__all__ = ["LANGUAGES", "reader_language", "trainee_language", "ui_override", "words_for"]
