"""The rules on the tiny bank, table-driven: which question comes next, which are skipped, what
answers raise, and what "most urgent first" means."""

from __future__ import annotations

import pytest

from fibrofoot.answers import Answers
from fibrofoot.bank.base import Condition, Level
from fibrofoot.bank.models import Bank
from fibrofoot.rules import (
    applicable,
    asked_questions,
    by_level,
    condition_holds,
    contributors_listed,
    next_unanswered,
    red_flags_raised,
    signals_raised,
)

PAIN: Answers = {"warning": ["none"], "where": ["heel"], "side": "left", "level": 5}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param({}, "warning", id="nothing answered"),
        pytest.param({"warning": ["none"]}, "where", id="after the first"),
        pytest.param({"warning": ["emergency_sign"]}, "where", id="a red flag does not stop"),
        pytest.param({**PAIN, "tingling": True}, "stiffness", id="in bank order"),
        pytest.param(
            {**PAIN, "tingling": True, "stiffness": False}, "note", id="follow-up skipped"
        ),
        pytest.param(
            {**PAIN, "tingling": True, "stiffness": True}, "stiff_long", id="follow-up asked"
        ),
        pytest.param({"level": 3, "note": "x"}, "warning", id="earliest unanswered first"),
        pytest.param(
            {**PAIN, "tingling": False, "stiffness": False, "note": ""}, None, id="all answered"
        ),
    ],
)
def test_next_unanswered(tiny_bank: Bank, answers: Answers, expected: str | None) -> None:
    """The next question is the first one that applies and has no answer yet."""
    question = next_unanswered(tiny_bank, answers)
    assert (question.id if question else None) == expected


@pytest.mark.parametrize(
    ("answers", "skipped"),
    [
        pytest.param({}, {"stiff_long"}, id="unanswered condition: skipped"),
        pytest.param({"stiffness": True}, set(), id="condition holds: asked"),
        pytest.param({"stiffness": False}, {"stiff_long"}, id="condition fails: skipped"),
    ],
)
def test_skipped_questions(tiny_bank: Bank, answers: Answers, skipped: set[str]) -> None:
    """A follow-up question is asked only when the answer it depends on says so."""
    asked = {q.id for q in asked_questions(tiny_bank, answers)}
    assert {q.id for q in tiny_bank.questions} - asked == skipped


@pytest.mark.parametrize(
    ("answers", "kept"),
    [
        pytest.param(
            {"stiffness": False, "stiff_long": "long"}, {"stiffness"}, id="follow-up of a no"
        ),
        pytest.param({"stiff_long": "long"}, set(), id="follow-up without its question"),
        pytest.param(
            {"stiffness": True, "stiff_long": "long"},
            {"stiffness", "stiff_long"},
            id="a follow-up that applies is kept",
        ),
    ],
)
def test_applicable_drops_answers_to_skipped_questions(
    tiny_bank: Bank, answers: Answers, kept: set[str]
) -> None:
    """Answers to questions that would not be asked are left out."""
    assert set(applicable(tiny_bank, answers)) == kept


@pytest.mark.parametrize(
    ("condition", "answers", "holds"),
    [
        pytest.param(
            Condition(question="x", is_=(True,)), {"x": True}, True, id="yes matches true"
        ),
        pytest.param(Condition(question="x", is_=(True,)), {"x": 1}, False, id="1 is not true"),
        pytest.param(Condition(question="x", is_=(True,)), {"x": "not_sure"}, False, id="not sure"),
        pytest.param(Condition(question="x", is_=(True,)), {}, False, id="unanswered"),
        pytest.param(Condition(question="x", is_=("a", "b")), {"x": ["c", "b"]}, True, id="any of"),
        pytest.param(Condition(question="x", is_=("a", "b")), {"x": ["c"]}, False, id="none of"),
        pytest.param(Condition(question="x", at_least=7), {"x": 7}, True, id="at least, edge"),
        pytest.param(Condition(question="x", at_least=7), {"x": 6}, False, id="below"),
        pytest.param(Condition(question="x", at_most=3), {"x": 0}, True, id="at most"),
        pytest.param(
            Condition(question="x", at_least=2, at_most=4), {"x": 5}, False, id="above range"
        ),
        pytest.param(Condition(question="x", at_least=1), {"x": True}, False, id="bool, no scale"),
    ],
)
def test_condition_holds(condition: Condition, answers: Answers, holds: bool) -> None:
    """A condition holds for any listed answer, or for a scale within its bounds."""
    assert condition_holds(condition, answers) is holds


