"""The installed `fibrofoot` command in a real pseudo-terminal, driven by keys as a person would.

One walk goes through the shipped bank from the welcome to both saved files, as its own promise;
the rest run on the tiny bank (`--questions`). Ctrl-C at each kind of prompt is in
test_interrupts.py.
"""

from __future__ import annotations

import stat
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Protocol

import pytest
import yaml
from helpers.terminal import (
    FIBROFOOT,
    SOURCE_DATE,
    STOP_OR_GO,
    STOP_VALUES,
    TIMEOUT,
    TINY_BANK,
    TINY_CALM,
    Keyboard,
    Terminal,
    terminal_env,
)
from helpers.wording import assert_safe_ending

from fibrofoot.answers import Answers, read_answers, validate_answers
from fibrofoot.bank.base import Level
from fibrofoot.bank.models import Bank
from fibrofoot.summary import build_summary
from fibrofoot.terminal.walkthrough import REVIEW_DONE

pytestmark = pytest.mark.e2e

SUMMARY_NAME = f"fibrofoot-summary-{SOURCE_DATE}.txt"
ANSWERS_NAME = f"fibrofoot-answers-{SOURCE_DATE}.yaml"

# The shipped bank's own walk: the plantar fasciitis persona (heel and arch pain on the first
# steps, no warning signs), read from the persona folder so that a content change needs no edit
# here.
PERSONA = Path(__file__).resolve().parents[1] / "personas" / "plantar_fasciitis.yaml"


def _heel(bank: Bank) -> Answers:
    return validate_answers(bank, read_answers(PERSONA), PERSONA.name)


class Start(Protocol):
    def __call__(
        self, *args: str, term: str = "xterm-256color", stdout_to: str | None = None
    ) -> Terminal: ...


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Start]:
    """Start fibrofoot in a pseudo-terminal in an empty folder, past the welcome; always cleaned
    up afterwards."""
    started: list[Terminal] = []

    def begin(*args: str, term: str = "xterm-256color", stdout_to: str | None = None) -> Terminal:
        terminal = Terminal(tmp_path, *args, term=term, stdout_to=stdout_to)
        started.append(terminal)
        terminal.begin()
        return terminal

    yield begin
    for terminal in started:
        terminal.close()


@pytest.fixture
def start_tiny(start: Start) -> Start:
    """The same on the tiny bank."""

    def begin(*args: str, term: str = "xterm-256color", stdout_to: str | None = None) -> Terminal:
        return start("--questions", str(TINY_BANK), *args, term=term, stdout_to=stdout_to)

    return begin


def before(answers: Answers, question_id: str) -> Answers:
    """The answers given before a question is reached (`answers` is in the order asked)."""
    order = list(answers)
    return {k: answers[k] for k in order[: order.index(question_id)]}


def finish_review(term: Terminal) -> None:
    term.choose("Your answers.", [REVIEW_DONE], REVIEW_DONE, REVIEW_DONE)


def summary_part(term: Terminal, bank: Bank) -> str:
    """What the terminal showed from the summary's title on (in capitals, or as written in
    --plain's spoken summary)."""
    shown = term.shown()
    return shown[shown.lower().rindex(bank.messages.summary.title.lower()) :]


def test_a_whole_walk_through_the_shipped_bank_ends_in_saved_files(
    bank: Bank, start: Start, tmp_path: Path
) -> None:
    """The shipped bank, every question answered with keys, review, both files saved: 0600, the
    answers read back the same, and the consult message last on screen and in the summary."""
    heel = _heel(bank)
    term = start()
    term.walk(bank, heel)
    finish_review(term)
    term.expect(bank.messages.summary.title.upper())
    term.save(("text", None), ("answers", None))
    assert term.finish() == 0
    summary, answers = tmp_path / SUMMARY_NAME, tmp_path / ANSWERS_NAME
    for path in (summary, answers):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert yaml.safe_load(answers.read_text(encoding="utf-8")) == heel
    consult = bank.messages.consult
    assert_safe_ending("text", summary.read_text(encoding="utf-8"), consult, "shipped summary")
    assert_safe_ending("text", term.transcript.getvalue(), consult, "shipped walk")
    assert "Traceback" not in term.shown()


def test_saved_answers_are_offered_again_with_dash_dash_answers(
    tiny_bank: Bank, start_tiny: Start, tmp_path: Path
) -> None:
    """--answers FILE: straight to the review, after only the questions the file does not
    answer (here the note); the summary has every answer."""
    saved = {k: v for k, v in TINY_CALM.items() if k != "note"}
    (tmp_path / "saved.yaml").write_text(yaml.safe_dump(saved), encoding="utf-8")
    term = start_tiny("--answers", "saved.yaml")
    term.expect("Your saved answers are filled in")
    term.answer(tiny_bank.question("note"), "A tiny note.")
    finish_review(term)
    term.save()
    assert term.finish() == 0
    summary = summary_part(term, tiny_bank)
    assert "A tiny note." in summary
    assert "5 out of 10" in summary
    for question in tiny_bank.questions:
        if question.id != "note":
            assert f"{question.label}:" not in term.shown()[: term.shown().index("Your answers.")]


