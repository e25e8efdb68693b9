"""The two safety promises, owned here: no output ever uses forbidden wording, and every format and
every way out of fibrofoot ends with the consult message; also, what a person typed reaches the
terminal harmlessly.

The readers (one per format) and the one check are in tests/helpers/wording.py. The ways out are
run on the tiny bank (a full walk, a red-flag stop, Ctrl-C, errors, report, questions); the
shipped bank is rendered only to check its own words. Ctrl-C at each kind of prompt in a real
terminal is in tests/e2e/test_interrupts.py, through the same check.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pexpect
import pytest
from helpers.strategies import PROPERTY, any_answers, shipped_bank, walked_answers
from helpers.terminal import (
    FIBROFOOT,
    NOTHING_SAVED,
    SAVE_MENU,
    TIMEOUT,
    TINY_BANK,
    TINY_CALM,
    Keyboard,
    Terminal,
    choice_keys,
    deadline,
    on_screen,
    plain_answer,
    plain_save_lines,
    save_menu,
    terminal_env,
    visible,
)
from helpers.wording import LAST, assert_safe_ending, assert_wording, readable_text
from hypothesis import given
from hypothesis import strategies as st
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from fibrofoot.answers import Answers
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank
from fibrofoot.render.formats import FORMATS, file_extension, render
from fibrofoot.rules import asked_questions
from fibrofoot.summary import build_summary
from fibrofoot.terminal.cli import main
from fibrofoot.terminal.menus import QuestionaryPrompter
from fibrofoot.terminal.plain import PlainPrompter
from fibrofoot.terminal.saving import DONE
from fibrofoot.terminal.screen import Streams
from fibrofoot.terminal.walkthrough import REVIEW_DONE, Walkthrough

TINY = load_bank(TINY_BANK)
DAY = date(2026, 1, 15)
CONSULT = TINY.messages.consult

Cli = Callable[..., tuple[int, str, str]]


# --- the readers and the check can fail -----------------------------------------------------


def test_every_format_has_a_reader_for_its_last_paragraph() -> None:
    """Each format the renderer knows is read, none forgotten."""
    assert set(LAST) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_check_catches_another_last_paragraph(fmt: str) -> None:
    """A summary whose consult message was replaced is caught in each format."""
    summary = build_summary(TINY, {"level": 3}, DAY, "0")
    changed = summary.model_copy(update={"consult_message": "Something else entirely."})
    with pytest.raises(AssertionError):
        assert_safe_ending(fmt, render(changed, fmt, TINY), CONSULT, "changed")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_check_catches_forbidden_wording(fmt: str) -> None:
    """A note saying a forbidden phrase is caught in each format, as written or as read."""
    summary = build_summary(TINY, {"note": "I think you have it."}, DAY, "0")
    with pytest.raises(AssertionError, match="forbidden wording"):
        assert_safe_ending(fmt, render(summary, fmt, TINY), CONSULT, "a forbidden note")


def test_the_wording_check_reads_decoded_json() -> None:
    """A phrase split by an escaped newline is invisible in the JSON text but found as read."""
    document = json.dumps({"answer": "you\nhave"})
    assert "you have" not in " ".join(document.split())
    with pytest.raises(AssertionError):
        assert_wording(readable_text("json", document))


# --- every format -------------------------------------------------------------------------------


def _every_format(bank: Bank, answers: Answers) -> None:
    summary = build_summary(bank, answers, DAY, "0.0.0")
    for fmt in FORMATS:
        assert_safe_ending(fmt, render(summary, fmt, bank), bank.messages.consult, "summary")


@PROPERTY
@given(st.one_of(walked_answers(TINY), any_answers(TINY)))
def test_every_format_ends_with_the_consult_message(answers: Answers) -> None:
    """Any answers, as walked or not: every format ends with the consult message."""
    _every_format(TINY, answers)


@PROPERTY
@given(st.one_of(walked_answers(), any_answers()))
def test_the_shipped_banks_words_keep_the_rules_in_every_format(answers: Answers) -> None:
    """The shipped bank's own words, for any answers: no forbidden wording in any format."""
    _every_format(shipped_bank(), answers)


