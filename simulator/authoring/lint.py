"""`roleplay lint`: every problem of scenario (and walkthrough) files, with where and how to fix.

A file goes through these stages; a stage that finds errors stops the later ones:

1. safe reading: size, nesting depth and aliases are checked before anything is
   composed; YAML syntax; duplicate keys (E0xx, from :mod:`simulator.scenario.yaml_source`);
2. structure: the published JSON Schema, every violation at its line and column
   (E1xx, the loader's codes; :mod:`simulator.authoring.lint_schema`), YAML 1.1 booleans;
3. the scenario reader that play uses (:mod:`simulator.scenario.reader`), collecting
   instead of stopping: references (unknown states and facts, missing endings), the
   fields, and the design of the story (reachability, dead ends, endings, facts,
   variants). Play refuses exactly what this stage calls an error.

Across the files of a run, scenario ids must be unique.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simulator.errors import LocatedError, Location, NotFoundError
from simulator.scenario.catalog import SCENARIO_SUFFIXES, is_scenario_file
from simulator.scenario.issue import Collector, Issue, error, unique, warning
from simulator.scenario.model import Scenario
from simulator.scenario.yaml_source import YNode, decode_text, parse_yaml, read_bytes

WALKTHROUGH_SUFFIXES = (".walkthrough.yaml", ".walkthrough.yml")


def is_walkthrough_file(path: Path) -> bool:
    return path.name.endswith(WALKTHROUGH_SUFFIXES)


@dataclass
class FileReport:
    path: str
    kind: str = "scenario"
    issues: list[Issue] = field(default_factory=list)
    scenario: Scenario | None = None
    scenario_id: str | None = None
    id_location: Location | None = None

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


@dataclass
class LintReport:
    files: list[FileReport]
    issues: list[Issue]

    @property
    def error_count(self) -> int:
        return sum(1 for i in self.issues if i.is_error)

    @property
    def warning_count(self) -> int:
        return sum(1 for i in self.issues if not i.is_error)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        return (
            f"{n(self.error_count, 'error')}, {n(self.warning_count, 'warning')} "
            f"in {n(len(self.files), 'file')}"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "files": [f.path for f in self.files],
            "errors": self.error_count,
            "warnings": self.warning_count,
            "issues": [i.to_json() for i in self.issues],
        }


def lint_text(text: str, path: str = "<text>") -> FileReport:
    """Lint one scenario given as text."""
    report = FileReport(path)
    try:
        root = parse_yaml(text, path)
    except LocatedError as exc:
        report.issues.append(Issue.from_error(exc))
        return report
    _lint_tree(report, root, hashlib.sha256(text.encode()).hexdigest()[:16])
    return report


def lint_file(path: Path) -> FileReport:
    """Lint one scenario or walkthrough file."""
    if is_walkthrough_file(path):
        return _lint_walkthrough(path)
    report = FileReport(str(path))
    try:
        raw = read_bytes(path)
        root = parse_yaml(decode_text(raw, str(path)), str(path))
    except LocatedError as exc:
        report.issues.append(Issue.from_error(exc))
        return report
    _lint_tree(report, root, hashlib.sha256(raw).hexdigest()[:16])
    return report


def _lint_tree(report: FileReport, root: YNode, version_hash: str) -> None:
    from simulator.authoring.lint_schema import schema_issues
    from simulator.scenario.reader import read_scenario
    from simulator.scenario.references import yaml11_issues

    sink = Collector(strict=False)
    report.scenario = read_scenario(root, version_hash, report.path, sink, schema_issues)
    issues = sink.issues
    errors_at = {(i.location.line, i.location.column) for i in issues if i.is_error}
    issues += [
        w for w in yaml11_issues(root) if (w.location.line, w.location.column) not in errors_at
    ]
    id_node = root.value.get("id") if root.is_map() else None
    if id_node is not None and isinstance(id_node.value, str | int | float):
        report.scenario_id = str(id_node.raw if id_node.raw is not None else id_node.value)
        report.id_location = id_node.location
    report.issues = unique(issues)


def _lint_walkthrough(path: Path) -> FileReport:
    from simulator.authoring.walkthrough import load_walkthrough

    report = FileReport(str(path), kind="walkthrough")
    try:
        load_walkthrough(path)
    except LocatedError as exc:
        report.issues.append(Issue.from_error(exc))
    return report


def collect_files(paths: Iterable[Path], walkthroughs: bool = True) -> list[Path]:
    """Scenario (and walkthrough) files named, or found in the folders named."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in found.relative_to(path).parts):
                    continue
                if found.is_file() and (
                    is_scenario_file(found) or (walkthroughs and is_walkthrough_file(found))
                ):
                    out.append(found)
        elif path.exists() or path.suffix in SCENARIO_SUFFIXES:
            out.append(path)
        else:
            raise NotFoundError(f"{path}: no such file or folder")
    return out


def cross_file_issues(reports: Sequence[FileReport]) -> list[Issue]:
    """Duplicate scenario ids across files; a file name that differs from the id."""
    issues: list[Issue] = []
    first: dict[str, FileReport] = {}
    for report in reports:
        sid, loc = report.scenario_id, report.id_location
        if report.kind != "scenario" or sid is None or loc is None:
            continue
        if sid in first:
            other = first[sid]
            issues.append(
                error(
                    "E301",
                    loc,
                    f"scenario id '{sid}' is also used by {other.path}"
                    + (f":{other.id_location.line}" if other.id_location else ""),
                    "give each scenario its own id (and name the file ID.yaml)",
                )
            )
        else:
            first[sid] = report
        stem = Path(report.path).name.rsplit(".", 1)[0]
        if stem != sid and not report.errors:
            issues.append(
                warning(
                    "W301",
                    loc,
                    f"the file is named '{Path(report.path).name}' but the scenario id is '{sid}'",
                    f"rename the file to {sid}.yaml, so `roleplay play {sid}` finds it fast",
                )
            )
    return issues


def lint_paths(paths: Iterable[Path], walkthroughs: bool = True) -> LintReport:
    files = collect_files(paths, walkthroughs)
    reports = [lint_file(p) for p in files]
    across = cross_file_issues(reports)
    issues = [i for r in reports for i in r.issues] + across
    for issue in across:
        for report in reports:
            if report.path == issue.location.path:
                report.issues.append(issue)
    return LintReport(reports, unique(issues))


def render_text(report: LintReport) -> str:
    lines = [issue.render() for issue in report.issues]
    lines.append(("ok: " if report.ok else "failed: ") + report.summary())
    return "\n".join(lines) + "\n"
