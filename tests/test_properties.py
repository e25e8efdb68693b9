"""Properties of the rules and the summary over answers drawn from the shipped bank."""

from __future__ import annotations

import json
import random
from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st
from helpers.strategies import PROPERTY, answer_values, any_answers, shipped_bank, walked_answers
from helpers.wording import assert_wording

from fibrofoot.answers import Answers
from fibrofoot.bank.models import CONTRIBUTOR_ORDER, LEVEL_ORDER
from fibrofoot.render.json_format import render_json
from fibrofoot.render.text import render_text
from fibrofoot.rules import (
    applicable,
    asked_questions,
    is_asked,
    next_unanswered,
    red_flags_raised,
    signals_raised,
)
from fibrofoot.summary import Summary, build_summary

BANK = shipped_bank()
DAY = date(2026, 1, 15)


def _summary(answers: Answers) -> Summary:
    return build_summary(BANK, answers, DAY, "0.0.0")


def _flat(text: str) -> str:
    return " ".join(text.split())


@PROPERTY
@given(any_answers())
def test_the_rules_never_raise_on_valid_answers(answers: Answers) -> None:
    """Every rule and the summary accept any valid answers, even to skipped questions."""
    asked_questions(BANK, answers)
    next_unanswered(BANK, answers)
    red_flags_raised(BANK, answers)
    signals_raised(BANK, answers)
    assert isinstance(_summary(answers), Summary)


@PROPERTY
@given(any_answers(), st.randoms(use_true_random=False))
def test_the_summary_is_deterministic(answers: Answers, rng: random.Random) -> None:
    """The same answers, in any key order, always give the same summary."""
    keys = list(answers)
    rng.shuffle(keys)
    shuffled = {key: answers[key] for key in keys}
    assert _summary(answers) == _summary(dict(answers)) == _summary(shuffled)
    assert render_json(_summary(answers), shipped_bank()) == render_json(
        _summary(shuffled), shipped_bank()
    )


@PROPERTY
@given(any_answers())
def test_only_known_ids_come_out(answers: Answers) -> None:
    """Contributors, red flags and answers in the summary use only ids the bank defines."""
    summary = _summary(answers)
    assert {c.id for c in summary.contributors} <= set(CONTRIBUTOR_ORDER)
    assert {f.id for f in summary.red_flags} <= {f.id for f in BANK.red_flags}
    assert set(summary.answers) <= {q.id for q in BANK.questions}
    assert set(summary.answers) <= set(answers)
    assert {r.question_id for r in summary.reported} <= set(summary.answers)


@PROPERTY
@given(any_answers())
def test_red_flags_are_most_urgent_first(answers: Answers) -> None:
    """Red flags never come before a more urgent level."""
    levels = [LEVEL_ORDER.index(f.level) for f in _summary(answers).red_flags]
    assert levels == sorted(levels)


@PROPERTY
@given(any_answers())
def test_contributors_are_in_the_documents_order_each_with_a_reason(answers: Answers) -> None:
    """Contributors follow CONTRIBUTOR_ORDER, and each has at least one reason."""
    contributors = _summary(answers).contributors
    ids = [c.id for c in contributors]
    assert ids == sorted(ids, key=CONTRIBUTOR_ORDER.index)
    assert all(c.reasons for c in contributors)


@PROPERTY
@given(st.data())
def test_answers_to_skipped_questions_change_nothing(data: st.DataObject) -> None:
    """Adding an answer to a question whose condition fails leaves the summary unchanged."""
    answers = data.draw(walked_answers())
    skipped = [q for q in BANK.questions if not is_asked(q, applicable(BANK, answers))]
    assume(skipped)
    question = data.draw(st.sampled_from(skipped))
    extra = {**answers, question.id: data.draw(answer_values(question))}
    assert _summary(extra) == _summary(answers)
    assert next_unanswered(BANK, extra) == next_unanswered(BANK, answers)


@PROPERTY
@given(walked_answers())
def test_walked_answers_are_all_kept(answers: Answers) -> None:
    """Walked answers are all kept exactly as given: a yes stays a boolean, a 1 a number."""
    assert applicable(BANK, answers) == answers
    kept = _summary(answers).answers
    assert {k: (type(v), v) for k, v in kept.items()} == {
        k: (type(v), v) for k, v in answers.items()
    }


@PROPERTY
@given(any_answers(), st.integers(40, 120))
def test_text_ends_with_the_consult_message_and_keeps_the_wording_rules(
    answers: Answers, width: int
) -> None:
    """Plain text, at any width, ends with the consult message and has no forbidden wording."""
    text = render_text(_summary(answers), shipped_bank(), width)
    assert text.endswith("\n")
    assert _flat(text).endswith(_flat(BANK.messages.consult))
    assert_wording(text, "text summary")


@PROPERTY
@given(any_answers())
def test_json_ends_with_the_consult_message_and_keeps_the_wording_rules(
    answers: Answers,
) -> None:
    """The JSON summary's last field is the consult message; it has no forbidden wording."""
    text = render_json(_summary(answers), shipped_bank())
    document = json.loads(text)
    assert list(document)[-1] == "consult_message"
    assert document["consult_message"] == BANK.messages.consult
    assert text.rstrip().endswith(json.dumps(BANK.messages.consult, ensure_ascii=False) + "\n}")
    assert_wording(text, "JSON summary")
