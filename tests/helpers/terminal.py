"""Driving fibrofoot with keys: the key codes, the keys that give an answer, and a pseudo-terminal.

The key helpers are pure and serve both the in-process tests (prompt_toolkit's pipe input) and the
end-to-end tests (pexpect). Menus are answered by counting Downs from the bank's own option order,
since the screen is redrawn piecemeal and the pointer's line cannot be read back from the stream.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import signal
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import pexpect
import pyte
from prompt_toolkit.input.ansi_escape_sequences import REVERSE_ANSI_SEQUENCES
from prompt_toolkit.keys import Keys

from fibrofoot import flow
from fibrofoot.answers import Answers, AnswerValue
from fibrofoot.bank.base import Kind, Level
from fibrofoot.bank.models import Bank, Question, RedFlag
from fibrofoot.rules import asked_questions, offered
from fibrofoot.terminal.checkin import HISTORY_OFFER
from fibrofoot.terminal.prompter import option_rows, to_token
from fibrofoot.terminal.saving import DONE, OFFERED

TINY_BANK = Path(__file__).parents[1] / "banks" / "tiny"
"""The tiny test bank (tests/conftest.py has it as fixtures), for `--questions` in a child."""

# Answers to the tiny bank that meet every kind of prompt: a checkbox with a "soon" red flag (so
# the stop-or-go menu comes up, starting on "carry on"), a one-answer menu, the scale, yes/no
# (its follow-up opened), and a note. TINY_CALM is the same walk without the red flag.
TINY_WALK: Answers = {
    "warning": ["soon_sign"],
    "where": ["heel", "toes"],
    "side": "left",
    "level": 5,
    "tingling": True,
    "stiffness": True,
    "stiff_long": "short",
    "note": "A tiny note.",
}
TINY_CALM: Answers = {**TINY_WALK, "warning": ["none"]}

FIBROFOOT = Path(sys.executable).parent / "fibrofoot"
"""The installed console script, run as a person would run it."""

TIMEOUT = 10.0
ROWS, COLUMNS = 30, 80
SOURCE_DATE = "2026-01-15"
SOURCE_DATE_EPOCH = "1768478400"  # 2026-01-15 12:00 UTC: fixes the date in default file names

PRESS_ENTER = "Press Enter to begin."
FIRST_PROGRESS = "Section 1 of"
STOP_OR_GO = "What would you like to do?"
STOP_VALUES = ["stop", "continue"]

# The save dialogue's words, in one place (with `save_menu`, `plain_save_lines` and
# `Terminal.save`), so that a change of its wording breaks only these.
SAVE_MENU = "Would you like to save"
SAVE_AS = "Save as"
NOTHING_SAVED = "Nothing was saved."
Save = tuple[str, str | None]
"""What to save (a format, or "answers") and the name to type (None: the name offered)."""

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
_GAP = r"(?:\s|\x1b\[[0-9;?]*[A-Za-z])+"  # what may sit between two words on screen


class FakeTty(io.StringIO):
    """A 'terminal' for in-process runs: typed lines to read, or what was printed on it
    (`isatty()` is what fibrofoot checks before asking)."""

    def isatty(self) -> bool:
        return True


class Keyboard(StrEnum):
    """Keys as a terminal sends them (copier's tests/helpers.py does the same)."""

    Up = REVERSE_ANSI_SEQUENCES[Keys.Up]
    Down = REVERSE_ANSI_SEQUENCES[Keys.Down]
    Left = REVERSE_ANSI_SEQUENCES[Keys.Left]
    Right = REVERSE_ANSI_SEQUENCES[Keys.Right]
    Enter = "\r"
    Space = " "
    ControlC = REVERSE_ANSI_SEQUENCES[Keys.ControlC]
    ControlU = REVERSE_ANSI_SEQUENCES[Keys.ControlU]


@contextmanager
def deadline(seconds: float = TIMEOUT) -> Iterator[None]:
    """Fail, rather than hang, when an in-process prompt waits for keys that never come."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"a prompt was still waiting for keys after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def move(start: int, target: int) -> str:
    """Arrow keys that take a menu's pointer from one row to another."""
    step = Keyboard.Down if target >= start else Keyboard.Up
    return str(step) * abs(target - start)


def choice_keys(values: Sequence[str], want: str, default: str | None = None) -> str:
    """Keys that pick `want` in a one-answer menu whose pointer starts on `default`."""
    start = values.index(default) if default in values else 0
    return move(start, values.index(want)) + Keyboard.Enter


def answer_keys(question: Question, value: AnswerValue, default: AnswerValue | None = None) -> str:
    """Keys that give `value` to a bank question in the arrow-key menus, from its default.

    A question not answered yet starts with the highlight on no row (-1): the first Down
    reaches the first answer."""
    if question.kind is Kind.TEXT:
        return Keyboard.ControlU + str(value) + Keyboard.Enter
    tokens = [token for token, _ in option_rows(question)]
    if question.kind is not Kind.MULTI:
        start = -1 if default is None else tokens.index(to_token(default))
        return move(start, tokens.index(to_token(value))) + Keyboard.Enter
    assert isinstance(value, list)
    ticked = set(default) if isinstance(default, list) else set()
    keys, pointer = "", 0 if ticked else -1
    for row, token in enumerate(tokens):
        if (token in value) != (token in ticked):
            keys += move(pointer, row) + Keyboard.Space
            pointer = row
    return keys + Keyboard.Enter


def plain_answer(question: Question, value: AnswerValue) -> str:
    """The line to type for `value` in the plain (numbered) prompter."""
    if question.kind in (Kind.TEXT, Kind.SCALE):
        return str(value)
    tokens = [token for token, _ in option_rows(question)]
    wanted = value if isinstance(value, list) else [to_token(value)]
    return ",".join(str(tokens.index(token) + 1) for token in wanted)


def visible(text: str) -> str:
    """Terminal output without escape sequences, carriage returns or runs of whitespace."""
    return " ".join(_ANSI.sub("", text).replace("\r", "").split())


def on_screen(*parts: str) -> str:
    """A pattern for words shown in order, allowing wrapping and styling between words."""
    words = [re.escape(word) for part in parts for word in part.split()]
    return _GAP.join(words)


def terminal_env(term: str = "xterm-256color") -> dict[str, str]:
    """The environment of a plain colourless terminal of ROWS x COLUMNS with a fixed date."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    env.pop("FORCE_COLOR", None)
    env.update(
        TERM=term,
        NO_COLOR="1",
        COLUMNS=str(COLUMNS),
        LINES=str(ROWS),
        SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH,
        # A pty is not a terminal emulator, so nothing answers prompt_toolkit's cursor-position
        # requests and each prompt would wait a second for the reply; real terminals do answer.
        PROMPT_TOOLKIT_NO_CPR="1",
    )
    return env


def default_sigint() -> None:
    """Run in the child between fork and exec: Ctrl-C back at its default.

    A child inherits ignored signals, so under a parent started with SIGINT ignored (`nohup`, a
    background job of a non-interactive shell, some CI runners) fibrofoot would never see Ctrl-C
    and every interrupt test would hang; a person's shell always starts it at the default.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stop_default(flags: Sequence[RedFlag]) -> str:
    """Where the stop/carry-on menu starts: on "stop" only at an emergency."""
    return "stop" if any(flag.level is Level.EMERGENCY for flag in flags) else "continue"


def save_menu(saved: Sequence[str] = ()) -> list[str]:
    """The save menu's values once `saved` were saved: those left, in order, then done."""
    offered = (*OFFERED, HISTORY_OFFER)  # the history's offer comes after the files
    return [*(value for value in offered if value not in saved), DONE]


def plain_save_lines(*saves: Save) -> list[str]:
    """The lines a person types in --plain to save each of `saves` in turn, then "done";
    with no `saves`, the line that saves nothing."""
    lines: list[str] = []
    for number, (what, name) in enumerate(saves):
        lines += [str(save_menu([w for w, _ in saves[:number]]).index(what) + 1), name or ""]
    return [*lines, str(len(save_menu([w for w, _ in saves])))]


def save_keys(*saves: Save) -> str:
    """The keys that save each of `saves` from the arrow-key save menu, then say done."""
    keys = ""
    for number, (what, name) in enumerate(saves):
        keys += choice_keys(save_menu([w for w, _ in saves[:number]]), what, DONE)
        keys += f"{Keyboard.ControlU}{name}{Keyboard.Enter}" if name else Keyboard.Enter
    values = save_menu([w for w, _ in saves])
    return keys + choice_keys(values, DONE, DONE)


def _questions(bank: Bank, answers: Answers, since: str | None) -> list[Question]:
    """The questions `answers` answers, in the order asked, from `since` on, each with only the
    options the walk offers it (the agenda's suggestions fit the answers)."""
    order = [offered(bank, q, answers) for q in asked_questions(bank, answers) if q.id in answers]
    ids = [q.id for q in order]
    return order[ids.index(since) :] if since else order


class Terminal:
    """fibrofoot running in a pseudo-terminal; everything it shows is kept in `transcript`."""

    def __init__(
        self,
        cwd: Path,
        *args: str,
        term: str = "xterm-256color",
        stdout_to: str | None = None,
        bash_line: str | None = None,
        env: dict[str, str] | None = None,
        user: Sequence[str] = (),
        columns: int = COLUMNS,
    ) -> None:
        """Run `fibrofoot ARGS` in `cwd`; with `stdout_to`, as `fibrofoot ARGS > FILE` in bash.

        `bash_line` is a bash line in which `{}` stands for the command (`ulimit -f 1; {} > out`,
        `{} >&-`); `env` adds to or changes the environment; `user` is a command that runs
        fibrofoot as another user (`setpriv --reuid=65534 ...`); `columns` is the width.
        """
        self.transcript = io.StringIO()
        self.columns = columns
        command, argv = str(FIBROFOOT), list(args)
        if user:
            command, argv = user[0], [*user[1:], command, *argv]
        if stdout_to is not None:
            bash_line = "{} > " + shlex.quote(stdout_to)
        if bash_line is not None:
            command, argv = "bash", ["-c", bash_line.format(shlex.join([command, *argv]))]
        self.child: pexpect.spawn[str] = pexpect.spawn(
            command,
            argv,
            cwd=cwd,
            env={**terminal_env(term), "COLUMNS": str(columns), **(env or {})},
            dimensions=(ROWS, columns),
            encoding="utf-8",
            codec_errors="replace",
            timeout=TIMEOUT,
            preexec_fn=default_sigint,
        )
        # Keys are only sent once their prompt is on screen, so pexpect's pause before each
        # send (50 ms, for programs that are not listening yet) is not needed.
        self.child.delaybeforesend = None
        self.child.logfile_read = self.transcript

    def begin(self) -> None:
        """Get past a "Press Enter to begin." welcome screen if there is one.

        Waits for that, or for the first progress line when the questions start without it; in
        that case what was read is put back, so a test can still expect all of it in order.
        """
        index = self.child.expect([on_screen(PRESS_ENTER), on_screen(FIRST_PROGRESS)])
        if index == 0:
            self.send(Keyboard.Enter)
            return
        assert isinstance(self.child.after, str)
        self.child.buffer = (self.child.before or "") + self.child.after + self.child.buffer

    def expect(self, *parts: str) -> None:
        """Wait until these words appear (in order, across wrapping and styling)."""
        self.child.expect(on_screen(*parts))

    def expect_question(self, question: Question) -> None:
        """Wait until a question's menu or text box is on screen, ready for keys."""
        self.expect(f"{question.label}:")

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def answer(
        self, question: Question, value: AnswerValue, default: AnswerValue | None = None
    ) -> None:
        """Wait for a question, then answer it with arrow keys, Space and Enter (or typing)."""
        self.expect_question(question)
        self.send(answer_keys(question, value, default))

    def choose(self, message: str, values: Sequence[str], want: str, default: str) -> None:
        """Wait for a walkthrough menu (stop/carry on, yes/no, a format) and pick a value."""
        self.expect(message)
        self.expect("Your choice:")
        self.send(choice_keys(values, want, default))

    def choose_save(self, what: str, saved: Sequence[str] = (), plain: bool = False) -> None:
        """At the save menu, once `saved` were saved, pick `what` (a format, "answers" or
        DONE) with the arrow keys, or with `plain` by typing its number."""
        values = save_menu(saved)
        if plain:
            self.expect(SAVE_MENU)
            self.type_line("Type a number", str(values.index(what) + 1))
        else:
            self.choose(SAVE_MENU, values, what, DONE)

    def save(self, *saves: Save, plain: bool = False) -> None:
        """Save each of `saves` in turn from the save menu, then say done; with no `saves`,
        save nothing."""
        for number, (what, name) in enumerate(saves):
            self.choose_save(what, [w for w, _ in saves[:number]], plain)
            if plain:
                self.type_line(SAVE_AS, name or "")
            else:
                self.expect(SAVE_AS)
                self.send(f"{Keyboard.ControlU}{name}{Keyboard.Enter}" if name else Keyboard.Enter)
        self.choose_save(DONE, [w for w, _ in saves], plain)

    def walk(
        self,
        bank: Bank,
        answers: Answers,
        prefill: Answers | None = None,
        since: str | None = None,
    ) -> None:
        """Answer, in order, each question that applies (those in `answers`), carrying on at
        red flags; `prefill` holds the answers offered as defaults (--answers or going back),
        `since` the question to start from."""
        for question in _questions(bank, answers, since):
            self.answer(question, answers[question.id], (prefill or {}).get(question.id))
            if flags := flow.red_flags_for(bank, question.id, answers):
                self.choose(STOP_OR_GO, STOP_VALUES, "continue", stop_default(flags))

    def walk_plain(self, bank: Bank, answers: Answers, since: str | None = None) -> None:
        """The same with the plain prompter: each answer typed as numbers, then Enter."""
        for question in _questions(bank, answers, since):
            self.expect(question.text)
            self.type_line("why we ask", plain_answer(question, answers[question.id]))
            if flow.red_flags_for(bank, question.id, answers):
                self.expect(STOP_OR_GO)
                self.type_line("Type a number", str(STOP_VALUES.index("continue") + 1))

    def type_line(self, prompt: str, line: str) -> None:
        """Wait for a prompt of the plain prompter, then type a line and Enter."""
        self.expect(prompt)
        self.child.sendline(line)

    def finish(self) -> int:
        """Wait for the program to end; its exit status (128 + N when killed by signal N)."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        if self.child.exitstatus is not None:
            return self.child.exitstatus
        assert self.child.signalstatus is not None
        return 128 + self.child.signalstatus

    def screen(self) -> list[str]:
        """The lines on the terminal's screen now (a terminal emulator replays the output, so
        what was erased or redrawn is gone), trailing spaces removed."""
        screen = pyte.Screen(self.columns, ROWS)
        pyte.Stream(screen).feed(self.transcript.getvalue())
        return [line.rstrip() for line in screen.display]

    def shown(self) -> str:
        """All output so far, as words (see `visible`)."""
        return visible(self.transcript.getvalue())

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()


def as_nobody() -> list[str]:
    """The command prefix that runs the installed fibrofoot as the user nobody (setpriv, from
    util-linux, which must be there: a missing tool fails the test rather than skipping it).

    nobody must be able to run the installed command, whose package is this checkout (an
    editable install): so the checkout's own folder is made readable and searchable by others
    (Python lists it to import from it) and every folder above it searchable, where they are not
    already (a `mktemp -d` clone is 0700). Nothing is made writable.
    """
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to try a second user"
    checkout = Path(__file__).resolve().parents[2]
    for folder, needed in [(checkout, stat.S_IROTH | stat.S_IXOTH)] + [
        (above, stat.S_IXOTH) for above in checkout.parents
    ]:
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode & needed != needed:
            folder.chmod(mode | needed)
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
