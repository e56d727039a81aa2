"""The blind validity suite: trainer-written plays with a trainer's verdict, graded headlessly.

Each folder ``tests/data/validity/<set>/<scenario-id>/`` holds one trainer's replies files
for one scenario, written without seeing the phrasebooks or the rubric, and
``verdicts.yaml`` with the trainer's verdict (pass/fail), rank and reason for each. The
sets were written by different trainers at different times; ``tests/data/validity_heldout``
is laid out the same way and is never used to tune the grading. Every play is run with
the real analyser, customer and rubric for several seeds, and three figures come out:

- verdict agreement: the share of (play, seed) runs whose pass/fail equals the trainer's;
- pair order: the share of (pass-worthy, fail-worthy) pairs of the same trainer and
  scenario in which the pass-worthy play scores higher overall (an ungraded play counts
  as below 0);
- gamed passes: plays in a gaming style (harmful advice, one template, parroting,
  keyword stuffing: named so in the file name) that pass on any seed.

Print the figures with::

    .venv/bin/python -m tests.quality.validity [--held-out | --dir FOLDER] [--plays]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from simulator.engine.headless import play_script
from simulator.engine.replies import load_replies
from simulator.scenario.catalog import load_scenario

DATA = Path(__file__).resolve().parents[1] / "data" / "validity"
# Plays by another trainer for eight scenarios, never used to tune the grading:
# scored as they are, to see how far the rules generalise.
HELD_OUT = Path(__file__).resolve().parents[1] / "data" / "validity_heldout"
SEEDS: tuple[int, ...] = (0, 1, 2)
GAMING = re.compile(r"harmful|template|parrot|stuff", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PlayRun:
    group: str  # one writer's plays of one scenario: the set's folder and the scenario's
    scenario: str
    file: str
    seed: int
    expected_pass: bool
    rank: int
    passed: bool
    overall: int | None
    outcome: str | None

    @property
    def agrees(self) -> bool:
        return self.passed == self.expected_pass

    @property
    def gaming(self) -> bool:
        return GAMING.search(self.file) is not None

    @property
    def order_score(self) -> float:
        return -1.0 if self.overall is None else float(self.overall)


@dataclass(frozen=True, slots=True)
class Figures:
    runs: tuple[PlayRun, ...]

    @property
    def agreement(self) -> float:
        return sum(r.agrees for r in self.runs) / len(self.runs)

    def pairs(self) -> tuple[int, int]:
        """(pairs ordered correctly, all pairs): pass-worthy above fail-worthy, same group and seed."""
        good = total = 0
        for p in self.runs:
            if not p.expected_pass:
                continue
            for f in self.runs:
                if f.expected_pass or f.group != p.group or f.seed != p.seed:
                    continue
                total += 1
                good += p.order_score > f.order_score
        return good, total

    @property
    def pair_order(self) -> float:
        good, total = self.pairs()
        return good / total if total else 1.0

    @property
    def gamed_passes(self) -> tuple[PlayRun, ...]:
        return tuple(r for r in self.runs if r.gaming and r.passed)


def scenario_dirs(data: Path = DATA) -> list[Path]:
    """Every folder under ``data`` with a ``verdicts.yaml``: one writer's plays of one scenario."""
    return sorted(p.parent for p in data.rglob("verdicts.yaml"))


def run_scenario(folder: Path, seeds: tuple[int, ...] = SEEDS, group: str = "") -> list[PlayRun]:
    verdicts = yaml.safe_load((folder / "verdicts.yaml").read_text(encoding="utf-8"))
    scenario = load_scenario(verdicts["scenario"])
    runs: list[PlayRun] = []
    for play in verdicts["plays"]:
        entries = load_replies(folder / play["file"])
        for seed in seeds:
            result = play_script(scenario, entries, seed=seed).result
            grade = result.grade
            runs.append(
                PlayRun(
                    group=group or folder.name,
                    scenario=scenario.id,
                    file=play["file"],
                    seed=seed,
                    expected_pass=play["verdict"] == "pass",
                    rank=int(play["rank"]),
                    passed=grade.passed,
                    overall=grade.overall,
                    outcome=result.transcript.outcome,
                )
            )
    return runs


def measure(seeds: tuple[int, ...] = SEEDS, data: Path = DATA) -> Figures:
    runs: list[PlayRun] = []
    for folder in scenario_dirs(data):
        runs.extend(run_scenario(folder, seeds, folder.relative_to(data).as_posix()))
    return Figures(tuple(runs))


def report(figures: Figures, plays: bool = False) -> str:
    good, total = figures.pairs()
    lines = [
        f"plays: {len({(r.group, r.file) for r in figures.runs})} x seeds {list(SEEDS)}",
        f"verdict agreement: {figures.agreement:.1%}",
        f"pair order: {figures.pair_order:.1%} ({good}/{total})",
        f"gamed plays passing: {len(figures.gamed_passes)}",
    ]
    if plays:
        for r in figures.runs:
            mark = "ok " if r.agrees else "BAD"
            verdict = "pass" if r.expected_pass else "fail"
            lines.append(
                f"{mark} {r.group:34} {r.file:28} s{r.seed} trainer={verdict:4} "
                f"passed={r.passed!s:5} overall={r.overall} outcome={r.outcome}"
            )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a reporting entry point
    data = HELD_OUT if "--held-out" in sys.argv else DATA
    if "--dir" in sys.argv:  # another set laid out the same way (one folder per scenario)
        data = Path(sys.argv[sys.argv.index("--dir") + 1])
    sys.stdout.write(report(measure(data=data), plays="--plays" in sys.argv) + "\n")
