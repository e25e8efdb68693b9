"""The questionary adapter: the only module that draws arrow-key menus.

Going back and "why we ask" are offered in every prompt: as menu entries, as the ← and ? keys,
or by typing < or ? in a text box. What going back means is decided by the walkthrough.

A question not answered yet starts with the highlight on no answer, so Enter alone records
nothing the person did not choose; an earlier answer starts highlighted (or ticked).
"""

from __future__ import annotations

import signal
from typing import Any, TextIO

import questionary
from prompt_toolkit.layout.screen import Char
from questionary import Choice, Separator

from fibrofoot.answers import AnswerValue, answer_text
from fibrofoot.bank.models import Kind, Question
from fibrofoot.safe_text import escape_char, harmless
from fibrofoot.terminal.cli import Signalled
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

_HINTS = {
    "select": ("Enter chooses", "← back", "? why we ask"),
    "scale": ("Arrows or a number, then Enter", "← back", "? why we ask"),
    "check": ("Space ticks, Enter when done", "← back", "? why we ask"),
    "text": ("Type, then Enter (empty skips)", "< back", "? why we ask"),
}
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
        state = first_state(question, default)
        while True:
            result = self._ask_once(question, default, nav, state)
            if result is Nav.WHY or isinstance(result, MenuState):
                self.say(f"Why we ask: {question.why}", "  ")
                if isinstance(result, MenuState):
                    state = result  # ask again with the highlight and ticks as they were
                continue
            if result is Nav.BACK and not nav.can_go_back:
                continue
            return result

    def choose(
        self, message: str, choices: list[tuple[str, str]], default: str | None = None
    ) -> str:
        items = [Choice(title, value) for value, title in choices]
        self.say(message)
        prompt = questionary.select(
            "Your choice:", items, default=_pick(items, default), instruction=_MENU_HINT
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
        self.say(f"{label} {shown}", "    ")

    def _show(self, question: Question, which: str, nav: Navigation) -> str:
        """Print the question and the keys that work; return the short prompt label."""
        how, back, why = _HINTS[which]
        self.say(question.text)
        self.say(" · ".join([how, back, why] if nav.can_go_back else [how, why]), "  ")
        return f"{question.label}:"

    def _ask_once(
        self, question: Question, default: AnswerValue | None, nav: Navigation, state: MenuState
    ) -> AnswerValue | Nav | MenuState:
        if question.kind is Kind.TEXT:
            label = self._show(question, "text", nav)
            prompt = questionary.text(
                label,
                default=str(default or ""),
                validate=lambda typed: note_problem(typed_text(typed)) or True,
            )
            typed = typed_text(str(_asked(prompt)))
            if (nav_typed := {"<": Nav.BACK, "?": Nav.WHY}.get(typed.strip())) is not None:
                return nav_typed
            self._echo(label, typed)
            return typed
        rows = option_rows(question)
        if question.kind is Kind.MULTI:
            prompt = questionary.checkbox(
                self._show(question, "check", nav),
                [Choice(label, token, checked=token in state.ticked) for token, label in rows],
                instruction=" ",
            )
            add_keys(prompt, multi_keys(prompt, question, state))
        else:
            items = [Choice(label, token) for token, label in rows]
            extra: list[Choice | Separator] = [Separator(" "), Choice("Why we ask this", Nav.WHY)]
            if nav.can_go_back:
                extra.append(Choice(f"← Back to {nav.back_to}", Nav.BACK))
            which = "scale" if question.kind is Kind.SCALE else "select"
            prompt = questionary.select(
                self._show(question, which, nav), [*items, *extra], instruction=" "
            )
            add_keys(prompt, select_keys(prompt, question, state))
        add_navigation_keys(prompt, back=nav.can_go_back)
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


def _pick(items: list[Choice], value: str | None) -> Choice | None:
    return next((item for item in items if item.value == value), None)
