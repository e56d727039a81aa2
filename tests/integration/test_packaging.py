"""The wheel is what users install: build it, install it into a fresh venv and use it.

The installed `roleplay` runs from another folder with nothing of the checkout on its
path, so a module, a scenario or a phrasebook missing from the wheel fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "angry-mail-outage-en"


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        cmd, check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{cmd}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("roleplay-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv with the play lock's libraries and the wheel; returns (bin, env)."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    home = tmp_path_factory.mktemp("home")
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "cfg"))
    pip = [str(bin_dir / "python"), "-m", "pip", "--disable-pip-version-check", "-qq", "install"]
    _run([*pip, "--require-hashes", "-r", str(ROOT / "requirements-play.lock")], home, env)
    _run([*pip, "--no-deps", str(wheel)], home, env)
    return bin_dir, env


def test_wheel_carries_every_package_scenarios_and_phrasebooks(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in ROOT.joinpath("simulator").rglob("__init__.py"):
        assert str(package.relative_to(ROOT)) in names
    for package in ROOT.joinpath("scoring").rglob("__init__.py"):
        assert str(package.relative_to(ROOT)) in names
    bundled = {p.name for p in (ROOT / "scenarios").glob("*.yaml")}
    assert bundled, "no bundled scenarios found"
    assert {f"scenarios/{name}" for name in bundled} <= names
    for lang in ("en", "zh"):
        assert f"scoring/analysis/phrasebooks/{lang}.yaml" in names
    for catalog in ("en", "zh_Hans", "zh_Hant"):
        assert f"simulator/l10n/locale/{catalog}/LC_MESSAGES/roleplay.mo" in names


@pytest.mark.slow
def test_installed_roleplay_works_from_another_folder(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    roleplay = str(bin_dir / "roleplay")
    where = _run(
        [str(bin_dir / "python"), "-c", "import simulator; print(simulator.__file__)"],
        tmp_path,
        env,
    )
    assert str(ROOT) not in where.stdout

    listed = json.loads(_run([roleplay, "list", "--json"], tmp_path, env).stdout)
    assert SCENARIO in {s["id"] for s in listed}

    replies = tmp_path / "replies.txt"
    replies.write_bytes((ROOT / "scenarios" / "replies" / f"{SCENARIO}.good.txt").read_bytes())
    db = tmp_path / "results.sqlite3"
    played = _run(
        [
            roleplay,
            "play",
            SCENARIO,
            "--replies",
            str(replies),
            "--seed",
            "7",
            "--db",
            str(db),
            "--trainee",
            "t1",
            "--json",
        ],
        tmp_path,
        env,
    )
    session = json.loads(played.stdout)["session_id"]

    linted = _run([roleplay, "lint", SCENARIO], tmp_path, env)
    assert "0 errors" in linted.stdout

    _run(
        [roleplay, "export", "--format", "xlsx", "--db", str(db), "--out", "s.xlsx"], tmp_path, env
    )
    assert zipfile.is_zipfile(tmp_path / "s.xlsx")

    _run(
        [roleplay, "debrief", str(session), "--format", "html", "--db", str(db), "--out", "d.html"],
        tmp_path,
        env,
    )
    assert (
        (tmp_path / "d.html")
        .read_text(encoding="utf-8")
        .lstrip()
        .lower()
        .startswith("<!doctype html")
    )

    chinese = _run(
        [
            roleplay,
            "debrief",
            str(session),
            "--format",
            "md",
            "--db",
            str(db),
            "--ui-lang",
            "zh_Hant",
        ],
        tmp_path,
        env,
    )
    assert "# 復盤：" in chinese.stdout  # the compiled catalogs came with the wheel

    helped = _run([str(bin_dir / "python"), "-m", "simulator", "--help"], tmp_path, env)
    assert "usage: roleplay" in helped.stdout
