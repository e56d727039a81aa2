"""Bundled scenarios and phrasebooks must ship in the wheel, not only in a checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_carries_scenarios_and_phrasebooks(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("roleplay-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = {p.name for p in (ROOT / "scenarios").glob("*.yaml")}
    assert bundled, "no bundled scenarios found"
    for name in bundled:
        assert f"scenarios/{name}" in names
    for lang in ("en", "zh"):
        assert f"scoring/phrasebooks/{lang}.yaml" in names
    assert "simulator/cli.py" in names
