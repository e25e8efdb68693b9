"""The questionary adapter: the only module that draws arrow-key menus.

Going back and "why we ask" are offered in every prompt: as menu entries, as the ← and ? keys,
or by typing < or ? in a text box. What going back means is decided by the walkthrough.

A question not answered yet starts with the highlight on no answer, so Enter alone records
nothing the person did not choose; an earlier answer starts highlighted (or ticked).
"""

from __future__ import annotations

import os
import signal
from typing import Any, TextIO

import questionary
from prompt_toolkit.layout.screen import Char
from questionary import Choice, Separator

from fibrofoot.answers import AnswerValue, answer_text
from fibrofoot.bank.base import Kind
from fibrofoot.bank.models import Question
from fibrofoot.safe_text import escape_char, harmless, wrap_paragraph
from fibrofoot.terminal import screen
from fibrofoot.terminal.menu_keys import (
    MenuState,
    add_keys,
    add_navigation_keys,
    first_state,
    multi_keys,
    select_keys,
    stop_keys,
)
from fibrofoot.terminal.prompter import (
    AnswerOrBack,
    Nav,
    Navigation,
    Prompter,
    from_token,
    note_problem,
    option_rows,
    typed_text,
)
from fibrofoot.terminal.stopping import Signalled

# Before each prompt, in place of questionary's "?", which reads as the why-we-ask key.
QMARK = "›"

