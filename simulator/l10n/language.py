"""Which language a reader gets.

A trainee reads the scenario's language: Chinese scenarios in simplified Chinese, or
traditional Chinese when the locale says so (zh_TW, zh_HK, zh_MO or a ``Hant`` locale);
``--ui-lang`` (or ``ui_lang`` in the config file) overrides both. An HR user's reports
and exports follow ``--lang``, else the locale, else English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from simulator.errors import UsageError

_ALIASES: dict[str, str] = {
    "en": "en",
    "zh": "zh_Hans",
    "zh_hans": "zh_Hans",
    "zh_cn": "zh_Hans",
    "zh_sg": "zh_Hans",
    "zh_hant": "zh_Hant",
    "zh_tw": "zh_Hant",
    "zh_hk": "zh_Hant",
    "zh_mo": "zh_Hant",
}
CHOICES = ("en", "zh", "zh_Hans", "zh_Hant")


def normalise(value: str) -> str | None:
    """``zh-TW``, ``zh_Hant``, ``zh_CN.UTF-8``, ``en_GB`` … as a catalog name, or None."""
    base = value.split(".", maxsplit=1)[0].split("@", maxsplit=1)[0].replace("-", "_").lower()
    if base in _ALIASES:
        return _ALIASES[base]
    if base.startswith("zh_hant") or base.endswith("_hant"):
        return "zh_Hant"
    if base.startswith("zh"):
        return "zh_Hans"
    if base.startswith("en") or base in ("c", "posix"):
        return "en"
    return None


def checked(value: str) -> str:
    """A language given on the command line or in the config file, or a usage error."""
    found = normalise(value)
    if found is None:
        raise UsageError(f"unknown language '{value}'; use one of: {', '.join(CHOICES)}")
    return found


def locale_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language of the user's locale (LC_ALL, LC_MESSAGES, LANG, as gettext reads them)."""
    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key)
        if value:
            return normalise(value)
    return None


def ui_override(cli_value: str | None) -> str | None:
    """``--ui-lang`` if given, else ``ui_lang`` from the config file, else None."""
    if cli_value:
        return cli_value
    from simulator.store.identity import read_config

    value = read_config().get("ui_lang")
    return value if isinstance(value, str) and value.strip() else None


def trainee_language(
    scenario_language: str,
    override: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The language of a trainee's screens and debrief for a scenario in ``scenario_language``."""
    if override:
        return checked(override)
    if not scenario_language.startswith("zh"):
        return "en"
    return "zh_Hant" if locale_language(environ) == "zh_Hant" else "zh_Hans"


def reader_language(override: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of an HR user's reports and exports."""
    if override:
        return checked(override)
    return locale_language(environ) or "en"
