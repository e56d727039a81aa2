"""Running walkthroughs: play the scripted turns, check the expectations, summarise.

`roleplay test` is a thin layer over :func:`run_paths`. The analyser and the grader can
be injected (tests use a tag analyser); the grade is only computed when a walkthrough
expects something of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scoring.context import ReplyContext
from scoring.grade import Grade
from scoring.rubric_spec import RubricSpec
from scoring.signal import Analysis
from scoring.signal_ref import SignalRef
from scoring.transcript import Transcript, Turn
from simulator.authoring.walkthrough import (
    Expectation,
    Walkthrough,
    is_walkthrough_file,
    load_walkthrough,
)
from simulator.engine.headless import ScriptClock, play_entry
from simulator.engine.session import Session
from simulator.errors import LocatedError, Location, NotFoundError
from simulator.scenario.catalog import SCENARIO_SUFFIXES

Analyze = Callable[[str, ReplyContext], Analysis]
Grader = Callable[[Transcript, RubricSpec], Grade]
PASSED, FAILED, ERROR = "passed", "failed", "error"
_GRADE_KEYS = ("passed", "overall", "reasons_include")


@dataclass(frozen=True, slots=True)
class Failure:
    location: Location
    message: str
    detail: tuple[str, ...] = ()


@dataclass
class WalkthroughResult:
    test_id: str
    status: str
    failures: list[Failure] = field(default_factory=list)
    error: str = ""
    walkthrough: Walkthrough | None = None
    transcript: Transcript | None = None
    grade: Grade | None = None
    opening: str = ""
    ignored: int = 0
    states: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.test_id,
            "status": self.status,
            "seconds": round(self.seconds, 4),
            "failures": [
                {"location": str(f.location), "message": f.message, "detail": list(f.detail)}
                for f in self.failures
            ],
        }
        if self.error:
            data["error"] = self.error
        if self.transcript is not None:
            data["path"] = self.states
            data["final_state"] = self.transcript.final_state
            data["outcome"] = self.transcript.outcome or "unfinished"
            data["ignored_replies"] = self.ignored
        if self.grade is not None:
            data["scores"] = self.grade.scores()
            data["overall"] = self.grade.overall
            data["passed"] = self.grade.passed
        return data


def _needs_grade(w: Walkthrough) -> bool:
    return any(e.key in _GRADE_KEYS or e.key.startswith("scores.") for e in w.expect)


def _signals(turn: Turn) -> str:
    if turn.analysis is None or not turn.analysis.signals:
        return "none"
    return ", ".join(
        f"{s.name}:{s.category}" if s.category else s.name for s in turn.analysis.signals
    )


def _has(turn: Turn, name: str) -> bool:
    return turn.analysis is not None and SignalRef.parse(name).found_in(turn.analysis)


def _check_turn(number: int, turn: Turn, exp: Expectation) -> Failure | None:
    detail = (f"signals found: {_signals(turn)}", f"customer: {turn.customer_reply!r}")
    if exp.key == "state" and turn.state_after != exp.value:
        return Failure(
            exp.location,
            f"turn {number}: expected state '{exp.value}', got '{turn.state_after}'",
            detail,
        )
    if exp.key == "signals":
        missing = [s for s in exp.value if not _has(turn, s)]
        if missing:
            return Failure(
                exp.location,
                f"turn {number}: expected signal(s) not found: {', '.join(missing)}",
                detail,
            )
    if exp.key == "no_signals":
        found = [s for s in exp.value if _has(turn, s)]
        if found:
            evidence = [
                f"{s.name}: {s.evidence!r} (rule {s.rule})"
                for s in (turn.analysis.signals if turn.analysis else ())
                if any(_has_one(s.name, s.category, f) for f in found)
            ]
            return Failure(
                exp.location,
                f"turn {number}: unwanted signal(s) found: {', '.join(found)}",
                tuple(evidence) + detail[1:],
            )
    if exp.key in ("mood", "patience"):
        value = turn.mood_after if exp.key == "mood" else turn.patience_after
        if not exp.value.holds(value):
            return Failure(
                exp.location, f"turn {number}: {exp.key} is {value}, expected {exp.value}", detail
            )
    return None


def _has_one(name: str, category: str | None, wanted: str) -> bool:
    return SignalRef.parse(wanted).matches(name, category)


def _check_whole(
    exp: Expectation, result: WalkthroughResult, transcript: Transcript, grade: Grade | None
) -> Failure | None:
    key, value = exp.key, exp.value
    outcome = transcript.outcome or "unfinished"
    got: object
    if key == "final_state":
        got = transcript.final_state
        ok = got == value
    elif key == "outcome":
        got = outcome
        ok = got == value
    elif key == "path":
        got = result.states
        ok = tuple(result.states) == value
        if not ok:
            return Failure(
                exp.location,
                "the path differs",
                (f"expected: {' -> '.join(value)}", f"got:      {' -> '.join(result.states)}"),
            )
    elif key == "ignored_replies":
        got = result.ignored
        ok = got == value
    else:
        assert grade is not None
        if key == "passed":
            got = grade.passed
            ok = got == value
        elif key == "overall":
            got = grade.overall
            ok = got is not None and value.holds(got)
        elif key == "reasons_include":
            missing = [r for r in value if not any(r.lower() in g.lower() for g in grade.reasons)]
            if missing:
                return Failure(
                    exp.location,
                    f"the grade's reasons do not mention: {', '.join(missing)}",
                    tuple(f"reason: {r}" for r in grade.reasons) or ("no reasons given",),
                )
            return None
        else:
            dim = key.split(".", 1)[1]
            scores = grade.scores()
            if dim not in scores:
                return Failure(exp.location, f"dimension '{dim}' is not graded in this scenario")
            got = scores[dim]
            ok = got is not None and value.holds(got)
            if not ok:
                return Failure(exp.location, f"score {dim} is {got}, expected {value}")
            return None
        if not ok and key in ("passed", "overall"):
            detail = tuple(f"reason: {r}" for r in grade.reasons)
            return Failure(exp.location, f"{key} is {got}, expected {value}", detail)
    if not ok:
        return Failure(exp.location, f"{key.replace('_', ' ')} is '{got}', expected '{value}'")
    return None


def run_walkthrough(
    walkthrough: Walkthrough, *, analyze: Analyze | None = None, grader: Grader | None = None
) -> WalkthroughResult:
    """Play a walkthrough and check every expectation."""
    started = time.perf_counter()
    w = walkthrough
    result = WalkthroughResult(w.test_id, PASSED, walkthrough=w)
    clock = ScriptClock()
    session = Session(w.scenario, clock=clock, seed=w.seed, trainee_id="walkthrough", mode="test")
    if analyze is not None:
        session.analyze = analyze
    start = w.start
    message = session.open(
        start_state=start.state if start else None,
        start_patience=start.patience if start else None,
        start_revealed=start.revealed if start else (),
    )
    result.opening = message.text
    played: dict[int, Turn] = {}
    try:
        for i, scripted in enumerate(w.turns):
            turn = play_entry(session, clock, scripted.entry)
            if turn is None:
                result.ignored += 1
            else:
                played[i] = turn
        transcript = session.transcript()
    finally:
        session.release()
    result.transcript = transcript
    result.states = [w.first_state] + [t.state_after for t in transcript.turns]
    for i, scripted in enumerate(w.turns):
        for exp in scripted.expect:
            if i not in played:
                last = len(transcript.turns)
                result.failures.append(
                    Failure(
                        exp.location,
                        f"turn {i + 1} was never played: the conversation ended after turn {last}",
                        (f"final state: {transcript.final_state}",),
                    )
                )
                break
            failure = _check_turn(i + 1, played[i], exp)
            if failure:
                result.failures.append(failure)
    if _needs_grade(w):
        if grader is None:
            from scoring.rubric import grade as default_grader

            grader = default_grader
        result.grade = grader(transcript, w.scenario.rubric_spec())
    for exp in w.expect:
        failure = _check_whole(exp, result, transcript, result.grade)
        if failure:
            result.failures.append(failure)
    result.status = FAILED if result.failures else PASSED
    result.seconds = time.perf_counter() - started
    return result


def run_file(
    path: Path, *, analyze: Analyze | None = None, grader: Grader | None = None
) -> WalkthroughResult:
    """Load and run one walkthrough file; a file that cannot be run is an error result."""
    started = time.perf_counter()
    try:
        walkthrough = load_walkthrough(path)
    except LocatedError as exc:
        return WalkthroughResult(
            str(path), ERROR, error=str(exc), seconds=time.perf_counter() - started
        )
    try:
        return run_walkthrough(walkthrough, analyze=analyze, grader=grader)
    except Exception as exc:  # a crash in one walkthrough must not hide the others
        text = str(exc) if isinstance(exc, LocatedError) else f"{type(exc).__name__}: {exc}"
        return WalkthroughResult(
            walkthrough.test_id, ERROR, error=text, walkthrough=walkthrough,
            seconds=time.perf_counter() - started,
        )  # fmt: skip


def find_walkthroughs(paths: Iterable[Path]) -> list[Path]:
    """Walkthrough files named, found in folders, or next to the scenario files named."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and is_walkthrough_file(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file() and is_walkthrough_file(path):
            out.append(path)
        elif path.is_file() and path.suffix in SCENARIO_SUFFIXES:
            stem = path.name.rsplit(".", 1)[0]
            out += sorted(
                p for p in path.parent.glob(f"{stem}.*") if p.is_file() and is_walkthrough_file(p)
            )
        else:
            raise NotFoundError(f"{path}: no such walkthrough, scenario file or folder")
    seen: set[Path] = set()
    unique = []
    for p in out:
        if p.resolve() not in seen:
            seen.add(p.resolve())
            unique.append(p)
    return unique