_HOW = {
    "select": "Enter chooses",
    "scale": "Arrows or a number, then Enter",
    "check": "Space ticks, Enter when done",
    "text": "Type, then Enter (empty skips)",
}
# Where a menu row's words start: after the pointer, and after a checkbox's tick mark.
_ROW_INDENT = {"select": "   ", "scale": "   ", "check": "     "}
_MENU_HINT = " "
# prompt_toolkit shows control characters as ^X but draws the bidirectional overrides as they
# are, so a saved note could reorder what the person sees; show those as escapes too.
Char.display_mappings.update(
    {chr(c): escape_char(chr(c)) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)


class QuestionaryPrompter(Prompter):
    """Asks with questionary menus; messages go to `out` (the terminal, never stdout)."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)

    def ask(self, question: Question, default: AnswerValue | None, nav: Navigation) -> AnswerOrBack:
        """The question and its keys once; after ? the same menu again below the why-line,
        with the highlight and ticks as they were (the abandoned menu erased itself)."""
        state = first_state(question, default)
        label = self._show(question, nav)
        why_shown = False
        while True:
            result = self._ask_once(question, label, default, nav, state)
            if result is Nav.WHY or isinstance(result, MenuState):
                if not why_shown:
                    self.say(f"Why we ask: {question.why}", "  ")
                    why_shown = True
                if isinstance(result, MenuState):
                    state = result  # ask again with the highlight and ticks as they were
                continue
            if (result is Nav.BACK and not nav.can_go_back) or (
                result is Nav.FINISH and not nav.can_finish
            ):
                continue
            return result

    def erase_since(self, mark: int) -> None:
        """Take the lines said since `mark` off the screen (cursor up, clear to the end)."""
        count = self.lines_said - mark
        if count > 0 and screen.is_terminal(self.out):
            self.out.write(f"\x1b[{count}F\x1b[J")
            self.out.flush()
        self.lines_said = min(self.lines_said, mark)

    def warn(self, marker: str, title: str) -> None:
        """Bold, and red unless NO_COLOR is set (https://no-color.org)."""
        if not screen.is_terminal(self.out):
            super().warn(marker, title)
            return
        colour = "" if os.environ.get("NO_COLOR") else "\x1b[31m"
        for line in screen.wrapped(self.out, f"{marker}: {title}"):
            self.out.write(f"\x1b[1m{colour}{line}\x1b[0m\n")
            self.lines_said += 1
        self.out.flush()

    def choose(
        self, message: str, choices: list[tuple[str, str]], default: str | None = None
    ) -> str:
        width = screen.terminal_width(self.out)
        items = [Choice(_row(title, "   ", width), value) for value, title in choices]
        self.say(message)
        prompt = questionary.select(
            "Your choice:",
            items,
            default=_pick(items, default),
            instruction=_MENU_HINT,
            qmark=QMARK,
        )
        add_keys(prompt, stop_keys())
        picked = str(_asked(prompt))
        self._echo("Your choice:", dict((v, t) for v, t in choices)[picked])
        return picked

    def type_text(self, message: str, default: str = "") -> str:
        self.say(message)
        typed = str(_asked(questionary.text("›", default=default)))
        self._echo("›", typed)
        return typed

    def _echo(self, label: str, answer: str) -> None:
        """What was chosen, in place of the finished prompt (which erases itself), wrapped on
        word boundaries: prompt_toolkit's own last line would break mid-word."""
        shown = harmless(answer).replace("\n", " ")  # a note may hold escape codes
        self.say(f"{label} {shown}", "    ", "")

    def _show(self, question: Question, nav: Navigation) -> str:
        """Print the question and the keys that work; return the short prompt label."""
        which = _which(question)
        text = which == "text"
        keys = [_HOW[which]]
        if nav.can_go_back:
            keys.append("< back" if text else "← back")
        keys.append("? why we ask")
        if nav.can_finish:
            keys.append("> finish now" if text else "f finish now")
        self.say(question.text)
        self.say(" · ".join(keys), "  ")
        return f"{question.label}:"

    def _ask_once(
        self,
        question: Question,
        label: str,
        default: AnswerValue | None,
        nav: Navigation,
        state: MenuState,
    ) -> AnswerValue | Nav | MenuState:
        if question.kind is Kind.TEXT:
            prompt = questionary.text(
                label,
                qmark=QMARK,
                default=str(default or ""),
                validate=lambda typed: note_problem(typed_text(typed)) or True,
            )
            typed = typed_text(str(_asked(prompt)))
            typed_nav = {"<": Nav.BACK, "?": Nav.WHY, ">": Nav.FINISH}
            if (nav_typed := typed_nav.get(typed.strip())) is not None:
                return nav_typed
            self._echo(label, typed)
            return typed
        width, indent = screen.terminal_width(self.out), _ROW_INDENT[_which(question)]
        rows = [(token, _row(words, indent, width)) for token, words in option_rows(question)]
        if question.kind is Kind.MULTI:
            prompt = questionary.checkbox(
                label,
                [Choice(row, token, checked=token in state.ticked) for token, row in rows],
                instruction=" ",
                qmark=QMARK,
            )
            add_keys(prompt, multi_keys(prompt, question, state))
        else:
            items = [Choice(row, token) for token, row in rows]
            extra: list[Choice | Separator] = [Separator(" "), Choice("Why we ask this", Nav.WHY)]
            if nav.can_go_back:
                extra.append(Choice(f"← Back to {nav.back_to}", Nav.BACK))
            prompt = questionary.select(label, [*items, *extra], instruction=" ", qmark=QMARK)
            add_keys(prompt, select_keys(prompt, question, state))
        add_navigation_keys(prompt, back=nav.can_go_back, finish=nav.can_finish)
        result = _asked(prompt)
        if isinstance(result, Nav | MenuState):
            return result
        value: AnswerValue = (
            [str(token) for token in result]
            if question.kind is Kind.MULTI
            else from_token(question, str(result))
        )
        self._echo(f"{question.label}:", answer_text(question, value))
        return value


def _asked(prompt: questionary.Question) -> Any:
    """The prompt's answer. Its terminal failing (EIO once the window is closed, found before
    SIGHUP arrives, or while the prompt tidies up after it) stops as SIGHUP does."""
    prompt.application.erase_when_done = True  # the prompter echoes the answer itself
    try:
        return prompt.unsafe_ask()
    except OSError:
        raise Signalled(signal.SIGHUP) from None


def _which(question: Question) -> str:
    kinds = {Kind.TEXT: "text", Kind.MULTI: "check", Kind.SCALE: "scale"}
    return kinds.get(question.kind, "select")


def _row(words: str, indent: str, width: int) -> str:
    """A menu row's words wrapped on word boundaries (a row longer than the terminal would
    be cut off), its later lines two columns in from its first word, so that they are not
    read as rows of their own."""
    hanging = f"{indent}  "
    return "\n".join(wrap_paragraph(words, max(width - 1 - len(indent), 20), hanging, ""))


def _pick(items: list[Choice], value: str | None) -> Choice | None:
    return next((item for item in items if item.value == value), None)
