"""The walkthrough's pure state, on the tiny bank: start, answer, back, change from review,
progress."""

from __future__ import annotations

from functools import reduce
from pathlib import Path

import pytest
from helpers.strategies import PROPERTY, answer_values, tiny_test_bank
from hypothesis import given
from hypothesis import strategies as st

from fibrofoot import flow
from fibrofoot.answers import Answers, AnswerValue
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank
from fibrofoot.rules import applicable, asked_questions, next_unanswered

# Past the warning check and into the pain section: where, which foot, how much.
START: list[AnswerValue] = [["none"], ["heel"], "left", 4]
# A complete walk in which no answer opens the follow-up question.
PLAIN: Answers = {
    "warning": ["none"],
    "where": ["heel"],
    "side": "left",
    "level": 3,
    "tingling": False,
    "stiffness": False,
    "note": "",
}


def _walk(bank: Bank, values: list[AnswerValue]) -> flow.Walk:
    """Start a walk and answer the questions in turn with `values`."""
    return reduce(lambda walk, value: flow.answer(bank, walk, value), values, flow.start(bank))


def test_a_walk_starts_at_the_first_question(tiny_bank: Bank) -> None:
    """A new walk has no answers and shows the first (warning-sign) question."""
    walk = flow.start(tiny_bank)
    assert walk == flow.Walk({}, "warning")
    assert flow.can_go_back(tiny_bank, walk) is False


def test_prefilled_answers_are_kept_only_where_they_apply(tiny_bank: Bank) -> None:
    """Answers from a file are offered again, except those to questions that would be skipped."""
    walk = flow.start(tiny_bank, {"stiffness": False, "stiff_long": "long", "level": 2})
    assert walk.answers == {"stiffness": False, "level": 2}
    assert walk.current == "warning"


@pytest.mark.parametrize(
    ("values", "current"),
    [
        pytest.param([], "warning", id="start"),
        pytest.param([["none"]], "where", id="after the warning check"),
        pytest.param([*START, True, False], "note", id="follow-up skipped"),
        pytest.param([*START, True, True], "stiff_long", id="follow-up asked"),
        pytest.param([*START, True, True, "long", "x"], None, id="done"),
    ],
)
def test_answering_moves_to_the_next_question_that_applies(
    tiny_bank: Bank, values: list[AnswerValue], current: str | None
) -> None:
    """After an answer, the walk shows the next question whose conditions hold."""
    assert _walk(tiny_bank, values).current == current


def test_changing_an_earlier_answer_drops_answers_that_no_longer_apply(tiny_bank: Bank) -> None:
    """Going back and changing an answer removes follow-up answers it no longer opens."""
    walk = _walk(tiny_bank, [*START, True, True, "long"])
    assert walk.answers["stiff_long"] == "long"
    for _ in range(2):
        walk = flow.back(tiny_bank, walk)
    assert walk.current == "stiffness"
    walk = flow.answer(tiny_bank, walk, False)
    assert "stiff_long" not in walk.answers
    assert walk.answers["level"] == 4
    assert walk.current == "note"


def test_back_steps_over_skipped_questions(tiny_bank: Bank) -> None:
    """Back goes to the previous question that applies, not to one that was skipped."""
    walk = _walk(tiny_bank, [*START, True, False])
    assert walk.current == "note"
    assert flow.back(tiny_bank, walk).current == "stiffness"


def test_back_at_the_first_question_stays_there(tiny_bank: Bank) -> None:
    """There is nothing before the first question."""
    walk = flow.start(tiny_bank)
    assert flow.back(tiny_bank, walk) == walk


def test_back_after_the_last_question_returns_to_it(tiny_bank: Bank) -> None:
    """Once every question is answered, back shows the last question asked."""
    walk = flow.Walk(applicable(tiny_bank, {"warning": ["none"], "note": "x"}), None)
    assert flow.back(tiny_bank, walk).current == "note"


def test_changing_an_answer_in_review_asks_only_what_it_opens(tiny_bank: Bank) -> None:
    """From the review, a change that opens a follow-up asks it; otherwise the walk is done."""
    done = flow.Walk(PLAIN, None)
    assert next_unanswered(tiny_bank, PLAIN) is None
    assert flow.change(tiny_bank, done, "side", "right").current is None
    opened = flow.change(tiny_bank, done, "stiffness", True)
    assert opened.current == "stiff_long"
    assert opened.answers["stiffness"] is True


