"""The command line's grammar. Kept apart from `cli.py` so `--version` never imports argparse."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from fibrofoot import __version__
from fibrofoot.errors import EXIT_USAGE, FibrofootError
from fibrofoot.render.formats import FORMATS

EXAMPLES = """\
examples:
  fibrofoot                          start the guided walkthrough
  fibrofoot --plain                  numbered answers typed as text (screen readers)
  fibrofoot --answers saved.yaml     start again from saved answers
  fibrofoot report saved.yaml -o summary.html
                                     make a printable summary from saved answers
  fibrofoot questions --check        check the question bank after editing it
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
    report.add_argument("--format", choices=FORMATS, help="default: from -o, else text")
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
