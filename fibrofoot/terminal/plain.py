"""Numbered choices typed as text: no menus, no colour, no cursor movement.

For screen readers, TERM=dumb and simple terminals. Reads whole lines from `source` and writes
to `out` (the terminal, never stdout).
"""

from __future__ import annotations

import re
from typing import Literal, TextIO

from fibrofoot.answers import AnswerValue, answer_text
from fibrofoot.bank.base import NOT_SURE, SCALE_MAX, SCALE_MIN, Kind
from fibrofoot.bank.models import Question
from fibrofoot.safe_text import ascii_int
from fibrofoot.terminal import screen
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
    typed_text,
)
from fibrofoot.terminal.screen import read_line


class PlainPrompter(Prompter):
    how_to_skip = "Type skip to save nothing."
    speaks = True

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
        kept = "" if default is None else answer_text(question, default)
        hint = (
            "Type the numbers of all that apply, separated by commas."
            if multi
            else "Type a number, or the answer's words."
        )
        while True:
            typed = self._typed(_prompt(hint, nav, kept), question, nav)
            if isinstance(typed, Nav):
                return typed
            if not typed and default is not None:
                self.say(f"You chose: {kept}.")
                return default
            starting = _by_words(typed, rows)
            if len(starting) > 1:
                numbers = ", ".join(str(n) for n in starting[:-1]) + f" and {starting[-1]}"
                self.say(f"Answers {numbers} start with those words: type the number of one.")
                continue
            picked = starting or _parse_numbers(typed, len(rows))
            if picked is None or (not multi and len(picked) != 1):
                self.say(f"Please type {'numbers' if multi else 'a number'} from 1 to {len(rows)}.")
                continue
            tokens = [rows[i - 1][0] for i in picked]
            value: AnswerValue = (
                [token for token, _ in rows if token in tokens]
                if multi
                else from_token(question, tokens[0])
            )
            if multi and (problem := choice_problem(question, tokens)) is not None:
                self.say(problem)
                continue
            self.say(f"You chose: {answer_text(question, value)}.")
            return value

    def choose(
        self, message: str, choices: list[tuple[str, str]], default: str | None = None
    ) -> str:
        self.say(message)
        for number, (_, label) in enumerate(choices, start=1):
            self.say(label, "     ", f"{number:>3}  ")
        values = [value for value, _ in choices]
        labels = dict(choices)
        enter = f" Press Enter alone for: {labels[default]}." if default in labels else ""
        while True:
            typed = self._read(f"Type a number.{enter}")
            picked = (
                [values.index(default) + 1]
                if not typed and default in labels
                else _by_words(typed, choices) or _parse_numbers(typed, len(choices))
            )
            if picked is not None and len(picked) == 1:
                self.say(f"You chose: {choices[picked[0] - 1][1]}.")
                return values[picked[0] - 1]
            self.say(f"Please type a number from 1 to {len(choices)}.")

    def type_text(self, message: str, default: str = "") -> str:
        typed = self._read(f"{message.rstrip(':')}{f' (Enter for {default})' if default else ''}:")
        return "" if typed.lower() == "skip" else (typed or default)

    def _scale(
        self, question: Question, default: AnswerValue | None, nav: Navigation
    ) -> AnswerOrBack:
        if question.scale_low and question.scale_high:
            low = scale_end(SCALE_MIN, question.scale_low, " is ")
            self.say(f"{low}; {scale_end(SCALE_MAX, question.scale_high, ' is ')}.", "  ")
        kept = "" if default is None else answer_text(question, default)
        unsure = " or n for not sure" if question.allow_not_sure else ""
        while True:
            hint = f"Type a number from {SCALE_MIN} to {SCALE_MAX}{unsure}."
            typed = self._typed(_prompt(hint, nav, kept), question, nav)
            if isinstance(typed, Nav):
                return typed
            if not typed and default is not None:
                self.say(f"You chose: {kept}.")
                return default
            if unsure and typed.lower() in ("n", "not sure", NOT_SURE):
                self.say("You chose: Not sure.")
                return NOT_SURE
            number = ascii_int(typed, SCALE_MIN, SCALE_MAX)
            if number is not None:
                self.say(f"You chose: {answer_text(question, number)}.")
                return number
            self.say(f"Please type a whole number from {SCALE_MIN} to {SCALE_MAX}{unsure}.")

    def _text(
        self, question: Question, default: AnswerValue | None, nav: Navigation
    ) -> AnswerOrBack:
        """A note, ended by Enter; a pasted note of several lines is kept whole (its lines are
        already waiting when the first is read). Enter alone keeps the note there was (or
        skips), and "clear" empties it."""
        kept = str(default or "")
        hint = "Type your answer, then press Enter; a pasted note of several lines is kept whole."
        hint += " Type clear to empty it." if kept else " Press Enter alone to skip."
        while True:
            typed = self._typed(_prompt(hint, nav, kept), question, nav)
            if isinstance(typed, Nav):
                return typed
            if typed.lower() == "clear":
                self.say("The note is now empty.")
                return ""
            lines = [typed] if typed else []
            while lines and screen.line_waiting(self.source):
                lines.append(typed_text(read_line(self.source).rstrip()))
            note = "\n".join(lines).strip()
            if (problem := note_problem(note)) is None:
                if len(lines) > 1:
                    self.say(f"Your note of {len(lines)} lines is kept whole.")
                return note or kept
            self.say(f"{problem} Please shorten it; nothing else was lost.")

    def _typed(
        self, prompt: str, question: Question, nav: Navigation
    ) -> str | Literal[Nav.BACK, Nav.FINISH]:
        """What was typed at a question, once it is not "?" (answered here): the text, or
        Nav.BACK or Nav.FINISH."""
        while True:
            typed = self._read(prompt)
            match self._navigation(typed, question, nav):
                case None:
                    return typed
                case Nav.BACK | Nav.FINISH as leave:
                    return leave

    def _navigation(self, typed: str, question: Question, nav: Navigation) -> Nav | None:
        """Nav.BACK or Nav.FINISH to leave the question, Nav.WHY when the input was handled here
        (ask again), else None."""
        if typed == "?":
            self.say(f"Why we ask: {question.why}", "  ")
            return Nav.WHY
        if typed.lower() == "b":
            if nav.can_go_back:
                return Nav.BACK
            self.say("This is the first question; there is nothing to go back to.")
            return Nav.WHY
        if typed.lower() == "f" and nav.can_finish:
            return Nav.FINISH
        return None

    def _read(self, prompt: str) -> str:
        """Show `prompt` wrapped on words (it may hold a kept note or a typed file name, made
        harmless), the answer typed on its last line; return the line typed."""
        lines = screen.wrapped(self.out, prompt)
        self.lines_said += len(lines) - 1
        self.out.write("\n".join(lines) + " ")
        self.out.flush()
        return typed_text(read_line(self.source).strip())


