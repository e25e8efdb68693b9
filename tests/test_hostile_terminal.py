"""Hostile systems at the terminal edge (issue 14), in-process on the tiny bank: digits that are
not ASCII, paths the save dialogue meets, what a name can name, signals, closed and short
streams, and limits enforced where the text is typed. What needs a real pseudo-terminal, a
second user or a non-UTF-8 locale is in tests/e2e/test_hostile_terminal_e2e.py.

Each case: no traceback (no exception out of `main`), the consult message last, the right exit
code, nothing lost that was answered, nothing written that was not asked for.
"""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import stat
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers.terminal import (
    FIBROFOOT,
    SOURCE_DATE_EPOCH,
    TINY_CALM,
    FakeTty,
    Keyboard,
    deadline,
    plain_answer,
    plain_save_lines,
)
from helpers.wording import last_paragraph, words
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from fibrofoot import flow
from fibrofoot.answers import MAX_TEXT_CHARS, dump_answers, read_answers, validate_answers
from fibrofoot.bank import load as bank_load
from fibrofoot.bank.base import Kind
from fibrofoot.bank.models import Bank, Question
from fibrofoot.render.formats import FORMATS
from fibrofoot.render.json_format import render_json
from fibrofoot.rules import asked_questions
from fibrofoot.summary import build_summary
from fibrofoot.terminal import cli, saving, stopping
from fibrofoot.terminal.checkin import walkthrough_offer
from fibrofoot.terminal.menus import QuestionaryPrompter
from fibrofoot.terminal.plain import PlainPrompter
from fibrofoot.terminal.prompter import Navigation
from fibrofoot.terminal.saving import Saver
from fibrofoot.terminal.screen import Streams, terminal_width

TODAY = date(2026, 1, 15)
SUMMARY_NAME = "fibrofoot-summary-2026-01-15.txt"
LONG_NAME = "x" * 256 + ".txt"
NOT_ASCII_DIGITS = ["①", "²", "１", "٣", "𝟙"]
NO_BACK = Navigation(can_go_back=False)


@pytest.fixture(autouse=True)
def _setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Wide lines, a fixed date, an empty folder of the test's own; fail rather than hang."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.chdir(tmp_path)
    with deadline():
        yield


def plain(lines: list[str]) -> tuple[PlainPrompter, io.StringIO]:
    """The plain prompter reading these lines; what it shows goes to the returned string."""
    shown = io.StringIO()
    return PlainPrompter(io.StringIO("".join(f"{line}\n" for line in lines)), shown), shown


def walk_lines(bank: Bank) -> list[str]:
    """The lines that answer the calm tiny walk in --plain, the welcome's Enter first, then
    'these are right' at the review."""
    lines = [""]
    for question in asked_questions(bank, TINY_CALM):
        lines.append(plain_answer(question, TINY_CALM[question.id]))
        assert not flow.red_flags_for(bank, question.id, TINY_CALM)
    return [*lines, "1"]


def main_on(
    bank_dir: Path, lines: list[str], *argv: str, output: io.StringIO | None = None
) -> tuple[int, str, str]:
    """`fibrofoot --plain --questions TINY ARGV` with these lines typed on a 'terminal';
    (exit code, what the terminal showed, what went to stdout)."""
    terminal = io.StringIO()
    output = io.StringIO() if output is None else output
    streams = Streams(FakeTty("".join(f"{line}\n" for line in lines)), terminal, output)
    code = cli.main(["--plain", "--questions", str(bank_dir), *argv], streams)
    return code, terminal.getvalue(), output.getvalue()


def ends_with_consult(shown: str, bank: Bank) -> None:
    assert "Traceback" not in shown
    assert last_paragraph("text", shown) == words(bank.messages.consult), shown[-400:]


# 1. Digits: only ASCII digits are numbers, in range -------------------------------------------


