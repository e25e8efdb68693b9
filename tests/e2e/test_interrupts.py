"""Ctrl-C at any prompt of a whole walkthrough, in a pseudo-terminal with the installed command.

One run per prompt: the welcome, every question of a realistic persona (with its red-flag menu),
the review, both save offers, the format menu and both file-name boxes. Each run must say
"Stopped.", end with the consult message, exit 130, show no traceback, and leave in its folder
only the files it had finished saving: never a temporary or half-written file.
"""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest
from helpers.strategies import shipped_bank

from helpers.terminal import (
    PRESS_ENTER,
    SOURCE_DATE,
    STOP_OR_GO,
    STOP_VALUES,
    Keyboard,
    Terminal,
    answer_keys,
    choice_keys,
    stop_default,
)
from fibrofoot import flow
from fibrofoot.answers import Answers, read_answers, validate_answers
from fibrofoot.bank.models import Bank
from fibrofoot.render.formats import FORMATS
from fibrofoot.rules import asked_questions
from fibrofoot.terminal.walkthrough import REVIEW_DONE

pytestmark = pytest.mark.e2e

# Swollen toe joints and long morning stiffness: a "soon" red flag early on (so the stop or
# carry-on menu is one of the prompts), a follow-up question, and a note.
PERSONA = Path(__file__).parents[1] / "personas" / "rheumatoid_arthritis.yaml"
SUMMARY_NAME = f"fibrofoot-summary-{SOURCE_DATE}.txt"
ANSWERS_NAME = f"fibrofoot-answers-{SOURCE_DATE}.yaml"
CHOICE = "Your choice:"
# How long a stopped fibrofoot may take to exit after a SIGINT signal (it takes ~0.2 s).
SIGNAL_GRACE = 3.0


@dataclass(frozen=True)
class Step:
    """One prompt: how to tell it is on screen and taking keys, and the keys that answer it."""

    name: str
    ready: Callable[[Terminal], None]
    keys: str


def _menu(*message: str) -> Callable[[Terminal], None]:
    def ready(term: Terminal) -> None:
        for part in message:
            term.expect(part)
        term.expect(CHOICE)

    return ready


def _text_box(*shown: str) -> Callable[[Terminal], None]:
    def ready(term: Terminal) -> None:
        for part in shown:
            term.expect(part)

    return ready


def persona_answers(bank: Bank) -> Answers:
    return validate_answers(bank, read_answers(PERSONA), str(PERSONA))


def walkthrough_steps(bank: Bank, answers: Answers) -> list[Step]:
    """Every prompt of the persona's walkthrough, in order, saving both files as text."""
    steps = [Step("welcome", _text_box(PRESS_ENTER), Keyboard.Enter)]
    for question in asked_questions(bank, answers):

        def ready(term: Terminal, question_id: str = question.id) -> None:
            term.expect_question(bank.question(question_id))

        steps.append(Step(question.id, ready, answer_keys(question, answers[question.id])))
        if flags := flow.red_flags_for(bank, question.id, answers):
            keys = choice_keys(STOP_VALUES, "continue", stop_default(flags))
            steps.append(Step(f"stop-or-go-after-{question.id}", _menu(STOP_OR_GO), keys))
    formats = list(FORMATS)
    default_format = "html"
    yes = choice_keys(["no", "yes"], "yes", "no")
    return [
        *steps,
        Step("review", _menu("Your answers."), choice_keys([REVIEW_DONE], REVIEW_DONE)),
        Step("save-summary", _menu("save this summary to a file?"), yes),
        Step("format", _menu("Which kind of file?"), choice_keys(formats, "text", default_format)),
        Step("summary-name", _text_box("Save as", SUMMARY_NAME), Keyboard.Enter),
        Step("save-answers", _menu("Saved the summary to", "Save your answers too"), yes),
        Step("answers-name", _text_box("Save as", ANSWERS_NAME), Keyboard.Enter),
    ]


BANK = shipped_bank()
ANSWERS = persona_answers(BANK)
STEPS = walkthrough_steps(BANK, ANSWERS)
NAMES = [step.name for step in STEPS]
SUMMARY_SAVED_AFTER = NAMES.index("summary-name")


def consult() -> str:
    return " ".join(BANK.messages.consult.split())


