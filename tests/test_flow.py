"""The walkthrough's pure state: start, answer, back, change from review, progress."""

from __future__ import annotations

from functools import reduce

import pytest
from hypothesis import given
from hypothesis import strategies as st
from helpers.strategies import NO_URGENT, PROPERTY, answer_values, shipped_bank

from fibrofoot import flow
from fibrofoot.answers import Answers, AnswerValue
from fibrofoot.bank.models import Bank
from fibrofoot.rules import applicable, asked_questions, next_unanswered

# The values that walk past the urgent checks, in the order they are asked.
NO_URGENT_VALUES: list[AnswerValue] = list(NO_URGENT.values())
# A complete walk in which no answer opens a follow-up question.
PLAIN: Answers = {
    **NO_URGENT,
    "pain_areas": ["heel"],
    "pain_side": "left",
    "pain_level": 3,
    "pain_duration": "not_sure",
    "pain_timing": ["no_pattern"],
    "sensations": ["none"],
    "tender_spots": False,
    "morning_stiffness": "no",
    "joint_swelling": "no",
    "walk_differently": False,
    "walking_signs": ["none"],
    "note": "",
}


def _walk(bank: Bank, values: list[AnswerValue]) -> flow.Walk:
    """Start a walk and answer the questions in turn with `values`."""
    return reduce(lambda walk, value: flow.answer(bank, walk, value), values, flow.start(bank))


def test_a_walk_starts_at_the_first_red_flag_question(bank: Bank) -> None:
    """A new walk has no answers and shows the first urgent question."""
    walk = flow.start(bank)
    assert walk == flow.Walk({}, "urgent_emergency")
    assert flow.can_go_back(bank, walk) is False


def test_prefilled_answers_are_kept_only_where_they_apply(bank: Bank) -> None:
    """Answers from a file are offered again, except those to questions that would be skipped."""
    walk = flow.start(bank, {"pain_timing": ["at_night"], "first_steps_ease": True})
    assert walk.answers == {"pain_timing": ["at_night"]}
    assert walk.current == "urgent_emergency"


@pytest.mark.parametrize(
    ("values", "current"),
    [
        pytest.param([], "urgent_emergency", id="start"),
        pytest.param(NO_URGENT_VALUES, "pain_areas", id="after the urgent checks"),
        pytest.param(
            [*NO_URGENT_VALUES, ["heel"], "left", 4, "over_a_year", ["long_standing"]],
            "sensations",
            id="first-steps follow-up skipped",
        ),
        pytest.param(
            [*NO_URGENT_VALUES, ["heel"], "left", 4, "over_a_year", ["first_steps"]],
            "first_steps_ease",
            id="first-steps follow-up asked",
        ),
    ],
)
def test_answering_moves_to_the_next_question_that_applies(
    bank: Bank, values: list[AnswerValue], current: str
) -> None:
    """After an answer, the walk shows the next question whose conditions hold."""
    assert _walk(bank, values).current == current


def test_changing_an_earlier_answer_drops_answers_that_no_longer_apply(bank: Bank) -> None:
    """Going back and changing an answer removes follow-up answers it no longer opens."""
    walk = _walk(
        bank, [*NO_URGENT_VALUES, ["heel"], "left", 4, "over_a_year", ["first_steps"], True]
    )
    assert walk.answers["first_steps_ease"] is True
    for _ in range(2):
        walk = flow.back(bank, walk)
    assert walk.current == "pain_timing"
    walk = flow.answer(bank, walk, ["end_of_day"])
    assert "first_steps_ease" not in walk.answers
    assert walk.answers["pain_level"] == 4
    assert walk.current == "sensations"


def test_back_steps_over_skipped_questions(bank: Bank) -> None:
    """Back goes to the previous question that applies, not to one that was skipped."""
    walk = _walk(bank, [*NO_URGENT_VALUES, ["heel"], "left", 4, "over_a_year", ["at_night"]])
    assert walk.current == "sensations"
    assert flow.back(bank, walk).current == "pain_timing"