def test_every_warning_level_of_the_shipped_bank_has_a_word_a_screen_reader_speaks() -> None:
    """ "Urgent:" or "Warning:" before a level's title: a word, where "!!" was skipped aloud."""
    for text in shipped_bank().messages.levels.values():
        assert text.marker.isalpha(), text.marker
        assert text.marker[0].isupper(), text.marker


# --- every way out of `fibrofoot` ---------------------------------------------------------------


class Typing(io.StringIO):
    """Lines typed on a 'terminal' that echoes each one to `screen`, as a terminal does; once
    they run out, the person presses Ctrl-C."""

    def __init__(self, lines: list[str], screen: io.StringIO) -> None:
        super().__init__("".join(f"{line}\n" for line in lines))
        self.screen = screen

    def isatty(self) -> bool:
        return True

    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]  # as typeshed
        line = super().readline(size)
        if not line:
            raise KeyboardInterrupt
        self.screen.write(line)
        return line


def _walk(lines: list[str], *args: str) -> tuple[int, str, str]:
    """`fibrofoot --questions TINY --plain ARGS` in process, typing `lines`: (code, what the
    terminal showed, what went to stdout)."""
    terminal, output = io.StringIO(), io.StringIO()
    streams = Streams(Typing(lines, terminal), terminal, output)
    with deadline():
        code = main(["--questions", str(TINY_BANK), "--plain", *args], streams)
    return code, terminal.getvalue(), output.getvalue()