@dataclass
class TestRun:
    results: list[WalkthroughResult]
    seconds: float

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return bool(self.results) and self.count(PASSED) == len(self.results)

    def summary(self) -> str:
        parts = [
            f"{self.count(s)} {word}"
            for s, word in ((FAILED, "failed"), (PASSED, "passed"), (ERROR, "error"))
            if self.count(s) or s == PASSED
        ]
        if self.count(ERROR) > 1:
            parts[-1] += "s"
        return ", ".join(parts) + f" in {self.seconds:.2f}s"

    def to_json(self) -> dict[str, object]:
        return {
            "passed": self.count(PASSED),
            "failed": self.count(FAILED),
            "errors": self.count(ERROR),
            "seconds": round(self.seconds, 4),
            "results": [r.to_json() for r in self.results],
        }


def run_paths(
    paths: Iterable[Path],
    *,
    keyword: str | None = None,
    analyze: Analyze | None = None,
    grader: Grader | None = None,
    stop_first: bool = False,
) -> TestRun:
    started = time.perf_counter()
    results: list[WalkthroughResult] = []
    for path in find_walkthroughs(paths):
        if keyword and keyword.lower() not in str(path).lower():
            continue
        result = run_file(path, analyze=analyze, grader=grader)
        results.append(result)
        if stop_first and result.status != PASSED:
            break
    return TestRun(results, time.perf_counter() - started)
