"""Command line: argv in, exit code out. The one place that turns errors into messages.

Speed lives here: this module imports nothing heavy, so `fibrofoot --version` answers at once;
the grammar and the commands (`commands.py`) are imported only after that check, and each
command imports the libraries it needs (pydantic, yaml, questionary, jinja2) itself. The
walkthrough's own fast start is in `start.py`. No garbage is collected while a command starts:
the modules, classes and the bank built then are never garbage, so the collector's passes are
pure cost (about 10 ms of a report, 15 ms of the walkthrough's start); the walkthrough turns it
back on once the bank is ready (`collect_from_now_on`), and every run turns it back on at the end.

This is also the one place that names the process's streams and catches the stop signals
(`stopping.py` turns them into exceptions); everything below receives the streams, and meets a
signal as an exception.
"""

from __future__ import annotations

import gc
import io
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
    out = sys.stdout if streams is None else streams.output
    if words in (["--version"], ["-V"]) and out is not None:  # the fast path
        print(f"fibrofoot {__version__}", file=out)
        return EXIT_OK
    if streams is None:
        streams = _process_streams()
    from fibrofoot.terminal.stopping import catch_stop_signals, restore

    previous = catch_stop_signals()
    gc.disable()
    try:
        return _run(words, streams)
    finally:
        gc.unfreeze()  # as it was: main may run again in this process (the tests do)
        gc.enable()
        restore(previous)


def collect_from_now_on() -> None:
    """Turn garbage collection back on, leaving what exists now out of its passes."""
    gc.enable()
    gc.freeze()


def _run(words: list[str], streams: Streams) -> int:
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
    except (KeyboardInterrupt, EOFError) as stop:  # Ctrl-C, a signal; Ctrl-D in a text box
        import signal

        from fibrofoot.terminal.stopping import NOTHING_SAVED, STOPPED, Signalled, begin_stop

        begin_stop()  # a second Ctrl-C while saying so must not end in a traceback
        signum = stop.signum if isinstance(stop, Signalled) else signal.SIGINT
        kept = stop.kept if isinstance(stop, Signalled) else ""
        try:
            stopped = STOPPED[signal.Signals(signum).name]
            say_to_terminal(streams.terminal, f"\n{stopped} {kept or NOTHING_SAVED}")
            say_to_terminal(streams.terminal, "")
            say_to_terminal(streams.terminal, consult_message(folder))
        except (OSError, ValueError):  # the terminal is gone (SIGHUP): nobody to tell
            pass
        _flush_or_drop(sys.stdout, streams.terminal)
        return EXIT_INTERRUPTED if signum == signal.SIGINT else 128 + signum


def run() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())


def _process_streams() -> Streams:
    """The process's streams, made unable to crash on a character or lose a write silently.

    With `LC_ALL=C` and UTF-8 mode off the terminal is ASCII: what it cannot show is written as
    a visible escape such as `\\u00b7`, and typed bytes that are not text in its encoding are
    read as '\ufffd', so no lone surrogate enters an answer. A closed stream (`<&-`, `>&-`)
    stays None: the commands that need it say so.
    """
    from fibrofoot.terminal.screen import Streams

    for stream, errors in ((sys.stdin, "replace"), (sys.stderr, "backslashreplace")):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=errors)
    return Streams(sys.stdin, sys.stderr, _whole_writes(sys.stdout))


def _whole_writes(stdout: TextIO | None) -> TextIO | None:
    """stdout that writes everything or raises, with unencodable characters escaped.

    Under PYTHONUNBUFFERED (or `python -u`) stdout sits on the raw file, and a short write (a
    file size limit, `ulimit -f`) silently drops the rest of the summary; a buffered writer
    retries, and reports the failure that follows.
    """
    if not isinstance(stdout, io.TextIOWrapper):
        return stdout  # closed (None), or replaced by whoever called fibrofoot
    raw = stdout.buffer
    if not isinstance(raw, io.RawIOBase):
        stdout.reconfigure(errors="backslashreplace")
        return stdout
    stdout.flush()
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=stdout.encoding,
        errors="backslashreplace",
        line_buffering=stdout.line_buffering,
        write_through=True,
    )
    return sys.stdout


def _flush_or_drop(*streams: TextIO | None) -> None:
    """Flush what is still buffered; a stream whose terminal is gone is pointed at /dev/null,
    so that Python's own flush at exit does not fail too (and turn the exit code into 120)."""
    from fibrofoot.terminal.screen import drop

    for stream in filter(None, streams):
        try:
            stream.flush()
        except (OSError, ValueError):
            drop(stream)


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
