"""The keys of fibrofoot's arrow-key menus, on top of questionary's: where the highlight starts
and moves (never wrapping), digits on the scale, Enter and Space that record only what the person
chose, ticks that give way to each other, and the back, why and stop keys.

Uses questionary's `InquirerControl` (its rows, highlight and ticks) and the key bindings of a
question's `application`: the two internals behind the `questionary<3` pin in pyproject.toml.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import questionary
from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
from prompt_toolkit.key_binding import KeyBindings, KeyBindingsBase, merge_key_bindings
from questionary import Separator
from questionary.prompts.common import InquirerControl

from fibrofoot.answers import AnswerValue
from fibrofoot.bank.base import SCALE_MAX, Kind
from fibrofoot.bank.models import Question
from fibrofoot.terminal.prompter import Nav, choice_problem, option_rows, tick, to_token
from fibrofoot.terminal.stopping import begin_stop

_HOW_TO_CHOOSE = "Use the arrows to choose an answer, then press Enter."
_HOW_TO_SCORE = "Use the arrows or type a number, then press Enter."
_HOW_TO_TICK = "Use the arrows to reach an answer, then Space ticks it."
NOWHERE = -1  # the highlight on no row: where a question not answered yet starts
_TEN_WITHIN = 1.0  # seconds: "1" then "0" typed within this on a scale means 10


@dataclass(frozen=True)
class MenuState:
    """Where a question's menu has its highlight (a row number, or NOWHERE) and what is ticked.

    It is also what the menu returns when ? or "Why we ask this" is chosen, so that the question
    comes back exactly as it was left.
    """

    pointed: int
    ticked: list[str]


def first_state(question: Question, default: AnswerValue | None) -> MenuState:
    """The highlight on the earlier answer (or, for ticks, the first row); else on no answer."""
    if default is None:
        return MenuState(NOWHERE, [])
    if question.kind is Kind.MULTI:
        ticked = default if isinstance(default, list) else []
        return MenuState(0 if ticked else NOWHERE, ticked)
    tokens = [token for token, _ in option_rows(question)]
    token = to_token(default)
    return MenuState(tokens.index(token) if token in tokens else NOWHERE, [])


def stop_keys() -> KeyBindings:
    """A SIGINT (kill -INT, or Ctrl-C where the terminal sends a signal) stops as Ctrl-C does;
    questionary's menus bind only the Ctrl-C key, and prompt_toolkit turns the signal into a
    key of its own."""
    keys = KeyBindings()

    @keys.add("<sigint>", eager=True)
    @keys.add("c-c", eager=True)  # questionary's own, with the stop begun
    def _stop(event: Any) -> None:
        begin_stop()  # prompt_toolkit puts the signal handler back while it tidies up
        if not event.app.is_done:  # a second signal read in the same batch of keys
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    return keys


def add_keys(prompt: questionary.Question, keys: KeyBindingsBase) -> None:
    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), keys])


def add_navigation_keys(prompt: questionary.Question, *, back: bool, finish: bool) -> None:
    """? shows why we ask; ← and < go back, but only where there is somewhere to go back to
    (at the first question they would redraw it and lose any ticks made so far); f finishes
    early, where the walk allows it."""
    keys = KeyBindings()

    @keys.add("f", eager=True, filter=finish)
    def _finish(event: Any) -> None:
        event.app.exit(result=Nav.FINISH)

    @keys.add("?", eager=True)
    def _why(event: Any) -> None:
        menu = _menu_of(prompt)
        event.app.exit(result=MenuState(menu.pointed_at, [str(v) for v in menu.selected_options]))

    @keys.add("left", eager=True, filter=back)
    @keys.add("<", eager=True, filter=back)
    def _back(event: Any) -> None:
        event.app.exit(result=Nav.BACK)

    add_keys(prompt, merge_key_bindings([keys, stop_keys()]))


def _menu_of(prompt: questionary.Question) -> InquirerControl:
    controls = prompt.application.layout.find_all_controls()
    return next(c for c in controls if isinstance(c, InquirerControl))


def _with_message(menu: InquirerControl) -> Callable[[str | None], None]:
    """Let a line be shown right under the menu's rows; returns the function that sets it."""
    shown: list[str] = []
    rows = menu.text

    def tokens() -> StyleAndTextTuples:
        return [
            *to_formatted_text(rows),
            *(("class:instruction", f"\n  {line}") for line in shown),
        ]

    def say(line: str | None) -> None:
        shown[:] = [line] if line else []

    menu.text = tokens
    return say