def _prompt(hint: str, nav: Navigation, kept: str) -> str:
    """The keys in words, read well aloud: no '=' or other symbols."""
    keys = ["b to go back"] if nav.can_go_back else []
    keys.append("? for why we ask")
    if nav.can_finish:
        keys.append("f to finish now")
    words = f"{hint} Type {', '.join(keys)}."
    if kept:
        words += f" Press Enter alone to keep: {kept}."
    return words


def _by_words(typed: str, rows: list[tuple[str, str]]) -> list[int]:
    """The numbers of the rows whose words were typed: the whole label ("yes", "Not sure"; "y"
    and "n" for Yes and No), else every label that starts with the words typed ("both" for
    "Both feet", "none" for "None of these"); none when nothing matches."""
    said = " ".join({"y": "yes", "n": "no"}.get(typed.lower(), typed.lower()).split())
    labels = [" ".join(label.lower().split()) for _, label in rows]
    if not said:
        return []
    if said in labels:
        return [labels.index(said) + 1]
    starts = re.compile(rf"{re.escape(said)}\b")
    return [n for n, label in enumerate(labels, 1) if starts.match(label)]


def _parse_numbers(typed: str, count: int) -> list[int] | None:
    """The numbers typed, each from 1 to `count` in ASCII digits ('²' and '①' are not), or None."""
    numbers = [ascii_int(part, 1, count) for part in re.split(r"[\s,;]+", typed) if part]
    if not numbers or None in numbers:
        return None
    return list(dict.fromkeys(n for n in numbers if n is not None))
