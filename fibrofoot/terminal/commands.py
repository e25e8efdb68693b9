"""The command line's grammar and its commands: the walkthrough, `report` and `questions`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from fibrofoot import __version__
from fibrofoot.errors import EXIT_USAGE, FibrofootError
from fibrofoot.render.formats import FORMATS
from fibrofoot.safe_text import ascii_int, shown_path
from fibrofoot.terminal.cli import say_to_terminal

if TYPE_CHECKING:
    from datetime import date

    from fibrofoot.bank.models import Bank
    from fibrofoot.terminal.screen import Streams

EXAMPLES = """\
examples:
  fibrofoot                          start the guided walkthrough
  fibrofoot --plain                  numbered answers typed as text (screen readers)
  fibrofoot --answers saved.yaml     start again from saved answers
  fibrofoot report saved.yaml -o summary.html
                                     make a printable summary from saved answers
  fibrofoot questions --check        check the question bank after editing it
  fibrofoot checkin                  a one-minute check-in between appointments
  fibrofoot history                  what you chose to keep, newest first
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise FibrofootError(f"{message}\nRun 'fibrofoot --help' to see the commands.", EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fibrofoot",
        description=(
            "A private, offline walkthrough that helps you prepare to talk about foot pain\n"
            "with a clinician. It is not a diagnosis. Nothing leaves this computer."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"fibrofoot {__version__}")
    parser.add_argument("--questions", type=Path, metavar="DIR", help="use another question bank")
    parser.add_argument(
        "--answers", type=Path, metavar="FILE", help="pre-fill from an answers file"
    )
    parser.add_argument(
        "--plain", action="store_true", help="numbered choices typed as text, no menus or colour"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    report = commands.add_parser(
        "report",
        help="turn an answers file into a summary",
        description="Turn an answers file (YAML or JSON, question id to answer) into a summary.",
    )
    report.add_argument("answers_file", type=Path, metavar="ANSWERS")
    report.add_argument("--format", choices=FORMATS, help="default: from -o, else text")
    report.add_argument("-o", "--output", type=Path, metavar="PATH", help="write to a file")
    report.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    report.add_argument(
        "--since", type=_date, metavar="DATE", help="the period the history's chart shows"
    )
    report.add_argument("--questions", type=Path, metavar="DIR", default=argparse.SUPPRESS)

    questions = commands.add_parser(
        "questions",
        help="check or export the question bank",
        description="Check or export a question bank (the shipped one unless DIR is given).",
    )
    action = questions.add_mutually_exclusive_group(required=True)
    action.add_argument("--check", nargs="?", const=True, metavar="DIR", help="validate a bank")
    action.add_argument("--json", action="store_true", help="print the bank as JSON")
    action.add_argument("--fhir", action="store_true", help="print it as a FHIR R4 Questionnaire")
    questions.add_argument("--questions", type=Path, metavar="DIR", default=argparse.SUPPRESS)
    _history_parsers(commands)
    return parser


def _history_parsers(commands: argparse._SubParsersAction[Any]) -> None:
    """checkin, history, export and forget: the opt-in history (issue 13)."""
    bank = {"type": Path, "metavar": "DIR", "default": argparse.SUPPRESS}
    plain = {"action": "store_true", "default": argparse.SUPPRESS, "help": "no menus or colour"}
    checkin = commands.add_parser(
        "checkin",
        help="a one-minute check-in between appointments",
        description="A few questions about today; kept only if you say so (or pass --keep).",
    )
    checkin.add_argument("--keep", action="store_true", help="keep it without asking")
    history = commands.add_parser(
        "history",
        help="what you chose to keep, newest first",
        description="One line per kept entry, newest first, and a small trend of the pain "
        "numbers. With --add, keep saved answers files as entries.",
    )
    history.add_argument("--add", nargs="+", type=Path, metavar="FILE", help="keep these files")
    history.add_argument("--date", type=_date, help="with --add: the date they were taken")
    export = commands.add_parser(
        "export",
        help="write what you kept to a file",
        description="Write the kept entries as JSON, CSV or FHIR (.json, .csv, .fhir.json).",
    )
    export.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    forget = commands.add_parser(
        "forget",
        help="delete kept entries",
        description="Delete the entries kept on DATE, or everything with --all.",
    )
    forget.add_argument("day", nargs="?", type=_date, metavar="DATE", help="YYYY-MM-DD")
    forget.add_argument("--all", action="store_true", help="delete the whole history")
    forget.add_argument("--yes", action="store_true", help="do not ask first")
    for command in (history, export):
        command.add_argument("--since", type=_date, metavar="DATE", help="from this date on")
        command.add_argument("--until", type=_date, metavar="DATE", help="up to this date")
    for command in (checkin, history, export, forget):
        command.add_argument("--questions", **bank)
    for command in (checkin, history):
        command.add_argument("--plain", **plain)


def _date(text: str) -> date:
    """A date typed as YYYY-MM-DD in ASCII digits."""
    from datetime import date

    if len(text) == 10 and text[4] == text[7] == "-":
        year, month, day = (ascii_int(part, 0, 9999) for part in (text[:4], text[5:7], text[8:]))
        if year and month and day:
            try:
                return date(year, month, day)
            except ValueError:
                pass
    raise argparse.ArgumentTypeError("use a date written like 2026-01-15")


# Formats whose last line on a screen is the consult message; after JSON, FHIR and HTML on a
# terminal (a closing brace or tag is their last line) it is said once more.
_ENDS_ON_SCREEN = ("text", "markdown")


def run_command(args: argparse.Namespace, streams: Streams) -> str | None:
    """Run what `args` asks for; return the consult message still to be said, if any."""
    if args.command is None:
        from fibrofoot.terminal.start import start_walkthrough

        start_walkthrough(
            args.questions, streams, answers_file=args.answers, plain=args.plain, today=_today()
        )
        return None
    bank = _load_bank(args)
    if args.command in ("checkin", "history", "export", "forget"):
        from fibrofoot.terminal.history_commands import run_history_command

        run_history_command(args, bank, streams)
        return bank.messages.consult
    if args.command == "report":
        fmt = _report(args, bank, streams)
        from fibrofoot.terminal.screen import is_terminal

        if fmt in _ENDS_ON_SCREEN and args.output is None and is_terminal(streams.output):
            return None  # the summary on the screen already ends with the consult message
    else:
        _questions(args, bank, streams)
    return bank.messages.consult


def _load_bank(args: argparse.Namespace) -> Bank:
    from fibrofoot.bank.load import load_bank

    check = getattr(args, "check", None)
    folder = Path(check) if isinstance(check, str) else args.questions
    return load_bank(folder)


_LAST_EPOCH = 253_402_300_799  # 9999-12-31 23:59:59 UTC, the last moment `datetime` can hold


def _today() -> date:
    """Today, or the date in SOURCE_DATE_EPOCH (ASCII digits, up to the end of year 9999) for
    reproducible output."""
    from datetime import UTC, date, datetime

    epoch = ascii_int(os.environ.get("SOURCE_DATE_EPOCH", ""), 0, _LAST_EPOCH)
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=UTC).date()
    return date.today()


def _report(args: argparse.Namespace, bank: Bank, streams: Streams) -> str:
    """Write the summary where `args` says; return the format written."""
    from fibrofoot.answers import read_answers, validate_answers
    from fibrofoot.files import path_kind
    from fibrofoot.render.formats import EXTENSIONS, format_for_path, render
    from fibrofoot.summary import build_summary

    fmt = args.format
    if args.output is not None and path_kind(args.output) != "folder":  # it has its own message
        named = format_for_path(args.output)
        if fmt is None and named is None:
            raise FibrofootError(
                f"{shown_path(args.output)}: the name does not say which format to write; end it "
                f"in {', '.join(EXTENSIONS)}, or add --format.",
                EXIT_USAGE,
            )
        if fmt is not None and named is not None and named != fmt:
            raise FibrofootError(
                f"{shown_path(args.output)} names a {named} file but --format is {fmt}; "
                "make the two agree.",
                EXIT_USAGE,
            )
        fmt = fmt or named
    fmt = fmt or "text"
    answers = validate_answers(bank, read_answers(args.answers_file), str(args.answers_file))
    summary = build_summary(bank, answers, _today(), __version__)
    from fibrofoot.terminal.history_commands import with_history

    summary = with_history(bank, summary, streams.terminal, since=args.since)
    text = render(summary, fmt, bank)
    if args.output is None:
        from fibrofoot.terminal.screen import write_output

        write_output(text, streams.output)
        return fmt
    from fibrofoot.files import write_private

    write_private(args.output, text, overwrite=args.force)
    saved = f"Saved the {fmt} summary to {shown_path(args.output)} (readable only by you)."
    say_to_terminal(streams.terminal, saved)
    return fmt


def _questions(args: argparse.Namespace, bank: Bank, streams: Streams) -> None:
    from fibrofoot.terminal.screen import write_output

    if args.json:
        from fibrofoot.bank.export import bank_json

        write_output(bank_json(bank), streams.output)
    elif args.fhir:
        from fibrofoot.render.fhir import questionnaire_json

        write_output(questionnaire_json(bank, __version__), streams.output)
    else:
        count = len(bank.questions)
        say_to_terminal(
            streams.terminal,
            f"The question bank is valid: {count} questions in {len(bank.sections)} sections, "
            f"{len(bank.signals)} signals, {len(bank.red_flags)} red flags.",
        )