def _answer_lines(answers: Answers) -> list[str]:
    return [plain_answer(q, answers[q.id]) for q in asked_questions(TINY, answers)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_walk_ends_with_the_consult_message(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Welcome, questions, review, the summary saved in this format: the terminal, the printed
    summary and the saved file all end with it."""
    monkeypatch.chdir(tmp_path)
    saving = plain_save_lines((fmt, None))  # the summary only
    code, terminal, output = _walk(["", *_answer_lines(TINY_CALM), "1", *saving])
    assert code == 0
    assert_safe_ending("text", terminal, CONSULT, "terminal after a full walk")
    assert_safe_ending("text", output, CONSULT, "printed summary")
    [saved] = tmp_path.glob(f"fibrofoot-summary-*{file_extension(fmt)}")
    assert_safe_ending(fmt, saved.read_text(encoding="utf-8"), CONSULT, "saved summary")


def test_a_red_flag_stop_ends_with_the_consult_message() -> None:
    """Stopping at an emergency sign: the summary and the terminal end with it."""
    warning = plain_answer(TINY.question("warning"), ["emergency_sign"])
    code, terminal, output = _walk(["", warning, "1", *plain_save_lines()])
    assert code == 0
    assert_safe_ending("text", terminal, CONSULT, "terminal after a red-flag stop")
    assert_safe_ending("text", output, CONSULT, "summary after a red-flag stop")


def test_ctrl_c_ends_with_the_consult_message() -> None:
    """Ctrl-C half-way: "Stopped. Nothing was saved.", the consult message last, and nothing
    on stdout."""
    code, terminal, output = _walk(["", *_answer_lines(TINY_CALM)[:3]])
    assert (code, output) == (130, "")
    assert f"Stopped. {NOTHING_SAVED}" in " ".join(terminal.split())
    assert_safe_ending("text", terminal, CONSULT, "terminal after Ctrl-C")


@pytest.fixture
def answers_file(write_answers: Callable[..., Path]) -> Path:
    return write_answers({**TINY_CALM, "warning": ["soon_sign"]})


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_to_stdout_ends_with_the_consult_message(
    fmt: str, cli: Cli, answers_file: Path
) -> None:
    """`report --format F`: the summary on stdout ends with it, and (stdout not being a
    terminal here) so does what the terminal shows on stderr."""
    code, out, err = cli("--questions", TINY_BANK, "report", answers_file, "--format", fmt)
    assert code == 0
    assert_safe_ending(fmt, out, CONSULT, "report to stdout")
    assert_safe_ending("text", err, CONSULT, "report's stderr")


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_to_a_file_ends_with_the_consult_message(
    fmt: str, cli: Cli, answers_file: Path, tmp_path: Path
) -> None:
    """`report -o FILE`: the file ends with it, and so does the confirmation on stderr."""
    target = tmp_path / f"summary{file_extension(fmt)}"
    code, out, err = cli("--questions", TINY_BANK, "report", answers_file, "-o", target)
    assert (code, out) == (0, "")
    assert_safe_ending(fmt, target.read_text(encoding="utf-8"), CONSULT, "report -o")
    assert_safe_ending("text", err, CONSULT, "report -o stderr")


@pytest.mark.parametrize("argv", [["--check"], ["--json"], ["--fhir"]])
def test_questions_commands_end_with_the_consult_message(argv: list[str], cli: Cli) -> None:
    """`questions --check/--json/--fhir`: the terminal's last paragraph is the advice."""
    code, _, err = cli("--questions", TINY_BANK, "questions", *argv)
    assert code == 0
    assert_safe_ending("text", err, CONSULT, f"questions {argv[0]}")


@pytest.fixture
def broken_inputs(tmp_path: Path) -> Path:
    """A folder with the bad inputs the error cases below point at."""
    (tmp_path / "wrong.yaml").write_text("level: eleven\nno_such_question: 1\n", "utf-8")
    (tmp_path / "broken.yaml").write_text('note: "never closed\n', encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text("level: 3\n", encoding="utf-8")
    (tmp_path / "exists.txt").write_text("keep me\n", encoding="utf-8")
    return tmp_path


ERRORS = [
    pytest.param(2, ["--no-such-flag"], id="usage-unknown-flag"),
    pytest.param(2, ["report"], id="usage-no-answers-file"),
    pytest.param(2, ["report", "{dir}/wrong.yaml", "--format", "pdf"], id="usage-format"),
    pytest.param(2, ["questions"], id="usage-questions-without-action"),
    pytest.param(2, ["report", "{dir}/good.yaml", "-o", "{dir}/x.pdf"], id="usage-extension"),
    pytest.param(1, ["report", "{dir}/missing.yaml"], id="data-missing-file"),
    pytest.param(1, ["report", "{dir}/wrong.yaml"], id="data-wrong-answers"),
    pytest.param(1, ["report", "{dir}/broken.yaml"], id="data-broken-yaml"),
    pytest.param(1, ["report", "{dir}/list.yaml"], id="data-not-a-mapping"),
    pytest.param(1, ["report", "{dir}/good.yaml", "-o", "{dir}/exists.txt"], id="data-exists"),
    pytest.param(1, ["report", "{dir}/good.yaml", "-o", "{dir}/no/dir.txt"], id="data-no-folder"),
    pytest.param(1, ["report", "{dir}/good.yaml", "-o", "{dir}"], id="data-output-is-a-folder"),
    pytest.param(1, ["--plain", "--answers", "{dir}/wrong.yaml"], id="data-walk-answers"),
]


@pytest.mark.parametrize(("code", "argv"), ERRORS)
def test_every_error_ends_with_the_consult_message(
    code: int, argv: list[str], broken_inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Usage (2) and data (1) errors: a message, then the consult message as the last paragraph
    of the terminal; nothing on stdout, no traceback, no forbidden wording. (The tiny bank
    stands in for the default one: a usage error comes before any --questions is understood.)"""
    monkeypatch.setattr("fibrofoot.bank.load.default_bank_dir", lambda: TINY_BANK)
    terminal, output = io.StringIO(), io.StringIO()
    streams = Streams(Typing([""], terminal), terminal, output)
    assert main([arg.format(dir=broken_inputs) for arg in argv], streams) == code
    err = terminal.getvalue()
    assert output.getvalue() == ""
    assert "\nfibrofoot: " in f"\n{err}"  # after the version line, for the walkthrough
    assert "Traceback" not in err
    assert_safe_ending("text", err, CONSULT, "error message")


def _report_into(stdout: int, answers: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed `fibrofoot report` with stdout to the given place."""
    return subprocess.run(
        [str(FIBROFOOT), "--questions", str(TINY_BANK), "report", str(answers), "--format", "html"],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=terminal_env(),
        timeout=TIMEOUT,
        check=False,
    )


def test_report_to_a_full_disk_says_so_and_ends_with_the_consult_message(
    answers_file: Path,
) -> None:
    """`report A > /dev/full` says the output could not be written, no traceback, consult last."""
    with open("/dev/full", "w") as full:
        done = _report_into(full.fileno(), answers_file)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("fibrofoot: ")
    assert_safe_ending("text", done.stderr, CONSULT, "report to a full disk")


def test_report_into_a_closed_pipe_ends_without_a_traceback(answers_file: Path) -> None:
    """`report A | true` ends without a BrokenPipeError traceback."""
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: writing the summary fails with EPIPE
    try:
        done = _report_into(writer, answers_file)
    finally:
        os.close(writer)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    assert_safe_ending("text", done.stderr, CONSULT, "report into a closed pipe")


@pytest.mark.e2e
def test_walkthrough_into_a_full_disk_ends_with_the_consult_message(tmp_path: Path) -> None:
    """`fibrofoot > /dev/full`: the summary is shown on the terminal instead, consult last."""
    term = Terminal(tmp_path, "--questions", str(TINY_BANK), stdout_to="/dev/full")
    try:
        term.begin()
        term.walk(TINY, TINY_CALM)
        term.choose("Your answers.", [REVIEW_DONE], REVIEW_DONE, REVIEW_DONE)
        # Stopping with a message, or carrying on to the save offers, are both fine.
        if term.child.expect([pexpect.EOF, on_screen(SAVE_MENU)]) == 1:
            term.expect("Your choice:")
            term.send(choice_keys(save_menu(), DONE, DONE))
        term.finish()
    finally:
        term.close()
    assert "Traceback" not in term.shown()
    assert "Could not write" in term.shown()
    assert_safe_ending("text", term.transcript.getvalue(), CONSULT, "walk into a full disk")


# --- what a person typed reaches the terminal harmlessly -------------------------------------
# A note holding terminal escapes (set the window title, clear the screen), a C1 control and a
# bidi override; it can come back on screen from --answers FILE or in the review.

HOSTILE_NOTE = "a\x1b]0;pwned\x07b\x1b[2Jc\x9bd\u202ee"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")
HOSTILE: Answers = {**TINY_CALM, "note": HOSTILE_NOTE}


def _plain_run(lines: list[str], prefill: Answers) -> str:
    """A plain walkthrough reading these lines; what it showed on the terminal."""
    out = io.StringIO()
    prompter = PlainPrompter(io.StringIO("".join(f"{line}\n" for line in lines)), out)
    with deadline():
        try:
            Walkthrough(TINY, prompter, DAY).run(prefill, io.StringIO())
        except KeyboardInterrupt:  # end of input; pytest would take it for the user's Ctrl-C
            pytest.fail(f"the walkthrough wanted more lines than given:\n{out.getvalue()[-500:]}")
    return out.getvalue()


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


def test_the_review_lists_a_hostile_note_harmlessly_in_plain_mode(in_tmp: Path) -> None:
    """The review screen (plain prompter) shows the note's escapes as visible \\uXXXX text."""
    shown = _plain_run([*_answer_lines(HOSTILE), "1", *plain_save_lines()], {})
    review = shown[shown.index("Your answers.") :]
    assert "a\\u001b]0;pwned\\u0007b\\u001b[2Jc\\u009bd\\u202ee" in review
    for char in RAW:
        assert char not in review, repr(char)


@pytest.mark.parametrize("route", ["answers-file", "review-change"])
def test_plain_prompt_shows_a_kept_note_harmlessly(route: str, in_tmp: Path) -> None:
    """Plain mode's "Enter keeps <note>" shows control characters as escapes."""
    if route == "answers-file":  # fibrofoot --plain --answers FILE: the note from the review
        review = [REVIEW_DONE, *HOSTILE]
        lines, prefill = [str(review.index("note") + 1), ""], HOSTILE
    else:  # typed in, then chosen again in the review and kept with Enter
        review = [REVIEW_DONE, *HOSTILE]
        lines = [*_answer_lines(HOSTILE), str(review.index("note") + 1), ""]
        prefill = {}
    shown = _plain_run([*lines, "1", *plain_save_lines()], prefill)
    assert "Press Enter alone to keep: a\\u001b]0;pwned" in " ".join(shown.split())
    for char in RAW:
        assert char not in shown, f"{char!r} reached the terminal raw"


def test_plain_file_name_prompt_shows_a_typed_name_harmlessly(in_tmp: Path) -> None:
    """A refused file name offered again in plain mode shows control characters as escapes."""
    name = "no-such-folder/x\x1b]0;pwned\x07.txt"
    save, _, done = plain_save_lines(("text", "saved.txt"))
    lines = [*_answer_lines(TINY_CALM), "1", save, name, "1", "saved.txt", done]
    shown = _plain_run(lines, {})
    assert "The folder" in shown  # the name was refused, then offered again
    assert (in_tmp / "saved.txt").is_file()
    for char in ("\x1b", "\x07"):
        assert char not in shown, f"{char!r} reached the terminal raw"


def _menus_run(keys: str, prefill: Answers) -> tuple[str, str]:
    """The arrow-key walkthrough drawn on a real VT100 output; (what it drew, what it said)."""
    screen, said = io.StringIO(), io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=30, columns=100), term="xterm")
    with (
        deadline(),
        create_pipe_input() as inp,
        create_app_session(input=inp, output=output),
    ):
        inp.send_text(keys)
        Walkthrough(TINY, QuestionaryPrompter(said), DAY).run(prefill, io.StringIO())
    return screen.getvalue(), said.getvalue()


@pytest.fixture
def hostile_menus(in_tmp: Path) -> tuple[str, str]:
    """Saved answers go straight to the review; the note is chosen there and kept."""
    review = [REVIEW_DONE, *HOSTILE]
    keys = choice_keys(review, "note", REVIEW_DONE) + Keyboard.Enter
    keys += choice_keys(review, REVIEW_DONE, REVIEW_DONE) + Keyboard.Enter
    return _menus_run(keys, HOSTILE)


def test_arrow_key_menus_show_a_hostile_note_without_terminal_controls(
    hostile_menus: tuple[str, str],
) -> None:
    """Review titles and the note's text box (prompt_toolkit) show escapes as ^[ or \\uXXXX."""
    drawn, said = hostile_menus
    seen = visible(drawn)  # without prompt_toolkit's own styling
    assert "^[]0;pwned^G" in seen  # the text box: prompt_toolkit's caret notation
    assert "\\u001b]0;pwned" in seen  # the review menu: harmless() escapes
    for sequence in ("\x1b]0;pwned", "\x1b[2J", "\x07", "\x9b"):
        assert sequence not in drawn, repr(sequence)
    for char in RAW:
        assert char not in said, repr(char)


def test_arrow_key_text_box_shows_a_bidi_override_as_an_escape(
    hostile_menus: tuple[str, str],
) -> None:
    """A kept note's U+202E is drawn as an escape in the arrow-key text box, not obeyed."""
    drawn, _ = hostile_menus
    assert "\u202e" not in drawn
    assert "\\u202e" in visible(drawn)
