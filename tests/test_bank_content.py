"""The bank's content keeps the content brief: wording, signals, why lines, red flags first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.wording import forbidden_in

from fibrofoot.answers import Answers
from fibrofoot.bank.check import CONTRIBUTOR_IDS, MIN_INDEPENDENT_SIGNALS, independent_signals
from fibrofoot.bank.folder import default_bank_dir
from fibrofoot.bank.models import LEVEL_ORDER, NOT_SURE, Bank, Condition, Kind, Level
from fibrofoot.rules import (
    applicable,
    asked_questions,
    is_asked,
    red_flags_raised,
    signals_raised,
)
from fibrofoot.yamlfile import parse

BANK_FILES = sorted(default_bank_dir().glob("*.yaml"))


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed YAML document (keys included), with where it is."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, where)
            yield from _strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")


def _satisfy(bank: Bank, conditions: list[Condition], answers: Answers | None = None) -> Answers:
    """Answers that make every condition hold, with what their questions need to be asked."""
    answers = dict(answers or {})
    for condition in conditions:
        question = bank.question(condition.question)
        answers = _satisfy(bank, question.ask_if, answers)
        if condition.is_:
            value = condition.is_[0]
            if question.kind is Kind.MULTI:
                earlier = answers.get(question.id, [])
                chosen = [*earlier, value] if isinstance(earlier, list) else [value]
                answers[question.id] = [o.value for o in question.options if o.value in chosen]
            else:
                answers[question.id] = value
        else:
            answers[question.id] = condition.at_least or condition.at_most or 0
    return answers


def _contributors_raised(bank: Bank, answers: Answers) -> set[str]:
    return {c for signal in signals_raised(bank, answers) for c in signal.raises}


@pytest.mark.parametrize("path", BANK_FILES, ids=[p.name for p in BANK_FILES])
def test_no_bank_text_uses_forbidden_wording(path: Path) -> None:
    """No string anywhere in the bank's YAML uses the brief's forbidden phrases."""
    document = parse(path.read_text(encoding="utf-8")).data
    found = [
        (where, phrase, text)
        for where, text in _strings(document, path.name)
        for phrase in forbidden_in(text)
    ]
    assert found == []


def test_the_scan_reads_the_text_people_see(bank: Bank) -> None:
    """The wording scan is not vacuous: it reads the bank's messages, questions and reasons."""
    texts = [text for path in BANK_FILES for _, text in _strings(parse(path.read_text()).data, "")]
    assert bank.messages.consult in texts
    assert all(q.text in texts for q in bank.questions)
    assert all(s.reason in texts for s in bank.signals)


@pytest.mark.parametrize("contributor", sorted(CONTRIBUTOR_IDS))
def test_every_contributor_has_two_independent_signals(bank: Bank, contributor: str) -> None:
    """Each contributor is raised by at least two signals that rest on different questions."""
    question_sets = independent_signals(bank, contributor)
    assert len(question_sets) >= MIN_INDEPENDENT_SIGNALS, question_sets


def test_contributors_are_listed_in_the_documents_order(bank: Bank) -> None:
    """The bank lists the seven contributors once each, in the source document's order (the
    order every summary uses)."""
    assert [c.id for c in bank.contributors] == [
        "tender_points",
        "muscle_connective_tissue",
        "gait",
        "plantar_fasciitis",
        "osteoarthritis",
        "rheumatoid_arthritis",
        "peripheral_neuropathy",
    ]


def test_every_pain_area_is_on_the_foot_map(bank: Bank) -> None:
    """Each answer to "where does it hurt" shades a region of the map; each foot answer names
    its feet."""
    areas = bank.question("pain_areas")
    assert [o.value for o in areas.options] == list(areas.map_areas)
    side = bank.question("pain_side")
    assert [o.value for o in side.options] == list(side.map_feet)
    assert bank.messages.foot_map is not None


def test_every_question_has_a_short_why_line(bank: Bank) -> None:
    """Every question says in one short sentence why it is asked."""
    problems = [
        q.id
        for q in bank.questions
        if not q.why.endswith(".") or len(q.why) > 120 or q.why.count(". ") > 0
    ]
    assert problems == []


def test_red_flag_questions_come_first(bank: Bank) -> None:
    """Every question a red flag uses is asked before any other question, and only those."""
    order = [q.id for q in bank.questions]
    flagged = {c.question for flag in bank.red_flags for c in flag.when}
    first = order[: len(flagged)]
    assert set(first) == flagged
    assert [q.id for q in bank.sections[0].questions] == first
    assert all(not q.ask_if for q in bank.sections[0].questions)


