"""Starting the walkthrough without keeping the person waiting.

The bank's YAML is read (fast, with libyaml) and its welcome text shown at once. While the
person reads it, a background thread validates the bank and imports the prompt library (the
slow part, about 150 ms); pressing Enter then starts the questions. The main thread is
blocked reading the keyboard meanwhile, so the two never compete for the interpreter.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, TextIO

from fibrofoot import __version__
from fibrofoot.errors import EXIT_USAGE, FibrofootError
from fibrofoot.terminal.cli import collect_from_now_on
from fibrofoot.terminal.screen import KEYS_HELP_MENUS, KEYS_HELP_PLAIN, Streams, read_line, say

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from fibrofoot.answers import Answers
    from fibrofoot.bank.load import BankFiles
    from fibrofoot.bank.models import Bank

_WITHOUT_A_TERMINAL = (
    "To make a summary without a terminal, write your answers to a file and run:\n"
    "  fibrofoot report ANSWERS.yaml\n"
    "(see 'fibrofoot report --help' and 'fibrofoot questions --json' for the question ids)."
)
NO_TERMINAL = (
    f"fibrofoot asks its questions in a terminal, and this input is not one.\n{_WITHOUT_A_TERMINAL}"
)
CLOSED_INPUT = (
    "fibrofoot asks its questions in a terminal, and its input is closed, so nothing can be "
    f"typed.\n{_WITHOUT_A_TERMINAL}"
)
WELCOME_KEYS = ("intro", "disclaimer", "privacy")


def start_walkthrough(
    folder: Path | None,
    streams: Streams,
    *,
    answers_file: Path | None,
    plain: bool,
    today: date,
) -> int:
    """Check the terminal, welcome the person, and run the walkthrough once the bank is ready."""
    plain = plain or os.environ.get("TERM") == "dumb"
    bank, prefill = _welcome_and_prepare(folder, streams, answers_file=answers_file, plain=plain)
    collect_from_now_on()  # paused by cli.main while starting (see there)
    from fibrofoot.terminal.walkthrough import run_walkthrough  # imported by the preparation

    assert streams.input is not None
    return run_walkthrough(
        bank,
        streams.input,
        streams.terminal,
        streams.output,
        prefill=prefill,
        plain=plain,
        today=today,
    )


def _welcome_and_prepare(
    folder: Path | None, streams: Streams, *, answers_file: Path | None, plain: bool
) -> tuple[Bank, Answers]:
    """The welcome on screen at once; the bank validated (and the prompts imported) meanwhile."""
    keyboard = streams.input
    if keyboard is None:  # started with `<&-`
        raise FibrofootError(CLOSED_INPUT, EXIT_USAGE)
    if not keyboard.isatty():
        raise FibrofootError(NO_TERMINAL, EXIT_USAGE)
    out = streams.terminal
    say(out, f"fibrofoot {__version__}")  # first words, before any YAML is read
    say(out)
    raw_answers = None
    if answers_file is not None:  # a wrong path or broken file is reported before anything else
        from fibrofoot.answers import read_answers

        raw_answers = read_answers(answers_file)
    from fibrofoot.bank.load import read_bank

    files = read_bank(folder)
    welcome = [files.message(key) for key in WELCOME_KEYS]
    preparation = _Preparation(files, plain)
    preparation.start()
    prefill: Answers = {}
    if None in welcome or files.problems or raw_answers is not None:
        # A bank file that cannot be read, or saved answers to check: settle that before the
        # welcome, not after. (A bank that reads but fails its checks is reported once the
        # person presses Enter; `questions --check` is where a bank's author meets that.)
        bank = preparation.result()
        welcome = [getattr(bank.messages, key) for key in WELCOME_KEYS]
        if raw_answers is not None:
            from fibrofoot.answers import validate_answers

            prefill = validate_answers(bank, raw_answers, str(answers_file))
    for paragraph in welcome_paragraphs([text or "" for text in welcome], plain):
        say(out, paragraph)
        say(out)
    _wait_for_enter(keyboard, out)
    return preparation.result(), prefill


def welcome_paragraphs(texts: list[str], plain: bool) -> list[str]:
    """What fibrofoot is and is not, the privacy promise, and the keys to use."""
    return [*texts, KEYS_HELP_PLAIN if plain else KEYS_HELP_MENUS]


def _wait_for_enter(keyboard: TextIO, out: TextIO) -> None:
    say(out, "Press Enter to begin.")
    read_line(keyboard)


class _Preparation(threading.Thread):
    """Validates the bank and imports the walkthrough's modules; `result()` hands the bank over."""

    def __init__(self, files: BankFiles, plain: bool) -> None:
        super().__init__(name="fibrofoot-prepare", daemon=True)
        self.files = files
        self.plain = plain
        self.bank: Bank | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            from fibrofoot.bank.load import validate_bank

            self.bank = validate_bank(self.files)
            import fibrofoot.terminal.walkthrough

            if not self.plain:
                import fibrofoot.terminal.menus  # noqa: F401
        except BaseException as error:  # handed to the main thread, which reports it
            self.error = error

    def result(self) -> Bank:
        self.join()
        if self.error is not None:
            raise self.error
        assert self.bank is not None
        return self.bank