@pytest.mark.parametrize("typed", [*NOT_ASCII_DIGITS, "0", "4", "1,²", "9" * 60, "-1"])
def test_plain_numbered_answer_refuses_what_is_not_an_ascii_number_in_range(
    tiny_bank: Bank, typed: str
) -> None:
    """'①' (one key on AZERTY), '²', full-width and Arabic-Indic digits are refused calmly and
    asked again; the walk goes on with the next line."""
    prompter, shown = plain([typed, "2"])
    assert prompter.ask(tiny_bank.question("side"), None, NO_BACK) == "right"
    assert shown.getvalue().count("Please type a number from 1 to 3.") == 1


@pytest.mark.parametrize("typed", [*NOT_ASCII_DIGITS, "１０", "11", "-1", "٥", "9" * 60])
def test_plain_scale_answer_refuses_what_is_not_an_ascii_number_in_range(
    tiny_bank: Bank, typed: str
) -> None:
    prompter, shown = plain([typed, "10"])
    assert prompter.ask(tiny_bank.question("level"), None, NO_BACK) == 10
    assert shown.getvalue().count("Please type a whole number from 0 to 10.") == 1


@pytest.mark.parametrize("typed", ["①", "²"])
def test_plain_walkthrough_menus_refuse_other_digits(typed: str) -> None:
    """The stop-or-go, review and save menus read numbers the same way."""
    prompter, shown = plain([typed, "2"])
    assert prompter.choose("Pick", [("a", "A"), ("b", "B")], "a") == "b"
    assert "Please type a number from 1 to 2." in shown.getvalue()