WARNING_SIGN_LEVELS: dict[str, dict[str, Level]] = {
    "urgent_emergency": {
        "cold_pale_foot": Level.EMERGENCY,
        "red_hot_spreading": Level.EMERGENCY,
        "injury": Level.EMERGENCY,
        "one_side_weak": Level.EMERGENCY,
        "groin_numb_bladder": Level.EMERGENCY,
        "not_sure": Level.SAME_DAY,
    },
    "urgent_soon": {
        "diabetes_foot_change": Level.SAME_DAY,
        "red_hot_worsening": Level.SAME_DAY,
        "wound_not_healing": Level.SAME_DAY,
        "hot_swollen_fever": Level.SAME_DAY,
        "severe_or_stops_activities": Level.SOON,
        "no_better_two_weeks": Level.SOON,
        "new_numbness_tingling": Level.SOON,
        "swollen_joints_stiffness": Level.SOON,
        "not_sure": Level.SOON,
    },
}


def test_each_warning_sign_raises_one_red_flag_at_its_level(bank: Bank) -> None:
    """Emergency signs are asked first on their own; every other option has one flag and level.

    The same-day and book-soon signs share one question, so each option's level comes from its
    red flag; 'None of these' raises nothing.
    """
    assert [q.id for q in bank.sections[0].questions] == list(WARNING_SIGN_LEVELS)
    for question in bank.sections[0].questions:
        levels = {
            option.value: [
                flag.level for flag in red_flags_raised(bank, {question.id: [option.value]})
            ]
            for option in question.options
        }
        expected: dict[str, list[Level]] = {o.value: [] for o in question.options} | {
            value: [level] for value, level in WARNING_SIGN_LEVELS[question.id].items()
        }
        assert levels == expected, question.id
        none = next(o for o in question.options if o.value == "none")
        assert none.exclusive
        assert none.negative


@pytest.mark.parametrize("question_id", ["morning_stiffness", "joint_swelling", "urgent_soon"])
def test_merged_questions_keep_a_no_answer_with_a_negative(bank: Bank, question_id: str) -> None:
    """A question that holds a yes and its details keeps one 'no' answer with a negative."""
    question = bank.question(question_id)
    negatives = [o for o in question.options if o.negative]
    assert len(negatives) == 1
    if question.kind is Kind.SINGLE:
        assert NOT_SURE in {o.value for o in question.options}


@pytest.mark.parametrize("value", ["under_30", "over_30", "yes_unsure", "no", "not_sure"])
def test_no_morning_stiffness_answer_points_to_exactly_one_contributor(
    bank: Bank, value: str
) -> None:
    """Morning stiffness of any length raises several contributors; no or not sure raises none."""
    assert bank.question("morning_stiffness").kind is Kind.SINGLE
    raised = _contributors_raised(bank, {"morning_stiffness": value})
    assert len(raised) != 1, raised
    assert bool(raised) is (value not in ("no", "not_sure"))


def test_both_feet_swelling_gives_its_own_reason(bank: Bank) -> None:
    """Swelling on both feet raises rheumatoid arthritis with one more reason than one foot."""
    both = signals_raised(bank, {"joint_swelling": "both_feet"})
    one = signals_raised(bank, {"joint_swelling": "one_foot"})
    assert {c for s in both + one for c in s.raises} == {"rheumatoid_arthritis"}
    assert {s.id for s in one} < {s.id for s in both}
    assert signals_raised(bank, {"joint_swelling": "no"}) == []


def test_every_level_has_red_flags(bank: Bank) -> None:
    """Emergency, same-day and soon each have at least one red flag."""
    assert {flag.level for flag in bank.red_flags} == set(LEVEL_ORDER)


def test_the_summary_says_contributors_may_be_worth_raising(bank: Bank) -> None:
    """The contributors' heading says they may be worth raising, and that they are not ranked."""
    words = bank.messages.summary
    assert words.contributors == "May be worth raising with a clinician"
    assert "not ranked" in words.contributors_note


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param(
            {"morning_stiffness": "under_30"},
            {"muscle_connective_tissue", "osteoarthritis"},
            id="morning stiffness, short",
        ),
        pytest.param(
            {"morning_stiffness": "over_30"},
            {"muscle_connective_tissue", "rheumatoid_arthritis"},
            id="morning stiffness, long",
        ),
        pytest.param(
            {"morning_stiffness": "yes_unsure"},
            {"muscle_connective_tissue", "rheumatoid_arthritis"},
            id="morning stiffness, length not known",
        ),
        pytest.param(
            {"urgent_soon": ["swollen_joints_stiffness"]},
            {"muscle_connective_tissue", "rheumatoid_arthritis"},
            id="swollen joints and long morning stiffness",
        ),
        pytest.param(
            {"sensations": ["tingling"]},
            {"muscle_connective_tissue", "peripheral_neuropathy"},
            id="tingling",
        ),
        pytest.param(
            {"sensations": ["burning"]},
            {"muscle_connective_tissue", "peripheral_neuropathy"},
            id="burning",
        ),
        pytest.param(
            {"urgent_soon": ["new_numbness_tingling"]},
            {"muscle_connective_tissue", "peripheral_neuropathy"},
            id="new numbness or tingling",
        ),
    ],
)
def test_overlapping_symptoms_raise_more_than_one_contributor(
    bank: Bank, answers: Answers, expected: set[str]
) -> None:
    """Morning stiffness, tingling and burning never point to exactly one contributor."""
    assert _contributors_raised(bank, answers) == expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param(
            [("morning_stiffness", None)],
            {"muscle_connective_tissue", "osteoarthritis", "rheumatoid_arthritis"},
            id="morning stiffness",
        ),
        pytest.param(
            [("sensations", "tingling"), ("urgent_soon", "new_numbness_tingling")],
            {"muscle_connective_tissue", "peripheral_neuropathy"},
            id="tingling",
        ),
    ],
)
def test_signals_on_an_overlapping_symptom_raise_several_contributors(
    bank: Bank, answers: list[tuple[str, bool | str | None]], expected: set[str]
) -> None:
    """All signals on morning stiffness (or on tingling) together raise several contributors."""
    raised = {
        contributor
        for signal in bank.signals
        for c in signal.when
        for question, value in answers
        if c.question == question and (value is None or value in (c.is_ or ()))
        for contributor in signal.raises
    }
    assert raised == expected


