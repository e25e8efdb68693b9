"""The rules: which questions apply, which red flags and contributors answers raise. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from fibrofoot.answers import Answers, AnswerValue
from fibrofoot.bank.base import LEVEL_ORDER, Condition, Level
from fibrofoot.bank.models import Bank, Option, Question, RedFlag, Role, Signal


def condition_holds(condition: Condition, answers: Answers) -> bool:
    if condition.question not in answers:
        return False
    value = answers[condition.question]
    if condition.is_ is not None:
        chosen: Iterable[AnswerValue] = value if isinstance(value, list) else [value]
        # `x in tuple` would treat True == 1; compare with type so a bool never matches an int.
        return any(type(c) is type(v) and c == v for c in condition.is_ for v in chosen)
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    low = condition.at_least if condition.at_least is not None else value
    high = condition.at_most if condition.at_most is not None else value
    return low <= value <= high


def all_hold(conditions: Iterable[Condition], answers: Answers) -> bool:
    return all(condition_holds(c, answers) for c in conditions)


def applicable(bank: Bank, answers: Answers) -> Answers:
    """Keep only the answers to questions that would be asked given the earlier answers.

    Conditions only look back, so one pass in bank order settles every question. Ticks of
    options that are no longer offered are dropped too, and the answer with them if none is left.
    """
    kept: Answers = {}
    for question in bank.questions:
        if question.id in answers and all_hold(question.ask_if, kept):
            value = answers[question.id]
            if isinstance(value, list) and _options_vary(question):
                offered = {o.value for o in offered_options(bank, question, kept)}
                value = [v for v in value if v in offered]
                if not value:
                    continue
            kept[question.id] = value
    return kept


def _options_vary(question: Question) -> bool:
    return question.offers_suggestions or any(o.offer_if for o in question.options)


def offered_options(bank: Bank, question: Question, answers: Answers) -> list[Option]:
    """The options of `question` that fit the answers: each option's `offer_if` holds, and a
    contributor's suggestion only while that contributor is listed. Both look only at earlier
    questions (the bank check holds that), so later answers never change what was offered."""
    if not _options_vary(question):
        return question.options
    listed = contributors_listed(bank, answers) if question.offers_suggestions else {}
    fitting = [
        option
        for option in question.options
        if all_hold(option.offer_if, answers)
        and (not question.offers_suggestions or bank.suggested_for(option.value) in (None, *listed))
    ]
    # Two contributors may suggest the same question: it is offered once, the first time.
    labels = [option.label for option in fitting]
    return [option for i, option in enumerate(fitting) if option.label not in labels[:i]]


def offered(bank: Bank, question: Question, answers: Answers) -> Question:
    """`question` with only the options that fit the answers (see `offered_options`)."""
    options = offered_options(bank, question, answers)
    return (
        question
        if options == question.options
        else question.model_copy(update={"options": options})
    )


def is_asked(question: Question, answers: Answers) -> bool:
    return all_hold(question.ask_if, answers)


def asked_questions(bank: Bank, answers: Answers) -> list[Question]:
    """The questions that apply given `answers` (unanswered conditions count as not met)."""
    kept = applicable(bank, answers)
    return [q for q in bank.questions if is_asked(q, kept)]


def next_unanswered(bank: Bank, answers: Answers) -> Question | None:
    kept = applicable(bank, answers)
    return next((q for q in bank.questions if q.id not in kept and is_asked(q, kept)), None)


class HasLevel(Protocol):
    @property
    def level(self) -> Level: ...


FlagT = TypeVar("FlagT", bound=HasLevel)


def by_level(flags: Iterable[FlagT]) -> list[tuple[Level, list[FlagT]]]:
    """Red flags (a summary's or a bank's) by level, most urgent first, in order within a level;
    levels with none are left out. The one place that says what "most urgent first" means."""
    listed = list(flags)
    grouped = ((level, [flag for flag in listed if flag.level == level]) for level in LEVEL_ORDER)
    return [(level, group) for level, group in grouped if group]


def red_flags_raised(bank: Bank, answers: Answers) -> list[RedFlag]:
    """Red flags the answers raise, most urgent level first, bank order within a level."""
    kept = applicable(bank, answers)
    raised = [flag for flag in bank.red_flags if all_hold(flag.when, kept)]
    return [flag for _, group in by_level(raised) for flag in group]


def signals_raised(bank: Bank, answers: Answers) -> list[Signal]:
    kept = applicable(bank, answers)
    return [signal for signal in bank.signals if all_hold(signal.when, kept)]


def contributors_listed(bank: Bank, answers: Answers) -> dict[str, list[Signal]]:
    """The contributors the answers list, in bank order, each with its raised signals.

    A contributor is listed only when at least one of its characteristic signals is raised; its
    raised supporting signals then add their reasons, and on their own list nothing.
    """
    raised = signals_raised(bank, answers)
    listed: dict[str, list[Signal]] = {}
    for contributor in bank.contributors:
        signals = [signal for signal in raised if contributor.id in signal.raises]
        if any(signal.role is Role.CHARACTERISTIC for signal in signals):
            listed[contributor.id] = signals
    return listed
