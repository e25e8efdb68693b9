"""The history's commands: `history` (one line per kept entry and a small trend), `history
--add` (saved answers files kept as entries), `export` and `forget`.

What the person asked for (the lines of `history`) goes to the output stream; an export goes to
the file named by -o; what fibrofoot says about either goes to the terminal. An entry this
version cannot read is named, and the others are shown, exported or compared; `forget` counts
and deletes without reading the entries, so it always works.
"""

from __future__ import annotations

import argparse
import os
from datetime import date, datetime, time
from pathlib import Path
from typing import TextIO

from fibrofoot import __version__
from fibrofoot.bank.models import Bank
from fibrofoot.errors import EXIT_USAGE, FibrofootError
from fibrofoot.history import store
from fibrofoot.history.compare import MAX_CHART_DAYS, chart_start, since_last
from fibrofoot.history.record import Entry, entries_of, full_entry, to_row, unreadable_words
from fibrofoot.history.row import Row
from fibrofoot.history.trend import HistoryWords, trend_text
from fibrofoot.safe_text import harmless, shown_path, wrap_paragraph
from fibrofoot.summary import Summary
from fibrofoot.terminal.cli import say_to_terminal
from fibrofoot.terminal.screen import (
    Streams,
    is_terminal,
    read_line,
    terminal_width,
    write_output,
)

TREND_LENGTH = 60  # the newest entries the sparkline shows, one character each
NOTHING_KEPT = (
    "Nothing is kept yet. At the end of a walkthrough or a check-in you can choose to keep it "
    "on this computer."
)


def run_history_command(args: argparse.Namespace, bank: Bank, streams: Streams) -> None:
    if args.command == "checkin":
        from fibrofoot.terminal.checkin import run_checkin

        run_checkin(bank, streams, plain=args.plain, keep=args.keep)
    elif args.command == "history":
        show_history(args, bank, streams)
    elif args.command == "export":
        export_history(args, bank, streams)
    else:
        forget(args, bank, streams)


def with_history(
    bank: Bank, summary: Summary, terminal: TextIO, since: date | None = None
) -> Summary:
    """`summary` with what changed since the last full walkthrough kept, if any is kept. A
    history that cannot be read is said, and the summary is made without it."""
    try:
        kept, unreadable = kept_entries()
    except FibrofootError as error:
        say_to_terminal(terminal, f"{error.message} The summary is made without the history.")
        return summary
    if unreadable:
        say_to_terminal(terminal, f"{unreadable_words(unreadable)} The summary uses the others.")
    changes = since_last(bank, summary.answers, summary.created, kept, since)
    if changes is None:
        return summary
    if since is not None and (start := chart_start(summary.created, since)) > since:
        say_to_terminal(
            terminal,
            f"The chart shows at most {MAX_CHART_DAYS} days, so it starts on "
            f"{start.isoformat()}, not {since.isoformat()}.",
        )
    return summary.model_copy(update={"since_last": changes})


def kept_entries(
    since: date | None = None, until: date | None = None
) -> tuple[list[Entry], list[Row]]:
    """The kept entries, newest first, and those this version cannot read."""
    return entries_of(store.read(store.data_folder(), since, until))


def show_history(args: argparse.Namespace, bank: Bank, streams: Streams) -> None:
    if args.add:
        add_files(args.add, args.date, bank, streams)
        return
    if args.date is not None:
        raise FibrofootError("--date goes with --add FILE: it dates the files added.", EXIT_USAGE)
    entries, unreadable = kept_entries(args.since, args.until)
    if not entries and not unreadable:
        say_to_terminal(streams.terminal, NOTHING_KEPT)
        return
    if entries:
        words = HistoryWords(bank)
        lines = [harmless(words.line(entry)) for entry in entries]
        lines += ["", trend_line(words, entries, plain=_plain(args, streams))]
        if is_terminal(streams.output):  # wrapped on words, later lines of an entry indented
            width = terminal_width(streams.output, streams.terminal)
            lines = [wrapped for line in lines for wrapped in _wrapped(line, width)]
        write_output("\n".join(lines) + "\n", streams.output)
    if unreadable:
        say_to_terminal(streams.terminal, unreadable_words(unreadable))


def _wrapped(line: str, width: int) -> list[str]:
    return wrap_paragraph(line, width, "    ", "") if line else [""]


def trend_line(words: HistoryWords, entries: list[Entry], *, plain: bool) -> str:
    """The trend of the check-in's number over the newest entries, oldest first."""
    question = words.trend
    if question is None:
        return "No trend: this question bank names no number to follow (checkin: trend)."
    shown = list(reversed(entries[:TREND_LENGTH]))
    return trend_text(question.label, [entry.number(question.id) for entry in shown], plain=plain)