def test_every_signal_and_red_flag_can_be_raised(bank: Bank) -> None:
    """For each signal and red flag some answers, to questions that would be asked, raise it."""
    for signal in bank.signals:
        answers = _satisfy(bank, signal.when)
        assert applicable(bank, answers) == answers, signal.id
        assert signal in signals_raised(bank, answers), signal.id
    for flag in bank.red_flags:
        answers = _satisfy(bank, flag.when)
        assert flag in red_flags_raised(bank, answers), flag.id


def test_every_follow_up_question_can_be_reached(bank: Bank) -> None:
    """Every question with a condition is asked for some answers."""
    for question in bank.questions:
        answers = applicable(bank, _satisfy(bank, question.ask_if))
        assert is_asked(question, answers), question.id


def test_reasons_and_red_flags_speak_of_what_the_person_said(bank: Bank) -> None:
    """Signal reasons and red-flag messages start from the person's own answer."""
    texts = [s.reason for s in bank.signals] + [f.message for f in bank.red_flags]
    assert [t for t in texts if not t.startswith(("You said", "You mentioned"))] == []


def test_every_no_gives_a_pertinent_negative(bank: Bank) -> None:
    """Each yes/no question and each 'None of these' or 'No' answer has words for the summary."""
    missing = [q.id for q in bank.questions if q.kind is Kind.YES_NO and not q.when_no]
    missing += [
        f"{q.id}.{o.value}"
        for q in bank.questions
        for o in q.options
        if o.value in ("none", "no") and not o.negative
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("field", "phrases"),
    [
        pytest.param("consult", ("healthcare professional",), id="consult"),
        pytest.param("emergency_line", ("emergency number", "911", "999", "112"), id="emergency"),
        pytest.param("disclaimer", ("not a diagnosis",), id="disclaimer"),
    ],
)
def test_the_fixed_messages_say_what_the_brief_asks(
    bank: Bank, field: str, phrases: tuple[str, ...]
) -> None:
    """The consult, emergency and disclaimer messages carry their key words."""
    text = getattr(bank.messages, field)
    assert all(phrase in text for phrase in phrases), text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("You mentioned heel pain.", [], id="allowed wording"),
        pytest.param("This is not a diagnosis.", [], id="not a diagnosis"),
        pytest.param("fibrofoot cannot diagnose you.", [], id="cannot diagnose"),
        pytest.param("YOU HAVE plantar fasciitis", ["you have"], id="capitals"),
        pytest.param("you\n    have it", ["you have"], id="across a wrapped line"),
        pytest.param("A diagnosis of arthritis", ["diagnos"], id="diagnosis"),
        pytest.param("This confirms it", ["confirms"], id="confirms"),
        pytest.param("a 40% chance", ["% chance"], id="percent chance"),
        pytest.param("the probability is low", ["probability"], id="probability"),
        pytest.param("you are likely to have", ["likely to have"], id="likely to have"),
        pytest.param("You are suffering from it", ["you are suffering"], id="suffering"),
    ],
)
def test_the_wording_check_finds_each_forbidden_phrase(text: str, found: list[str]) -> None:
    """The shared wording check finds each forbidden phrase and allows the two statements."""
    assert forbidden_in(text) == found


# --- which answers open follow-ups and raise signals (moved from test_rules.py: the rules'
# mechanism is tested there on the tiny bank; these tables are the shipped bank's content) ---

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
def test_follow_up_questions_open_as_the_content_says(
    bank: Bank, answers: Answers, skipped: set[str]
) -> None:
    """Follow-up questions are asked only when the answers they depend on say so."""
    asked = {q.id for q in asked_questions(bank, answers)}
    assert {q.id for q in bank.questions} - asked == skipped


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
def test_answers_raise_the_signals_the_content_says(
    bank: Bank, answers: Answers, expected: list[str]
) -> None:
    """Signals are raised, in bank order, by answers to questions that would be asked."""
    assert [s.id for s in signals_raised(bank, answers)] == expected
