"""Command line: argv in, exit code out. The one place that turns errors into messages.

Heavy libraries (pydantic, yaml, questionary, jinja2) are imported inside the commands so that
`--version` and `--help` answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from fibrofoot import __version__
from fibrofoot.errors import FibrofootError

if TYPE_CHECKING:
    from datetime import date

    from fibrofoot.bank.models import Bank

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
FORMAT_NAMES = ("text", "markdown", "html", "json", "fhir")
# Used only when the bank itself cannot be read, so even that path ends with this advice.
FALLBACK_CONSULT = (
    "Please talk to a doctor or another healthcare professional about your foot pain."
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise FibrofootError(f"{message}\nRun 'fibrofoot --help' to see the commands.", EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fibrofoot",
        description=(
            "A private, offline walkthrough that helps you prepare to talk about foot pain "
            "with a clinician. It does not diagnose. Run it with no command to start."
        ),
    )
    parser.add_argument("--version", action="version", version=f"fibrofoot {__version__}")
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
    report.add_argument("--format", choices=FORMAT_NAMES, help="default: from -o, else text")
    report.add_argument("-o", "--output", type=Path, metavar="PATH", help="write to a file")
    report.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    consult = FALLBACK_CONSULT
    try:
        args = build_parser().parse_args(argv)
        bank = _load_bank(args)
        consult = bank.messages.consult
        if args.command == "report":
            return _report(args, bank)
        if args.command == "questions":
            return _questions(args, bank)
        from fibrofoot.walkthrough import run_walkthrough

        return run_walkthrough(bank, answers_file=args.answers, plain=args.plain, today=_today())
    except FibrofootError as error:
        _say(f"fibrofoot: {error.message}")
        _say("")
        _say(consult)
        return error.exit_code
    except KeyboardInterrupt:
        _say("\nStopped. Nothing was saved.")
        _say("")
        _say(consult)
        return EXIT_INTERRUPTED


def run() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())


def _load_bank(args: argparse.Namespace) -> Bank:
    from fibrofoot.bank.load import load_bank

    check = getattr(args, "check", None)
    folder = Path(check) if isinstance(check, str) else args.questions
    return load_bank(folder)


def _today() -> date:
    """Today, or the date in SOURCE_DATE_EPOCH for reproducible output."""
    from datetime import UTC, date, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def _report(args: argparse.Namespace, bank: Bank) -> int:
    from fibrofoot.answers import validate_answers
    from fibrofoot.answers_file import read_answers
    from fibrofoot.render.formats import format_for_path, render
    from fibrofoot.summary import build_summary

    fmt = args.format or (args.output and format_for_path(args.output)) or "text"
    answers = validate_answers(bank, read_answers(args.answers_file), str(args.answers_file))
    summary = build_summary(bank, answers, _today(), __version__)
    text = render(summary, fmt, bank)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from fibrofoot.files import write_private

    write_private(args.output, text, overwrite=args.force)
    _say(f"Saved the {fmt} summary to {args.output} (readable only by you).")
    _say("")
    _say(summary.consult_message)
    return EXIT_OK


def _questions(args: argparse.Namespace, bank: Bank) -> int:
    if args.json:
        from fibrofoot.bank.export import bank_json

        sys.stdout.write(bank_json(bank))
    elif args.fhir:
        from fibrofoot.render.fhir import questionnaire_json

        sys.stdout.write(questionnaire_json(bank, __version__))
    else:
        count = len(bank.questions)
        _say(
            f"The question bank is valid: {count} questions in {len(bank.sections)} sections, "
            f"{len(bank.signals)} signals, {len(bank.red_flags)} red flags."
        )
    return EXIT_OK


def _say(text: str) -> None:
    from fibrofoot.render.common import harmless

    print(harmless(text), file=sys.stderr)
