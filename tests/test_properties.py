"""Properties of the rules and the summary over answers drawn from the tiny bank."""

from __future__ import annotations

import random
from datetime import date

from helpers.strategies import (
    PROPERTY,
    answer_values,
    any_answers,
    not_sure_answers,
    tiny_test_bank,
    walked_answers,
)
from hypothesis import assume, given
from hypothesis import strategies as st

from fibrofoot.answers import Answers
from fibrofoot.bank.base import LEVEL_ORDER
from fibrofoot.bank.models import Role
from fibrofoot.render.json_format import render_json
from fibrofoot.rules import (
    applicable,
    asked_questions,
    is_asked,
    next_unanswered,
    red_flags_raised,
    signals_raised,
)
from fibrofoot.summary import Summary, build_summary

BANK = tiny_test_bank()
DAY = date(2026, 1, 15)


def _summary(answers: Answers) -> Summary:
    return build_summary(BANK, answers, DAY, "0.0.0")


@PROPERTY
@given(any_answers(BANK))
def test_the_rules_never_raise_on_valid_answers(answers: Answers) -> None:
    """Every rule and the summary accept any valid answers, even to skipped questions."""
    asked_questions(BANK, answers)
    next_unanswered(BANK, answers)
    red_flags_raised(BANK, answers)
    signals_raised(BANK, answers)
    assert isinstance(_summary(answers), Summary)


@PROPERTY
@given(any_answers(BANK), st.randoms(use_true_random=False))
def test_the_summary_is_deterministic(answers: Answers, rng: random.Random) -> None:
    """The same answers, in any key order, always give the same summary."""
    keys = list(answers)
    rng.shuffle(keys)
    shuffled = {key: answers[key] for key in keys}
    assert _summary(answers) == _summary(dict(answers)) == _summary(shuffled)
    assert render_json(_summary(answers), BANK) == render_json(_summary(shuffled), BANK)


@PROPERTY
@given(any_answers(BANK))
def test_only_known_ids_come_out(answers: Answers) -> None:
    """Contributors, red flags and answers in the summary use only ids the bank defines."""
    summary = _summary(answers)
    assert {c.id for c in summary.contributors} <= {c.id for c in BANK.contributors}
    assert {f.id for f in summary.red_flags} <= {f.id for f in BANK.red_flags}
    assert set(summary.answers) <= {q.id for q in BANK.questions}
    assert set(summary.answers) <= set(answers)
    assert {r.question_id for r in summary.reported} <= set(summary.answers)


@PROPERTY
@given(any_answers(BANK))
def test_red_flags_are_most_urgent_first(answers: Answers) -> None:
    """Red flags never come before a more urgent level."""
    levels = [LEVEL_ORDER.index(f.level) for f in _summary(answers).red_flags]
    assert levels == sorted(levels)


@PROPERTY
@given(any_answers(BANK))
def test_contributors_are_in_the_documents_order_each_with_a_reason(answers: Answers) -> None:
    """Contributors follow the bank's order, and each has at least one reason."""
    contributors = _summary(answers).contributors
    ids = [c.id for c in contributors]
    order = [c.id for c in BANK.contributors]
    assert ids == sorted(ids, key=order.index)
    assert all(c.reasons for c in contributors)


@PROPERTY
@given(any_answers(BANK))
def test_no_contributor_is_listed_without_a_raised_characteristic_signal(answers: Answers) -> None:
    """A listed contributor has a raised characteristic signal; every reason under it is that of
    a raised signal naming it; and a contributor with a raised characteristic one is listed."""
    raised = signals_raised(BANK, answers)
    characteristic = {c for s in raised if s.role is Role.CHARACTERISTIC for c in s.raises}
    contributors = _summary(answers).contributors
    assert {c.id for c in contributors} == characteristic
    for contributor in contributors:
        assert set(contributor.reasons) <= {s.reason for s in raised if contributor.id in s.raises}


@PROPERTY
@given(not_sure_answers(BANK))
def test_not_sure_answers_list_nothing(answers: Answers) -> None:
    """Answering "not sure" wherever it is offered lists no contributor, even when a supporting
    signal matches it."""
    assert _summary(answers).contributors == []


@PROPERTY
@given(st.data())
def test_answers_to_skipped_questions_change_nothing(data: st.DataObject) -> None:
    """Adding an answer to a question whose condition fails leaves the summary unchanged."""
    answers = data.draw(walked_answers(BANK))
    skipped = [q for q in BANK.questions if not is_asked(q, applicable(BANK, answers))]
    assume(skipped)
    question = data.draw(st.sampled_from(skipped))
    extra = {**answers, question.id: data.draw(answer_values(question))}
    assert _summary(extra) == _summary(answers)
    assert next_unanswered(BANK, extra) == next_unanswered(BANK, answers)


@PROPERTY
@given(walked_answers(BANK))
def test_walked_answers_are_all_kept(answers: Answers) -> None:
    """Walked answers are all kept exactly as given: a yes stays a boolean, a 1 a number."""
    assert applicable(BANK, answers) == answers
    kept = _summary(answers).answers
    assert {k: (type(v), v) for k, v in kept.items()} == {
        k: (type(v), v) for k, v in answers.items()
    }
