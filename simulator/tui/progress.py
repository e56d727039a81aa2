"""A transient progress bar on stderr for long exports and reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class ProgressBar:
    """``progress(total) -> advance`` for the exporters: a transient rich bar on stderr.

    Drawn only when stderr is a terminal, so pipes and CI logs stay clean.
    """

    def __init__(self, label: str, *, enabled: bool = True) -> None:
        from rich.console import Console

        self.label = label
        self.console = Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self._bar: Any = None

    def __call__(self, total: int) -> Callable[[], None]:
        if not self.enabled:
            return lambda: None
        from rich.progress import Progress

        self._bar = Progress(console=self.console, transient=True)
        self._bar.start()
        task = self._bar.add_task(self.label, total=total)
        return lambda: self._bar.advance(task)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
