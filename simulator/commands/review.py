"""`roleplay review`: trainers list disputes, rule on them, and check the local set."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.store.results_store import ResultStore


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "review",
        help="list disputes and rule on them (trainers)",
        description=(
            "Without ID: list the open disputes (--status for others). With ID and --uphold "
            "LABELS: the reply deserved these labels — the ruling is stored, the reply joins "
            "the organisation's labelled set and the attempt is regraded. With --reject: the "
            "reading stands. --check runs the analyser over the labelled set and lists every "
            "reply it reads differently from its ruling (exit 1), a regression test for the "
            "organisation's phrasebook extension."
        ),
    )
    p.add_argument("id", nargs="?", type=int, metavar="ID", help="the dispute to rule on")
    rule = p.add_mutually_exclusive_group()
    rule.add_argument(
        "--uphold",
        metavar="LABELS",
        help='the labels the reply deserves, comma-separated ("eta,ownership"; "-" for none)',
    )
    rule.add_argument("--reject", action="store_true", help="the analyser's reading stands")
    rule.add_argument("--check", action="store_true", help="test the labelled set")
    p.add_argument("--note", help="the ruling's reason, shown to the trainee")
    p.add_argument("--trainer", help="who rules (shown in the debrief and exports)")
    p.add_argument(
        "--status",
        choices=("open", "upheld", "rejected", "all"),
        default="open",
        help="which disputes to list (default: open)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--db", metavar="PATH|URL", help="results database")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import UsageError

    if args.check:
        return _check(args)
    from simulator.store.results_store import ResultStore

    with ResultStore.open(args.db, create=False) as store:
        if args.id is None:
            if args.uphold is not None or args.reject:
                raise UsageError("give the id of the dispute to rule on")
            return _list(store, args)
        if args.uphold is None and not args.reject:
            raise UsageError("rule with --uphold LABELS or --reject")
        return _rule(store, args)


def _list(store: ResultStore, args: argparse.Namespace) -> int:
    from simulator.results.regrade import record_transcript
    from simulator.results.review import disputed_text, find_turn
    from simulator.store.disputes import Disputes
    from simulator.tui.terminal import clean

    found = Disputes(store).list(None if args.status == "all" else args.status)
    rows = []
    for d in found:
        record = store.attempt(d.attempt_id)
        text = disputed_text(find_turn(record_transcript(record), d.turn))
        rows.append((d, record.trainee_id, record.scenario_id, text))
    if args.json:
        for d, trainee, scenario, text in rows:
            data = d.to_json() | {"trainee": trainee, "scenario": scenario, "reply": text}
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return 0
    if not rows:
        sys.stdout.write(f"no {args.status if args.status != 'all' else ''} disputes\n")
    for d, trainee, scenario, text in rows:
        sys.stdout.write(
            f"#{d.id} [{d.status}] session {d.attempt_id} turn {d.turn} · {clean(trainee)} · "
            f"{scenario}\n  reply:  {clean(text)}\n  found:  {', '.join(d.found) or '-'}\n"
            f"  reason: {clean(d.reason)}\n"
        )
        if d.status != "open":
            sys.stdout.write(
                f"  ruling: {', '.join(d.labels or ()) or '-'} — {clean(d.note or '')}\n"
            )
    return 0


def _rule(store: ResultStore, args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from simulator.engine.organisation import local_set_path
    from simulator.results.regrade import load_attempt, regrade
    from simulator.results.review import append_example, disputed_text, find_turn, parse_labels
    from simulator.scenario.catalog import load_scenario
    from simulator.store.disputes import Disputes

    disputes = Disputes(store)
    dispute = disputes.get(args.id)
    labels = None if args.reject else parse_labels(args.uphold)
    status = "rejected" if args.reject else "upheld"
    ruled = disputes.rule(
        dispute.id,
        status,
        datetime.now(UTC),
        labels=labels,
        note=args.note,
        trainer=args.trainer,
    )
    out: dict[str, object] = {"dispute": ruled.to_json()}
    if ruled.status == "upheld" and labels is not None:
        attempt = load_attempt(str(ruled.attempt_id), store)
        record = attempt.record
        assert record is not None
        text = disputed_text(find_turn(attempt.transcript, ruled.turn))
        path = local_set_path(record.lang)
        source = f"session {record.id} turn {ruled.turn}, dispute {ruled.id}: {ruled.reason}"
        append_example(path, labels, record.scenario_id, text, source)
        scenario = load_scenario(record.scenario_id)
        upheld = disputes.list("upheld", attempt_id=record.id)
        result = regrade(attempt, scenario, keep_signals=True, rulings=upheld)
        store.save_grade(record.id, result.grade)
        out |= {
            "local_set": str(path),
            "old_overall": result.old_overall,
            "overall": result.grade.overall,
            "passed": result.grade.passed,
        }
    if args.json:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return 0
    sys.stdout.write(f"dispute {ruled.id}: {ruled.status}\n")
    if "local_set" in out:
        sys.stdout.write(
            f"added to the labelled set {out['local_set']}\n"
            f"session {ruled.attempt_id} regraded: overall {out['old_overall']} → "
            f"{out['overall']}\n"
        )
    return 0


def _check(args: argparse.Namespace) -> int:
    from simulator.engine.organisation import local_set_path
    from simulator.engine.session import default_analyze
    from simulator.results.review import check_examples, read_examples

    failures = 0
    total = 0
    for lang in ("en", "zh"):
        path = local_set_path(lang)
        examples = read_examples(path)
        total += len(examples)
        for miss in check_examples(examples, lang, default_analyze):
            failures += 1
            row = {
                "file": f"{path}:{miss.example.line}",
                "labels": list(miss.example.labels),
                "found": list(miss.found),
                "reply": miss.example.text,
            }
            if args.json:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(
                    f"{row['file']}: ruled {', '.join(miss.example.labels) or '-'}, "
                    f"found {', '.join(miss.found) or '-'}: {miss.example.text}\n"
                )
    if not args.json:
        sys.stdout.write(f"{total - failures} of {total} ruled replies read as ruled\n")
    return 1 if failures else 0
