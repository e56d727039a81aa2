"""Extract, merge and compile the gettext catalogs (``make catalogs``).

1. Extracts every translatable string from simulator/ and scoring/ with Babel into
   ``simulator/l10n/locale/roleplay.pot`` (keywords: ``_``, ``gettext``, ``ngettext``,
   ``N_``, ``msg``, ``nmsg``).
2. Merges it into the English and simplified-Chinese catalogs (``.po``), keeping their
   translations; new entries arrive untranslated, ready to be translated.
3. Writes the traditional-Chinese catalog from the simplified one with OpenCC's
   ``s2twp`` (Taiwan usage: 軟體, 伺服器, 網路); a hand-made entry in
   ``zh_Hant/LC_MESSAGES/overrides.po`` wins over the conversion.
4. Compiles every ``.po`` into the ``.mo`` file shipped in the wheel.

``--check`` changes nothing and exits 1 if any catalog is out of date or incomplete.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "simulator" / "l10n" / "locale"
DOMAIN = "roleplay"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "msg": None,
    "nmsg": (1, 2),
}
SOURCES = ("simulator", "scoring")
# Fixed header dates, so that the files change only when a message does.
_FIXED = datetime(2026, 1, 1, tzinfo=UTC)


def template() -> Catalog:
    catalog = Catalog(project="roleplay", domain=DOMAIN, fuzzy=False)
    for folder in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / folder, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            parts = (message,) if isinstance(message, str) else tuple(message)
            if not all(p and p.strip() for p in parts):
                continue  # not a literal (e.g. gettext(variable))
            catalog.add(
                message,
                None,
                [(f"{folder}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def po_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, omit_header=False, sort_output=True, no_location=True, width=100)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def read(path: Path, locale: str) -> Catalog:
    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh, locale=locale)
    return Catalog(locale=locale, domain=DOMAIN)


def merged(pot: Catalog, path: Path, locale: str) -> Catalog:
    catalog = read(path, locale)
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    for message in catalog:
        message.flags.discard("fuzzy")
    catalog.revision_date = catalog.creation_date = _FIXED
    catalog.project, catalog.version = "roleplay", "0.1.0"
    catalog.fuzzy = False
    return catalog


def traditional(simplified: Catalog, overrides: Catalog) -> Catalog:
    import opencc

    convert = opencc.OpenCC("s2twp").convert
    out = Catalog(locale="zh_Hant_TW", domain=DOMAIN, project="roleplay", version="0.1.0")
    out.revision_date = out.creation_date = _FIXED
    out.fuzzy = False
    for message in simplified:
        if not message.id:
            continue
        own = overrides.get(message.id)
        if own is not None and own.string:
            string = own.string
        elif isinstance(message.string, tuple | list):
            string = tuple(convert(s) for s in message.string)
        else:
            string = convert(message.string or "")
        out.add(message.id, string, auto_comments=message.auto_comments, flags=message.flags)
    return out


def missing(catalog: Catalog) -> list[str]:
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    pot = template()
    pot.revision_date = pot.creation_date = _FIXED
    files: dict[Path, bytes] = {LOCALE / f"{DOMAIN}.pot": po_text(pot)}
    catalogs: dict[str, Catalog] = {}
    for lang, locale in (("en", "en"), ("zh_Hans", "zh_Hans_CN")):
        path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        catalogs[lang] = merged(pot, path, locale)
        files[path] = po_text(catalogs[lang])
    overrides = read(LOCALE / "zh_Hant" / "LC_MESSAGES" / "overrides.po", "zh_Hant_TW")
    catalogs["zh_Hant"] = traditional(catalogs["zh_Hans"], overrides)
    files[LOCALE / "zh_Hant" / "LC_MESSAGES" / f"{DOMAIN}.po"] = po_text(catalogs["zh_Hant"])
    for lang, catalog in catalogs.items():
        files[LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"] = mo_bytes(catalog)
    stale = [p for p, data in files.items() if not p.exists() or p.read_bytes() != data]
    untranslated = {lang: missing(c) for lang, c in catalogs.items() if lang != "en"}
    if args.check:
        for path in stale:
            sys.stdout.write(f"{path.relative_to(ROOT)}: out of date; run `make catalogs`\n")
        for lang, ids in untranslated.items():
            for msgid in ids:
                sys.stdout.write(f"{lang}: not translated: {msgid!r}\n")
        return 1 if stale or any(untranslated.values()) else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")
    for lang, ids in untranslated.items():
        if ids:
            sys.stdout.write(f"{lang}: {len(ids)} entries to translate in the .po file\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
