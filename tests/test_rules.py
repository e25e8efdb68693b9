"""The rules, table-driven: which question comes next, which are skipped, what answers raise."""

from __future__ import annotations

import pytest
from helpers.strategies import NO_URGENT

from fibrofoot.answers import Answers
from fibrofoot.bank.models import Bank, Condition
from fibrofoot.rules import (
    applicable,
    asked_questions,
    condition_holds,
    next_unanswered,
    red_flags_raised,
    signals_raised,
)

HEEL_PAIN: Answers = {
    **NO_URGENT,
    "pain_areas": ["heel"],
    "pain_side": "left",
    "pain_level": 5,
    "pain_duration": "three_to_12_months",
}
FOLLOW_UPS = {
    "first_steps_ease",
    "nerve_pattern",
    "temperature_feel",
    "nerve_risks",
    "other_joints",
    "big_toe_stiff",
    "big_toe_bump",
}
NERVE = {"nerve_pattern", "temperature_feel", "nerve_risks"}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param({}, "urgent_emergency", id="nothing answered"),
        pytest.param({"urgent_emergency": ["none"]}, "urgent_soon", id="after the first"),
        pytest.param(
            {"urgent_emergency": ["injury"]}, "urgent_soon", id="a red flag does not stop"
        ),
        pytest.param(
            {**HEEL_PAIN, "pain_timing": ["long_standing"]},
            "sensations",
            id="first-steps follow-up skipped",
        ),
        pytest.param(
            {**HEEL_PAIN, "pain_timing": ["first_steps"]},
            "first_steps_ease",
            id="first-steps follow-up asked",
        ),
        pytest.param(
            {**HEEL_PAIN, "pain_timing": ["no_pattern"], "sensations": ["deep_ache"]},
            "tender_spots",
            id="after sensations",
        ),
        pytest.param(
            {
                **HEEL_PAIN,
                "pain_timing": ["no_pattern"],
                "sensations": ["deep_ache"],
                "tender_spots": False,
            },
            "morning_stiffness",
            id="nerve follow-ups skipped",
        ),
        pytest.param(
            {
                **HEEL_PAIN,
                "pain_timing": ["no_pattern"],
                "sensations": ["burning"],
                "tender_spots": False,
            },
            "nerve_pattern",
            id="nerve follow-ups asked",
        ),
        pytest.param(
            {
                **HEEL_PAIN,
                "pain_timing": ["no_pattern"],
                "sensations": ["none"],
                "tender_spots": False,
                "morning_stiffness": "no",
            },
            "joint_swelling",
            id="after morning stiffness",
        ),
        pytest.param(
            {
                **HEEL_PAIN,
                "pain_timing": ["no_pattern"],
                "sensations": ["none"],
                "tender_spots": False,
                "morning_stiffness": "no",
                "joint_swelling": "no",
            },
            "walk_differently",
            id="swelling and big toe skipped",
        ),
        pytest.param(
            {
                **HEEL_PAIN,
                "pain_areas": ["big_toe"],
                "pain_timing": ["no_pattern"],
                "sensations": ["none"],
                "tender_spots": False,
                "morning_stiffness": "no",
                "joint_swelling": "no",
            },
            "big_toe_stiff",
            id="big toe asked",
        ),
        pytest.param(
            {"pain_level": 3, "note": "x"},
            "urgent_emergency",
            id="earliest unanswered first",
        ),
        pytest.param(
            {
                **HEEL_PAIN,
                "pain_timing": ["no_pattern"],
                "sensations": ["none"],
                "tender_spots": False,
                "morning_stiffness": "no",
                "joint_swelling": "no",
                "walk_differently": False,
                "walking_signs": ["none"],
                "note": "",
            },
            None,
            id="all answered",
        ),
    ],
)
def test_next_unanswered(bank: Bank, answers: Answers, expected: str | None) -> None:
    """The next question is the first one that applies and has no answer yet."""
    question = next_unanswered(bank, answers)
    assert (question.id if question else None) == expected


@pytest.mark.parametrize(
    ("answers", "skipped"),
    [
        pytest.param({}, FOLLOW_UPS, id="nothing answered: every follow-up skipped"),
        pytest.param(
            {"pain_timing": ["first_steps", "at_night"]},
            FOLLOW_UPS - {"first_steps_ease"},
            id="first steps",
        ),
        pytest.param({"sensations": ["numbness"]}, FOLLOW_UPS - NERVE, id="numbness"),
        pytest.param({"sensations": ["deep_ache"]}, FOLLOW_UPS, id="ache is not nerve-type"),
        pytest.param({"morning_stiffness": "over_30"}, FOLLOW_UPS, id="stiffness opens nothing"),
        pytest.param(
            {"joint_swelling": "both_feet"}, FOLLOW_UPS - {"other_joints"}, id="swelling, both feet"
        ),
        pytest.param(
            {"joint_swelling": "one_foot"}, FOLLOW_UPS - {"other_joints"}, id="swelling, one foot"
        ),
        pytest.param({"joint_swelling": "no"}, FOLLOW_UPS, id="no swelling"),
        pytest.param({"joint_swelling": "not_sure"}, FOLLOW_UPS, id="not sure if swollen"),
        pytest.param({"pain_areas": ["big_toe"]}, FOLLOW_UPS - {"big_toe_stiff"}, id="big toe"),
        pytest.param(
            {"pain_areas": ["big_toe"], "big_toe_stiff": True},
            FOLLOW_UPS - {"big_toe_stiff", "big_toe_bump"},
            id="stiff big toe",
        ),
        pytest.param(
            {"pain_areas": ["big_toe"], "big_toe_stiff": False},
            FOLLOW_UPS - {"big_toe_stiff"},
            id="big toe not stiff",
        ),
        pytest.param(
            {"pain_areas": ["heel"], "big_toe_stiff": True},
            FOLLOW_UPS,
            id="a skipped answer opens nothing",
        ),
    ],
)
def test_skipped_questions(bank: Bank, answers: Answers, skipped: set[str]) -> None:
    """Follow-up questions are asked only when the answers they depend on say so."""
    asked = {q.id for q in asked_questions(bank, answers)}
    assert {q.id for q in bank.questions} - asked == skipped