@pytest.mark.parametrize("columns", [*NOT_ASCII_DIGITS, "１２０", "0", "9" * 400, "-5", "4e1"])
def test_columns_that_is_not_an_ascii_number_is_ignored(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert terminal_width(io.StringIO()) == 80  # not a terminal: the default


def test_columns_in_ascii_digits_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", " 40 ")
    assert terminal_width(io.StringIO()) == 40


@pytest.mark.parametrize("columns", ["①", "²"])
def test_columns_with_other_digits_does_not_break_the_error_handler(
    tiny_bank: Bank, tiny_bank_dir: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    terminal = io.StringIO()
    streams = Streams(io.StringIO(), terminal, io.StringIO())
    code = cli.main(["--questions", str(tiny_bank_dir), "report", "no-such.yaml"], streams)
    assert code == 1
    assert "no such file" in terminal.getvalue()
    ends_with_consult(terminal.getvalue(), tiny_bank)


@pytest.mark.parametrize(
    ("epoch", "shown"),
    [
        (SOURCE_DATE_EPOCH, "2026-01-15"),
        ("²", None),
        ("１７６８４７８４００", None),
        ("9" * 40, None),
        ("-1", None),
        ("1e9", None),
    ],
)
def test_source_date_epoch_counts_only_in_ascii_digits(
    tiny_bank_dir: Path,
    write_answers: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    epoch: str,
    shown: str | None,
) -> None:
    """Anything else is today's date, not a crash."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    output = io.StringIO()
    streams = Streams(io.StringIO(), io.StringIO(), output)
    answers = write_answers({"level": 3})
    assert cli.main(["--questions", str(tiny_bank_dir), "report", str(answers)], streams) == 0
    assert (shown or date.today().isoformat()) in output.getvalue()


# 3. and 4. What "Save as" meets -----------------------------------------------------------------


def save_dialogue(bank: Bank, names: list[str], *, last_saves: bool = False) -> tuple[str, Path]:
    """Offer to save the calm walk's summary as text, typing `names` in turn, each refused one
    followed by "choose another name", the last by "skip" (unless `last_saves`); then done.
    Returns what the dialogue showed, and the folder saved in."""
    lines = plain_save_lines(("text", "x"))[:1]
    for name in names:
        lines += [name, "1"]  # after a refusal: choose another name
    if last_saves:
        lines[-1:] = plain_save_lines(("text", "x"))[-1:]
    else:
        lines[-1:] = ["2", *plain_save_lines()]  # skip, then save nothing else
    prompter, shown = plain(lines)
    summary = build_summary(bank, TINY_CALM, TODAY, "0.1.0")
    Saver(bank, prompter, TODAY, extra_offers=[walkthrough_offer(bank)]).offer_saves(
        summary, TINY_CALM
    )
    return words(shown.getvalue()), Path.cwd()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (LONG_NAME, "the name is too long (a name can be at most 255 bytes)"),
        ("a\x00b.txt", "the name holds a character no file name can (a NUL"),
        ("~nosuchuser/x.txt", "there is no such user's home folder"),
        ("exists.txt/x.txt", "a part of the path is a file, not a folder"),
        ("no-folder/x.txt", "The folder no-folder does not exist"),
        (f"{'d' * 256}/x.txt", "the name is too long"),
    ],
    ids=["too-long", "nul", "no-such-user", "file-as-folder", "no-folder", "long-folder"],
)
def test_a_refused_save_name_is_a_sentence_then_another_name_or_skip(
    tiny_bank: Bank, name: str, expected: str
) -> None:
    """After every question was answered, a name the system refuses is explained, nothing is
    lost and the person may choose again or skip; nothing is written."""
    Path("exists.txt").write_text("keep me\n", encoding="utf-8")
    shown, folder = save_dialogue(tiny_bank, [name])
    assert expected in shown
    assert "Nothing was lost: your summary is on the screen above." in shown
    assert "Choose another name" in shown
    assert "Skipped: did not save the summary." in shown
    assert sorted(p.name for p in folder.iterdir()) == ["exists.txt"]
    assert Path("exists.txt").read_text(encoding="utf-8") == "keep me\n"


def test_after_a_refused_name_another_name_saves(tiny_bank: Bank) -> None:
    names = ["a\x00b.txt", "~nosuchuser/x.txt", "mine.txt"]
    shown, folder = save_dialogue(tiny_bank, names, last_saves=True)
    assert "Saved the summary to" in shown
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    assert stat.S_IMODE(Path("mine.txt").stat().st_mode) == 0o600


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def _device(path: Path) -> None:
    """A character device like /dev/null, made in the test's folder (root can: CI runs as
    root, and so does this machine; elsewhere the test fails here, it does not skip)."""
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))


def _link(path: Path) -> None:
    Path("target.txt").write_text("linked\n", encoding="utf-8")
    path.symlink_to("target.txt")


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.txt")


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_fifo, "is not an ordinary file"),
        (_socket, "is not an ordinary file"),
        (_device, "is not an ordinary file"),
        (_link, "is not an ordinary file"),
        (_dangling, "is not an ordinary file"),
        (_loop, "is not an ordinary file"),
        (_folder, "is a folder; give a file name"),
    ],
    ids=["fifo", "socket", "device", "link", "dangling-link", "link-loop", "folder"],
)
def test_save_as_never_offers_to_replace_what_is_not_a_regular_file(
    tiny_bank: Bank, make: Callable[[Path], None], expected: str
) -> None:
    """A device, FIFO, socket, symbolic link or folder: "cannot be replaced", another name or
    skip; "Replace it?" is never asked, --force never suggested, and the thing is untouched."""
    target = Path("taken.txt")
    make(target)
    before = os.lstat(target)
    shown, _ = save_dialogue(tiny_bank, ["taken.txt"])
    assert expected in shown
    assert "Replace it?" not in shown
    assert "--force" not in shown
    assert "Skipped: did not save the summary." in shown
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_size) == (
        before.st_mode,
        before.st_ino,
        before.st_size,
    )
    assert not [p for p in Path.cwd().iterdir() if p.name.startswith(".")]  # no temporary file


def test_a_name_taken_after_the_dialogue_looked_is_refused_without_force(
    tiny_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that appears under the name between the dialogue's look (here: it saw nothing)
    and the write is kept; the message offers another name, not the command line's --force."""
    Path("taken.txt").write_text("theirs\n", encoding="utf-8")
    monkeypatch.setattr(saving, "path_kind", lambda path: None)
    shown, _ = save_dialogue(tiny_bank, ["taken.txt"])
    assert "taken.txt already exists; choose another name." in shown
    assert "--force" not in shown
    assert "Skipped: did not save the summary." in shown
    assert Path("taken.txt").read_text(encoding="utf-8") == "theirs\n"


def test_save_as_offers_to_replace_a_regular_file_and_does(tiny_bank: Bank) -> None:
    Path("taken.txt").write_text("old\n", encoding="utf-8")
    save, _, done = plain_save_lines(("text", "taken.txt"))
    prompter, shown = plain([save, "taken.txt", "2", done])  # 2: yes, replace it
    summary = build_summary(tiny_bank, TINY_CALM, TODAY, "0.1.0")
    offers = [walkthrough_offer(tiny_bank)]  # as the walkthrough offers it
    Saver(tiny_bank, prompter, TODAY, extra_offers=offers).offer_saves(summary, TINY_CALM)
    assert "taken.txt already exists. Replace it?" in words(shown.getvalue())
    text = Path("taken.txt").read_text(encoding="utf-8")
    assert text.endswith(f"{tiny_bank.messages.consult}\n")
    assert stat.S_IMODE(Path("taken.txt").stat().st_mode) == 0o600


# --questions and --answers given the wrong kind of path --------------------------------------


def test_questions_given_a_file_says_it_is_a_file(tiny_bank_dir: Path, tiny_bank: Bank) -> None:
    file = tiny_bank_dir / "00-messages.yaml"
    terminal = io.StringIO()
    streams = Streams(FakeTty("\n"), terminal, io.StringIO())
    assert cli.main(["--plain", "--questions", str(file)], streams) == 1
    assert "this is a file, not a folder; give the folder that holds" in words(terminal.getvalue())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (".", "this is a folder; give the path of"),
        (LONG_NAME, "the name is too long"),
        ("a\x00b.yaml", "the name holds a character no file name can"),
        ("~nosuchuser/a.yaml", "no such file"),
    ],
    ids=["folder", "too-long", "nul", "no-such-user"],
)
def test_answers_given_an_odd_path_says_why_before_the_welcome(
    tiny_bank_dir: Path, tiny_bank: Bank, name: str, expected: str
) -> None:
    code, shown, out = main_on(tiny_bank_dir, [""], "--answers", name)
    assert (code, out) == (1, "")
    assert expected in words(shown)
    assert "Press Enter to begin." not in shown
    ends_with_consult(shown, tiny_bank)