def test_an_emergency_sign_is_shown_at_once_and_stopping_prints_the_summary(
    tiny_bank: Bank, start_tiny: Start, tmp_path: Path
) -> None:
    """An emergency sign shows the emergency message at once; Enter stops; the summary has it;
    the saves a full walk offers are offered, and a page to print is saved."""
    term = start_tiny()
    term.answer(tiny_bank.question("warning"), ["emergency_sign"])
    level = tiny_bank.messages.levels[Level.EMERGENCY]
    term.expect(f"{level.marker}: {level.title}")
    term.expect("Tiny emergency flag message.")
    term.choose(STOP_OR_GO, STOP_VALUES, "stop", "stop")
    term.save(("html", None))
    assert term.finish() == 0
    summary = summary_part(term, tiny_bank)
    assert level.title in summary
    assert "Tiny emergency flag message." in summary
    [page] = tmp_path.iterdir()
    assert page.name == f"fibrofoot-summary-{SOURCE_DATE}.html"
    assert "Tiny emergency flag message." in page.read_text(encoding="utf-8")


def test_going_back_and_changing_an_answer_removes_a_contributor(
    tiny_bank: Bank, start_tiny: Start
) -> None:
    """← from the stiffness follow-up, stiffness changed to No: the follow-up and the pattern
    only it raised are gone."""
    stiff = {**TINY_CALM, "stiff_long": "long"}
    changed = {k: v for k, v in TINY_CALM.items() if k != "stiff_long"} | {"stiffness": False}
    raised = build_summary(tiny_bank, stiff, date(2026, 1, 15), "0").contributors
    assert "rheumatoid_arthritis" in [c.id for c in raised]  # what the first answers raise
    reached = before(stiff, "stiff_long")
    term = start_tiny()
    term.walk(tiny_bank, reached)
    term.expect_question(tiny_bank.question("stiff_long"))
    term.send(Keyboard.Left)
    term.walk(tiny_bank, changed, prefill=reached, since="stiffness")
    finish_review(term)
    term.save()
    assert term.finish() == 0
    summary = summary_part(term, tiny_bank)
    assert "Pattern R" not in summary
    assert "Stiffness lasts" not in summary
    assert "Morning stiffness: No" in summary


def test_plain_mode_takes_numbered_answers(tiny_bank: Bank, start_tiny: Start) -> None:
    """--plain: numbers typed as text, b and ? work, no escape codes at all."""
    term = start_tiny("--plain")
    term.walk_plain(tiny_bank, before(TINY_CALM, "level"))
    term.expect(tiny_bank.question("level").text)
    term.type_line("why we ask", "?")
    term.expect("Why we ask:")
    term.type_line("why we ask", "b")
    term.walk_plain(tiny_bank, TINY_CALM, since="side")
    term.expect("Your answers.")
    term.type_line("Type a number", "1")
    term.save(plain=True)
    assert term.finish() == 0
    assert "\x1b" not in term.transcript.getvalue()
    assert "5 out of 10" in summary_part(term, tiny_bank)


def test_term_dumb_chooses_plain_mode(tiny_bank: Bank, start_tiny: Start) -> None:
    """With TERM=dumb the numbered prompts appear without --plain, with no escape codes."""
    term = start_tiny(term="dumb")
    term.expect(tiny_bank.question("warning").text)
    term.expect("Type the numbers of all that apply")
    term.child.sendeof()
    term.expect("Stopped.")
    assert term.finish() == 130
    assert "\x1b" not in term.transcript.getvalue()


def test_redirected_output_holds_only_the_summary(
    tiny_bank: Bank, start_tiny: Start, tmp_path: Path
) -> None:
    """`fibrofoot > out.txt`: prompts on the terminal, the summary alone in the file."""
    term = start_tiny(stdout_to="out.txt")
    term.walk(tiny_bank, TINY_CALM)
    finish_review(term)
    term.expect(f"Your summary went to {tmp_path / 'out.txt'}")
    term.save()
    assert term.finish() == 0
    title = tiny_bank.messages.summary.title.upper()
    assert title not in term.shown()
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert out.startswith(title)
    assert "\x1b" not in out
    for prompt_text in ("Your choice", "Section 1 of", "Why we ask", "»", "○"):
        assert prompt_text not in out
    for question in tiny_bank.questions:
        assert question.text not in out


