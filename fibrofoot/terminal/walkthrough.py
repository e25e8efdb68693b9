"""The guided walkthrough: the questions with red flags shown at once, the review, the summary.

The welcome is in `start.py` and the save dialogue in `saving.py`. The order of questions, going
back and the review live in `flow.py`; the words come from the bank; this module only strings
them together through a `Prompter`. All of it is written to the prompter's terminal stream; the
output stream receives only the finished summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from enum import Enum
from typing import TextIO

from fibrofoot import __version__, flow
from fibrofoot.answers import Answers, answer_text
from fibrofoot.bank.base import LEVEL_ORDER, Level
from fibrofoot.bank.models import Bank, RedFlag
from fibrofoot.errors import FibrofootError
from fibrofoot.render.text import render_text
from fibrofoot.rules import by_level, next_unanswered, red_flags_raised
from fibrofoot.safe_text import harmless
from fibrofoot.summary import build_summary
from fibrofoot.terminal.checkin import walkthrough_offer
from fibrofoot.terminal.history_commands import with_history
from fibrofoot.terminal.prompter import Nav, Navigation, Prompter
from fibrofoot.terminal.saving import SaveOffer, Saver
from fibrofoot.terminal.screen import is_terminal, output_name, terminal_width, write_output

REVIEW_DONE = "__done__"
REVIEW_CARRY_ON = "__carry_on__"


class Ending(Enum):
    """How a part of the walk ended."""

    FINISHED = "finished"  # every question answered, or finished early: the review comes next
    DONE = "done"  # the review's "these are right"
    STOPPED = "stopped"  # at a red flag
    CARRY_ON = "carry on"  # from the review after finishing early, back to the questions


def run_walkthrough(
    bank: Bank,
    keyboard: TextIO,
    terminal: TextIO,
    summary_out: TextIO | None,
    *,
    prefill: Answers,
    plain: bool,
    today: date,
) -> int:
    """The edge (after `start.py` checked the terminal): pick a prompter, run, print the summary.

    The person talks on `keyboard` and `terminal`; `summary_out` (stdout, None if closed)
    receives only the finished summary. The menus read and draw on the terminal device itself
    (prompt_toolkit's own choice), so that `fibrofoot > file` still shows them.
    """
    if plain:
        from fibrofoot.terminal.plain import PlainPrompter

        walkthrough = Walkthrough(bank, PlainPrompter(keyboard, terminal), today)
        return walkthrough.run(prefill, summary_out)

    from prompt_toolkit.application import create_app_session_from_tty

    from fibrofoot.terminal.menus import QuestionaryPrompter

    with create_app_session_from_tty():
        walkthrough = Walkthrough(bank, QuestionaryPrompter(terminal), today)
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
        self.most_urgent: Level | None = None  # of the warnings shown so far

    def run(self, prefill: Answers, summary_out: TextIO | None) -> int:
        """`_run`; stopped with Ctrl-C or a signal after a warning sign, the most urgent one is
        said again on the way out: the person leaving is the one who most needs it."""
        try:
            return self._run(prefill, summary_out)
        except KeyboardInterrupt:
            if self.most_urgent is not None:
                self._remind(self.most_urgent)
            raise

    def _run(self, prefill: Answers, summary_out: TextIO | None) -> int:
        """The questions, review, summary and saving (`start.py` has shown the welcome).

        `summary_out` None is the process's stdout (`write_output`); closed (`>&-`), a full
        disk, a closed pipe or a size limit (`ulimit -f`): the summary is shown here instead.
        """
        walk, how = self._begin(prefill)
        while how is Ending.FINISHED:  # all answered, or finished early: check them
            walk, how = self._review(walk, finished_early=walk.current is not None)
            if how is Ending.CARRY_ON:
                walk, how = self._ask_all(walk)
        early = next_unanswered(self.bank, walk.answers) is not None
        summary = build_summary(
            self.bank, walk.answers, self.today, __version__, finished_early=early
        )
        summary = with_history(self.bank, summary, self.p.out)  # what changed since last time
        self.p.say()
        went_to = None if is_terminal(summary_out) else output_name(summary_out)
        try:
            width = self._width(summary_out)
            spoken = self.p.speaks and is_terminal(summary_out)  # a file is read, not heard
            write_output(render_text(summary, self.bank, width, spoken=spoken), summary_out)
        except FibrofootError as error:  # shown here instead
            self.p.say(error.message)
            self.p.say("Here it is on the screen instead, so nothing is lost:")
            self.p.say()
            width = min(terminal_width(self.p.out), 100)
            self.p.out.write(render_text(summary, self.bank, width, spoken=self.p.speaks))
            went_to = None
        saver = Saver(
            self.bank,
            self.p,
            self.today,
            summary_went_to=went_to,
            extra_offers=[*self.extra_offers, walkthrough_offer(self.bank)],  # the history's
        )
        saver.offer_saves(summary, walk.answers)
        if summary.red_flags:  # the save menu has scrolled the summary's urgent box away
            self._remind(summary.red_flags[0].level)
        self.most_urgent = None  # said: a stop from here on adds nothing
        self.p.say()
        self.p.say(self.bank.messages.consult)
        return 0

    def _remind(self, level: Level) -> None:
        words = self.bank.messages.levels[level]
        self.p.say()
        self.p.warn(words.marker, words.title)
        self.p.say(words.where_to_go)

    def _width(self, out: TextIO | None) -> int:
        """Wrap the summary to the terminal when it goes there; 72 columns in a file."""
        return min(terminal_width(self.p.out, out), 100) if is_terminal(out) else 72

    def _begin(self, prefill: Answers) -> tuple[flow.Walk, Ending]:
        """A new walk; with saved answers, their warning signs first, then only the questions
        they do not answer (the review follows, to check them all)."""
        if not prefill:
            return self._ask_all(flow.start(self.bank))
        walk = flow.resume(self.bank, prefill)
        self.p.say(
            "Your saved answers are filled in. First the questions they do not answer, then a "
            "list of all your answers to check."
            if walk.current
            else "Your saved answers are filled in: check them in the list that follows."
        )
        if (flags := red_flags_raised(self.bank, walk.answers)) and self._stop_at(flags, walk):
            return walk, Ending.STOPPED
        return self._ask_all(walk)

    def _ask_all(self, walk: flow.Walk) -> tuple[flow.Walk, Ending]:
        """Ask until every question that applies is answered, or the person finishes early
        (FINISHED either way; `walk.current` is where they finished) or stops at a red flag."""
        marks: dict[str, int] = {}  # where each question's lines start, to redraw going back
        while (question := flow.current_question(self.bank, walk)) is not None:
            where = flow.progress(self.bank, walk)
            assert where is not None
            marks[question.id] = self.p.mark()
            self.p.say()
            self.p.say(where.line())
            nav = Navigation(can_go_back=flow.can_go_back(self.bank, walk), can_finish=True)
            result = self.p.ask(question, walk.answers.get(question.id), nav)
            if result is Nav.BACK:
                walk = flow.back(self.bank, walk)
                self.p.erase_since(marks.get(walk.current or "", marks[question.id]))
                continue
            if result is Nav.FINISH:
                self.p.erase_since(marks[question.id])  # the question left unanswered
                return walk, Ending.FINISHED
            assert not isinstance(result, Nav)
            walk = flow.answer(self.bank, walk, result)
            flags = flow.red_flags_for(self.bank, question.id, walk.answers)
            if flags and self._stop_at(flags, walk):
                return walk, Ending.STOPPED
        return walk, Ending.FINISHED

    def _stop_at(self, flags: list[RedFlag], walk: flow.Walk) -> bool:
        """Show red flags at once, most urgent first, and repeat a more urgent one raised
        earlier; ask whether to stop here."""
        levels = self.bank.messages.levels
        for level, raised in by_level(flags):
            self.p.say()
            self.p.warn(levels[level].marker, levels[level].title)
            self.p.say(levels[level].where_to_go)
            for flag in raised:
                self.p.say(flag.message, "    ", "  - ")
        rank = LEVEL_ORDER.index
        most = LEVEL_ORDER[
            min(rank(flag.level) for flag in red_flags_raised(self.bank, walk.answers))
        ]
        if rank(most) < min(rank(flag.level) for flag in flags):
            self.p.say()
            self.p.say("Still the most urgent, from before:")
            self.p.warn(levels[most].marker, levels[most].title)
            self.p.say(levels[most].where_to_go)
        self.most_urgent = most
        self.p.say()
        # Enter stops once an emergency has been shown; otherwise it carries on (the summary
        # helps then).
        emergency = most is Level.EMERGENCY
        choice = self.p.choose(
            "What would you like to do?",
            [
                ("stop", "Stop here and show my summary"),
                ("continue", "Carry on with the questions"),
            ],
            default="stop" if emergency else "continue",
        )
        return choice == "stop"

    def _review(self, walk: flow.Walk, *, finished_early: bool) -> tuple[flow.Walk, Ending]:
        """List the answers; change any. DONE to show the summary; STOPPED if a changed answer
        raised a red flag and the person stopped there; after finishing early, CARRY_ON
        takes them back to the questions (a change then opens no new question here)."""
        mark = self.p.mark()
        while True:
            self.p.erase_since(mark)  # the review again in place of the last change
            self.p.say()
            choices = [(REVIEW_DONE, "These are right: show my summary")]
            if finished_early:
                choices.append((REVIEW_CARRY_ON, "Carry on with the questions"))
            for question in flow.answered_in_order(self.bank, walk):
                answer = answer_text(question, walk.answers[question.id])
                shown = harmless(answer).replace("\n", " ")  # a note may hold escape codes
                choices.append((question.id, f"{question.label}: {shown}"))
            message = (
                "Your answers. You finished early: these are the ones given so far. Choose one "
                "to change it, or carry on."
                if finished_early
                else "Your answers. Choose one to change it, or carry on."
            )
            picked = self.p.choose(message, choices, REVIEW_DONE)
            if picked == REVIEW_DONE:
                return walk, Ending.DONE
            if picked == REVIEW_CARRY_ON:
                return walk, Ending.CARRY_ON
            question = flow.shown_question(self.bank, walk, picked)
            back = Navigation(can_go_back=True, back_to="your answers")
            result = self.p.ask(question, walk.answers[picked], back)
            if result is Nav.BACK or result is Nav.FINISH:
                continue
            current = walk.current
            walk = flow.change(self.bank, walk, picked, result)
            flags = flow.red_flags_for(self.bank, picked, walk.answers)
            if flags and self._stop_at(flags, walk):
                return walk, Ending.STOPPED
            if finished_early:
                walk = replace(walk, current=current or walk.current)
                continue
            while (opened := flow.current_question(self.bank, walk)) is not None:
                self.p.say("Your change opens a question:")
                extra = self.p.ask(opened, None, Navigation(can_go_back=False))
                assert not isinstance(extra, Nav)
                walk = flow.change(self.bank, walk, opened.id, extra)
                flags = flow.red_flags_for(self.bank, opened.id, walk.answers)
                if flags and self._stop_at(flags, walk):
                    return walk, Ending.STOPPED
