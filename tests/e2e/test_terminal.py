"""The installed `fibrofoot` command in a real pseudo-terminal, driven by keys as a person would."""

from __future__ import annotations

import stat
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Protocol

import pytest
import yaml
from helpers.strategies import NO_URGENT, shipped_bank

from helpers.terminal import (
    FIBROFOOT,
    SOURCE_DATE,
    STOP_OR_GO,
    STOP_VALUES,
    TIMEOUT,
    Keyboard,
    Terminal,
    terminal_env,
    visible,
)
from fibrofoot.answers import Answers
from fibrofoot.bank.models import Bank, Level
from fibrofoot.render.formats import FORMATS
from fibrofoot.summary import build_summary
from fibrofoot.terminal.walkthrough import REVIEW_DONE

pytestmark = pytest.mark.e2e
TITLE = shipped_bank().messages.summary.title

SUMMARY_NAME = f"fibrofoot-summary-{SOURCE_DATE}.txt"
ANSWERS_NAME = f"fibrofoot-answers-{SOURCE_DATE}.yaml"
OSTEOARTHRITIS = "osteoarthritis"

# "None of these" to every question of the first (urgent) section.
# Heel pain on the first steps; morning stiffness that settles within half an hour.
HEEL: Answers = {
    **NO_URGENT,
    "pain_areas": ["heel", "arch"],
    "pain_side": "both",
    "pain_level": 6,
    "pain_duration": "three_to_12_months",
    "pain_timing": ["first_steps", "long_standing"],
    "first_steps_ease": True,
    "sensations": ["deep_ache", "cramps"],
    "tender_spots": "not_sure",
    "morning_stiffness": "under_30",
    "joint_swelling": "no",
    "walk_differently": True,
    "walking_signs": ["none"],
    "note": "Worse after a long shift.",
}


class Start(Protocol):
    def __call__(
        self, *args: str, term: str = "xterm-256color", stdout_to: str | None = None
    ) -> Terminal: ...


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Start]:
    """Start fibrofoot in a pseudo-terminal in an empty folder; always cleaned up afterwards."""
    started: list[Terminal] = []

    def begin(*args: str, term: str = "xterm-256color", stdout_to: str | None = None) -> Terminal:
        terminal = Terminal(tmp_path, *args, term=term, stdout_to=stdout_to)
        started.append(terminal)
        terminal.begin()
        return terminal

    yield begin
    for terminal in started:
        terminal.close()


def answered_before(answers: Answers, question_id: str) -> Answers:
    """The answers given before a question is reached (`answers` is in the order asked)."""
    order = list(answers)
    return {k: answers[k] for k in order[: order.index(question_id)]}


def words(text: str) -> str:
    return " ".join(text.split())


def consult(bank: Bank) -> str:
    return words(bank.messages.consult)


def review_values(answers: Answers) -> list[str]:
    return [REVIEW_DONE, *answers]


def finish_review(term: Terminal, answers: Answers) -> None:
    values = review_values(answers)
    term.choose("Your answers.", values, REVIEW_DONE, REVIEW_DONE)


def decline_saves(term: Terminal) -> None:
    term.choose("save this summary to a file?", ["no", "yes"], "no", "no")
    term.choose("Save your answers too", ["no", "yes"], "no", "no")


def printed_summary(term: Terminal) -> str:
    """The summary as shown on the terminal: from its title to the end of the output."""
    shown = term.shown()
    return shown[shown.index(TITLE.upper()) :]


def test_whole_walkthrough_ends_in_a_saved_summary(
    bank: Bank, start: Start, tmp_path: Path
) -> None:
    """Every question answered with keys, review, save both files: 0600, consult message last."""
    term = start()
    term.walk(bank, HEEL)
    finish_review(term, HEEL)
    term.expect(TITLE.upper())
    formats = list(FORMATS)
    term.choose("save this summary to a file?", ["no", "yes"], "yes", "no")
    term.choose("Which kind of file?", formats, "text", "html" if "html" in formats else formats[0])
    term.expect(SUMMARY_NAME)
    term.send(Keyboard.Enter)
    term.expect("Saved the summary to")
    term.choose("Save your answers too", ["no", "yes"], "yes", "no")
    term.expect(ANSWERS_NAME)
    term.send(Keyboard.Enter)
    term.expect("Saved the answers to")
    assert term.finish() == 0
    summary, answers = tmp_path / SUMMARY_NAME, tmp_path / ANSWERS_NAME
    for path in (summary, answers):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert words(summary.read_text(encoding="utf-8")).endswith(consult(bank))
    assert yaml.safe_load(answers.read_text(encoding="utf-8")) == HEEL
    assert term.shown().endswith(consult(bank))
    assert "Traceback" not in term.shown()


def test_saved_answers_are_offered_again_with_dash_dash_answers(
    bank: Bank, start: Start, tmp_path: Path
) -> None:
    """--answers FILE: each question starts on the saved answer, so Enter alone keeps it."""
    (tmp_path / "saved.yaml").write_text(yaml.safe_dump(HEEL), encoding="utf-8")
    term = start("--answers", "saved.yaml")
    term.expect("Your saved answers are filled in")
    term.walk(bank, HEEL, prefill=HEEL)
    finish_review(term, HEEL)
    decline_saves(term)
    assert term.finish() == 0
    summary = printed_summary(term)
    assert "Worse after a long shift." in summary
    assert "6 out of 10" in summary