def test_redirected_output_is_empty_after_ctrl_c(
    tiny_bank: Bank, start_tiny: Start, tmp_path: Path
) -> None:
    """`fibrofoot > out.txt` stopped with Ctrl-C leaves out.txt empty."""
    term = start_tiny(stdout_to="out.txt")
    term.walk(tiny_bank, before(TINY_CALM, "side"))
    term.expect_question(tiny_bank.question("side"))
    term.send(Keyboard.ControlC)
    term.expect("Stopped.")
    assert term.finish() == 130
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == ""


def test_stdin_not_a_terminal_points_to_report(tmp_path: Path) -> None:
    """With stdin from /dev/null: exit 2, a message naming `fibrofoot report`, no traceback,
    nothing on stdout and no file."""
    done = subprocess.run(
        [str(FIBROFOOT), "--questions", str(TINY_BANK)],
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
    assert list(tmp_path.iterdir()) == []


def test_going_back_and_why_redraw_one_question_on_the_screen(
    tiny_bank: Bank, start_tiny: Start
) -> None:
    """← from the pain scale and ? there: the screen (as a terminal shows it) holds the
    question once, its why-line once, and not the abandoned scale."""
    term = start_tiny()
    term.walk(tiny_bank, before(TINY_CALM, "level"))
    level = tiny_bank.question("level")
    term.expect_question(level)
    term.send(Keyboard.Left)
    side = tiny_bank.question("side")
    term.expect_question(side)
    term.send("?")
    term.expect("Why we ask:")
    term.expect_question(side)
    term.expect("Back to the previous question")  # the menu's last row: drawn whole
    screen = "\n".join(term.screen())
    assert screen.count(side.text) == 1
    assert screen.count("Why we ask:") == 1
    assert level.text not in screen
    term.close()


def test_the_review_at_60_columns_shows_every_chosen_word(tiny_bank: Bank, tmp_path: Path) -> None:
    """Long answers in the review wrap at 60 columns instead of being cut with '…'."""
    note = "Worse after a long shift on my feet at the warehouse, better by the morning"
    answers = {**TINY_CALM, "where": ["heel", "toes", "whole_foot"], "note": note}
    term = Terminal(tmp_path, "--questions", str(TINY_BANK), columns=60)
    try:
        term.begin()
        term.walk(tiny_bank, answers)
        term.expect("Your answers.")
        term.expect("Your choice:")
        term.expect("morning")  # the last row: the menu is drawn whole
        screen = term.screen()
        assert all(len(line) <= 60 for line in screen)
        words = " ".join(screen).split()
        for word in [*note.split(), "Heel;", "Toes;", "Whole", "foot"]:
            assert word in words, word
        assert "…" not in " ".join(screen)
    finally:
        term.close()


def test_finishing_early_gives_a_summary_of_what_was_answered(
    tiny_bank: Bank, start_tiny: Start
) -> None:
    """f at the scale: the review of the answers so far, the summary saying it was finished
    early, the saves offered."""
    term = start_tiny()
    term.walk(tiny_bank, before(TINY_CALM, "level"))
    term.expect("f finish now")
    term.expect_question(tiny_bank.question("level"))
    term.send("f")
    term.expect("You finished early")
    term.expect("Your choice:")
    term.send(Keyboard.Enter)  # these are right
    term.expect("Finished early: only the answers given are listed")
    term.save()
    assert term.finish() == 0
    assert "out of 10" not in summary_part(term, tiny_bank)


def test_plain_mode_keeps_a_pasted_two_line_note_whole_and_takes_yes(
    tiny_bank: Bank, start_tiny: Start
) -> None:
    """--plain: 'yes' answers a yes/no question; a note pasted as two lines is one note (the
    second line does not answer the review)."""
    answers = {**TINY_CALM, "tingling": True}
    term = start_tiny("--plain")
    term.begin()
    term.walk_plain(tiny_bank, before(answers, "tingling"))
    term.expect(tiny_bank.question("tingling").text)
    term.type_line("why we ask", "yes")
    term.expect("You chose: Yes.")
    term.walk_plain(tiny_bank, before(answers, "note"), since="stiffness")
    term.expect(tiny_bank.question("note").text)
    term.expect("why we ask")
    term.send("First line of the note\r2\r")  # a paste: both lines arrive at once
    term.expect("Your note of 2 lines is kept whole.")
    term.expect("Your answers.")
    term.type_line("Type a number", "1")
    term.save(plain=True)
    assert term.finish() == 0
    summary = summary_part(term, tiny_bank)
    assert "First line of the note 2" in summary
