"""Bank checks of where answers go in the summary (`part`), of `max_choices`, and of the
options offered only when earlier answers fit (`offer_if`, the contributors' suggestions).

What is offered must be settled by earlier answers alone: so an `offer_if` looks only at
questions asked before the question it offers on, and no signal uses the question that offers
suggestions or one asked after it (the contributors listed when it is asked are then final).
"""

from __future__ import annotations

from collections.abc import Iterator

from fibrofoot.bank.base import Condition, Kind
from fibrofoot.bank.check_shapes import Problem, condition_problems, question_paths
from fibrofoot.bank.models import Bank, Part
from fibrofoot.yamlfile import Path_

_KINDS_OF_PART = {
    Part.REPORTED: tuple(Kind),
    Part.PAIN_NUMBER: (Kind.SCALE,),
    Part.FUNCTION: (Kind.SINGLE, Kind.MULTI),
    Part.GOAL: (Kind.TEXT,),
    Part.AGENDA: (Kind.MULTI, Kind.TEXT),
}


def part_problems(bank: Bank) -> list[Problem]:
    return [*_parts(bank), *_offers(bank), *_suggestions(bank)]


def _parts(bank: Bank) -> Iterator[Problem]:
    for path, question in question_paths(bank):
        kinds = _KINDS_OF_PART[question.part]
        if question.kind not in kinds:
            shown = " or ".join(k.value for k in kinds)
            yield (
                (*path, "part"),
                f"a {question.part.value} question must be {shown} ('{question.id}').",
            )
        if question.max_choices is not None and question.kind is not Kind.MULTI:
            yield (
                (*path, "max_choices"),
                f"max_choices is only for multi questions ('{question.id}').",
            )
        if question.offers_suggestions and question.kind is not Kind.MULTI:
            yield (
                (*path, "offers_suggestions"),
                f"only a multi question can offer suggestions ('{question.id}').",
            )


def _offers(bank: Bank) -> Iterator[Problem]:
    for path, question in question_paths(bank):
        for o, option in enumerate(question.options):
            where: Path_ = (*path, "options", o, "offer_if")
            yield from _earlier(bank, option.offer_if, question.id, where)


def _suggestions(bank: Bank) -> Iterator[Problem]:
    offering = [(path, q) for path, q in question_paths(bank) if q.offers_suggestions]
    for path, _ in offering[1:]:
        yield (*path, "offers_suggestions"), "only one question may offer the suggestions."
    first = offering[0][1].id if offering else None
    own = {o.value for o in offering[0][1].options} if offering else set()
    seen: set[str] = set()
    for c, contributor in enumerate(bank.contributors):
        for s, suggestion in enumerate(contributor.ask_your_clinician):
            where: Path_ = ("contributors", c, "ask_your_clinician", s)
            if suggestion.id in seen or suggestion.id in own:
                yield (
                    (*where, "id"),
                    f"the suggestion id '{suggestion.id}' is used more than once "
                    "(suggestions and the options of the question offering them share ids).",
                )
            seen.add(suggestion.id)
            yield from _earlier(bank, suggestion.offer_if, first, (*where, "offer_if"))
    if first is None:
        return
    position = {q.id: i for i, q in enumerate(bank.questions)}
    for g, signal in enumerate(bank.signals):
        for w, condition in enumerate(signal.when):
            if position.get(condition.question, -1) >= position[first]:
                yield (
                    ("signals", g, "when", w, "question"),
                    f"a signal may not use '{condition.question}': the suggestions offered at "
                    f"'{first}' must follow from earlier answers only.",
                )


def _earlier(
    bank: Bank, conditions: list[Condition], asked_at: str | None, where: Path_
) -> Iterator[Problem]:
    """Each condition is valid and, when `asked_at` names a question, uses one asked before it."""
    position = {q.id: i for i, q in enumerate(bank.questions)}
    for c, condition in enumerate(conditions):
        yield from condition_problems(bank, condition, (*where, c))
        later = asked_at is not None and position.get(condition.question, -1) >= position[asked_at]
        if later and bank.has_question(condition.question):
            yield (
                (*where, c, "question"),
                f"'{condition.question}' is not asked before '{asked_at}'; what is offered may "
                "only depend on earlier answers.",
            )