def _moving_keys(menu: InquirerControl, say: Callable[[str | None], None]) -> KeyBindings:
    """Up and Down (and questionary's j/k, Ctrl-P/Ctrl-N) that stop at the ends instead of
    wrapping round, so Up from the first answer never lands on "Back"; they skip the blank row,
    and from no answer either goes to the first answer."""
    keys = KeyBindings()

    def go(step: int) -> None:
        say(None)
        rows = menu.choices
        if menu.pointed_at == NOWHERE:
            menu.pointed_at = 0
            return
        row = menu.pointed_at + step
        while 0 <= row < len(rows) and isinstance(rows[row], Separator):
            row += step
        if 0 <= row < len(rows):
            menu.pointed_at = row

    @keys.add("down", eager=True)
    @keys.add("j", eager=True)
    @keys.add("c-n", eager=True)
    def _down(event: Any) -> None:
        go(1)

    @keys.add("up", eager=True)
    @keys.add("k", eager=True)
    @keys.add("c-p", eager=True)
    def _up(event: Any) -> None:
        go(-1)

    return keys


def select_keys(
    prompt: questionary.Question, question: Question, state: MenuState
) -> KeyBindingsBase:
    """Enter chooses only a highlighted row; digits move to that number on a scale."""
    menu = _menu_of(prompt)
    menu.pointed_at = state.pointed
    say = _with_message(menu)
    keys = KeyBindings()
    tokens = [token for token, _ in option_rows(question)]

    @keys.add("enter", eager=True)
    def _choose(event: Any) -> None:
        if menu.pointed_at == NOWHERE:
            say(_HOW_TO_SCORE if question.kind is Kind.SCALE else _HOW_TO_CHOOSE)
            return
        value = menu.get_pointed_at().value
        if value is Nav.WHY:
            event.app.exit(result=MenuState(menu.pointed_at, []))
            return
        menu.is_answered = True
        event.app.exit(result=value)

    if question.kind is Kind.SCALE:
        last: list[tuple[str, float]] = []

        def number(event: Any) -> None:
            digit, now = event.data, time.monotonic()
            typed = digit
            if digit == "0" and last and last[0][0] == "1" and now - last[0][1] < _TEN_WITHIN:
                typed = str(SCALE_MAX)
            last[:] = [(digit, now)]
            if typed in tokens:
                say(None)
                menu.pointed_at = tokens.index(typed)

        for digit in "0123456789":
            keys.add(digit, eager=True)(number)

    return merge_key_bindings([_moving_keys(menu, say), keys])


def multi_keys(
    prompt: questionary.Question, question: Question, state: MenuState
) -> KeyBindingsBase:
    """Space ticks the highlighted row (an exclusive tick and the others give way to each
    other); Enter with nothing ticked ticks the highlighted row and accepts it."""
    menu = _menu_of(prompt)
    menu.pointed_at = state.pointed
    say = _with_message(menu)
    keys = KeyBindings()

    def ticked() -> list[str]:
        return [str(c.value) for c in menu.get_selected_values()]

    @keys.add(" ", eager=True)
    def _tick(event: Any) -> None:
        if menu.pointed_at == NOWHERE:
            say(_HOW_TO_TICK)
            return
        say(None)
        menu.selected_options = tick(question, ticked(), str(menu.get_pointed_at().value))

    @keys.add("a", eager=True)
    @keys.add("i", eager=True)
    def _ignored(event: Any) -> None:
        """questionary's tick-all and invert would tick "None of these" with the rest."""

    @keys.add("enter", eager=True)
    def _done(event: Any) -> None:
        if not menu.selected_options:
            if menu.pointed_at == NOWHERE:
                say(_HOW_TO_TICK)
                return
            menu.selected_options = [str(menu.get_pointed_at().value)]
        if problem := choice_problem(question, ticked()):  # such as "Choose up to 3 answers."
            say(problem)
            return
        menu.is_answered = True
        event.app.exit(result=ticked())

    return merge_key_bindings([_moving_keys(menu, say), keys])
