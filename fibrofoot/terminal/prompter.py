"""What the walkthrough needs from a way of asking, and the bits every way of asking shares.

Two prompters implement it: arrow-key menus (`menus.py`) and numbered choices typed as text
(`plain.py`, for screen readers and simple terminals).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import Enum
from typing import Literal, TextIO

from fibrofoot.answers import MAX_TEXT_CHARS, AnswerProblem, AnswerValue, normalise, with_tick
from fibrofoot.bank.base import NOT_SURE, SCALE_MAX, SCALE_MIN, Kind
from fibrofoot.bank.models import Question
from fibrofoot.safe_text import LONE_SURROGATE
from fibrofoot.terminal import screen

# Half of a UTF-16 pair: what bytes become that did not decode in the terminal's encoding
# (prompt_toolkit reads with "surrogateescape"); an answers file holding one is refused.


class Nav(Enum):
    BACK = "back"
    WHY = "why"
    FINISH = "finish"  # finish early: the review and summary of what was answered so far


AnswerOrBack = AnswerValue | Literal[Nav.BACK, Nav.FINISH]


@dataclass(frozen=True)
class Navigation:
    can_go_back: bool
    back_to: str = "the previous question"
    can_finish: bool = False


class Prompter(ABC):
    how_to_skip = "An empty name saves nothing."  # said before `type_text` asks for a file name
    lines_said = 0  # lines `say` has printed (see `erase_since`)
    speaks = False  # its person may hear the screen read aloud: the summary shown `spoken`

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def say(self, text: str = "", indent: str = "", first: str | None = None) -> None:
        """Show a paragraph to the person on the terminal (never stdout), wrapped to its width.

        `first` replaces `indent` on the first line: a bullet or a number with a hanging indent.
        """
        self.lines_said += screen.say(self.out, text, indent, first)

    def mark(self) -> int:
        """Where the screen is now, for `erase_since`."""
        return self.lines_said

    def erase_since(self, mark: int) -> None:
        """Take what was said since `mark` off the screen, where the prompter redraws (one
        question on screen at a time); by default the transcript stays as it is, which a
        screen reader reads in order."""
        del mark

    def warn(self, marker: str, title: str) -> None:
        """A warning's first line: its spoken word ("Urgent:") and title; menus add emphasis."""
        self.say(f"{marker}: {title}")

    @abstractmethod
    def ask(self, question: Question, default: AnswerValue | None, nav: Navigation) -> AnswerOrBack:
        """Ask one bank question; return the answer, Nav.BACK or (where `nav.can_finish`)
        Nav.FINISH. Handles "why we ask" itself."""

    @abstractmethod
    def choose(
        self, message: str, choices: list[tuple[str, str]], default: str | None = None
    ) -> str:
        """Pick one of (value, label) pairs; returns the value."""

    @abstractmethod
    def type_text(self, message: str, default: str = "") -> str:
        """A file name; Enter alone keeps `default`; "" when the person skips (`how_to_skip`)."""


def option_rows(question: Question) -> list[tuple[str, str]]:
    """(token, label) for every answer a menu offers, tokens as `from_token` reads them."""
    if question.kind is Kind.YES_NO:
        rows = [("yes", "Yes"), ("no", "No")]
        return [*rows, (NOT_SURE, "Not sure")] if question.allow_not_sure else rows
    if question.kind is Kind.SCALE:
        labels = {SCALE_MIN: question.scale_low, SCALE_MAX: question.scale_high}
        numbers = range(SCALE_MIN, SCALE_MAX + 1)
        rows = [(str(n), scale_end(n, labels.get(n), " - ")) for n in numbers]
        return [*rows, (NOT_SURE, "Not sure")] if question.allow_not_sure else rows
    return [(o.value, o.label) for o in question.options]


def scale_end(number: int, words: str | None, separator: str) -> str:
    """A scale number with the words for it, without repeating the number when the words
    already start with it ("0 means no pain at all", not "0 - 0 means no pain at all")."""
    if not words:
        return str(number)
    if words.split(maxsplit=1)[0] == str(number):
        return words
    return f"{number}{separator}{words}"


def to_token(value: AnswerValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def from_token(question: Question, token: str) -> AnswerValue:
    if question.kind is Kind.YES_NO:
        return {"yes": True, "no": False}.get(token, token)
    if question.kind is Kind.SCALE and token != NOT_SURE:
        return int(token)
    return token


def choice_problem(question: Question, picked: list[str]) -> str | None:
    """Why a multiple-choice selection cannot be accepted, in words for the person."""
    if not picked:
        # Short enough for the one-line message under a menu on a 60-column terminal.
        way_out = next((o.label for o in question.options if o.exclusive), None)
        return (
            f"Choose at least one answer (or '{way_out}')."
            if way_out
            else "Choose at least one answer."
        )
    try:
        normalise(question, picked)
    except AnswerProblem as problem:
        exclusive = [o.label for o in question.options if o.exclusive and o.value in picked]
        if exclusive:
            return f"'{exclusive[0]}' cannot be combined with other answers."
        return f"{str(problem).capitalize()}."  # such as "Choose up to 3 answers."
    return None


def tick(question: Question, ticked: list[str], value: str) -> list[str]:
    """The ticks after Space on `value`: ticked again it is unticked; ticking it unticks an
    exclusive answer ("None of these", "Not sure"), and ticking an exclusive answer unticks the
    rest, so what the person chose last is never refused."""
    if value in ticked:
        return [v for v in ticked if v != value]
    return with_tick(question, ticked, value)


def typed_text(raw: str) -> str:
    """A line as typed, with bytes that were not text in the terminal's encoding shown as
    '\ufffd', so that saved answers load again."""
    return LONE_SURROGATE.sub("\ufffd", raw)


def note_problem(typed: str) -> str | None:
    """Why a typed note cannot be kept: longer than an answers file may hold, so saving the
    answers to load again would fail. Short enough for the line under a text box."""
    if len(typed) > MAX_TEXT_CHARS:
        return f"A note can be at most {MAX_TEXT_CHARS:,} characters (this is {len(typed):,})."
    return None
