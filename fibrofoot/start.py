"""Starting the walkthrough without keeping the person waiting.

The welcome text is read straight from the bank's YAML and shown at once. While the person
reads it, a background thread validates the whole bank and imports the prompt library (the
slow part); pressing Enter then starts the questions. The main thread is blocked reading the
keyboard meanwhile, so the two never compete for the interpreter.
"""

from __future__ import annotations

import os
import sys
import threading

from fibrofoot import __version__
from fibrofoot.errors import EXIT_USAGE, FibrofootError
from fibrofoot.screen import KEYS_HELP_MENUS, KEYS_HELP_PLAIN, say

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date
    from pathlib import Path
    from typing import TextIO

    from fibrofoot.answers import Answers
    from fibrofoot.bank.models import Bank

NO_TERMINAL = (
    "fibrofoot asks its questions in a terminal, and this input is not one.\n"
    "To make a summary without a terminal, write your answers to a file and run:\n"
    "  fibrofoot report ANSWERS.yaml\n"
    "(see 'fibrofoot report --help' and 'fibrofoot questions --json' for the question ids)."
)
WELCOME_KEYS = ("intro", "disclaimer", "privacy")


def start_walkthrough(
    folder: Path | None,
    *,
    answers_file: Path | None,
    plain: bool,
    today: date,
    on_loaded: Callable[[Bank], None] = lambda bank: None,
) -> int:
    """Check the terminal, welcome the person, and run the walkthrough once the bank is ready.

    `on_loaded` hears of the bank as soon as it is valid, so the CLI's Ctrl-C and error paths
    can end with that bank's own consult message.
    """
    if not sys.stdin.isatty():
        raise FibrofootError(NO_TERMINAL, EXIT_USAGE)
    plain = plain or os.environ.get("TERM") == "dumb"
    say(sys.stderr, f"fibrofoot {__version__}")  # first words, before any YAML is read
    say(sys.stderr)
    raw_answers = None
    if answers_file is not None:  # a wrong path or broken file is reported before anything else
        from fibrofoot.answers_file import read_answers

        raw_answers = read_answers(answers_file)
    from fibrofoot.bank.folder import default_bank_dir

    welcome = peek_welcome(folder or default_bank_dir())
    preparation = _Preparation(folder, plain, on_loaded)
    preparation.start()
    prefill: Answers = {}
    if welcome is None or raw_answers is not None:
        # A broken bank, or saved answers to check: settle that before the welcome, not after.
        bank = preparation.result()
        welcome = [bank.messages.intro, bank.messages.disclaimer, bank.messages.privacy]
        if raw_answers is not None:
            from fibrofoot.answers import validate_answers

            prefill = validate_answers(bank, raw_answers, str(answers_file))
    for paragraph in welcome_paragraphs(welcome, plain):
        say(sys.stderr, paragraph)
        say(sys.stderr)
    _wait_for_enter(sys.stderr)
    from fibrofoot.walkthrough import run_walkthrough

    return run_walkthrough(preparation.result(), prefill=prefill, plain=plain, today=today)


def welcome_paragraphs(texts: list[str], plain: bool) -> list[str]:
    """What fibrofoot is and is not, the privacy promise, and the keys to use."""
    return [*texts, KEYS_HELP_PLAIN if plain else KEYS_HELP_MENUS]


def peek_welcome(folder: Path) -> list[str] | None:
    """The bank's welcome texts, read without validating the bank (that happens meanwhile)."""
    from fibrofoot.yamlfile import YamlProblem, parse, read_text

    try:
        for file in sorted(folder.glob("*.yaml")):
            data = parse(read_text(file, "question")).data
            messages = data.get("messages") if isinstance(data, dict) else None
            if isinstance(messages, dict):
                texts = [messages.get(key) for key in WELCOME_KEYS]
                usable = all(isinstance(text, str) and text.strip() for text in texts)
                return [str(text) for text in texts] if usable else None
    except (FibrofootError, YamlProblem, OSError):
        return None
    return None


def _wait_for_enter(out: TextIO) -> None:
    say(out, "Press Enter to begin.")
    if not sys.stdin.readline():  # end of input (Ctrl-D): stop as Ctrl-C does
        raise KeyboardInterrupt


class _Preparation(threading.Thread):
    """Loads the bank and imports the walkthrough's modules; `result()` hands the bank over."""

    def __init__(self, folder: Path | None, plain: bool, on_loaded: Callable[[Bank], None]) -> None:
        super().__init__(name="fibrofoot-prepare", daemon=True)
        self.folder = folder
        self.plain = plain
        self.on_loaded = on_loaded
        self.bank: Bank | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            from fibrofoot.bank.load import load_bank

            self.bank = load_bank(self.folder)
            self.on_loaded(self.bank)
            import fibrofoot.walkthrough

            if not self.plain:
                import fibrofoot.prompts  # noqa: F401
        except BaseException as error:  # handed to the main thread, which reports it
            self.error = error

    def result(self) -> Bank:
        self.join()
        if self.error is not None:
            raise self.error
        assert self.bank is not None
        return self.bank