def test_emergency_red_flag_and_stopping_there(bank: Bank, start: Start, tmp_path: Path) -> None:
    """An emergency sign shows the emergency message at once; stopping prints the summary."""
    term = start()
    term.answer(bank.question("urgent_emergency"), ["cold_pale_foot"])
    level = bank.messages.levels[Level("emergency")]
    flag = next(f for f in bank.red_flags if f.when[0].is_ == ("cold_pale_foot",))
    term.expect(level.title)
    term.expect(flag.message)
    term.choose(STOP_OR_GO, STOP_VALUES, "stop", "stop")
    assert term.finish() == 0
    summary = printed_summary(term)
    assert level.title in summary
    assert words(flag.message) in summary
    assert term.shown().endswith(consult(bank))
    assert list(tmp_path.iterdir()) == []


def test_going_back_and_changing_an_answer_removes_a_contributor(bank: Bank, start: Start) -> None:
    """← from "swollen joints", morning stiffness changed to No: osteoarthritis is gone."""
    contributors = build_summary(bank, HEEL, date(2026, 1, 15), "0").contributors
    assert OSTEOARTHRITIS in [c.id for c in contributors]  # what the first answers raise
    changed = {**HEEL, "morning_stiffness": "no"}
    before = {**answered_before(HEEL, "joint_swelling")}
    term = start()
    term.walk(bank, before)
    term.expect_question(bank.question("joint_swelling"))
    term.send(Keyboard.Left)
    term.walk(bank, changed, prefill=before, since="morning_stiffness")
    finish_review(term, changed)
    decline_saves(term)
    assert term.finish() == 0
    summary = printed_summary(term)
    assert OSTEOARTHRITIS not in summary.lower()
    assert "No morning stiffness" in summary


def test_ctrl_c_stops_cleanly(bank: Bank, start: Start, tmp_path: Path) -> None:
    """Ctrl-C mid-way: no traceback, "Stopped.", the consult message, exit 130, no files."""
    term = start()
    term.walk(bank, answered_before(HEEL, "pain_level"))
    term.expect_question(bank.question("pain_level"))
    term.send(Keyboard.ControlC)
    term.expect("Stopped.")
    assert term.finish() == 130
    shown = term.shown()
    assert "Traceback" not in shown
    assert shown.endswith(consult(bank))
    assert list(tmp_path.iterdir()) == []


def test_plain_mode_takes_numbered_answers(bank: Bank, start: Start) -> None:
    """--plain: numbers typed as text, b and ? work, the summary ends with the consult message."""
    term = start("--plain")
    term.walk_plain(bank, answered_before(HEEL, "pain_level"))
    term.expect(bank.question("pain_level").text)
    term.type_line("why we ask", "?")
    term.expect("Why we ask:")
    term.type_line("why we ask", "b")
    term.walk_plain(bank, HEEL, since="pain_side")
    term.expect("Your answers.")
    term.type_line("Type a number", "1")
    term.expect("save this summary")
    term.type_line("Type a number", "1")
    term.expect("Save your answers too")
    term.type_line("Type a number", "1")
    assert term.finish() == 0
    transcript = term.transcript.getvalue()
    assert "\x1b" not in transcript
    assert "6 out of 10" in printed_summary(term)
    assert term.shown().endswith(consult(bank))


def test_term_dumb_chooses_plain_mode(bank: Bank, start: Start) -> None:
    """With TERM=dumb the numbered prompts appear without --plain, with no escape codes."""
    term = start(term="dumb")
    term.expect(bank.question("urgent_emergency").text)
    term.expect("Type the numbers of all that apply")
    term.child.sendeof()
    term.expect("Stopped.")
    assert term.finish() == 130
    assert "\x1b" not in term.transcript.getvalue()


def test_redirected_output_holds_only_the_summary(bank: Bank, start: Start, tmp_path: Path) -> None:
    """`fibrofoot > out.txt`: prompts on the terminal, the summary alone in the file."""
    term = start(stdout_to="out.txt")
    term.walk(bank, HEEL)
    finish_review(term, HEEL)
    term.expect("Your summary went to the file")
    decline_saves(term)
    assert term.finish() == 0
    assert TITLE.upper() not in term.shown()
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert out.startswith(TITLE.upper())
    assert "\x1b" not in out
    for prompt_text in ("Your choice", "Section 1 of", "Why we ask", "»", "○"):
        assert prompt_text not in out
    for question in bank.questions:
        assert words(question.text) not in words(out)
    assert words(out).endswith(consult(bank))
    assert term.shown().endswith(consult(bank))


def test_redirected_output_is_empty_after_ctrl_c(bank: Bank, start: Start, tmp_path: Path) -> None:
    """`fibrofoot > out.txt` stopped with Ctrl-C leaves out.txt empty."""
    term = start(stdout_to="out.txt")
    term.walk(bank, answered_before(HEEL, "pain_side"))
    term.expect_question(bank.question("pain_side"))
    term.send(Keyboard.ControlC)
    term.expect("Stopped.")
    assert term.finish() == 130
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == ""


def test_stdin_not_a_terminal_points_to_report(bank: Bank, tmp_path: Path) -> None:
    """With stdin from /dev/null: exit 2, a message naming `fibrofoot report`, no traceback."""
    done = subprocess.run(
        [str(FIBROFOOT)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=terminal_env(),
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 2
    assert "fibrofoot report" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert visible(done.stderr).endswith(consult(bank))
    assert list(tmp_path.iterdir()) == []
