"""Command line: argv in, exit code out. The one place that turns errors into messages.

Speed lives here: this module imports nothing heavy, so `fibrofoot --version` answers at once;
the grammar and the commands (`commands.py`) are imported only after that check, and each
command imports the libraries it needs (pydantic, yaml, questionary, jinja2) itself. The
walkthrough's own fast start is in `start.py`.

This is also the one place that names the process's streams; everything below receives them.
"""

from __future__ import annotations

import sys

from fibrofoot import __version__
from fibrofoot.errors import EXIT_INTERRUPTED, EXIT_OK, FibrofootError

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs --version 2 ms
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import NoReturn, TextIO

    from fibrofoot.terminal.screen import Streams

# Used only when no bank can be read at all, so even that path ends with this advice.
FALLBACK_CONSULT = (
    "Please talk to a doctor or another healthcare professional about your foot pain."
)


def main(argv: Sequence[str] | None = None, streams: Streams | None = None) -> int:
    """Run `fibrofoot ARGV` on `streams` (by default the process's stdin, stderr and stdout)."""
    words = sys.argv[1:] if argv is None else list(argv)
    if words in (["--version"], ["-V"]):  # the fast path; argparse knows the flags too
        print(f"fibrofoot {__version__}", file=sys.stdout if streams is None else streams.output)
        return EXIT_OK
    from fibrofoot.terminal.screen import Streams

    streams = streams or Streams(sys.stdin, sys.stderr, sys.stdout)
    folder: Path | None = None  # the bank named with --questions, for the consult message
    try:
        from fibrofoot.terminal.commands import build_parser, run_command

        try:
            args = build_parser().parse_args(words)
        except SystemExit as done:  # --help, or --version among other words: printed, done
            return int(done.code or EXIT_OK)
        folder = args.questions
        consult = run_command(args, streams)
        if consult:  # else the summary on the screen already ended with it
            say_to_terminal(streams.terminal, "")
            say_to_terminal(streams.terminal, consult)
        return EXIT_OK
    except FibrofootError as error:
        # The path in a message stays whole (unwrapped) for copying.
        say_to_terminal(streams.terminal, f"fibrofoot: {error.message}", wrap=False)
        say_to_terminal(streams.terminal, "")
        say_to_terminal(streams.terminal, consult_message(folder))
        return error.exit_code
    except (KeyboardInterrupt, EOFError):  # Ctrl-C anywhere; Ctrl-D in a text box
        say_to_terminal(streams.terminal, "\nStopped.")
        say_to_terminal(streams.terminal, "")
        say_to_terminal(streams.terminal, consult_message(folder))
        return EXIT_INTERRUPTED


def run() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())


def consult_message(folder: Path | None) -> str:
    """The consult message that ends every path: that of the bank named with --questions, else
    the shipped one's, else a built-in line. Read as written, never validated: this runs after
    errors and Ctrl-C, where nothing slow or fallible belongs."""
    from fibrofoot.bank.load import read_bank

    for candidate in (folder, None):
        try:
            text = read_bank(candidate).message("consult")
        except (FibrofootError, OSError):
            continue
        if text:
            return text
    return FALLBACK_CONSULT


def say_to_terminal(out: TextIO, text: str, wrap: bool = True) -> None:
    from fibrofoot.safe_text import harmless
    from fibrofoot.terminal.screen import say

    if wrap:
        say(out, text)
    else:
        print(harmless(text), file=out)
