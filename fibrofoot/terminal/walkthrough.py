"""The guided walkthrough: the questions with red flags shown at once, the review, the summary.

The welcome is in `start.py` and the save dialogue in `saving.py`. The order of questions, going
back and the review live in `flow.py`; the words come from the bank; this module only strings
them together through a `Prompter`. All of it is written to the prompter's terminal stream; the
output stream receives only the finished summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TextIO

from fibrofoot import __version__, flow
from fibrofoot.answers import Answers, answer_text
from fibrofoot.bank.models import Bank, Level, RedFlag
from fibrofoot.errors import FibrofootError
from fibrofoot.render.text import render_text
from fibrofoot.rules import by_level
from fibrofoot.safe_text import harmless
from fibrofoot.summary import build_summary
from fibrofoot.terminal.checkin import walkthrough_offer
from fibrofoot.terminal.history_commands import with_history
from fibrofoot.terminal.prompter import Nav, Navigation, Prompter
from fibrofoot.terminal.saving import SaveOffer, Saver
from fibrofoot.terminal.screen import is_terminal, output_name, terminal_width, write_output

REVIEW_DONE = "__done__"


def run_walkthrough(
    bank: Bank,
    keyboard: TextIO,
    terminal: TextIO,
    summary_out: TextIO | None,
    *,
    prefill: Answers,
    plain: bool,
    today: date,
    extra_offers: Sequence[SaveOffer] = (),
) -> int:
    """The edge (after `start.py` checked the terminal): pick a prompter, run, print the summary.

    The person talks on `keyboard` and `terminal`; `summary_out` (stdout, None if closed)
    receives only the finished summary. The menus read and draw on the terminal device itself
    (prompt_toolkit's own choice), so that `fibrofoot > file` still shows them. `extra_offers`
    are offered in the save menu after the files (see `Saver`).
    """
    if plain:
        from fibrofoot.terminal.plain import PlainPrompter

        walkthrough = Walkthrough(bank, PlainPrompter(keyboard, terminal), today, extra_offers)
        return walkthrough.run(prefill, summary_out)

    from prompt_toolkit.application import create_app_session_from_tty

    from fibrofoot.terminal.menus import QuestionaryPrompter

    with create_app_session_from_tty():
        walkthrough = Walkthrough(bank, QuestionaryPrompter(terminal), today, extra_offers)
        return walkthrough.run(prefill, summary_out)


class Walkthrough:
    """One walk through a bank: ask, stop or carry on at red flags, review, print, offer saves
    (on every path that reaches a summary)."""

    def __init__(
        self,
        bank: Bank,
        prompter: Prompter,
        today: date,
        extra_offers: Sequence[SaveOffer] = (),
    ) -> None:
        self.bank = bank
        self.p = prompter
        self.today = today
        self.extra_offers = extra_offers

    def run(self, prefill: Answers, summary_out: TextIO | None) -> int:
        """The questions, review, summary and saving (`start.py` has shown the welcome).

        `summary_out` None is the process's stdout (`write_output`); closed (`>&-`), a full
        disk, a closed pipe or a size limit (`ulimit -f`): the summary is shown here instead.
        """
        if prefill:
            self.p.say("Your saved answers are filled in; press Enter to keep each one.")
            self.p.say()
        walk, stopped = self._ask_all(flow.start(self.bank, prefill))
        if not stopped:
            walk, stopped = self._review(walk)
        summary = build_summary(self.bank, walk.answers, self.today, __version__)
        summary = with_history(self.bank, summary, self.p.out)  # what changed since last time
        self.p.say()
        went_to = None if is_terminal(summary_out) else output_name(summary_out)
        try:
            width = self._width(summary_out)
            write_output(render_text(summary, self.bank, width), summary_out)
        except FibrofootError as error:  # shown here instead
            self.p.say(error.message)
            self.p.say("Here it is on the screen instead, so nothing is lost:")
            self.p.say()
            width = min(terminal_width(self.p.out), 100)
            self.p.out.write(render_text(summary, self.bank, width))
            went_to = None
        saver = Saver(
            self.bank,
            self.p,
            self.today,
            summary_went_to=went_to,
            extra_offers=[*self.extra_offers, walkthrough_offer(self.bank)],  # the history's
        )
        saver.offer_saves(summary, walk.answers)
        self.p.say()
        self.p.say(self.bank.messages.consult)
        return 0

    def _width(self, out: TextIO | None) -> int:
        """Wrap the summary to the terminal when it goes there; 72 columns in a file."""
        return min(terminal_width(self.p.out, out), 100) if is_terminal(out) else 72

    def _ask_all(self, walk: flow.Walk) -> tuple[flow.Walk, bool]:
        """Ask until every question that applies is answered; True if stopped at a red flag."""
        shown_section = ""
        while (question := flow.current_question(self.bank, walk)) is not None:
            where = flow.progress(self.bank, walk)
            assert where is not None
            if where.section_title != shown_section:
                shown_section = where.section_title
                self.p.say()
                self.p.say(f"== {shown_section} ==")
            self.p.say(where.line())
            nav = Navigation(can_go_back=flow.can_go_back(self.bank, walk))
            result = self.p.ask(question, walk.answers.get(question.id), nav)
            if result is Nav.BACK:
                walk = flow.back(self.bank, walk)
                continue
            assert not isinstance(result, Nav)
            walk = flow.answer(self.bank, walk, result)
            flags = flow.red_flags_for(self.bank, question.id, walk.answers)
            if flags and self._stop_at(flags):
                return walk, True
        return walk, False

    def _stop_at(self, flags: list[RedFlag]) -> bool:
        """Show red flags at once, most urgent first; ask whether to stop here."""
        levels = self.bank.messages.levels
        for level, raised in by_level(flags):
            self.p.say()
            self.p.say(f"{levels[level].marker}: {levels[level].title}")
            self.p.say(levels[level].where_to_go)
            for flag in raised:
                self.p.say(flag.message, "    ", "  - ")
        self.p.say()
        # Enter stops at an emergency; at lesser levels it carries on (the summary helps then).
        emergency = any(flag.level is Level.EMERGENCY for flag in flags)
        choice = self.p.choose(
            "What would you like to do?",
            [
                ("stop", "Stop here and show my summary"),
                ("continue", "Carry on with the questions"),
            ],
            default="stop" if emergency else "continue",
        )
        return choice == "stop"

    def _review(self, walk: flow.Walk) -> tuple[flow.Walk, bool]:
        """List the answers; change any. True if a changed answer raised a red flag and the
        person stopped there."""
        width = max(terminal_width(self.p.out) - 8, 30)
        while True:
            self.p.say()
            choices = [(REVIEW_DONE, "These are right: show my summary")]
            for question in flow.answered_in_order(self.bank, walk):
                answer = answer_text(question, walk.answers[question.id])
                shown = harmless(answer).replace("\n", " ")  # a note may hold escape codes
                choices.append((question.id, _clip(f"{question.label}: {shown}", width)))
            picked = self.p.choose(
                "Your answers. Choose one to change it, or carry on.", choices, REVIEW_DONE
            )
            if picked == REVIEW_DONE:
                return walk, False
            question = flow.shown_question(self.bank, walk, picked)
            back = Navigation(can_go_back=True, back_to="your answers")
            result = self.p.ask(question, walk.answers[picked], back)
            if result is Nav.BACK:
                continue
            walk = flow.change(self.bank, walk, picked, result)
            flags = flow.red_flags_for(self.bank, picked, walk.answers)
            if flags and self._stop_at(flags):
                return walk, True
            while (opened := flow.current_question(self.bank, walk)) is not None:
                self.p.say("Your change opens a question:")
                extra = self.p.ask(opened, None, Navigation(can_go_back=False))
                assert not isinstance(extra, Nav)
                walk = flow.change(self.bank, walk, opened.id, extra)
                flags = flow.red_flags_for(self.bank, opened.id, walk.answers)
                if flags and self._stop_at(flags):
                    return walk, True


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
