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
    from datetime import date
    from pathlib import Path
    from typing import TextIO

    from fibrofoot.bank.models import Bank

NO_TERMINAL = (
    "fibrofoot asks its questions in a terminal, and this input is not one.\n"
    "To make a summary without a terminal, write your answers to a file and run:\n"
    "  fibrofoot report ANSWERS.yaml\n"
    "(see 'fibrofoot report --help' and 'fibrofoot questions --json' for the question ids)."
)
WELCOME_KEYS = ("intro", "disclaimer", "privacy")


def start_walkthrough(
    folder: Path | None, *, answers_file: Path | None, plain: bool, today: date
) -> int:
    if not sys.stdin.isatty():
        raise FibrofootError(NO_TERMINAL, EXIT_USAGE)
    plain = plain or os.environ.get("TERM") == "dumb"
    say(sys.stderr, f"fibrofoot {__version__}")  # first words, before any YAML is read
    say(sys.stderr)
    from fibrofoot.bank.folder import default_bank_dir

    welcome = peek_welcome(folder or default_bank_dir())
    preparation = _Preparation(folder, plain)
    if welcome:
        for text in welcome:
            say(sys.stderr, text)
            say(sys.stderr)
        say(sys.stderr, KEYS_HELP_PLAIN if plain else KEYS_HELP_MENUS)
        say(sys.stderr)
        preparation.start()
        _wait_for_enter(sys.stderr)
    else:  # the bank is broken: let loading it say how
        preparation.run()
    bank = preparation.result()
    from fibrofoot.walkthrough import run_walkthrough

    return run_walkthrough(
        bank, answers_file=answers_file, plain=plain, today=today, welcomed=bool(welcome)
    )


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

    def __init__(self, folder: Path | None, plain: bool) -> None:
        super().__init__(name="fibrofoot-prepare", daemon=True)
        self.folder = folder
        self.plain = plain
        self.bank: Bank | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            from fibrofoot.bank.load import load_bank

            self.bank = load_bank(self.folder)
            import fibrofoot.walkthrough

            if not self.plain:
                import fibrofoot.prompts  # noqa: F401
        except BaseException as error:  # handed to the main thread, which reports it
            self.error = error

    def result(self) -> Bank:
        if self.is_alive() or self.ident is not None:
            self.join()
        if self.error is not None:
            raise self.error
        assert self.bank is not None
        return self.bank
