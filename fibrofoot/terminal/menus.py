"""The questionary adapter: the only module that draws arrow-key menus.

Going back and "why we ask" are offered in every prompt: as menu entries, as the ← and ? keys,
or by typing < or ? in a text box. What going back means is decided by the walkthrough.

A question not answered yet starts with the highlight on no answer, so Enter alone records
nothing the person did not choose; an earlier answer starts highlighted (or ticked).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

import questionary
from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
from prompt_toolkit.key_binding import KeyBindings, KeyBindingsBase, merge_key_bindings
from prompt_toolkit.layout.screen import Char
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from fibrofoot.answers import AnswerValue, answer_text
from fibrofoot.bank.models import SCALE_MAX, Kind, Question
from fibrofoot.terminal.cli import Signalled
from fibrofoot.terminal.prompter import (
    AnswerOrBack,
    Nav,
    Navigation,
    Prompter,
    from_token,
    note_problem,
    option_rows,
    tick,
    to_token,
    typed_text,
)

_HINTS = {
    "select": ("Enter chooses", "← back", "? why we ask"),
    "scale": ("Arrows or a number, then Enter", "← back", "? why we ask"),
    "check": ("Space ticks, Enter when done", "← back", "? why we ask"),
    "text": ("Type, then Enter (empty skips)", "< back", "? why we ask"),
}
_MENU_HINT = " "
_HOW_TO_CHOOSE = "Use the arrows to choose an answer, then press Enter."
_HOW_TO_SCORE = "Use the arrows or type a number, then press Enter."
_HOW_TO_TICK = "Use the arrows to reach an answer, then Space ticks it."
_NOWHERE = -1  # the highlight on no row: where a question not answered yet starts
_TEN_WITHIN = 1.0  # seconds: "1" then "0" typed within this on a scale means 10


# prompt_toolkit shows control characters as ^X but draws the bidirectional overrides as they
# are, so a saved note could reorder what the person sees; show those as escapes too.
Char.display_mappings.update(
    {chr(c): f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)


class QuestionaryPrompter(Prompter):
    """Asks with questionary menus; messages go to `out` (the terminal, never stdout)."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)

    def ask(self, question: Question, default: AnswerValue | None, nav: Navigation) -> AnswerOrBack:
        state = _first_state(question, default)
        while True:
            result = self._ask_once(question, default, nav, state)
            if result is Nav.WHY or isinstance(result, _MenuState):
                self.say(f"Why we ask: {question.why}", "  ")
                if isinstance(result, _MenuState):
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
        _add_keys(prompt, _stop_keys())
        return str(_asked(prompt))

    def type_text(self, message: str, default: str = "") -> str:
        self.say(message)
        return str(_asked(questionary.text("›", default=default)))

    def _show(self, question: Question, which: str, nav: Navigation) -> str:
        """Print the question and the keys that work; return the short prompt label."""
        how, back, why = _HINTS[which]
        self.say(question.text)
        self.say(" · ".join([how, back, why] if nav.can_go_back else [how, why]), "  ")
        return f"{question.label}:"

    def _ask_once(
        self, question: Question, default: AnswerValue | None, nav: Navigation, state: _MenuState
    ) -> AnswerValue | Nav | _MenuState:
        if question.kind is Kind.TEXT:
            label = self._show(question, "text", nav)
            prompt = questionary.text(
                label,
                default=str(default or ""),
                validate=lambda typed: note_problem(typed_text(typed)) or True,
            )
            typed = typed_text(str(_asked(prompt)))
            return {"<": Nav.BACK, "?": Nav.WHY}.get(typed.strip(), typed)
        rows = option_rows(question)
        if question.kind is Kind.MULTI:
            prompt = questionary.checkbox(
                self._show(question, "check", nav),
                [Choice(label, token, checked=token in state.ticked) for token, label in rows],
                instruction=" ",
            )
            _add_keys(prompt, _multi_keys(prompt, question, state))
        else:
            items = [Choice(label, token) for token, label in rows]
            extra: list[Choice | Separator] = [Separator(" "), Choice("Why we ask this", Nav.WHY)]
            if nav.can_go_back:
                extra.append(Choice(f"← Back to {nav.back_to}", Nav.BACK))
            which = "scale" if question.kind is Kind.SCALE else "select"
            prompt = questionary.select(
                self._show(question, which, nav), [*items, *extra], instruction=" "
            )
            _add_keys(prompt, _select_keys(prompt, question, state))
        _add_navigation_keys(prompt, back=nav.can_go_back)
        result = _asked(prompt)
        if isinstance(result, Nav | _MenuState):
            return result
        if question.kind is Kind.MULTI:
            picked = [str(token) for token in result]
            if len(picked) > 1:  # questionary only says "done (N selections)"
                self.say(f"→ {answer_text(question, picked)}", "  ")
            return picked
        return from_token(question, str(result))


