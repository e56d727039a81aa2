"""Reading a scenario's ``moves:`` section: the right steps and the wrong ones.

```yaml
moves:
  right:
    - id: unlock
      summary: Unlock the account and text a temporary password
      keywords: ["unlock", "temporary password|text"]   # every group in one sentence
      after: [restate_first]                          # optional order
      required: true                                  # default
      sentences: 1                                    # groups spread over 1-3 sentences
    - id: hand_off
      summary: Hand the case to second line
      escalate: [second_line]                         # made by /escalate second_line
  wrong:
    - id: password_in_chat
      summary: Asking for his password in the chat
      keywords: ["type|send|tell|give", "password"]
      severity: blocker                               # or penalty (default)
      advice: Never ask for a password; reset it instead.
      reaction: {say: ["…"], patience: -1, mood: -1, to: suspicious}
```
"""

from __future__ import annotations

from scoring.moves import (
    BLOCKER,
    MAX_SENTENCES,
    PENALTY,
    RIGHT,
    SEVERITIES,
    WRONG,
    Move,
    Reaction,
)
from simulator.scenario.field_reader import Fields, did_you_mean, fail
from simulator.scenario.model import StateSpec
from simulator.scenario.references import check_targets
from simulator.scenario.yaml_source import YNode

RIGHT_KEYS = ("id", "summary", "keywords", "escalate", "after", "required", "sentences")
WRONG_KEYS = ("id", "summary", "keywords", "severity", "advice", "reaction")
REACTION_KEYS = ("say", "patience", "mood", "to")


def read_moves(node: YNode | None, states: dict[str, StateSpec]) -> tuple[Move, ...]:
    """The scenario's moves, validated: ids unique, references known, keywords present."""
    if node is None:
        return ()
    f = Fields(node, "moves", (RIGHT, WRONG))
    moves: list[Move] = []
    seen: set[str] = set()
    for kind in (RIGHT, WRONG):
        lst = f.get(kind)
        if lst is None:
            continue
        if not lst.is_seq():
            raise fail(lst, f"moves.{kind} must be a list", code="E104")
        for i, item in enumerate(lst.value):
            move = _move(item, f"moves.{kind}[{i}]", kind, states, seen)
            seen.add(move.id)
            moves.append(move)
    return tuple(moves)


def _move(item: YNode, where: str, kind: str, states: dict[str, StateSpec], seen: set[str]) -> Move:
    f = Fields(item, where, RIGHT_KEYS if kind == RIGHT else WRONG_KEYS)
    move_id = f.text("id")
    if move_id in seen:
        raise fail(item, f"duplicate move id '{move_id}'", "give each move its own id", "E150")
    escalate = f.texts("escalate") if kind == RIGHT else ()
    if escalate:
        check_targets(f.require("escalate"), f"{where}.escalate", escalate)
    keywords = f.texts("keywords", required=not escalate)
    if kind == RIGHT:
        after = f.texts("after")
        for ref in after:
            if ref not in seen:
                raise fail(
                    f.require("after"),
                    f"{where}.after: '{ref}' is not a right move listed before this one",
                    did_you_mean(ref, seen) or "list the earlier move first",
                    "E151",
                )
        return Move(
            move_id,
            RIGHT,
            f.text("summary"),
            keywords,
            escalate,
            required=f.flag("required", True),
            after=after,
            sentences=f.integer("sentences", 1, 1, MAX_SENTENCES),
        )
    severity = f.choice("severity", SEVERITIES, PENALTY)
    return Move(
        move_id,
        WRONG,
        f.text("summary"),
        keywords,
        severity=severity if severity == BLOCKER else PENALTY,
        advice=f.text("advice", ""),
        reaction=_reaction(f.get("reaction"), f"{where}.reaction", states),
    )


def _reaction(node: YNode | None, where: str, states: dict[str, StateSpec]) -> Reaction:
    if node is None:
        return Reaction()
    f = Fields(node, where, REACTION_KEYS)
    to_node = f.get("to")
    to = None
    if to_node is not None:
        to = f.text("to")
        if to not in states:
            raise fail(
                to_node,
                f"{where}.to names unknown state '{to}'",
                did_you_mean(to, states) or "states: " + ", ".join(states),
                "E130",
            )
    return Reaction(
        say=f.texts("say"),
        patience=f.integer("patience", 0, -10, 10),
        mood=f.integer("mood", 0, -4, 4),
        to=to,
    )
