"""The questionary adapter: the only module that draws arrow-key menus.

Going back and "why we ask" are offered in every prompt: as menu entries, as the ← and ? keys,
or by typing < or ? in a text box. What going back means is decided by the walkthrough.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass
from typing import Any, TextIO

import questionary
from prompt_toolkit.key_binding import KeyBindings, KeyBindingsBase, merge_key_bindings
from prompt_toolkit.layout.screen import Char
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from fibrofoot.answers import AnswerValue, answer_text
from fibrofoot.bank.models import Kind, Question
from fibrofoot.terminal.cli import Signalled
from fibrofoot.terminal.prompter import (
    AnswerOrBack,
    Nav,
    Navigation,
    Prompter,
    choice_problem,
    from_token,
    note_problem,
    option_rows,
    to_token,
    typed_text,
)

_HINTS = {
    "select": ("Enter chooses", "← back", "? why we ask"),
    "check": ("Space ticks, Enter when done", "← back", "? why we ask"),
    "text": ("Type, then Enter (empty skips)", "< back", "? why we ask"),
}
_MENU_HINT = " "


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
        while True:
            result = self._ask_once(question, default, nav)
            if result is Nav.WHY or isinstance(result, _WhyKey):
                self.say(f"Why we ask: {question.why}", "  ")
                if isinstance(result, _WhyKey) and question.kind is Kind.MULTI:
                    default = result.ticked  # ask again with the boxes ticked so far
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
        self, question: Question, default: AnswerValue | None, nav: Navigation
    ) -> AnswerValue | Nav | _WhyKey:
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
            ticked = default if isinstance(default, list) else []
            prompt = questionary.checkbox(
                self._show(question, "check", nav),
                [Choice(label, token, checked=token in ticked) for token, label in rows],
                instruction=" ",
                validate=lambda picked: choice_problem(question, picked) or True,
            )
        else:
            items = [Choice(label, token) for token, label in rows]
            extra: list[Choice | Separator] = [Separator(" "), Choice("Why we ask this", Nav.WHY)]
            if nav.can_go_back:
                extra.append(Choice(f"← Back to {nav.back_to}", Nav.BACK))
            prompt = questionary.select(
                self._show(question, "select", nav),
                [*items, *extra],
                default=_pick(items, None if default is None else to_token(default)),
                instruction=" ",
            )
        _add_navigation_keys(prompt, back=nav.can_go_back)
        result = _asked(prompt)
        if isinstance(result, Nav | _WhyKey):
            return result
        if question.kind is Kind.MULTI:
            picked = [str(token) for token in result]
            if len(picked) > 1:  # questionary only says "done (N selections)"
                self.say(f"→ {answer_text(question, picked)}", "  ")
            return picked
        return from_token(question, str(result))


@dataclass(frozen=True)
class _WhyKey:
    """? was pressed in a menu; `ticked` keeps the boxes ticked so far for when it comes back."""

    ticked: list[str]


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
        menus = event.app.layout.find_all_controls()
        ticked = [
            str(v) for m in menus if isinstance(m, InquirerControl) for v in m.selected_options
        ]
        event.app.exit(result=_WhyKey(ticked))

    @keys.add("left", eager=True, filter=back)
    @keys.add("<", eager=True, filter=back)
    def _back(event: Any) -> None:
        event.app.exit(result=Nav.BACK)

    _add_keys(prompt, merge_key_bindings([keys, _stop_keys()]))


def _pick(items: list[Choice], value: str | None) -> Choice | None:
    return next((item for item in items if item.value == value), None)
