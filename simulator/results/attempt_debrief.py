"""A debrief for an attempt at a scenario, with the trainee's earlier attempts from the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from scoring.debrief.content import Debrief, PreviousAttempt, build_debrief
from scoring.grade import Grade
from scoring.transcript import Transcript

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario


class AttemptRecordLike(Protocol):
    @property
    def trainee_id(self) -> str: ...
    @property
    def attempt_no(self) -> int: ...
    @property
    def finished_at(self) -> datetime | None: ...
    @property
    def overall(self) -> int | None: ...
    @property
    def passed(self) -> bool | None: ...


@runtime_checkable
class AttemptHistory(Protocol):
    """What the results store offers for comparing with earlier attempts."""

    def attempt(self, attempt_id: int) -> AttemptRecordLike: ...

    def previous_attempts(
        self, trainee_id: str, scenario_id: str, before_id: int
    ) -> Sequence[AttemptRecordLike]: ...


def previous_from_records(records: Sequence[AttemptRecordLike]) -> tuple[PreviousAttempt, ...]:
    """Earlier graded attempts as the debrief wants them (ungraded ones are left out)."""
    out: list[PreviousAttempt] = []
    for r in records:
        if r.overall is None:
            continue
        finished = r.finished_at.isoformat(timespec="minutes") if r.finished_at else ""
        out.append(PreviousAttempt(r.attempt_no, finished, r.overall, bool(r.passed)))
    return tuple(out)


def scenario_debrief(
    scenario: Scenario,
    transcript: Transcript,
    grade: Grade,
    previous: Sequence[PreviousAttempt | tuple[int, str, int, bool]] = (),
    attempt_no: int | None = None,
    trainee_id: str = "",
) -> Debrief:
    """A debrief for an attempt at ``scenario`` (title, kind, language, channel from it)."""
    return build_debrief(
        scenario_id=scenario.id,
        title=scenario.title,
        kind=scenario.kind,
        lang=scenario.language,
        transcript=transcript,
        grade=grade,
        previous=previous,
        channel=scenario.channel,
        attempt_no=attempt_no,
        trainee_id=trainee_id,
    )
