"""Ctrl-C at each kind of prompt, in a pseudo-terminal with the installed command and the tiny bank.

One run per kind of prompt (the welcome, a checkbox, a one-answer menu, the scale, yes/no, a text
box, the stop-or-go menu after a red flag, the review, the save menu and a file name), not per
question: each must say "Stopped. Nothing was saved.", end with the consult message, exit 130,
show no traceback, and leave no file behind, not even a hidden temporary one. A SIGINT signal from
outside (`kill -INT`) is tried at the three ways fibrofoot reads: a line, a text box, a menu.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest
from helpers.terminal import (
    NOTHING_SAVED,
    PRESS_ENTER,
    SAVE_AS,
    SAVE_MENU,
    SOURCE_DATE,
    STOP_OR_GO,
    STOP_VALUES,
    TINY_BANK,
    TINY_WALK,
    Keyboard,
    Terminal,
    answer_keys,
    choice_keys,
    save_menu,
    stop_default,
)
from helpers.wording import assert_safe_ending

from fibrofoot import flow
from fibrofoot.answers import Answers
from fibrofoot.bank.models import Bank
from fibrofoot.rules import asked_questions
from fibrofoot.terminal.saving import DONE
from fibrofoot.terminal.walkthrough import REVIEW_DONE

pytestmark = pytest.mark.e2e

CHOICE = "Your choice:"
SUMMARY_NAME = f"fibrofoot-summary-{SOURCE_DATE}.txt"
# How long a stopped fibrofoot may take to exit after a SIGINT signal (it takes ~0.2 s).
SIGNAL_GRACE = 3.0

# Each kind of prompt, and the step of the tiny walk where it is met.
KINDS = {
    "welcome": "welcome",
    "checkbox": "where",
    "stop-or-go": "stop-or-go",
    "select": "side",
    "scale": "level",
    "yes-no": "tingling",
    "text-box": "note",
    "review": "review",
    "save-dialogue": "save-menu",
    "file-name": "summary-name",
}


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


def _shown(*parts: str) -> Callable[[Terminal], None]:
    def ready(term: Terminal) -> None:
        for part in parts:
            term.expect(part)

    return ready


def walkthrough_steps(bank: Bank, answers: Answers) -> list[Step]:
    """Every prompt of the walk through `answers`, in order, up to naming the summary file."""
    steps = [Step("welcome", _shown(PRESS_ENTER), Keyboard.Enter)]
    for question in asked_questions(bank, answers):
        label = f"{question.label}:"
        steps.append(Step(question.id, _shown(label), answer_keys(question, answers[question.id])))
        if flags := flow.red_flags_for(bank, question.id, answers):
            keys = choice_keys(STOP_VALUES, "continue", stop_default(flags))
            steps.append(Step("stop-or-go", _menu(STOP_OR_GO), keys))
    return [
        *steps,
        Step("review", _menu("Your answers."), choice_keys([REVIEW_DONE], REVIEW_DONE)),
        Step("save-menu", _menu(SAVE_MENU), choice_keys(save_menu(), "text", DONE)),
        Step("summary-name", _shown(SAVE_AS, SUMMARY_NAME), Keyboard.Enter),
    ]


@pytest.fixture
def run_to(tmp_path: Path, tiny_bank: Bank) -> Iterator[Callable[[str], Terminal]]:
    """Start fibrofoot on the tiny bank in an empty folder and answer every prompt before the
    named one; the returned terminal is waiting at that prompt. Always cleaned up afterwards."""
    steps = walkthrough_steps(tiny_bank, TINY_WALK)
    names = [step.name for step in steps]
    started: list[Terminal] = []

    def start(name: str) -> Terminal:
        term = Terminal(tmp_path, "--questions", str(TINY_BANK))
        started.append(term)
        stop = names.index(name)
        for step in steps[:stop]:
            step.ready(term)
            term.send(step.keys)
        steps[stop].ready(term)
        return term

    yield start
    for term in started:
        term.close()


def assert_stopped_cleanly(term: Terminal, code: int, bank: Bank, folder: Path) -> None:
    """Exit 130, "Stopped. Nothing was saved.", no traceback, the consult message last, and no
    file at all."""
    shown = term.shown()
    assert code == 130, shown[-500:]
    assert "Traceback" not in shown
    assert f"Stopped. {NOTHING_SAVED}" in shown
    assert_safe_ending("text", term.transcript.getvalue(), bank.messages.consult, "Ctrl-C")
    assert list(folder.iterdir()) == []  # hidden .tmp files included


def test_the_steps_meet_every_kind_of_prompt(tiny_bank: Bank) -> None:
    """The tiny walk reaches each prompt named in KINDS, each once."""
    names = [step.name for step in walkthrough_steps(tiny_bank, TINY_WALK)]
    assert set(KINDS.values()) <= set(names)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("kind", list(KINDS))
def test_ctrl_c_at_each_kind_of_prompt_stops_cleanly(
    kind: str, run_to: Callable[[str], Terminal], tiny_bank: Bank, tmp_path: Path
) -> None:
    """Ctrl-C at this kind of prompt: "Stopped.", consult message last, exit 130, no files."""
    term = run_to(KINDS[kind])
    term.child.sendintr()
    assert_stopped_cleanly(term, term.finish(), tiny_bank, tmp_path)


def test_ctrl_c_in_plain_mode_stops_cleanly(tiny_bank: Bank, tmp_path: Path) -> None:
    """--plain, stopped half-way with Ctrl-C: the same clean stop, and no escape codes."""
    term = Terminal(tmp_path, "--plain", "--questions", str(TINY_BANK))
    try:
        term.begin()
        term.walk_plain(tiny_bank, {"warning": ["none"], "where": ["heel"]})
        term.expect(tiny_bank.question("side").text)
        term.expect("why we ask")
        term.child.sendintr()
        code = term.finish()
    finally:
        term.close()
    assert_stopped_cleanly(term, code, tiny_bank, tmp_path)
    assert "\x1b" not in term.transcript.getvalue()


@pytest.mark.parametrize("kind", ["welcome", "text-box", "review"])
def test_a_sigint_signal_stops_cleanly(
    kind: str, run_to: Callable[[str], Terminal], tiny_bank: Bank, tmp_path: Path
) -> None:
    """A SIGINT signal from outside (kill -INT) at a line, a text box or a menu stops as Ctrl-C
    does, and at once."""
    term = run_to(KINDS[kind])
    assert term.child.pid is not None
    os.kill(term.child.pid, signal.SIGINT)
    try:
        term.child.expect(pexpect.EOF, timeout=SIGNAL_GRACE)
    except pexpect.TIMEOUT:
        pytest.fail(f"fibrofoot was still running {SIGNAL_GRACE} s after SIGINT at the {kind}")
    assert_stopped_cleanly(term, term.finish(), tiny_bank, tmp_path)


def test_ctrl_c_works_even_when_the_tests_run_with_sigint_ignored(
    tiny_bank: Bank, tmp_path: Path
) -> None:
    """Under a parent that ignores SIGINT (as `nohup pytest` does), the child still starts with
    it at its default, so Ctrl-C at the welcome (a line read, where the terminal sends the
    signal) ends it with 130 instead of hanging."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        term = Terminal(tmp_path, "--questions", str(TINY_BANK))
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        term.expect(PRESS_ENTER)
        term.child.sendintr()
        code = term.finish()
    finally:
        term.close()
    assert_stopped_cleanly(term, code, tiny_bank, tmp_path)
