"""The organisation's own reading: its phrasebook extensions and its labelled local sets.

One folder holds them, owned by the trainers: ``$ROLEPLAY_PHRASEBOOKS``, else
``phrasebooks/`` in the user's data folder (beside the results database). In it:

* ``en.yaml`` / ``zh.yaml`` — phrasebook extensions (:mod:`scoring.analysis.extension`),
  added to the bundled phrasebooks for play, regrading and ``roleplay check``;
* ``review-en.tsv`` / ``review-zh.tsv`` — replies ruled on in ``roleplay review``, the
  regression set that ``roleplay review --check`` runs (:mod:`simulator.results.review`).

Nothing here exists until a trainer makes it; without it the bundled phrasebooks are used.
"""

from __future__ import annotations

import os
from pathlib import Path

from scoring.analysis.analyzer import Analyzer, Extension
from simulator.errors import UsageError

ORG_ENV = "ROLEPLAY_PHRASEBOOKS"
MAX_BYTES = 2_000_000
_read: dict[Path, tuple[tuple[int, int], Extension]] = {}


def organisation_dir() -> Path:
    env = os.environ.get(ORG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("roleplay", appauthor=False)) / "phrasebooks"


def extension_path(lang: str) -> Path:
    return organisation_dir() / f"{lang}.yaml"


def local_set_path(lang: str) -> Path:
    return organisation_dir() / f"review-{lang}.tsv"


def extension(lang: str) -> Extension | None:
    """The text and path of the organisation's extension for ``lang``, if there is one."""
    path = extension_path(lang)
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _read.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    if stat.st_size > MAX_BYTES:
        raise UsageError(f"{path}: the phrasebook extension is larger than {MAX_BYTES:,} bytes")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the phrasebook extension ({exc})") from None
    found = (text, str(path))
    _read[path] = (key, found)
    return found


def analyzer_for(lang: str) -> Analyzer:
    """The analyser for ``lang`` with the organisation's extension, if any."""
    return Analyzer.for_language(lang, extension(lang))
