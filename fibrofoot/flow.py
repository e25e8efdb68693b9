"""The walkthrough's state, pure: where we are, answering, going back, progress, review.

Questions are always asked in bank order, skipping those whose conditions do not hold, so the
position in the walk is just the current question id: "back" is the previous question that
applies, and nothing else has to be remembered.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from fibrofoot.answers import Answers, AnswerValue
from fibrofoot.bank.models import Bank, Question, RedFlag
from fibrofoot.rules import (
    applicable,
    asked_questions,
    next_unanswered,
    offered,
    red_flags_raised,
)


@dataclass(frozen=True)
class Walk:
    """Answers so far and the question on screen (None once every question is answered)."""

    answers: Answers = field(default_factory=dict)
    current: str | None = None


@dataclass(frozen=True)
class Progress:
    section_title: str
    section_number: int
    section_count: int
    question_number: int
    question_total: int

    def line(self) -> str:
        """In words that read well aloud: no symbols a screen reader would speak or skip."""
        return (
            f"Section {self.section_number} of {self.section_count}: {self.section_title}. "
            f"Question {self.question_number} of about {self.question_total}."
        )


def start(bank: Bank, prefill: Answers | None = None) -> Walk:
    """A new walk; answers from `prefill` become the defaults offered at each question."""
    answers = applicable(bank, prefill or {})
    first = asked_questions(bank, answers)
    return Walk(answers, first[0].id if first else None)


def resume(bank: Bank, prefill: Answers) -> Walk:
    """A walk from saved answers: at the first question that applies and they do not answer
    (None when they answer all; the review comes next). Answers about right now
    (`asked_afresh`: the warning checks, the pain now) are dropped, to be asked again: days
    later they may no longer hold."""
    kept = {q: v for q, v in prefill.items() if not _afresh(bank, q)}
    answers = applicable(bank, kept)
    following = next_unanswered(bank, answers)
    return Walk(answers, following.id if following else None)


def current_question(bank: Bank, walk: Walk) -> Question | None:
    return shown_question(bank, walk, walk.current) if walk.current else None


def shown_question(bank: Bank, walk: Walk, question_id: str) -> Question:
    """A question as the walk shows it: with only the options that fit the answers so far."""
    return offered(bank, bank.question(question_id), walk.answers)


def answer(bank: Bank, walk: Walk, value: AnswerValue) -> Walk:
    """Record the answer to the current question and move to the next one that applies.

    Later answers that no longer apply (their condition now fails) are dropped; the others stay
    and are offered again as defaults.
    """
    if walk.current is None:
        return walk
    answers = applicable(bank, {**walk.answers, walk.current: value})
    asked = [q.id for q in asked_questions(bank, answers)]
    order = [q.id for q in bank.questions]
    position = order.index(walk.current)
    following = (q for q in asked if order.index(q) > position)
    return Walk(answers, next(following, None))


def back(bank: Bank, walk: Walk) -> Walk:
    """Step to the previous question that applies; at the first question, stay there."""
    asked = [q.id for q in asked_questions(bank, walk.answers)]
    if walk.current is None:
        return replace(walk, current=asked[-1]) if asked else walk
    order = [q.id for q in bank.questions]
    position = order.index(walk.current)
    earlier = [q for q in asked if order.index(q) < position]
    return replace(walk, current=earlier[-1]) if earlier else walk


def can_go_back(bank: Bank, walk: Walk) -> bool:
    return back(bank, walk) != walk


def change(bank: Bank, walk: Walk, question_id: str, value: AnswerValue) -> Walk:
    """From the review screen: change one answer; then ask only questions it newly opens."""
    answers = applicable(bank, {**walk.answers, question_id: value})
    following = next_unanswered(bank, answers)
    return Walk(answers, following.id if following else None)


def progress(bank: Bank, walk: Walk) -> Progress | None:
    """Where the current question sits among those that apply so far (the total can grow)."""
    if walk.current is None:
        return None
    ids = [q.id for q in asked_questions(bank, walk.answers)]
    sections = list(dict.fromkeys(bank.section_of(q).id for q in ids))
    section = bank.section_of(walk.current)
    return Progress(
        section_title=section.title,
        section_number=sections.index(section.id) + 1,
        section_count=len(sections),
        question_number=ids.index(walk.current) + 1,
        question_total=len(ids),
    )


def red_flags_for(bank: Bank, question_id: str, answers: Answers) -> list[RedFlag]:
    """The red flags the answer to `question_id` completes, to show at once, most urgent first:
    those raised now with a condition on that question. A flag may combine answers from any
    sections, so it shows at whichever of its answers comes last, in the walk or in the review."""
    raised = red_flags_raised(bank, answers)
    return [flag for flag in raised if any(c.question == question_id for c in flag.when)]


def answered_in_order(bank: Bank, walk: Walk) -> list[Question]:
    """For the review screen: the answered questions, in the order they were asked."""
    return [q for q in asked_questions(bank, walk.answers) if q.id in walk.answers]


def _afresh(bank: Bank, question_id: str) -> bool:
    return bank.has_question(question_id) and bank.question(question_id).asked_afresh
