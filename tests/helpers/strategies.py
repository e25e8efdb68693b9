"""Hypothesis strategies built from the loaded bank (pydantic v2 has no hypothesis plugin).

- `answer_values(question)`: a valid, canonical answer for any kind of question.
- `raw_answer_values(question)`: other spellings `normalise` accepts for the same answers.
- `bad_answer_values(question)`: values `normalise` must refuse.
- `any_answers()`: valid answers to any subset of questions, including ones that would be skipped.
- `walked_answers()`: answers as the walkthrough collects them: in order, only questions that
  apply, stopping at any point.

Also `NO_URGENT`, the baseline answers "None of these" to both warning-sign questions, shared by
the tests that need a walk past the urgent checks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st

from fibrofoot.answers import MAX_TEXT_CHARS, Answers, AnswerValue
from fibrofoot.bank.base import NOT_SURE, SCALE_MAX, SCALE_MIN, Kind
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank, Question
from fibrofoot.rules import is_asked
from helpers.wording import is_harmless_user_text

# "None of these" to both warning-sign questions: no red flag, the walk goes on to the pain.
NO_URGENT: Answers = {
    "urgent_emergency": ["none"],
    "urgent_soon": ["none"],
}

# The number of examples comes from the hypothesis profile that tests/conftest.py loads (few in
# the inner loop, more in CI); no deadline, since the first example also warms caches.
PROPERTY = settings(deadline=None)


@cache
def shipped_bank() -> Bank:
    """The bank shipped with fibrofoot, loaded once per test run."""
    return load_bank()


TINY_BANK_DIR = Path(__file__).parents[1] / "banks" / "tiny"


@cache
def tiny_test_bank() -> Bank:
    """The tiny bank made for testing the machinery (the `tiny_bank` fixture, for code that
    runs outside a test function, such as hypothesis strategies)."""
    return load_bank(TINY_BANK_DIR)


def user_text() -> st.SearchStrategy[str]:
    """Any text a person could type as a note, except text that quotes a forbidden phrase."""
    return st.text(max_size=200).filter(is_harmless_user_text)


def yes_no_values(question: Question) -> list[bool | str]:
    return [True, False, NOT_SURE] if question.allow_not_sure else [True, False]


def answer_values(question: Question) -> st.SearchStrategy[AnswerValue]:
    """A valid answer to `question`, in the canonical form `normalise` returns."""
    values = [o.value for o in question.options]
    if question.kind is Kind.YES_NO:
        return st.sampled_from(yes_no_values(question))
    if question.kind is Kind.SCALE:
        return st.integers(SCALE_MIN, SCALE_MAX)
    if question.kind is Kind.TEXT:
        return user_text()
    if question.kind is Kind.SINGLE:
        return st.sampled_from(values)
    exclusive = [o.value for o in question.options if o.exclusive]
    combinable = [o.value for o in question.options if not o.exclusive]
    choices: list[st.SearchStrategy[AnswerValue]] = []
    if combinable:
        choices.append(
            st.lists(st.sampled_from(combinable), min_size=1, unique=True).map(
                lambda chosen: [v for v in values if v in chosen]
            )
        )
    if exclusive:
        choices.append(st.sampled_from(exclusive).map(lambda v: [v]))
    return st.one_of(choices)


@st.composite
def raw_answer_values(draw: st.DrawFn, question: Question) -> tuple[object, AnswerValue]:
    """(a spelling an answers file may use, the canonical answer it stands for)."""
    canonical = draw(answer_values(question))
    if question.kind is Kind.YES_NO and isinstance(canonical, bool):
        word = "yes" if canonical else "no"
        return draw(st.sampled_from([canonical, word, word.upper(), word.title()])), canonical
    if question.kind is Kind.MULTI and isinstance(canonical, list):
        if len(canonical) == 1 and draw(st.booleans()):
            return canonical[0], canonical
        return draw(st.permutations(canonical)), canonical
    return canonical, canonical


def bad_answer_values(question: Question) -> st.SearchStrategy[object]:
    """Values that are not a valid answer to `question`."""
    values = [o.value for o in question.options]
    not_an_option = st.text(min_size=1, max_size=20).filter(lambda v: v not in values)
    others = st.one_of(st.none(), st.floats(), st.dictionaries(st.text(max_size=5), st.integers()))
    if question.kind is Kind.YES_NO:
        words = {"yes", "no", NOT_SURE} if question.allow_not_sure else {"yes", "no"}
        return st.one_of(
            others, st.integers(), st.text(max_size=10).filter(lambda v: v.lower() not in words)
        )
    if question.kind is Kind.SCALE:
        return st.one_of(
            others,
            st.booleans(),
            st.integers(max_value=SCALE_MIN - 1),
            st.integers(min_value=SCALE_MAX + 1),
            st.text(max_size=5),
        )
    if question.kind is Kind.TEXT:
        too_long = st.just("x" * (MAX_TEXT_CHARS + 1))
        return st.one_of(others, st.integers(), st.booleans(), st.lists(st.text()), too_long)
    if question.kind is Kind.SINGLE:
        return st.one_of(others, st.integers(), not_an_option, st.lists(st.sampled_from(values)))
    exclusive = [o.value for o in question.options if o.exclusive]
    mixed = (
        st.tuples(st.sampled_from(exclusive), st.sampled_from(values)).filter(
            lambda pair: pair[0] != pair[1]
        )
        if exclusive
        else st.nothing()
    )
    return st.one_of(
        others,
        st.integers(),
        st.just([]),
        not_an_option,
        st.lists(not_an_option, min_size=1, max_size=3),
        st.sampled_from(values).map(lambda v: [v, v]),
        mixed.map(list),
    )


def any_answers(bank: Bank | None = None) -> st.SearchStrategy[Answers]:
    """Valid answers to any subset of the questions, whether or not they would be asked."""
    questions = (bank or shipped_bank()).questions
    return st.fixed_dictionaries({}, optional={q.id: answer_values(q) for q in questions})


def not_sure_answers(bank: Bank | None = None) -> st.SearchStrategy[Answers]:
    """ "Not sure" to any subset of the questions that offer it, and nothing else."""
    values: dict[str, AnswerValue] = {}
    for question in (bank or shipped_bank()).questions:
        if question.kind is Kind.YES_NO and question.allow_not_sure:
            values[question.id] = NOT_SURE
        elif NOT_SURE in {o.value for o in question.options}:
            values[question.id] = [NOT_SURE] if question.kind is Kind.MULTI else NOT_SURE
    return st.fixed_dictionaries({}, optional={k: st.just(v) for k, v in values.items()})


@st.composite
def walked_answers(draw: st.DrawFn, bank: Bank | None = None) -> Answers:
    """Answers in bank order to the questions that apply, stopping at a drawn point."""
    answers: Answers = {}
    for question in (bank or shipped_bank()).questions:
        if not is_asked(question, answers):
            continue
        if draw(st.integers(0, 20)) == 0:  # the person stopped here
            break
        answers[question.id] = draw(answer_values(question))
    return answers