def test_progress_counts_questions_and_sections_that_apply(tiny_bank: Bank) -> None:
    """Progress says which section and question of those that apply so far."""
    walk = _walk(tiny_bank, [["none"]])
    progress = flow.progress(tiny_bank, walk)
    assert progress is not None
    assert (progress.section_title, progress.section_number, progress.section_count) == (
        "Pain",
        2,
        2,
    )
    assert (progress.question_number, progress.question_total) == (2, 7)
    assert progress.line() == "Section 2 of 2: Pain. Question 2 of about 7."
    grown = flow.progress(tiny_bank, _walk(tiny_bank, [*START, True, True]))
    assert grown is not None
    assert grown.question_total == 8  # the follow-up now applies
    assert flow.progress(tiny_bank, flow.Walk({}, None)) is None


def test_red_flags_for_names_only_the_flags_of_the_answered_question(tiny_bank: Bank) -> None:
    """The flags shown at once are those the question just answered raises, most urgent first."""
    answers: Answers = {"warning": ["soon_sign", "emergency_sign"], "level": 9}
    assert [f.id for f in flow.red_flags_for(tiny_bank, "warning", answers)] == [
        "flag_emergency",
        "flag_soon",
    ]
    assert flow.red_flags_for(tiny_bank, "level", answers) == []


def test_a_flag_across_sections_is_shown_when_its_last_answer_is_given(tiny_bank: Bank) -> None:
    """In the walk, a red flag on a warning answer and the pain level is shown at the level,
    the answer that completes it, and not at the earlier answer or later ones."""
    walk = flow.start(tiny_bank)
    shown: dict[str, list[str]] = {}
    values: list[AnswerValue] = [["not_sure"], ["heel"], "left", 8, False, False, "x"]
    for value in values:
        question = walk.current
        assert question is not None
        walk = flow.answer(tiny_bank, walk, value)
        shown[question] = [f.id for f in flow.red_flags_for(tiny_bank, question, walk.answers)]
    assert walk.current is None
    assert shown == {
        "warning": [],
        "where": [],
        "side": [],
        "level": ["flag_combined"],
        "tingling": [],
        "stiffness": [],
        "note": [],
    }


@pytest.mark.parametrize(
    ("before", "question_id", "value"),
    [
        pytest.param({"warning": ["not_sure"]}, "level", 9, id="the level raised"),
        pytest.param({"level": 9}, "warning", ["not_sure"], id="the warning answer changed"),
    ],
)
def test_a_flag_across_sections_is_shown_when_changed_in_review(
    tiny_bank: Bank, before: Answers, question_id: str, value: AnswerValue
) -> None:
    """In the review, changing either answer of a combined red flag so that it holds shows it."""
    done = flow.Walk({**PLAIN, **before}, None)
    assert flow.red_flags_for(tiny_bank, question_id, done.answers) == []
    changed = flow.change(tiny_bank, done, question_id, value)
    flags = flow.red_flags_for(tiny_bank, question_id, changed.answers)
    assert [f.id for f in flags] == ["flag_combined"]
    assert flow.red_flags_for(tiny_bank, "side", changed.answers) == []


def test_review_lists_answered_questions_in_asking_order(tiny_bank: Bank) -> None:
    """The review shows the answered questions in the order they were asked."""
    walk = _walk(tiny_bank, [["none"], ["heel"]])
    assert [q.id for q in flow.answered_in_order(tiny_bank, walk)] == ["warning", "where"]


@PROPERTY
@given(st.data())
def test_any_sequence_of_answers_and_backs_keeps_the_walk_consistent(data: st.DataObject) -> None:
    """Any mix of answers and backs keeps only answers that apply, on a question that applies."""
    bank = tiny_test_bank()
    walk = flow.start(bank)
    for _ in range(data.draw(st.integers(0, 20))):
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
    bank = tiny_test_bank()
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


def test_resuming_drops_answers_about_right_now(tiny_bank_copy: Path) -> None:
    """A saved answer to an `asked_afresh` question (a warning check, the pain now) is asked
    again, with no answer chosen: days later it may no longer hold. The rest are kept."""
    warnings = tiny_bank_copy / "10-warning.yaml"
    text = warnings.read_text(encoding="utf-8")
    marked = "        kind: multi\n        asked_afresh: true\n"
    warnings.write_text(text.replace("        kind: multi\n", marked, 1), encoding="utf-8")
    bank = load_bank(tiny_bank_copy)
    saved: Answers = {"warning": ["none"], "where": ["heel"], "side": "left"}
    walk = flow.resume(bank, saved)
    assert walk.current == "warning"
    assert "warning" not in walk.answers
    assert {"where": ["heel"], "side": "left"}.items() <= walk.answers.items()


def test_resuming_keeps_every_answer_when_none_is_about_right_now(tiny_bank: Bank) -> None:
    saved: Answers = {"warning": ["none"], "where": ["heel"], "side": "left"}
    assert flow.resume(tiny_bank, saved).answers == applicable(tiny_bank, saved)
