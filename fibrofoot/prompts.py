"""The questionary adapter: the only module that draws arrow-key menus.

Going back and "why we ask" are offered in every prompt: as menu entries, as the ← and ? keys,
or by typing < or ? in a text box. What going back means is decided by the walkthrough.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from questionary import Choice, Separator

from fibrofoot.answers import AnswerValue
from fibrofoot.ask import (
    AnswerOrBack,
    Nav,
    Navigation,
    Prompter,
    choice_problem,
    from_token,
    option_rows,
    to_token,
)
from fibrofoot.bank.models import Kind, Question
from fibrofoot.render.common import harmless

_SELECT_HINT = "(↑ ↓ then Enter · ← back · ? why we ask)"
_FIRST_SELECT_HINT = "(↑ ↓ then Enter · ? why we ask)"
_CHECK_HINT = "(↑ ↓ move · Space ticks · Enter when done · ← back · ? why we ask)"
_FIRST_CHECK_HINT = "(↑ ↓ move · Space ticks · Enter when done · ? why we ask)"
_TEXT_HINT = "(Enter when done; leave empty to skip · type < to go back · ? for why we ask)"
_MENU_HINT = "(↑ ↓ then Enter)"


class QuestionaryPrompter(Prompter):
    """Asks with questionary menus; messages go to `out` (the terminal, never stdout)."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stderr

    def say(self, text: str = "") -> None:
        print(harmless(text), file=self.out, flush=True)

    def ask(self, question: Question, default: AnswerValue | None, nav: Navigation) -> AnswerOrBack:
        while True:
            result = self._ask_once(question, default, nav)
            if result is Nav.WHY:
                self.say(f"  Why we ask: {question.why}")
                continue
            if result is Nav.BACK and not nav.can_go_back:
                continue
            return result

    def choose(self, message: str, choices: list[tuple[str, str]], default: str | None = None) -> str:
        items = [Choice(title, value) for value, title in choices]
        prompt = questionary.select(
            message, items, default=_pick(items, default), instruction=_MENU_HINT
        )
        return str(prompt.unsafe_ask())

    def type_text(self, message: str, default: str = "") -> str:
        return str(questionary.text(message, default=default).unsafe_ask())

    def _ask_once(self, question: Question, default: AnswerValue | None, nav: Navigation) -> Any:
        if question.kind is Kind.TEXT:
            typed = questionary.text(
                question.text, default=str(default or ""), instruction=_TEXT_HINT
            ).unsafe_ask()
            return {"<": Nav.BACK, "?": Nav.WHY}.get(typed.strip(), typed)
        rows = option_rows(question)
        if question.kind is Kind.MULTI:
            ticked = default if isinstance(default, list) else []
            prompt = questionary.checkbox(
                question.text,
                [Choice(label, token, checked=token in ticked) for token, label in rows],
                instruction=_CHECK_HINT if nav.can_go_back else _FIRST_CHECK_HINT,
                validate=lambda picked: choice_problem(question, picked) or True,
            )
        else:
            items = [Choice(label, token) for token, label in rows]
            extra: list[Choice | Separator] = [Separator(" "), Choice("Why we ask this", Nav.WHY)]
            if nav.can_go_back:
                extra.append(Choice("← Back to the previous question", Nav.BACK))
            prompt = questionary.select(
                question.text,
                [*items, *extra],
                default=_pick(items, None if default is None else to_token(default)),
                instruction=_SELECT_HINT if nav.can_go_back else _FIRST_SELECT_HINT,
            )
        _add_navigation_keys(prompt)
        result = prompt.unsafe_ask()
        if isinstance(result, Nav) or question.kind is Kind.MULTI:
            return result
        return from_token(question, result)


def _add_navigation_keys(prompt: questionary.Question) -> None:
    keys = KeyBindings()

    @keys.add("?", eager=True)
    def _why(event: Any) -> None:
        event.app.exit(result=Nav.WHY)

    @keys.add("left", eager=True)
    @keys.add("<", eager=True)
    def _back(event: Any) -> None:
        event.app.exit(result=Nav.BACK)

    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), keys])


def _pick(items: list[Choice], value: str | None) -> Choice | None:
    return next((item for item in items if item.value == value), None)
