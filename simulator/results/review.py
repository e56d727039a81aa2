"""The review loop: rulings on disputed replies, the organisation's labelled set, regrading.

A trainee disputes how one reply was read (``/dispute`` while playing, ``roleplay dispute``
afterwards); a trainer upholds the dispute with the labels the reply deserves, or rejects
it (``roleplay review``). An upheld ruling

* becomes a labelled example in the organisation's local set (a TSV file in the format of
  the project's evaluation sets: ``labels<TAB>-<TAB>reply``) next to its phrasebook
  extension (:mod:`simulator.engine.organisation`), where ``roleplay review --check`` keeps
  testing it: each example the analyser reads differently from the ruling is reported, so
  a change to the extension that breaks a ruling is caught;
* is applied when the attempt is regraded: the disputed turn is graded with the trainer's
  labels instead of what the analyser found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from scoring.signal import AVOIDED, AVOIDED_CATEGORIES, SIGNAL_NAMES, Analysis, Signal
from scoring.transcript import Transcript, Turn
from simulator.engine.session import Analyze
from simulator.errors import RoleplayError, UsageError
from simulator.store.disputes import Dispute

KNOWN_LABELS = frozenset(
    [n for n in SIGNAL_NAMES if n != AVOIDED] + [f"{AVOIDED}:{c}" for c in AVOIDED_CATEGORIES]
)


def signal_label(signal: Signal) -> str:
    return f"{signal.name}:{signal.category}" if signal.name == AVOIDED else signal.name


def turn_labels(turn: Turn) -> tuple[str, ...]:
    """The labels the analyser found in a turn (sorted, without repeats)."""
    if turn.analysis is None:
        return ()
    return tuple(sorted({signal_label(s) for s in turn.analysis.signals}))


def parse_labels(text: str) -> tuple[str, ...]:
    """``"eta, avoided:vague"`` → sorted known labels; ``-`` or empty means none."""
    labels = {part.strip() for part in text.replace(";", ",").split(",")} - {"", "-"}
    unknown = sorted(labels - KNOWN_LABELS)
    if unknown:
        raise UsageError(
            f"unknown label(s): {', '.join(unknown)}; use signal names such as eta, empathy, "
            "or avoided:CATEGORY (see docs/analysis-quality.md)"
        )
    return tuple(sorted(labels))


def find_turn(transcript: Transcript, turn: int) -> Turn:
    for t in transcript.turns:
        if t.index == turn:
            return t
    raise UsageError(f"the attempt has no trainee turn {turn} (it has {len(transcript.turns)})")


def disputed_text(turn: Turn) -> str:
    return turn.text if turn.command is None else turn.note


def _ruled(turn: Turn, labels: tuple[str, ...], dispute_id: int) -> Turn:
    """The turn read with the trainer's labels: other signals dropped, missing ones added."""
    text = disputed_text(turn)
    kept = [] if turn.analysis is None else list(turn.analysis.signals)
    kept = [s for s in kept if signal_label(s) in labels]
    have = {signal_label(s) for s in kept}
    for label in labels:
        if label in have:
            continue
        name, _, category = label.partition(":")
        kept.append(
            Signal(name, (0, len(text)), text, f"review.{dispute_id}", category=category or None)
        )
    lang = turn.analysis.lang if turn.analysis is not None else "en"
    kept.sort(key=lambda s: (s.span[0], s.span[1], s.name, s.category or "", s.rule))
    return replace(turn, analysis=Analysis(text, lang, tuple(kept)))


def apply_rulings(transcript: Transcript, rulings: Iterable[Dispute]) -> Transcript:
    """The transcript with every upheld ruling applied to its turn (later rulings win)."""
    upheld = {d.turn: d for d in sorted(rulings, key=lambda d: d.id) if d.status == "upheld"}
    if not upheld:
        return transcript
    turns = tuple(
        _ruled(t, upheld[t.index].labels or (), upheld[t.index].id) if t.index in upheld else t
        for t in transcript.turns
    )
    return replace(transcript, turns=turns)


# -- the organisation's labelled set ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Example:
    line: int
    labels: tuple[str, ...]
    scenario: str  # the scenario the reply was made in ("-": none), for facts and names
    text: str


def append_example(
    path: Path, labels: tuple[str, ...], scenario: str, text: str, source: str
) -> None:
    """Add a ruled reply to the local set (created with a header on first use)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    flat = " ".join(text.split())
    with path.open("a", encoding="utf-8") as fh:
        if new:
            fh.write(
                "# Replies ruled on in `roleplay review`: labels<TAB>scenario<TAB>reply.\n"
                "# `roleplay review --check` tests the phrasebooks against every line.\n"
            )
        fh.write(f"# {source}\n{','.join(labels) or '-'}\t{scenario}\t{flat}\n")


def read_examples(path: Path) -> list[Example]:
    if not path.exists():
        return []
    out: list[Example] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise UsageError(f"{path}:{n}: expected labels<TAB>scenario<TAB>reply")
        out.append(Example(n, parse_labels(parts[0]), parts[1], parts[2]))
    return out


@dataclass(frozen=True, slots=True)
class Disagreement:
    example: Example
    found: tuple[str, ...]


def check_examples(examples: list[Example], lang: str, analyze: Analyze) -> list[Disagreement]:
    """Every example the analyser reads differently from its ruling (in its scenario's
    context: facts, names, register; a scenario no longer installed reads without one)."""
    from scoring.context import ReplyContext
    from simulator.scenario.catalog import load_scenario

    contexts: dict[str, ReplyContext] = {"-": ReplyContext(lang=lang)}
    out = []
    for example in examples:
        context = contexts.get(example.scenario)
        if context is None:
            try:
                context = load_scenario(example.scenario).reply_context()
            except RoleplayError:
                context = contexts["-"]
            contexts[example.scenario] = context
        analysis = analyze(example.text, context)
        found = tuple(sorted({signal_label(s) for s in analysis.signals}))
        if found != example.labels:
            out.append(Disagreement(example, found))
    return out
