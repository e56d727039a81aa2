"""`roleplay dispute SESSION TURN --reason TEXT`: question how one reply was read."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "dispute",
        help="dispute how one of your replies was read",
        description=(
            "Dispute a point of your debrief: say which turn (as numbered in the debrief) the "
            "analyser read wrongly and why. A trainer rules on it with `roleplay review`; an "
            "upheld dispute regrades the attempt. The same as /dispute while playing."
        ),
    )
    p.add_argument("session", type=int, metavar="SESSION", help="session id of the attempt")
    p.add_argument("turn", type=int, metavar="TURN", help="the turn number in the debrief")
    p.add_argument("--reason", required=True, help="what was read wrongly, in a sentence")
    p.add_argument("--json", action="store_true", help="print the dispute as JSON")
    p.add_argument("--db", metavar="PATH|URL", help="results database")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from simulator.results.regrade import load_attempt
    from simulator.results.review import find_turn, turn_labels
    from simulator.store.disputes import Disputes
    from simulator.store.results_store import ResultStore

    with ResultStore.open(args.db, create=False) as store:
        attempt = load_attempt(str(args.session), store)
        record = attempt.record
        assert record is not None
        turn = find_turn(attempt.transcript, args.turn)
        dispute = Disputes(store).file(
            record.id, turn.index, args.reason, turn_labels(turn), datetime.now(UTC)
        )
    if args.json:
        sys.stdout.write(json.dumps(dispute.to_json(), ensure_ascii=False) + "\n")
    else:
        found = ", ".join(dispute.found) or "nothing"
        sys.stdout.write(
            f"dispute {dispute.id} filed on session {record.id}, turn {dispute.turn} "
            f"(the analyser found: {found}); a trainer rules on it with `roleplay review`\n"
        )
    return 0