@pytest.fixture
def run_to(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """Start fibrofoot in an empty folder and answer every prompt before the named one; the
    returned terminal is waiting at that prompt. Always cleaned up afterwards."""
    started: list[Terminal] = []

    def start(name: str, *args: str) -> Terminal:
        term = Terminal(tmp_path, *args)
        # Keys are only sent once their prompt is on screen, so pexpect's pause before each
        # send (50 ms, for programs that are not listening yet) is not needed.
        term.child.delaybeforesend = None
        started.append(term)
        stop = NAMES.index(name)
        for step in STEPS[:stop]:
            step.ready(term)
            term.send(step.keys)
        STEPS[stop].ready(term)
        return term

    yield start
    for term in started:
        term.close()


def assert_stopped_cleanly(term: Terminal, code: int) -> None:
    shown = term.shown()
    assert code == 130, shown[-500:]
    assert "Traceback" not in shown
    assert "Stopped." in shown
    assert shown.endswith(consult())


def assert_only_finished_files(folder: Path, stopped_at: str) -> None:
    """Nothing but the files saved before the prompt, each complete and owner-only."""
    saved_summary = NAMES.index(stopped_at) > SUMMARY_SAVED_AFTER
    expected = [SUMMARY_NAME] if saved_summary else []
    assert sorted(p.name for p in folder.iterdir()) == expected  # hidden .tmp files included
    for name in expected:
        path = folder / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n")
        assert " ".join(text.split()).endswith(consult())


def test_the_steps_cover_every_kind_of_prompt() -> None:
    """The walk below visits a red-flag menu, a follow-up, a note and all the save prompts."""
    assert NAMES[0] == "welcome"
    assert any(name.startswith("stop-or-go-after-") for name in NAMES)
    assert {"other_joints", "note", "review", "format", "answers-name"} <= set(NAMES)
    assert len(NAMES) == len(set(NAMES))


@pytest.mark.parametrize("stopped_at", NAMES)
def test_ctrl_c_at_any_prompt_stops_cleanly(
    stopped_at: str, run_to: Callable[..., Terminal], tmp_path: Path
) -> None:
    """Ctrl-C at this prompt: "Stopped.", consult message last, exit 130, no half files."""
    term = run_to(stopped_at)
    term.child.sendintr()
    code = term.finish()
    assert_stopped_cleanly(term, code)
    assert_only_finished_files(tmp_path, stopped_at)


def test_ctrl_c_in_plain_mode_stops_cleanly(tmp_path: Path) -> None:
    """--plain, stopped half-way with Ctrl-C: the same clean stop, and no escape codes."""
    term = Terminal(tmp_path, "--plain")
    try:
        term.begin()
        half = dict(list(ANSWERS.items())[: len(ANSWERS) // 2])
        term.walk_plain(BANK, half)
        term.expect(BANK.question(list(ANSWERS)[len(half)]).text)
        term.expect("why we ask")
        term.child.sendintr()
        code = term.finish()
    finally:
        term.close()
    assert_stopped_cleanly(term, code)
    assert "\x1b" not in term.transcript.getvalue()
    assert list(tmp_path.iterdir()) == []


def _signal_and_wait(term: Terminal, where: str) -> int:
    """Send a real SIGINT (as `kill -INT` does) and wait briefly for fibrofoot to exit."""
    assert term.child.pid is not None
    os.kill(term.child.pid, signal.SIGINT)
    try:
        term.child.expect(pexpect.EOF, timeout=SIGNAL_GRACE)
    except pexpect.TIMEOUT:
        pytest.fail(f"fibrofoot was still running {SIGNAL_GRACE} s after SIGINT at {where}")
    return term.finish()


@pytest.mark.parametrize("stopped_at", ["welcome", "note", "summary-name"])
def test_a_sigint_signal_at_a_line_prompt_stops_cleanly(
    stopped_at: str, run_to: Callable[..., Terminal], tmp_path: Path
) -> None:
    """A SIGINT signal from outside (kill -INT) at the welcome or a text box stops cleanly."""
    term = run_to(stopped_at)
    assert_stopped_cleanly(term, _signal_and_wait(term, stopped_at))
    assert_only_finished_files(tmp_path, stopped_at)


@pytest.mark.parametrize("stopped_at", ["urgent_emergency", "review"])
def test_a_sigint_signal_at_a_menu_stops_cleanly(
    stopped_at: str, run_to: Callable[..., Terminal], tmp_path: Path
) -> None:
    """A SIGINT signal at a checkbox or select menu stops like Ctrl-C."""
    term = run_to(stopped_at)
    assert_stopped_cleanly(term, _signal_and_wait(term, stopped_at))
    assert_only_finished_files(tmp_path, stopped_at)