def _plain(args: argparse.Namespace, streams: Streams) -> bool:
    """Words instead of the sparkline: --plain, TERM=dumb, or output that cannot show it."""
    encoding = getattr(streams.output, "encoding", None) or "utf-8"
    try:
        "▁█·".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return bool(args.plain) or os.environ.get("TERM") == "dumb"


def add_files(files: list[Path], on: date | None, bank: Bank, streams: Streams) -> None:
    """Keep saved answers files as full entries, all in one write: dated `on` (at noon), else
    by each file's last change."""
    from fibrofoot.answers import read_answers, validate_answers

    entries = []
    for path in files:
        answers = validate_answers(bank, read_answers(path), str(path))
        if on is not None:
            taken = datetime.combine(on, time(12)).astimezone()
        else:
            try:
                taken = datetime.fromtimestamp(os.stat(path).st_mtime).astimezone()
            except OSError as error:  # read a moment ago: gone or moved since
                raise FibrofootError(f"{shown_path(path)}: {error.strerror}.") from None
        entries.append((path, full_entry(bank, answers, taken.replace(microsecond=0), __version__)))
    store.add(store.data_folder(), [to_row(entry) for _, entry in entries])
    for path, entry in entries:
        say_to_terminal(
            streams.terminal, f"Kept {shown_path(path)} as of {entry.taken_at:%Y-%m-%d %H:%M}."
        )


def export_history(args: argparse.Namespace, bank: Bank, streams: Streams) -> None:
    from fibrofoot.files import write_private
    from fibrofoot.history.export import EXPORT_EXTENSIONS, export, export_format

    fmt = export_format(args.output.name)
    if fmt is None:
        raise FibrofootError(
            f"{shown_path(args.output)}: the name does not say which format to write; end it in "
            f"{', '.join(EXPORT_EXTENSIONS)}.",
            EXIT_USAGE,
        )
    entries, unreadable = kept_entries(args.since, args.until)
    write_private(args.output, export(entries, fmt, bank), overwrite=args.force)
    count = _entries(len(entries))
    said = f"Exported {count} to {shown_path(args.output)} (readable only by you)."
    if unreadable:
        said += f" Not in it: {unreadable_words(unreadable)}"
    say_to_terminal(streams.terminal, said)


def forget(args: argparse.Namespace, bank: Bank, streams: Streams) -> None:
    if args.all == (args.day is not None):
        raise FibrofootError("Give a date (YYYY-MM-DD) or --all, not both.", EXIT_USAGE)
    folder = store.data_folder()
    held = store.count(folder, args.day)  # counted, not read: what cannot be read goes too
    what = f"from {args.day.isoformat()}" if args.day else "kept"
    kept_file = os.path.lexists(store.database_path(folder))
    if not held and not (args.all and kept_file):
        say_to_terminal(streams.terminal, f"Nothing is kept {what}; nothing was deleted.")
        return
    count = _entries(held)
    if not args.yes and not _confirm(streams, f"Delete {count} {what}? This cannot be undone."):
        say_to_terminal(streams.terminal, "Nothing was deleted.")
        return
    if args.all:
        _, folder_gone = store.forget_all(folder)
        said = f"Deleted {count} and the file {shown_path(store.database_path(folder))}"
        if folder_gone:
            said += f", and its folder {shown_path(folder)}."
        else:
            said += f". The folder {shown_path(folder)} holds other files, so it was left."
        say_to_terminal(streams.terminal, said)
        return
    gone = store.forget_day(folder, args.day)
    entries, unreadable = entries_of(gone)
    words = HistoryWords(bank)
    lines = [f"Deleted {_entries(len(gone))} {what}:"]
    lines += [f"  {harmless(words.line(entry))}" for entry in entries]
    lines += [
        f"  {row.taken_at:%Y-%m-%d %H:%M} · an entry this version cannot read" for row in unreadable
    ]
    say_to_terminal(streams.terminal, "\n".join(lines), wrap=False)


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _confirm(streams: Streams, question: str) -> bool:
    keyboard = streams.input
    if keyboard is None or not keyboard.isatty():
        raise FibrofootError(
            f"{question} To delete without being asked (no terminal here), add --yes.", EXIT_USAGE
        )
    say_to_terminal(streams.terminal, f"{question} Type yes to delete, anything else to keep it.")
    streams.terminal.write("> ")
    streams.terminal.flush()
    return read_line(keyboard).strip().lower() == "yes"