@pytest.mark.parametrize(
    ("signs", "expected"),
    [
        pytest.param(["none"], [], id="no warning signs"),
        pytest.param(["soon_sign"], ["flag_soon"], id="one"),
        pytest.param(
            ["soon_sign", "today_sign", "emergency_sign"],
            ["flag_emergency", "flag_today", "flag_soon"],
            id="most urgent first",
        ),
    ],
)
def test_red_flags_raised(tiny_bank: Bank, signs: list[str], expected: list[str]) -> None:
    """Each warning sign picked raises its red flag, most urgent first; 'None' raises none."""
    assert [f.id for f in red_flags_raised(tiny_bank, {"warning": signs})] == expected


def test_by_level_keeps_order_within_a_level(tiny_bank: Bank) -> None:
    """Most urgent level first, each level once, the given order kept within a level."""
    flags = [*tiny_bank.red_flags, *tiny_bank.red_flags[:2]][::-1]
    groups = by_level(flags)
    assert [level for level, _ in groups] == [Level.EMERGENCY, Level.SAME_DAY, Level.SOON]
    assert [[f.id for f in group] for _, group in groups] == [
        ["flag_emergency", "flag_emergency"],
        ["flag_today", "flag_combined", "flag_today"],
        ["flag_soon"],
    ]
    assert by_level([]) == []


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param({"warning": ["not_sure"], "level": 7}, [], id="one condition of two"),
        pytest.param(
            {"warning": ["not_sure"], "level": 8}, ["flag_combined"], id="across two sections"
        ),
        pytest.param(
            {"warning": ["soon_sign", "today_sign"], "level": 10},
            ["flag_today", "flag_soon"],
            id="a sign ticked with others is not 'not sure'",
        ),
    ],
)
def test_a_red_flag_may_combine_questions(
    tiny_bank: Bank, answers: Answers, expected: list[str]
) -> None:
    """A red flag on several questions is raised only when every one of its conditions holds."""
    assert [f.id for f in red_flags_raised(tiny_bank, answers)] == expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param({}, [], id="nothing"),
        pytest.param({"where": ["heel"]}, ["t_heel", "p_heel"], id="one answer, two signals"),
        pytest.param({"level": 8}, ["t_level"], id="scale at least"),
        pytest.param({"level": 6}, [], id="scale below"),
        pytest.param(
            {"where": ["whole_foot"], "tingling": True},
            ["m_whole", "n_tingling", "n_whole"],
            id="two conditions, both hold",
        ),
        pytest.param({"where": ["whole_foot"]}, ["m_whole"], id="two conditions, one holds"),
        pytest.param({"stiff_long": "short"}, [], id="skipped follow-up raises nothing"),
        pytest.param(
            {"stiffness": True, "stiff_long": "short"},
            ["m_stiff", "p_short"],
            id="follow-up that applies",
        ),
    ],
)
def test_signals_raised(tiny_bank: Bank, answers: Answers, expected: list[str]) -> None:
    """Signals are raised, in bank order, by answers to questions that would be asked."""
    assert [s.id for s in signals_raised(tiny_bank, answers)] == expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param({}, {}, id="nothing"),
        pytest.param(
            {"where": ["toes"], "stiffness": True, "stiff_long": "short"},
            {
                "muscle_connective_tissue": ["m_stiff"],
                "plantar_fasciitis": ["p_short"],
                "osteoarthritis": ["p_short", "o_toes"],
            },
            id="characteristic signals, in bank order",
        ),
        pytest.param({"tingling": "not_sure"}, {}, id="a supporting signal alone lists nothing"),
        pytest.param(
            {"side": "both", "tingling": "not_sure"},
            {"rheumatoid_arthritis": ["r_both", "s_unsure"]},
            id="supporting under a listed contributor only",
        ),
    ],
)
def test_contributors_listed(
    tiny_bank: Bank, answers: Answers, expected: dict[str, list[str]]
) -> None:
    """A contributor is listed when a characteristic signal of it is raised, with every raised
    signal of it; a supporting signal adds to a listed contributor and lists none itself."""
    listed = contributors_listed(tiny_bank, answers)
    assert {c: [s.id for s in signals] for c, signals in listed.items()} == expected
