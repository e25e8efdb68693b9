"""Hostile systems at the terminal edge (issue 14) as a person meets them: the installed command
in a real pseudo-terminal on the tiny bank, in both prompters where they differ.

Other digits typed at --plain's prompts; a terminal that is not UTF-8 (LC_ALL=C, UTF-8 mode off);
"Save as" given what the system refuses, as root (a device node made with mknod in the test's
folder) and as the user nobody (a folder it may not search; setpriv, which must be there);
SIGTERM, SIGHUP and the terminal window closing, a second Ctrl-C and one during the background
imports; stdin or stdout closed, and stdout over a file size limit. Each: no traceback, the
consult message last, the right exit code, nothing lost, nothing written that was not asked for.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.terminal import (
    FIRST_PROGRESS,
    PRESS_ENTER,
    SAVE_AS,
    SOURCE_DATE,
    TINY_BANK,
    TINY_CALM,
    Keyboard,
    Terminal,
    as_nobody,
    on_screen,
    plain_answer,
)
from helpers.wording import assert_safe_ending

from fibrofoot.bank.models import Bank
from fibrofoot.rules import asked_questions
from fibrofoot.terminal.saving import DONE
from fibrofoot.terminal.walkthrough import REVIEW_DONE

pytestmark = pytest.mark.e2e

ASCII_TERMINAL = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
SUMMARY_NAME = f"fibrofoot-summary-{SOURCE_DATE}.txt"
# How long a stopped fibrofoot may take to exit after a signal (it takes ~0.2 s).
GRACE = 3.0


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for term in started:
        term.close()


@pytest.fixture
def start(tmp_path: Path, terminals: list[Terminal]) -> Callable[..., Terminal]:
    """`fibrofoot --questions TINY ARGS` in an empty folder (Terminal's keywords pass on)."""

    def run(*args: str, **options: Any) -> Terminal:
        term = Terminal(tmp_path, "--questions", str(TINY_BANK), *args, **options)
        terminals.append(term)
        return term

    return run


def plain_walk(term: Terminal, bank: Bank, note: str | None = None) -> None:
    """The calm tiny walk in --plain, through the review (a note of one's own if given)."""
    term.begin()
    answers = {**TINY_CALM, **({"note": note} if note is not None else {})}
    for question in asked_questions(bank, answers):
        term.expect(question.text)
        term.type_line("why we ask", plain_answer(question, answers[question.id]))
    term.type_line("Type a number", "1")  # the review: these are right


def menu_walk(term: Terminal, bank: Bank) -> None:
    term.begin()
    term.walk(bank, TINY_CALM)
    term.choose("Your answers.", [REVIEW_DONE], REVIEW_DONE, REVIEW_DONE)


def ended_cleanly(term: Terminal, code: int, bank: Bank, expected_code: int = 0) -> str:
    """No traceback, the exit code, the consult message the last thing shown."""
    shown = term.shown()
    assert code == expected_code, shown[-600:]
    assert "Traceback" not in shown
    assert_safe_ending("text", term.transcript.getvalue(), bank.messages.consult, "e2e")
    return shown


# 1. Digits -----------------------------------------------------------------------------------


def test_plain_walk_survives_other_digits_at_every_kind_of_numbered_prompt(
    start: Callable[..., Terminal], tiny_bank: Bank, tmp_path: Path
) -> None:
    """'①' at the checkbox, '²' at a menu, full-width '１０' at the scale: each refused calmly,
    the walk goes on and every answer given is in the summary."""
    term = start("--plain")
    term.begin()
    bad = {"warning": "①", "side": "²", "level": "１０"}
    for question in asked_questions(tiny_bank, TINY_CALM):
        term.expect(question.text)
        if question.id in bad:
            term.type_line("why we ask", bad[question.id])
            term.expect("Please type")
        term.type_line("why we ask", plain_answer(question, TINY_CALM[question.id]))
    term.type_line("Type a number", "①")
    term.expect("Please type a number from 1 to")
    term.child.sendline("1")  # the review: these are right
    term.save(plain=True)
    shown = ended_cleanly(term, term.finish(), tiny_bank)
    assert "Pain (0-10): 5 out of 10" in shown
    assert list(tmp_path.iterdir()) == []


# 2. Encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize("plain", [True, False], ids=["plain", "menus"])
def test_an_ascii_terminal_shows_the_summary_with_visible_escapes(
    start: Callable[..., Terminal], tiny_bank: Bank, plain: bool
) -> None:
    """LC_ALL=C with UTF-8 mode off: the welcome, prompts and summary (its date line holds '·')
    are shown whole, what ASCII cannot show written as an escape; nothing crashes."""
    term = start(*(["--plain"] if plain else []), env=ASCII_TERMINAL)
    if plain:
        plain_walk(term, tiny_bank)
    else:
        menu_walk(term, tiny_bank)
    term.save(plain=plain)
    shown = ended_cleanly(term, term.finish(), tiny_bank)
    # The menus' summary holds the date line's "·"; --plain's, spoken, has "; " instead.
    date_line = f"{SOURCE_DATE}; fibrofoot" if plain else f"{SOURCE_DATE} \\xb7 fibrofoot"
    assert date_line in shown
    assert "A tiny note." in shown


def test_an_ascii_terminal_keeps_a_typed_note_that_it_cannot_read_visible_and_savable(
    start: Callable[..., Terminal], tiny_bank: Bank, tmp_path: Path
) -> None:
    """UTF-8 typed into an ASCII terminal: the bytes it cannot read are kept as '\\ufffd'
    (shown as an escape) so the saved answers load again."""
    term = start("--plain", env=ASCII_TERMINAL)
    plain_walk(term, tiny_bank, note="café")
    term.save(("answers", None), plain=True)
    shown = ended_cleanly(term, term.finish(), tiny_bank)
    assert "caf\\ufffd\\ufffd" in shown
    saved = tmp_path / f"fibrofoot-answers-{SOURCE_DATE}.yaml"
    check = Terminal(tmp_path, "--questions", str(TINY_BANK), "report", str(saved))
    assert check.finish() == 0, check.shown()


# 3. and 4. Save as -----------------------------------------------------------------------------


def test_save_as_a_name_over_255_bytes_then_a_device_then_skip(
    start: Callable[..., Terminal], tiny_bank: Bank, tmp_path: Path
) -> None:
    """In the menus, after every answer: a long name is a sentence; a device node (root makes
    one here) is not offered for replacing; then skip. The device and folder are untouched."""
    device = tmp_path / "null.txt"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    term = start()
    menu_walk(term, tiny_bank)
    term.choose_save("text")
    term.expect(SAVE_AS)
    term.expect(SUMMARY_NAME)
    term.send(Keyboard.ControlU + "x" * 256 + ".txt" + Keyboard.Enter)
    term.expect("the name is too long")
    term.choose("What would you like to do?", ["retry", "skip"], "retry", "retry")
    term.expect("Save as:")
    term.expect("x" * 20)
    term.send(Keyboard.ControlU + "null.txt" + Keyboard.Enter)
    term.expect("is not an ordinary file")
    term.choose("What would you like to do?", ["retry", "skip"], "skip", "retry")
    term.choose_save(DONE)
    shown = ended_cleanly(term, term.finish(), tiny_bank)
    assert "Replace it?" not in shown
    assert "--force" not in shown
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null.txt"]


@pytest.fixture
def shared(tiny_bank_dir: Path) -> Iterator[Path]:
    """A folder the user nobody may work in (pytest's tmp_path is root's only), with a copy of
    the tiny bank it can read and a folder of root's that it may not search."""
    folder = Path(tempfile.mkdtemp(prefix="fibrofoot-shared-"))
    try:
        shutil.copytree(tiny_bank_dir, folder / "tiny")
        for path in [folder, folder / "tiny", *folder.joinpath("tiny").iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (folder / "work").mkdir(mode=0o777)
        (folder / "work").chmod(0o777)
        (folder / "locked").mkdir(mode=0o700)
        yield folder
    finally:
        shutil.rmtree(folder)


def test_save_as_into_a_folder_nobody_may_search_is_a_sentence(
    terminals: list[Terminal], tiny_bank: Bank, shared: Path
) -> None:
    """As a second user: a name in a folder it may not search is explained, then it saves
    under another name; the walk is not lost."""
    work = shared / "work"
    term = Terminal(work, "--plain", "--questions", str(shared / "tiny"), user=as_nobody())
    terminals.append(term)
    plain_walk(term, tiny_bank)
    term.choose_save("text", plain=True)
    term.type_line("Save as", str(shared / "locked" / "x.txt"))
    term.expect("not allowed to look in that folder")
    term.type_line("What would you like to do?", "1")
    term.type_line("Save as", "mine.txt")
    term.expect("Saved the summary to")
    term.choose_save(DONE, ["text"], plain=True)
    ended_cleanly(term, term.finish(), tiny_bank)
    saved = work / "mine.txt"
    assert saved.stat().st_uid == 65534
    assert saved.read_text(encoding="utf-8").endswith(f"{tiny_bank.messages.consult}\n")
    assert [p.name for p in work.iterdir()] == ["mine.txt"]


# 5. Signals ------------------------------------------------------------------------------------


def _stopped(term: Terminal, bank: Bank, code: int, said: str, folder: Path) -> None:
    shown = ended_cleanly(term, term.finish(), bank, code)
    assert said in shown
    assert list(folder.iterdir()) == []  # hidden temporary files included


SIGNALS = [
    (signal.SIGTERM, 143, "Stopped: fibrofoot was asked to end (SIGTERM)."),
    (signal.SIGHUP, 129, "Stopped: the terminal was closed (SIGHUP)."),
]


@pytest.mark.parametrize(("signum", "code", "said"), SIGNALS, ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("where", ["welcome", "menu", "plain", "file-name"])
def test_a_signal_stops_the_walkthrough_and_says_how(
    start: Callable[..., Terminal],
    tiny_bank: Bank,
    tmp_path: Path,
    signum: int,
    code: int,
    said: str,
    where: str,
) -> None:
    """At the welcome (while the bank is validated in the background), at a menu, at a
    --plain prompt and at the file name in the menus: said, consult last, 128 + signal."""
    term = start(*(["--plain"] if where == "plain" else []))
    if where == "welcome":
        term.expect(PRESS_ENTER)
    elif where == "file-name":
        menu_walk(term, tiny_bank)
        term.choose_save("text")
        term.expect(SAVE_AS)
        term.expect(SUMMARY_NAME)
    else:
        term.begin()
        term.expect(FIRST_PROGRESS)
        term.expect("why we ask" if where == "plain" else "Warning signs:")
    time.sleep(0.2)
    term.child.kill(signum)
    _stopped(term, tiny_bank, code, said, tmp_path)


@pytest.mark.parametrize("plain", [True, False], ids=["plain", "menus"])
def test_closing_the_terminal_window_ends_with_129_and_leaves_nothing(
    start: Callable[..., Terminal],
    terminals: list[Terminal],
    tiny_bank: Bank,
    tmp_path: Path,
    plain: bool,
) -> None:
    """The terminal goes away mid-walk (its pseudo-terminal closed): no one to tell, but the
    run ends as SIGHUP, not with a traceback's exit code 1 or Python's 120."""
    term = start(*(["--plain"] if plain else []))
    term.begin()
    term.expect("why we ask" if plain else "Warning signs:")
    time.sleep(0.2)
    pid = term.child.pid
    assert pid is not None
    os.close(term.child.child_fd)
    _, status = os.waitpid(pid, 0)
    terminals.remove(term)  # reaped here: nothing left for pexpect to close
    assert os.waitstatus_to_exitcode(status) == 129
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("at", ["welcome-at-once", "menu"])
def test_a_second_ctrl_c_gives_no_traceback(
    start: Callable[..., Terminal], tiny_bank: Bank, tmp_path: Path, at: str
) -> None:
    """Ctrl-C twice in a row, the first the moment the welcome appears (the background
    preparation is still importing) or at a menu: "Stopped.", 130, consult last."""
    term = start()
    if at == "menu":
        term.begin()
        term.expect("Warning signs:")
    else:
        term.child.expect(on_screen("fibrofoot"))
    term.child.kill(signal.SIGINT)
    term.child.kill(signal.SIGINT)
    _stopped(term, tiny_bank, 130, "Stopped.", tmp_path)


# 6. Streams ------------------------------------------------------------------------------------


def test_a_closed_stdin_is_a_sentence(
    start: Callable[..., Terminal], tiny_bank: Bank, tmp_path: Path
) -> None:
    term = start(bash_line="{} <&-")
    shown = ended_cleanly(term, term.finish(), tiny_bank, 2)
    assert "its input is closed, so nothing can be typed" in shown
    assert list(tmp_path.iterdir()) == []


def test_with_stdout_closed_the_summary_is_shown_on_the_terminal(
    start: Callable[..., Terminal], tiny_bank: Bank
) -> None:
    term = start(bash_line="{} >&-")
    menu_walk(term, tiny_bank)
    term.expect("standard output is closed")
    term.expect("Here it is on the screen instead, so nothing is lost:")
    term.expect("A tiny note.")
    term.save()
    ended_cleanly(term, term.finish(), tiny_bank)


def test_stdout_over_a_file_size_limit_is_said_and_the_summary_shown_here(
    start: Callable[..., Terminal], tiny_bank: Bank, tmp_path: Path
) -> None:
    """`ulimit -f 1` and stdout to a file, under PYTHONUNBUFFERED (as this environment has
    it): the cut summary is not passed off as written; it is shown on the terminal too."""
    term = start("--plain", bash_line="ulimit -f 1; {} > out.txt", env={"PYTHONUNBUFFERED": "1"})
    plain_walk(term, tiny_bank, note="x" * 3000)
    term.expect("Could not write to the output: File too large.")
    term.expect("Here it is on the screen instead, so nothing is lost:")
    term.save(plain=True)
    ended_cleanly(term, term.finish(), tiny_bank)


@pytest.mark.parametrize("fmt", ["json", "fhir"])
def test_report_on_a_terminal_ends_with_the_consult_message(
    tiny_bank: Bank, tmp_path: Path, fmt: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("level: 4\n", encoding="utf-8")
    term = Terminal(
        tmp_path, "--questions", str(TINY_BANK), "report", str(answers), "--format", fmt
    )
    ended_cleanly(term, term.finish(), tiny_bank)