@pytest.mark.parametrize(
    ("answers", "kept"),
    [
        pytest.param(
            {"pain_timing": ["at_night"], "first_steps_ease": True},
            {"pain_timing"},
            id="follow-up of an answer that does not open it",
        ),
        pytest.param(
            {"pain_areas": ["heel"], "big_toe_stiff": True, "big_toe_bump": True},
            {"pain_areas"},
            id="a chain of follow-ups falls together",
        ),
        pytest.param(
            {"pain_areas": ["big_toe"], "big_toe_stiff": True, "big_toe_bump": False},
            {"pain_areas", "big_toe_stiff", "big_toe_bump"},
            id="a chain that applies is kept",
        ),
        pytest.param(
            {"joint_swelling": "no", "other_joints": True},
            {"joint_swelling"},
            id="follow-up of a no answer",
        ),
    ],
)
def test_applicable_drops_answers_to_skipped_questions(
    bank: Bank, answers: Answers, kept: set[str]
) -> None:
    """Answers to questions that would not be asked are left out."""
    assert set(applicable(bank, answers)) == kept


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


def test_red_flags_come_most_urgent_first(bank: Bank) -> None:
    """Red flags are ordered emergency, same day, soon; bank order within a level."""
    answers: Answers = {
        "urgent_emergency": ["injury", "cold_pale_foot"],
        "urgent_soon": ["wound_not_healing", "new_numbness_tingling", "severe_or_stops_activities"],
    }
    assert [f.id for f in red_flags_raised(bank, answers)] == [
        "emergency_cold_pale_foot",
        "emergency_injury",
        "same_day_wound_not_healing",
        "soon_severe_or_stops_activities",
        "soon_new_numbness_tingling",
    ]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param(NO_URGENT, [], id="no warning signs"),
        pytest.param(
            {"urgent_emergency": ["not_sure"]}, ["same_day_emergency_not_sure"], id="unsure"
        ),
        pytest.param(
            {"urgent_soon": ["swollen_joints_stiffness"]},
            ["soon_swollen_joints_stiffness"],
            id="soon",
        ),
        pytest.param(
            {"urgent_soon": ["hot_swollen_fever", "no_better_two_weeks"]},
            ["same_day_hot_swollen_fever", "soon_no_better_two_weeks"],
            id="one question, two levels",
        ),
    ],
)
def test_red_flags_raised(bank: Bank, answers: Answers, expected: list[str]) -> None:
    """Each warning sign picked raises its own red flag; 'None of these' raises none."""
    assert [f.id for f in red_flags_raised(bank, answers)] == expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param({}, [], id="nothing"),
        pytest.param(
            {"pain_areas": ["heel"], "pain_timing": ["first_steps"], "first_steps_ease": True},
            ["heel_arch_first_steps", "heel_arch_eases_moving"],
            id="heel pain on first steps",
        ),
        pytest.param(
            {"pain_areas": ["toes"], "pain_timing": ["first_steps"]},
            [],
            id="first steps without heel or arch",
        ),
        pytest.param(
            {"sensations": ["shooting"], "pain_timing": ["at_night"]},
            ["burning_shooting_at_night"],
            id="shooting at night",
        ),
        pytest.param(
            {"sensations": ["tingling", "touch_hurts"], "nerve_pattern": "sock"},
            ["tingling", "light_touch_hurts", "nerve_sock_pattern"],
            id="tingling in a sock pattern",
        ),
        pytest.param(
            {"sensations": ["deep_ache"], "nerve_pattern": "sock"},
            ["deep_ache_spread"],
            id="skipped follow-up raises nothing",
        ),
        pytest.param({"nerve_risks": ["diabetes"]}, [], id="skipped risk question raises nothing"),
        pytest.param(
            {"walking_signs": ["stumble", "shoe_wear"]},
            ["uneven_shoe_wear", "stumble_unsteady"],
            id="walking signs",
        ),
        pytest.param(
            {"morning_stiffness": "under_30"},
            ["morning_stiffness", "stiffness_under_30"],
            id="short morning stiffness",
        ),
        pytest.param(
            {"morning_stiffness": "over_30"},
            ["morning_stiffness", "stiffness_over_30"],
            id="long morning stiffness",
        ),
        pytest.param(
            {"morning_stiffness": "yes_unsure"},
            ["morning_stiffness", "stiffness_length_unsure"],
            id="morning stiffness of unknown length",
        ),
        pytest.param({"morning_stiffness": "no"}, [], id="no morning stiffness"),
        pytest.param({"morning_stiffness": "not_sure"}, [], id="not sure about stiffness"),
        pytest.param(
            {"joint_swelling": "both_feet", "other_joints": True},
            ["joint_swelling", "swelling_both_feet", "hands_wrists_too"],
            id="swelling on both feet and in the hands",
        ),
        pytest.param(
            {"joint_swelling": "one_foot", "other_joints": False},
            ["joint_swelling"],
            id="swelling on one foot",
        ),
        pytest.param({"joint_swelling": "not_sure"}, [], id="not sure about swelling"),
    ],
)
def test_signals_raised(bank: Bank, answers: Answers, expected: list[str]) -> None:
    """Signals are raised, in bank order, by answers to questions that would be asked."""
    assert [s.id for s in signals_raised(bank, answers)] == expected
