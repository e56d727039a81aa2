"""The report of a walkthrough run, as `roleplay test` prints it (pytest-like)."""

from __future__ import annotations

from simulator.authoring.walkthrough_run import PASSED, TestRun, _signals


def render(run: TestRun, verbose: bool = False) -> str:
    """A pytest-like report: one line per walkthrough, the failures, a closing summary."""
    lines = [f"{r.test_id} {r.status.upper()}" for r in run.results]
    problems = [r for r in run.results if r.status != PASSED]
    if problems:
        lines.append(_rule("FAILURES"))
        for r in problems:
            lines.append(_rule(r.test_id, "_"))
            if r.error:
                lines.append(r.error)
            for failure in r.failures:
                lines.append(f"{failure.location}: {failure.message}")
                lines += [f"    {d}" for d in failure.detail]
            if r.states:
                lines.append(f"  path: {' -> '.join(r.states)}")
    if verbose:
        for r in run.results:
            if r.transcript is None:
                continue
            lines.append(_rule(r.test_id, "-"))
            lines.append(f"  opening: {r.opening!r}")
            for t in r.transcript.turns:
                lines.append(
                    f"  {t.index}. {t.state_before} -> {t.state_after} "
                    f"(mood {t.mood_after}, patience {t.patience_after}) [{_signals(t)}]"
                )
            if r.grade is not None:
                lines.append(f"  scores: {r.grade.scores()} overall {r.grade.overall}")
    if not run.results:
        lines.append("no walkthroughs found")
    lines.append(_rule(run.summary()))
    return "\n".join(lines) + "\n"


def _rule(title: str, char: str = "=") -> str:
    width = 78
    title = f" {title} "
    side = max(3, (width - len(title)) // 2)
    return char * side + title + char * side
