"""The installed version of roleplay, as the package metadata says."""

from __future__ import annotations


def installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("roleplay")
    except PackageNotFoundError:  # a checkout that was never installed
        return "unknown"