# 5. Signals -------------------------------------------------------------------------------------


def _signal_during_fsync(monkeypatch: pytest.MonkeyPatch, signum: int) -> None:
    """Send `signum` to this process while a save is writing its temporary file."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        real_fsync(fd)
        os.kill(os.getpid(), signum)

    monkeypatch.setattr(os, "fsync", fsync)  # the one fibrofoot.files calls


@pytest.mark.parametrize(
    ("signum", "code", "said"),
    [
        (signal.SIGINT, 130, "Stopped. Nothing was saved."),
        (signal.SIGTERM, 143, "Stopped: fibrofoot was asked to end (SIGTERM). Nothing was saved."),
        (signal.SIGHUP, 129, "Stopped: the terminal was closed (SIGHUP). Nothing was saved."),
    ],
    ids=["SIGINT", "SIGTERM", "SIGHUP"],
)
def test_a_signal_during_a_save_stops_cleanly_and_says_so(
    tiny_bank: Bank,
    tiny_bank_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    signum: int,
    code: int,
    said: str,
) -> None:
    """The signal is met like Ctrl-C: the temporary file is removed (nothing half-saved, nothing
    hidden), the run says how it ended, the consult message is last, the exit code is 128 + the
    signal's number; the handlers are put back afterwards; the bank is not validated again on
    the way out (once, by the background preparation)."""
    validated: list[object] = []
    real_validate = bank_load.validate_bank

    def validate(files: bank_load.BankFiles) -> Bank:
        validated.append(files)
        return real_validate(files)

    monkeypatch.setattr(bank_load, "validate_bank", validate)
    _signal_during_fsync(monkeypatch, signum)
    stops = [getattr(signal, name) for name in stopping.STOPPED]
    before = {s: signal.getsignal(s) for s in stops}
    lines = [*walk_lines(tiny_bank), *plain_save_lines(("text", None))[:2]]
    got, shown, _ = main_on(tiny_bank_dir, lines)
    assert got == code
    assert said in shown
    ends_with_consult(shown, tiny_bank)
    assert list(tmp_path.iterdir()) == []  # hidden temporary files included
    assert {s: signal.getsignal(s) for s in stops} == before
    assert len(validated) == 1


def test_a_second_ctrl_c_while_stopping_is_ignored(
    tiny_bank: Bank, tiny_bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C pressed again while the stop is being said: still a clean 130, no traceback."""
    real_consult = cli.consult_message

    def consult_then_ctrl_c(folder: Path | None) -> str:
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGTERM)
        return real_consult(folder)

    monkeypatch.setattr(cli, "consult_message", consult_then_ctrl_c)
    _signal_during_fsync(monkeypatch, signal.SIGINT)
    lines = [*walk_lines(tiny_bank), *plain_save_lines(("text", None))[:2]]
    code, shown, _ = main_on(tiny_bank_dir, lines)
    assert code == 130
    ends_with_consult(shown, tiny_bank)


