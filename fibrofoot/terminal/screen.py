"""Writing to the person's terminal (wrapped to its width, with user text made harmless) and the
finished summary to standard output.

Light on purpose (no pydantic, no questionary): the welcome screen uses it before the heavy
libraries are loaded.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from typing import TextIO

from fibrofoot.errors import FibrofootError
from fibrofoot.safe_text import ascii_int, shown_path, wrap_paragraph
from fibrofoot.terminal.stopping import Signalled

KEYS_HELP_MENUS = (
    "Use the arrow keys and Enter to answer. ← goes back, ? shows why we ask, f finishes "
    "early with the answers so far. Ctrl-C stops at any time, saving nothing."
)
KEYS_HELP_PLAIN = (
    "Type the number of your answer and press Enter. Type b to go back, "
    "? to see why we ask, f to finish early with the answers so far. Ctrl-C stops at any "
    "time, saving nothing."
)


class Streams:
    """The three streams of one run, named by the outermost entry (`cli.main`) and passed in.

    The person types on `input` and reads `terminal` (stderr, so that `fibrofoot > file` keeps
    the questions on screen); `output` (stdout) receives only the finished summary or export.
    `input` and `output` are None when the process was started with them closed (`<&-`, `>&-`);
    the commands that need them say so.
    A plain class rather than a dataclass: `dataclasses` would slow the first words on screen.
    """

    __slots__ = ("input", "output", "terminal")

    def __init__(self, input: TextIO | None, terminal: TextIO, output: TextIO | None) -> None:
        self.input = input
        self.terminal = terminal
        self.output = output


def terminal_width(*streams: TextIO | None) -> int:
    """Columns of the terminal the person is looking at: COLUMNS (ASCII digits, 1 to 9999),
    else the size of the first of `streams` that is a terminal (so it is found even when stdout
    goes to a file), else 80."""
    if (columns := ascii_int(os.environ.get("COLUMNS", ""), 1, 9999)) is not None:
        return columns
    for stream in filter(None, streams):
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def say(out: TextIO, text: str = "", indent: str = "", first: str | None = None) -> int:
    """Print a paragraph wrapped to the terminal; `first` replaces `indent` on the first line.
    Returns the number of lines printed."""
    lines = wrapped(out, text, indent, first)
    print("\n".join(lines), file=out, flush=True)
    return len(lines)


def wrapped(out: TextIO, text: str, indent: str = "", first: str | None = None) -> list[str]:
    """A paragraph's lines as `say` prints them on `out`."""
    width = min(max(terminal_width(out) - 1, 30), 80)  # long lines are hard to read
    return wrap_paragraph(text, width, indent, first, break_long_words=False)  # paths stay whole


def read_line(source: TextIO) -> str:
    """A line typed on `source`. The end of input (Ctrl-D) stops as Ctrl-C does; a terminal
    that went away (its window closed: reading fails before SIGHUP arrives) stops as SIGHUP."""
    try:
        line = source.readline()
    except OSError:
        raise Signalled(signal.SIGHUP) from None
    if not line:
        raise KeyboardInterrupt
    return line


def line_waiting(source: TextIO, seconds: float = 0.05) -> bool:
    """Whether more typed input is already waiting on `source` (a terminal gives a pasted text
    one line at a time, the rest waiting), so that a pasted note is read whole. False for a
    stream without a descriptor."""
    import select

    try:
        ready, _, _ = select.select([source.fileno()], [], [], seconds)
    except (AttributeError, ValueError, OSError):
        return False
    return bool(ready)


def write_output(text: str, out: TextIO | None = None) -> None:
    """Write to standard output (or `out`), or raise FibrofootError saying why that failed.

    What the stream's encoding cannot show (`LC_ALL=C` makes it ASCII) is written as a visible
    escape such as `\\u00b7`. After a failure (a full disk, a closed pipe) the stream is pointed
    at /dev/null, so Python's own flush at exit does not fail a second time with a traceback.
    """
    stream = out if out is not None else sys.stdout
    if stream is None:  # Python's stand-in for a standard output that was closed (`>&-`)
        raise FibrofootError("Could not write to the output: standard output is closed.")
    encoding = getattr(stream, "encoding", None)
    if encoding:
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    try:
        stream.write(text)
        stream.flush()
    except OSError as error:
        drop(stream)
        reason = (
            "the program reading it stopped"
            if isinstance(error, BrokenPipeError)
            else (error.strerror or "the system refused")
        )
        raise FibrofootError(f"Could not write to the output: {reason}.") from None
    except ValueError:  # the stream was closed
        raise FibrofootError("Could not write to the output: it is closed.") from None


def output_name(stream: TextIO | None) -> str:
    """Where standard output (or `stream`) goes when it is not the screen, in words: the file's
    name when the system can tell (Linux: /proc/self/fd), for "your summary went to out.txt"."""
    target = ""
    with contextlib.suppress(AttributeError, ValueError, OSError):
        target = os.readlink(f"/proc/self/fd/{(stream or sys.stdout).fileno()}")
    if target.startswith("pipe:"):
        return "the program reading fibrofoot's output"
    if target.startswith("/"):
        return shown_path(target)
    return "the file you sent fibrofoot's output to"


def is_terminal(stream: TextIO | None) -> bool:
    """Whether `stream` is an open terminal (a closed stream is None; a StringIO is not one)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def drop(stream: TextIO) -> None:
    """Point `stream`'s descriptor at /dev/null (after a full disk, a closed pipe or a terminal
    that is gone), so that Python's own flush at exit does not fail a second time."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)