def test_back_at_the_first_question_stays_there(bank: Bank) -> None:
    """There is nothing before the first question."""
    walk = flow.start(bank)
    assert flow.back(bank, walk) == walk


def test_back_after_the_last_question_returns_to_it(bank: Bank) -> None:
    """Once every question is answered, back shows the last question asked."""
    walk = flow.Walk(applicable(bank, {"urgent_emergency": ["none"], "note": "x"}), None)
    assert flow.back(bank, walk).current == "note"


def test_changing_an_answer_in_review_asks_only_what_it_opens(bank: Bank) -> None:
    """From the review, a change that opens a follow-up asks it; otherwise the walk is done."""
    done = flow.Walk(PLAIN, None)
    assert next_unanswered(bank, PLAIN) is None
    assert flow.change(bank, done, "pain_side", "right").current is None
    assert flow.change(bank, done, "morning_stiffness", "over_30").current is None
    opened = flow.change(bank, done, "joint_swelling", "one_foot")
    assert opened.current == "other_joints"
    assert opened.answers["joint_swelling"] == "one_foot"


def test_progress_counts_questions_and_sections_that_apply(bank: Bank) -> None:
    """Progress says which section and question of those that apply so far."""
    walk = _walk(bank, NO_URGENT_VALUES)
    progress = flow.progress(bank, walk)
    assert progress is not None
    assert (progress.section_title, progress.section_number) == ("Your foot pain", 2)
    assert progress.question_number == 3
    assert progress.question_total == len(asked_questions(bank, walk.answers))
    assert progress.line() == (
        f"Section 2 of {progress.section_count} · question 3 of about {progress.question_total}"
    )
    assert flow.progress(bank, flow.Walk({}, None)) is None


def test_red_flags_for_names_only_the_flags_of_the_answered_question(bank: Bank) -> None:
    """The flags shown at once are those the question just answered raises."""
    answers: Answers = {
        "urgent_emergency": ["injury"],
        "urgent_soon": ["wound_not_healing", "no_better_two_weeks"],
    }
    assert [f.id for f in flow.red_flags_for(bank, "urgent_soon", answers)] == [
        "same_day_wound_not_healing",
        "soon_no_better_two_weeks",
    ]
    assert flow.red_flags_for(bank, "pain_areas", answers) == []


def test_review_lists_answered_questions_in_asking_order(bank: Bank) -> None:
    """The review shows the answered questions in the order they were asked."""
    walk = _walk(bank, [*NO_URGENT_VALUES, ["heel"]])
    assert [q.id for q in flow.answered_in_order(bank, walk)] == [
        "urgent_emergency",
        "urgent_soon",
        "pain_areas",
    ]


@PROPERTY
@given(st.data())
def test_any_sequence_of_answers_and_backs_keeps_the_walk_consistent(data: st.DataObject) -> None:
    """Any mix of answers and backs keeps only answers that apply, on a question that applies."""
    bank = shipped_bank()
    walk = flow.start(bank)
    for _ in range(data.draw(st.integers(0, 40))):
        question = flow.current_question(bank, walk)
        if question is None or data.draw(st.integers(0, 3)) == 0:
            walk = flow.back(bank, walk)
        else:
            walk = flow.answer(bank, walk, data.draw(answer_values(question)))
        assert applicable(bank, walk.answers) == walk.answers
        if walk.current is not None:
            assert walk.current in {q.id for q in asked_questions(bank, walk.answers)}
            progress = flow.progress(bank, walk)
            assert progress is not None
            assert 1 <= progress.question_number <= progress.question_total


@PROPERTY
@given(st.data())
def test_answering_every_question_in_turn_finishes_the_walk(data: st.DataObject) -> None:
    """Answering whatever is shown ends the walk after at most one answer per question."""
    bank = shipped_bank()
    walk = flow.start(bank)
    for _ in bank.questions:
        question = flow.current_question(bank, walk)
        if question is None:
            break
        walk = flow.answer(bank, walk, data.draw(answer_values(question)))
    assert walk.current is None
    assert [q.id for q in flow.answered_in_order(bank, walk)] == [
        q.id for q in asked_questions(bank, walk.answers)
    ]
