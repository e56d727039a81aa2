"""What a session writes as it goes: the interface the results store implements."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from scoring.grade import Grade
from scoring.transcript import Turn


class Recorder(Protocol):
    """What a session writes as it goes (the results store implements it)."""

    def start_attempt(
        self,
        *,
        trainee_id: str,
        scenario_id: str,
        scenario_version: str,
        scenario_hash: str,
        scenario_title: str,
        lang: str,
        seed: int,
        mode: str,
        started_at: datetime,
    ) -> int: ...

    def record_opening(self, attempt_id: int, line: str) -> None: ...

    def record_turn(self, attempt_id: int, turn: Turn) -> None: ...

    def finish_attempt(
        self,
        attempt_id: int,
        *,
        finished_at: datetime,
        final_state: str,
        outcome: str | None,
        grade: Grade,
    ) -> None: ...
