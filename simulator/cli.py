"""The `roleplay` command: a thin layer over the library, and the one error boundary.

Each subcommand lives in ``simulator/commands/<name>.py`` with ``register(subparsers)``
(which builds its parser and sets ``func``) and keeps heavy imports inside its run
function, so ``roleplay --help`` starts fast.

:func:`main` is where every failure becomes a message and an exit code (the table is
in :mod:`simulator.errors` and the README): errors the library raises on purpose,
files and devices that cannot be read or written, a full disk, a closed pipe, Ctrl-C.
Anything else is a bug: one line on stderr names the crash report written to the
user's cache folder; no traceback reaches the trainee's screen.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import json
import os
import sys
from collections.abc import Sequence

from scoring.errors import ScoringError
from scoring.safe_text import json_terminal_safe, printable
from simulator.errors import (
    EXIT_CRASH,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    LocatedError,
    RoleplayError,
)
from simulator.version import installed_version

COMMANDS: tuple[str, ...] = (
    "list_cmd",
    "play",
    "check",
    "debrief",
    "replay",
    "export",
    "report",
    "trainees",
    "db",
    "lint",
    "schema",
    "graph",
    "test_cmd",
    "new",
    "completion",
    "dispute",
    "review",
)


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors passed through the text-safety filter."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {printable(message)}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="roleplay",
        description="Practise complaint handling against scripted customers and get a graded debrief.",
        epilog=(
            "exit codes: 0 done; 1 invalid input or not found (the message says what and "
            "where); 2 wrong command line; 70 unexpected failure (a crash report is "
            "written); 130 interrupted (Ctrl-C)"
        ),
    )
    parser.add_argument("--version", action="version", version=f"roleplay {installed_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"simulator.commands.{name}")
        module.register(sub)
    parser.set_defaults(root_parser=parser)  # `roleplay completion` completes this parser
    return parser


def _wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False)) or getattr(args, "format", None) == "json"


def _report(
    message: str, code: int, as_json: bool, kind: str, exc: BaseException | None = None
) -> int:
    """Write the error: always as text on stderr; with ``--json`` also as one JSON object
    on stdout (``{"error": {...}}``), so a program reading stdout sees what went wrong."""
    text = printable(message)
    if as_json:
        first, _, rest = text.partition("\n  hint: ")
        doc: dict[str, object] = {"kind": kind, "message": first, "hint": rest, "exit_code": code}
        if isinstance(exc, LocatedError):
            loc = exc.location
            doc.update(
                message=exc.message, hint=exc.hint, code=exc.code,
                path=loc.path, line=loc.line, column=loc.column,
            )  # fmt: skip
        _write_quietly(
            sys.stdout, json_terminal_safe(json.dumps({"error": doc}, ensure_ascii=False)) + "\n"
        )
    _write_quietly(sys.stderr, f"roleplay: {text}\n")
    return code


def _write_quietly(stream: object, text: str) -> None:
    try:
        stream.write(text)  # type: ignore[attr-defined]
        stream.flush()  # type: ignore[attr-defined]
    except (OSError, ValueError):
        pass


def _detach_stdout() -> None:
    """After stdout failed (closed pipe, full device), point it at /dev/null so the
    interpreter's final flush cannot fail with "Exception ignored"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _tolerant_streams() -> None:
    """A terminal that cannot show every character (a Latin-1 or ASCII locale) gets '?'
    for the rest instead of a failure halfway through a debrief."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    args = argparse.Namespace()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)  # --help, --version and usage errors exit here
    except SystemExit:  # --help, --version, a usage error: argparse's own exit
        if _stdout_failed():
            _detach_stdout()
        raise
    except BaseException as exc:
        return _finish(EXIT_CRASH, args, argv, exc)
    return _finish(EXIT_OK, args, argv, None, parser)


def _finish(
    code: int,
    args: argparse.Namespace,
    argv: Sequence[str] | None,
    failure: BaseException | None,
    parser: argparse.ArgumentParser | None = None,
) -> int:
    """Run the command (if the line was parsed) and turn whatever happens into an exit code."""
    try:
        if failure is not None:
            raise failure
        if parser is not None:
            if getattr(args, "func", None):
                code = args.func(args)
            else:
                parser.print_help()
                code = EXIT_USAGE
        sys.stdout.flush()
    except BaseException as exc:  # the boundary: everything becomes an exit code
        return _convert(exc, args, argv)
    return code


def _convert(exc: BaseException, args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    """The message and exit code for ``exc`` (the table is in the README)."""
    as_json = _wants_json(args)
    if isinstance(exc, SystemExit):  # argparse inside a command, or an explicit exit
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if isinstance(exc, RoleplayError | ScoringError):  # a phrasebook or pattern error too
        return _report(str(exc), exc.exit_code, as_json, type(exc).__name__, exc)
    if isinstance(exc, KeyboardInterrupt):
        return _report(
            "interrupted; nothing more was done", EXIT_INTERRUPTED, as_json, "interrupted"
        )
    if isinstance(exc, EOFError):  # Ctrl-D at a question (the trainee id, the scenario chooser)
        return _report(
            "no answer (end of input); nothing more was done",
            EXIT_INTERRUPTED,
            as_json,
            "interrupted",
        )
    if isinstance(exc, UnicodeDecodeError):  # text from stdin or a file that is not UTF-8
        return _report(
            f"the input is not valid UTF-8 text (byte {exc.start})\n  hint: save it as UTF-8",
            EXIT_INVALID,
            as_json,
            "encoding",
        )
    if isinstance(exc, BrokenPipeError):
        _detach_stdout()  # the reader (e.g. `| head`) has all it wanted
        return EXIT_OK
    if isinstance(exc, OSError):
        from simulator.input_file import describe

        what, hint = describe(exc)
        if exc.filename is None and (exc.errno in _OUTPUT_ERRNOS or _stdout_failed()):
            _detach_stdout()
            return _report(
                f"cannot write to standard output: {what}\n  hint: use --out FILE, or free space",
                EXIT_INVALID,
                False,
                "output",
            )
        where = f"{exc.filename}: " if exc.filename else ""
        return _report(f"{where}{what}\n  hint: {hint}", EXIT_INVALID, as_json, "file")
    if not isinstance(exc, Exception):  # another BaseException (GeneratorExit …): not ours
        raise exc
    from simulator.crash_report import write_crash_report

    try:
        raise exc  # so the report has the traceback of the failure itself
    except Exception:
        return _report(write_crash_report(argv), EXIT_CRASH, as_json, "crash")


_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG})


def _stdout_failed() -> bool:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        return True
    return False


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
