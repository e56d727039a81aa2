"""A number from the training material that fits how an attempt went."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.debrief.vocabulary import SOURCES
from scoring.grade import Grade
from scoring.message import msg
from scoring.transcript import GOOD_OUTCOMES, Transcript


@dataclass(frozen=True, slots=True)
class Figure:
    """A number from the training material, and why it is shown."""

    text: str
    source: str
    why: str


def choose_figure(transcript: Transcript, grade: Grade, channel: str | None) -> Figure | None:
    """A number from the training material that fits how the attempt went.

    A blocker, a hang-up or a complaint: the cost of very poor service (91%). A pass: the
    value of a complaint handled quickly and well (82%). Otherwise, on the phone when
    empathy was the weakest weighted dimension: voice and tone (86%); when timeliness was:
    the 82% again; else: what scenario practice did for new hires (40%).
    """
    outcome = transcript.outcome
    if grade.blockers_hit or outcome in ("hung_up", "complaint_filed"):
        return Figure(
            msg(
                "With very poor service, 91% of customers do not come back; handled quickly "
                "and well, 82% buy again."
            ),
            _source("002"),
            "the call ended badly",
        )
    if grade.passed and outcome in GOOD_OUTCOMES:
        return Figure(
            msg("If a complaint is handled quickly and well, 82% of customers buy again."),
            _source("002"),
            "a complaint handled well",
        )
    weighted = [d for d in grade.dimensions if d.weight > 0 and d.score is not None]
    weakest = min(weighted, key=lambda d: (d.score or 0, -d.weight), default=None)
    if weakest is not None and weakest.name == "empathy" and channel == "phone":
        return Figure(
            msg(
                "On the phone, voice and tone carry 86% of the effect: say the acknowledgement "
                "as if you mean it."
            ),
            _source("002"),
            "empathy was the weakest part, on the phone",
        )
    if weakest is not None and weakest.name == "timeliness":
        return Figure(
            msg("If a complaint is handled quickly and well, 82% of customers buy again."),
            _source("002"),
            "timeliness was the weakest part",
        )
    return Figure(
        msg(
            "One team's scenario simulation raised new hires' handling of complex complaints "
            "by 40%: another attempt is worth it."
        ),
        _source("000"),
        "practice pays",
    )


def _source(key: str) -> str:
    return msg("[{key}] {source}", key=key, source=msg(SOURCES[key]))
