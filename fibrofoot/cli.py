"""Command line: argv in, exit code out. The one place that turns errors into messages.

Heavy libraries (pydantic, yaml, questionary, jinja2) are imported inside the commands so that
`--version` and `--help` answer at once.
"""

from __future__ import annotations

import os
import sys

from fibrofoot import __version__
from fibrofoot.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, FibrofootError

TYPE_CHECKING = False  # not `from typing import ...`: every millisecond counts for --version
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from datetime import date
    from typing import NoReturn

    from fibrofoot.bank.models import Bank

# What `build_parser().format_help()` prints at 80 columns, kept here so --help needs no
# argparse import; tests/test_cli.py checks the two agree.
HELP = """\
usage: fibrofoot [-h] [--version] [--questions DIR] [--answers FILE] [--plain]
                 COMMAND ...

A private, offline walkthrough that helps you prepare to talk about foot pain
with a clinician. It is not a diagnosis. Nothing leaves this computer.

positional arguments:
  COMMAND
    report         turn an answers file into a summary
    questions      check or export the question bank

options:
  -h, --help       show this help message and exit
  --version        show program's version number and exit
  --questions DIR  use another question bank
  --answers FILE   pre-fill from an answers file
  --plain          numbered choices typed as text, no menus or colour

examples:
  fibrofoot                          start the guided walkthrough
  fibrofoot --plain                  numbered answers typed as text (screen readers)
  fibrofoot --answers saved.yaml     start again from saved answers
  fibrofoot report saved.yaml -o summary.html
                                     make a printable summary from saved answers
  fibrofoot questions --check        check the question bank after editing it
"""
# Used only when no bank can be read at all, so even that path ends with this advice.
FALLBACK_CONSULT = (
    "Please talk to a doctor or another healthcare professional about your foot pain."
)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if words in (["--version"], ["-V"]):
        print(f"fibrofoot {__version__}")
        return EXIT_OK
    if words in (["--help"], ["-h"]):
        print(HELP, end="")
        return EXIT_OK
    loaded: list[Bank] = []  # the bank in use, once it is valid
    folder: str | None = None
    try:
        from fibrofoot.arguments import build_parser

        args = build_parser().parse_args(words)
        folder = args.questions
        if args.command is None:
            from fibrofoot.start import start_walkthrough

            return start_walkthrough(
                args.questions,
                answers_file=args.answers,
                plain=args.plain,
                today=_today(),
                on_loaded=loaded.append,
            )
        loaded.append(_load_bank(args))
        if args.command == "report":
            _report(args, loaded[0])
            if args.output is None and sys.stdout.isatty():
                return EXIT_OK  # the summary on the screen already ends with the consult message
        else:
            _questions(args, loaded[0])
        _say("")
        _say(loaded[0].messages.consult)
        return EXIT_OK
    except FibrofootError as error:
        _say(f"fibrofoot: {error.message}", wrap=False)  # paths stay whole for copying
        _say("")
        _say(_consult(loaded, folder))
        return error.exit_code
    except (KeyboardInterrupt, EOFError):  # Ctrl-C anywhere; Ctrl-D in a text box
        _say("\nStopped.")
        _say("")
        _say(_consult(loaded, folder))
        return EXIT_INTERRUPTED


def _consult(loaded: list[Bank], folder: str | None) -> str:
    """The consult message that ends every path: the bank in use, else the one named with
    --questions, else the shipped one, else a built-in line."""
    if loaded:
        return loaded[0].messages.consult
    from pathlib import Path

    from fibrofoot.bank.load import load_bank

    for candidate in (Path(folder) if folder else None, None):
        try:
            return load_bank(candidate).messages.consult
        except FibrofootError:
            continue
    return FALLBACK_CONSULT


def run() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())


def _load_bank(args: argparse.Namespace) -> Bank:
    from pathlib import Path

    from fibrofoot.bank.load import load_bank

    check = getattr(args, "check", None)
    folder = check if isinstance(check, str) else args.questions
    return load_bank(Path(folder) if folder else None)


def _today() -> date:
    """Today, or the date in SOURCE_DATE_EPOCH for reproducible output."""
    from datetime import UTC, date, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def _report(args: argparse.Namespace, bank: Bank) -> None:
    from fibrofoot.answers import validate_answers
    from fibrofoot.answers_file import read_answers
    from fibrofoot.render.formats import EXTENSIONS, format_for_path, render
    from fibrofoot.summary import build_summary

    fmt = args.format
    if args.output is not None and not args.output.is_dir():  # a folder gets its own message
        named = format_for_path(args.output)
        if fmt is None and named is None:
            raise FibrofootError(
                f"{args.output}: the name does not say which format to write; end it in "
                f"{', '.join(EXTENSIONS)}, or add --format.",
                EXIT_USAGE,
            )
        if fmt is not None and named is not None and named != fmt:
            raise FibrofootError(
                f"{args.output} names a {named} file but --format is {fmt}; make the two agree.",
                EXIT_USAGE,
            )
        fmt = fmt or named
    fmt = fmt or "text"
    answers = validate_answers(bank, read_answers(args.answers_file), str(args.answers_file))
    summary = build_summary(bank, answers, _today(), __version__)
    text = render(summary, fmt, bank)
    if args.output is None:
        from fibrofoot.files import write_output

        write_output(text)
        return
    from fibrofoot.files import write_private

    write_private(args.output, text, overwrite=args.force)
    _say(f"Saved the {fmt} summary to {args.output} (readable only by you).")


def _questions(args: argparse.Namespace, bank: Bank) -> None:
    from fibrofoot.files import write_output

    if args.json:
        from fibrofoot.bank.export import bank_json

        write_output(bank_json(bank))
    elif args.fhir:
        from fibrofoot.render.fhir import questionnaire_json

        write_output(questionnaire_json(bank, __version__))
    else:
        count = len(bank.questions)
        _say(
            f"The question bank is valid: {count} questions in {len(bank.sections)} sections, "
            f"{len(bank.signals)} signals, {len(bank.red_flags)} red flags."
        )


def _say(text: str, wrap: bool = True) -> None:
    from fibrofoot.safe_text import harmless
    from fibrofoot.screen import say

    if wrap:
        say(sys.stderr, text)
    else:
        print(harmless(text), file=sys.stderr)
