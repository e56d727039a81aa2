"""Who is playing: ``--trainee``, ``$ROLEPLAY_TRAINEE``, the remembered id, or a prompt.

The remembered id lives in ``config.toml`` in the user's config folder (or the file
named by ``$ROLEPLAY_CONFIG``) as ``trainee = "…"``. Other keys in that file are kept.
"""

from __future__ import annotations

import getpass
import json
import os
import tomllib
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from simulator.errors import UsageError

TRAINEE_ENV = "ROLEPLAY_TRAINEE"
CONFIG_ENV = "ROLEPLAY_CONFIG"
SHARED_ENV = "ROLEPLAY_SHARED_PC"
MAX_LENGTH = 100
ASK_TRIES = 3
FALLBACK = "trainee"


def config_path() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("roleplay", appauthor=False)) / "config.toml"


def clean_trainee_id(value: str) -> str | None:
    """The id with surrounding blanks removed, or None if it cannot be an id."""
    value = unicodedata.normalize("NFC", value.strip())
    if not value or len(value) > MAX_LENGTH:
        return None
    if any(unicodedata.category(c).startswith("C") for c in value):
        return None  # control, format or unassigned characters
    return value


def resolve_trainee(cli_value: str | None, *, ask: Callable[[], str] | None) -> str:
    """The trainee id to record attempts under.

    ``--trainee`` wins, then ``$ROLEPLAY_TRAINEE``, then the remembered id. With none of
    those, ``ask`` (interactive play) is called and its answer remembered; headless play
    (``ask=None``) uses the operating-system user name. On a shared PC (:func:`shared_pc`)
    interactive play asks every time and remembers nothing.
    """
    for source, raw in (("--trainee", cli_value), (TRAINEE_ENV, os.environ.get(TRAINEE_ENV))):
        if raw is None or (source == TRAINEE_ENV and not raw.strip()):
            continue
        found = clean_trainee_id(raw)
        if found is None:
            raise UsageError(
                f"{source}: {raw!r} is not a usable trainee id (1–{MAX_LENGTH} printable characters)"
            )
        return found
    shared = shared_pc()
    remembered = None if shared and ask is not None else remembered_trainee()
    if remembered is not None:
        return remembered
    if ask is not None:
        for _ in range(ASK_TRIES):
            found = clean_trainee_id(ask())
            if found is not None:
                if not shared:
                    remember_trainee(found)
                return found
    return os_user()


def shared_pc() -> bool:
    """True when this computer is shared: interactive play asks who is playing every time.

    Set ``shared_pc = true`` in the config file, or ``ROLEPLAY_SHARED_PC=1``.
    """
    env = os.environ.get(SHARED_ENV, "").strip().lower()
    if env:
        return env in ("1", "true", "yes", "on")
    return read_config().get("shared_pc") is True


def os_user() -> str:
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        return FALLBACK
    return clean_trainee_id(name) or FALLBACK


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The config file as a dict; an absent or unreadable file is an empty one."""
    path = path or config_path()
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def remembered_trainee() -> str | None:
    value = read_config().get("trainee")
    return clean_trainee_id(value) if isinstance(value, str) else None


def remember_trainee(trainee_id: str) -> bool:
    """Write the id to the config file; False (and nothing written) if it cannot be."""
    path = config_path()
    try:
        data = dict(read_config(path)) if path.exists() else {}
        data["trainee"] = trainee_id
        text = dump_toml(data)
    except ValueError:
        return False  # a config we cannot write back faithfully: leave it alone
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        return False
    return True


def dump_toml(data: Mapping[str, Any]) -> str:
    """Flat keys and one level of tables of strings, numbers and booleans."""
    lines: list[str] = []
    tables: list[tuple[str, Mapping[str, Any]]] = []
    for key, value in data.items():
        if isinstance(value, Mapping):
            tables.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for name, table in tables:
        lines.append("")
        lines.append(f"[{_key(name)}]")
        for key, value in table.items():
            lines.append(f"{_key(key)} = {_value(value)}")
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    if key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key):
        return key
    return json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # JSON string escapes are valid TOML basic-string escapes
    raise ValueError(f"cannot write {type(value).__name__} values")