# 6. Streams -------------------------------------------------------------------------------------


def test_a_closed_stdin_is_a_sentence(
    tiny_bank: Bank,
    tiny_bank_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`fibrofoot <&-`: Python gives sys.stdin None; the walkthrough says why it cannot ask."""
    monkeypatch.setattr("sys.stdin", None)
    assert cli.main(["--questions", str(tiny_bank_dir)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "its input is closed, so nothing can be typed" in words(err)
    ends_with_consult(err, tiny_bank)


def test_a_closed_stdout_is_a_sentence_for_report(
    tiny_bank: Bank,
    tiny_bank_dir: Path,
    write_answers: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    answers = write_answers({"level": 3})
    monkeypatch.setattr("sys.stdout", None)
    assert cli.main(["--questions", str(tiny_bank_dir), "report", str(answers)]) == 1
    err = capsys.readouterr().err
    assert "Could not write to the output: standard output is closed." in err
    ends_with_consult(err, tiny_bank)


def test_with_stdout_closed_the_walkthrough_shows_the_summary_on_the_terminal(
    tiny_bank: Bank, tiny_bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`fibrofoot >&-` after every answer: the summary on the terminal instead, nothing lost."""
    monkeypatch.setattr("sys.stdout", None)
    terminal = io.StringIO()
    keyboard = FakeTty(
        "".join(f"{line}\n" for line in [*walk_lines(tiny_bank), *plain_save_lines()])
    )
    code = cli.main(
        ["--plain", "--questions", str(tiny_bank_dir)], Streams(keyboard, terminal, None)
    )
    shown = terminal.getvalue()
    assert code == 0
    assert "standard output is closed" in shown
    assert "Here it is on the screen instead, so nothing is lost:" in words(shown)
    assert tiny_bank.messages.summary.title in shown  # spoken: as written
    assert "A tiny note." in shown
    assert "Traceback" not in shown
    assert shown.rstrip().endswith(tiny_bank.messages.consult)  # typed lines are not echoed


@pytest.mark.parametrize("unbuffered", [True, False], ids=["PYTHONUNBUFFERED", "buffered"])
def test_a_short_write_to_stdout_is_not_a_silent_success(
    tiny_bank: Bank, tiny_bank_dir: Path, tmp_path: Path, unbuffered: bool
) -> None:
    """`ulimit -f 1` with stdout to a file: the summary (over 1 KiB) cannot be written whole;
    fibrofoot says so and exits 1, under PYTHONUNBUFFERED too (there stdout writes straight to
    the file, and Python drops the rest of a short write without a word)."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"note: {'x' * 3000}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    line = f"ulimit -f 1; exec {FIBROFOOT} --questions {tiny_bank_dir} report {answers} > out.txt"
    done = subprocess.run(
        ["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, timeout=20, check=False
    )
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "Could not write to the output: File too large." in err
    ends_with_consult(err, tiny_bank)


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_on_a_terminal_ends_with_the_consult_message(
    tiny_bank: Bank, tiny_bank_dir: Path, write_answers: Callable[..., Path], fmt: str
) -> None:
    """JSON, FHIR and HTML end with a closing brace or tag, so the terminal says the consult
    message after them; text and Markdown end with it already and do not repeat it."""
    answers = write_answers({"level": 3})
    terminal, screen = io.StringIO(), FakeTty()
    streams = Streams(io.StringIO(), terminal, screen)
    argv = ["--questions", str(tiny_bank_dir), "report", str(answers), "--format", fmt]
    assert cli.main(argv, streams) == 0
    consult = tiny_bank.messages.consult
    if fmt in ("text", "markdown"):
        assert terminal.getvalue() == ""
        assert last_paragraph(fmt, screen.getvalue()) == words(consult)
    else:
        assert last_paragraph("text", terminal.getvalue()) == words(consult)


# 10. Limits where the text is typed -------------------------------------------------------------


def _note(bank: Bank) -> Question:
    return next(q for q in bank.questions if q.kind is Kind.TEXT)


def test_plain_refuses_a_note_longer_than_an_answers_file_may_hold(tiny_bank: Bank) -> None:
    question = _note(tiny_bank)
    prompter, shown = plain(["x" * (MAX_TEXT_CHARS + 1), "x" * MAX_TEXT_CHARS])
    assert prompter.ask(question, None, NO_BACK) == "x" * MAX_TEXT_CHARS
    assert f"A note can be at most {MAX_TEXT_CHARS:,} characters" in shown.getvalue()


def test_menus_refuse_a_note_longer_than_an_answers_file_may_hold(tiny_bank: Bank) -> None:
    """Pasted into the text box: refused under the box, kept for shortening; Backspace once
    and Enter takes it."""
    question = _note(tiny_bank)
    paste = "\x1b[200~" + "y" * (MAX_TEXT_CHARS + 1) + "\x1b[201~"
    keys = paste + Keyboard.Enter + "\x7f" + Keyboard.Enter
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        got = QuestionaryPrompter(io.StringIO()).ask(question, None, NO_BACK)
    assert got == "y" * MAX_TEXT_CHARS


def test_bytes_that_were_not_text_are_saved_so_that_they_load_again(
    tiny_bank: Bank, tmp_path: Path
) -> None:
    """A note holding bytes the terminal's encoding could not read (surrogate escapes) is kept
    with '\ufffd' in their place, so "save your answers to load again" loads again."""
    question = _note(tiny_bank)
    prompter, _ = plain(["caf\udcc3\udca9 note"])
    note = prompter.ask(question, None, NO_BACK)
    assert note == "caf\ufffd\ufffd note"
    path = tmp_path / "saved.yaml"
    path.write_text(dump_answers({"note": note}, "header"), encoding="utf-8")
    assert validate_answers(tiny_bank, read_answers(path), "saved.yaml") == {"note": note}


# JSON output passes nothing a terminal acts on --------------------------------------------------


def test_json_escapes_c1_controls_separators_and_bidi_overrides(tiny_bank: Bank) -> None:
    """The JSON stays valid and holds the note exactly, but none of these characters raw."""
    note = "a\x85b\x9bc\u2028d\u2029e\u202ef\u2066g\x7fh é"
    text = render_json(build_summary(tiny_bank, {"note": note}, TODAY, "0.1.0"), tiny_bank)
    active = [c for c in text if 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029\u202e\u2066"]
    assert active == []
    assert "é" in text  # ordinary text stays as it is
    assert note in json.dumps(json.loads(text), ensure_ascii=False)
