"""Numbered choices typed as text: no menus, no colour, no cursor movement.

For screen readers, TERM=dumb and simple terminals. Reads whole lines from `source` and writes
to `out` (the terminal, never stdout).
"""

from __future__ import annotations

import re
from typing import TextIO

from fibrofoot.answers import AnswerValue
from fibrofoot.bank.models import NOT_SURE, SCALE_MAX, SCALE_MIN, Kind, Question
from fibrofoot.safe_text import ascii_int, harmless
from fibrofoot.terminal.prompter import (
    AnswerOrBack,
    Nav,
    Navigation,
    Prompter,
    choice_problem,
    from_token,
    note_problem,
    option_rows,
    scale_end,
    to_token,
    typed_text,
)
from fibrofoot.terminal.screen import read_line


class PlainPrompter(Prompter):
    how_to_skip = "Type skip to save nothing."

    def __init__(self, source: TextIO, out: TextIO) -> None:
        super().__init__(out)
        self.source = source

    def ask(self, question: Question, default: AnswerValue | None, nav: Navigation) -> AnswerOrBack:
        self.say(question.text)
        if question.kind is Kind.SCALE:
            return self._scale(question, default, nav)
        if question.kind is Kind.TEXT:
            return self._text(question, default, nav)
        rows = option_rows(question)
        for number, (_, label) in enumerate(rows, start=1):
            self.say(label, "     ", f"{number:>3}  ")
        multi = question.kind is Kind.MULTI
        kept = _numbers(rows, default)
        hint = (
            "Type the numbers of all that apply, separated by commas"
            if multi
            else ("Type a number")
        )
        while True:
            typed = self._read(_prompt(hint, nav, kept))
            if (nav_result := self._navigation(typed, question, nav)) is not None:
                if nav_result is Nav.BACK:
                    return Nav.BACK
                continue
            if not typed and kept:
                typed = kept
            picked = _parse_numbers(typed, len(rows))
            if picked is None or (not multi and len(picked) != 1):
                self.say(f"Please type {'numbers' if multi else 'a number'} from 1 to {len(rows)}.")
                continue
            tokens = [rows[i - 1][0] for i in picked]
            if not multi:
                return from_token(question, tokens[0])
            problem = choice_problem(question, tokens)
            if problem is None:
                return [token for token, _ in rows if token in tokens]
            self.say(problem)

    def choose(
        self, message: str, choices: list[tuple[str, str]], default: str | None = None
    ) -> str:
        self.say(message)
        for number, (_, label) in enumerate(choices, start=1):
            self.say(label, "     ", f"{number:>3}  ")
        values = [value for value, _ in choices]
        kept = str(values.index(default) + 1) if default in values else ""
        while True:
            typed = self._read(f"Type a number{f' (Enter for {kept})' if kept else ''}: ") or kept
            picked = _parse_numbers(typed, len(choices))
            if picked is not None and len(picked) == 1:
                return values[picked[0] - 1]
            self.say(f"Please type a number from 1 to {len(choices)}.")

    def type_text(self, message: str, default: str = "") -> str:
        typed = self._read(f"{message}{f' (Enter for {default})' if default else ''}: ")
        return "" if typed.lower() == "skip" else (typed or default)

    def _scale(
        self, question: Question, default: AnswerValue | None, nav: Navigation
    ) -> AnswerOrBack:
        if question.scale_low and question.scale_high:
            low = scale_end(SCALE_MIN, question.scale_low, " = ")
            self.say(f"{low}; {scale_end(SCALE_MAX, question.scale_high, ' = ')}", "  ")
        kept = "" if default is None else to_token(default)
        asked = f"Type a number from {SCALE_MIN} to {SCALE_MAX}"
        unsure = " or n for not sure" if question.allow_not_sure else ""
        while True:
            typed = self._read(_prompt(asked + unsure, nav, kept))
            if (nav_result := self._navigation(typed, question, nav)) is not None:
                if nav_result is Nav.BACK:
                    return Nav.BACK
                continue
            if unsure and (typed or kept).strip().lower() in ("n", NOT_SURE):
                return NOT_SURE
            number = ascii_int(typed or kept, SCALE_MIN, SCALE_MAX)
            if number is not None:
                return number
            self.say(f"Please type a whole number from {SCALE_MIN} to {SCALE_MAX}{unsure}.")

    def _text(
        self, question: Question, default: AnswerValue | None, nav: Navigation
    ) -> AnswerOrBack:
        kept = str(default or "")
        while True:
            typed = self._read(_prompt("Type your answer, or press Enter to skip", nav, kept))
            if (nav_result := self._navigation(typed, question, nav)) is not None:
                if nav_result is Nav.BACK:
                    return Nav.BACK
                continue
            if (problem := note_problem(typed)) is None:
                return typed or kept
            self.say(f"{problem} Please shorten it; nothing else was lost.")

    def _navigation(self, typed: str, question: Question, nav: Navigation) -> Nav | None:
        """Nav.BACK to go back, Nav.WHY when the input was handled here (ask again), else None."""
        if typed == "?":
            self.say(f"Why we ask: {question.why}", "  ")
            return Nav.WHY
        if typed.lower() == "b":
            if nav.can_go_back:
                return Nav.BACK
            self.say("This is the first question; there is nothing to go back to.")
            return Nav.WHY
        return None

    def _read(self, prompt: str) -> str:
        self.out.write(harmless(prompt))  # it may hold a kept note or a typed file name
        self.out.flush()
        return typed_text(read_line(self.source).strip())


def _prompt(hint: str, nav: Navigation, kept: str) -> str:
    extras = ["b = back"] if nav.can_go_back else []
    extras.append("? = why we ask")
    if kept:
        extras.append(f"Enter keeps {kept}")
    return f"{hint} ({', '.join(extras)}): "


def _numbers(rows: list[tuple[str, str]], default: AnswerValue | None) -> str:
    if default is None:
        return ""
    tokens = default if isinstance(default, list) else [to_token(default)]
    return ",".join(str(i) for i, (token, _) in enumerate(rows, start=1) if token in tokens)


def _parse_numbers(typed: str, count: int) -> list[int] | None:
    """The numbers typed, each from 1 to `count` in ASCII digits ('²' and '①' are not), or None."""
    numbers = [ascii_int(part, 1, count) for part in re.split(r"[\s,;]+", typed) if part]
    if not numbers or None in numbers:
        return None
    return list(dict.fromkeys(n for n in numbers if n is not None))
