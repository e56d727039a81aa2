"""Trainee identity: --trainee, ROLEPLAY_TRAINEE, the remembered id, the prompt, the OS user."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from simulator.errors import UsageError
from simulator.store.identity import (
    config_path,
    dump_toml,
    remember_trainee,
    remembered_trainee,
    resolve_trainee,
)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cfg" / "config.toml"
    monkeypatch.setenv("ROLEPLAY_CONFIG", str(path))
    monkeypatch.delenv("ROLEPLAY_TRAINEE", raising=False)
    monkeypatch.delenv("ROLEPLAY_SHARED_PC", raising=False)
    return path


def _never() -> str:
    raise AssertionError("should not ask")


def test_cli_value_wins(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEPLAY_TRAINEE", "env-id")
    remember_trainee("remembered")
    assert resolve_trainee("  cli-id ", ask=_never) == "cli-id"


def test_environment_then_remembered(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remember_trainee("remembered")
    monkeypatch.setenv("ROLEPLAY_TRAINEE", "env-id")
    assert resolve_trainee(None, ask=_never) == "env-id"
    monkeypatch.setenv("ROLEPLAY_TRAINEE", "  ")
    assert resolve_trainee(None, ask=_never) == "remembered"


def test_first_interactive_play_asks_once_and_remembers(config: Path) -> None:
    answers = iter(["", "\x1b[31m", "  Mei Lin  "])
    assert resolve_trainee(None, ask=lambda: next(answers)) == "Mei Lin"
    assert remembered_trainee() == "Mei Lin"
    assert resolve_trainee(None, ask=_never) == "Mei Lin"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600


def test_headless_falls_back_to_the_os_user(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "osuser")
    assert resolve_trainee(None, ask=None) == "osuser"
    assert not config.exists()  # nothing remembered without a choice


def test_bad_ids_are_usage_errors(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError, match="--trainee"):
        resolve_trainee("x" * 101, ask=None)
    with pytest.raises(UsageError, match="--trainee"):
        resolve_trainee("a\nb", ask=None)
    monkeypatch.setenv("ROLEPLAY_TRAINEE", "bad\x07id")
    with pytest.raises(UsageError, match="ROLEPLAY_TRAINEE"):
        resolve_trainee(None, ask=None)


def test_other_config_keys_are_kept(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('theme = "dark"\nwidth = 100\n\n[ui]\nbell = false\n', encoding="utf-8")
    assert remember_trainee('zoë "z"') is True
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    assert data == {"theme": "dark", "width": 100, "ui": {"bell": False}, "trainee": 'zoë "z"'}


def test_unwritable_config_is_left_alone(config: Path) -> None:
    config.parent.mkdir(parents=True)
    original = "[a.b]\nc = [1, 2]\n"
    config.write_text(original, encoding="utf-8")
    assert remember_trainee("x") is False
    assert config.read_text(encoding="utf-8") == original


def test_broken_config_reads_as_empty(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text("trainee = = \n", encoding="utf-8")
    assert remembered_trainee() is None


def test_default_config_location(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROLEPLAY_CONFIG", raising=False)
    assert config_path().name == "config.toml"


def test_dump_toml_round_trips() -> None:
    data = {"k": 'a\\b\t"c" 汉字', "n": -3, "f": 1.5, "b": True, "t": {"x y": "z"}}
    assert tomllib.loads(dump_toml(data)) == data


def test_a_shared_pc_asks_every_time_and_remembers_nobody(config: Path) -> None:
    remember_trainee("the previous trainee")
    config.write_text(config.read_text(encoding="utf-8") + "shared_pc = true\n", "utf-8")
    assert resolve_trainee(None, ask=lambda: "王小明") == "王小明"
    assert resolve_trainee(None, ask=lambda: "Mei Lin") == "Mei Lin"
    assert remembered_trainee() == "the previous trainee"  # nobody new remembered
    assert resolve_trainee("cli-id", ask=_never) == "cli-id"  # --trainee still wins


def test_the_environment_can_mark_a_shared_pc(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remember_trainee("the previous trainee")
    monkeypatch.setenv("ROLEPLAY_SHARED_PC", "1")
    assert resolve_trainee(None, ask=lambda: "next") == "next"
    monkeypatch.setenv("ROLEPLAY_SHARED_PC", "0")
    assert resolve_trainee(None, ask=_never) == "the previous trainee"
