# The analyser is loaded on first use (it brings the YAML and phrasebook machinery).
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoring.analysis.analyzer import Analyzer as Analyzer
    from scoring.analysis.analyzer import analyze as analyze


def __getattr__(name: str) -> object:
    if name in ("Analyzer", "analyze"):
        from scoring.analysis import analyzer

        return getattr(analyzer, name)
    raise AttributeError(f"module 'scoring' has no attribute {name!r}")