@dataclass(frozen=True)
class _MenuState:
    """Where a question's menu has its highlight (a row number, or _NOWHERE) and what is ticked.

    It is also what the menu returns when ? or "Why we ask this" is chosen, so that the question
    comes back exactly as it was left.
    """

    pointed: int
    ticked: list[str]


def _first_state(question: Question, default: AnswerValue | None) -> _MenuState:
    """The highlight on the earlier answer (or, for ticks, the first row); else on no answer."""
    if default is None:
        return _MenuState(_NOWHERE, [])
    if question.kind is Kind.MULTI:
        ticked = default if isinstance(default, list) else []
        return _MenuState(0 if ticked else _NOWHERE, ticked)
    tokens = [token for token, _ in option_rows(question)]
    token = to_token(default)
    return _MenuState(tokens.index(token) if token in tokens else _NOWHERE, [])


def _asked(prompt: questionary.Question) -> Any:
    """The prompt's answer. Its terminal failing (EIO once the window is closed, found before
    SIGHUP arrives, or while the prompt tidies up after it) stops as SIGHUP does."""
    try:
        return prompt.unsafe_ask()
    except OSError:
        raise Signalled(signal.SIGHUP) from None


def _stop_keys() -> KeyBindings:
    """A SIGINT (kill -INT, or Ctrl-C where the terminal sends a signal) stops as Ctrl-C does;
    questionary's menus bind only the Ctrl-C key, and prompt_toolkit turns the signal into a
    key of its own."""
    keys = KeyBindings()

    @keys.add("<sigint>", eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    return keys


def _add_keys(prompt: questionary.Question, keys: KeyBindingsBase) -> None:
    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), keys])


def _add_navigation_keys(prompt: questionary.Question, *, back: bool) -> None:
    """? shows why we ask; ← and < go back, but only where there is somewhere to go back to
    (at the first question they would redraw it and lose any ticks made so far)."""
    keys = KeyBindings()

    @keys.add("?", eager=True)
    def _why(event: Any) -> None:
        menu = _menu_of(prompt)
        event.app.exit(result=_MenuState(menu.pointed_at, [str(v) for v in menu.selected_options]))

    @keys.add("left", eager=True, filter=back)
    @keys.add("<", eager=True, filter=back)
    def _back(event: Any) -> None:
        event.app.exit(result=Nav.BACK)

    _add_keys(prompt, merge_key_bindings([keys, _stop_keys()]))


def _pick(items: list[Choice], value: str | None) -> Choice | None:
    return next((item for item in items if item.value == value), None)


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
        if menu.pointed_at == _NOWHERE:
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


def _select_keys(
    prompt: questionary.Question, question: Question, state: _MenuState
) -> KeyBindingsBase:
    """Enter chooses only a highlighted row; digits move to that number on a scale."""
    menu = _menu_of(prompt)
    menu.pointed_at = state.pointed
    say = _with_message(menu)
    keys = KeyBindings()
    tokens = [token for token, _ in option_rows(question)]

    @keys.add("enter", eager=True)
    def _choose(event: Any) -> None:
        if menu.pointed_at == _NOWHERE:
            say(_HOW_TO_SCORE if question.kind is Kind.SCALE else _HOW_TO_CHOOSE)
            return
        value = menu.get_pointed_at().value
        if value is Nav.WHY:
            event.app.exit(result=_MenuState(menu.pointed_at, []))
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


def _multi_keys(
    prompt: questionary.Question, question: Question, state: _MenuState
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
        if menu.pointed_at == _NOWHERE:
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
            if menu.pointed_at == _NOWHERE:
                say(_HOW_TO_TICK)
                return
            menu.selected_options = [str(menu.get_pointed_at().value)]
        menu.is_answered = True
        event.app.exit(result=ticked())

    return merge_key_bindings([_moving_keys(menu, say), keys])
