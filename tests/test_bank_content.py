"""The bank's content keeps the content brief: wording, signals, why lines, red flags first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import textstat  # type: ignore[import-untyped]
from helpers.wording import forbidden_in

from fibrofoot.answers import Answers
from fibrofoot.bank.base import LEVEL_ORDER, NOT_SURE, Condition, Kind, Level
from fibrofoot.bank.folder import default_bank_dir
from fibrofoot.bank.models import Bank
from fibrofoot.rules import (
    applicable,
    asked_questions,
    contributors_listed,
    is_asked,
    red_flags_raised,
    signals_raised,
)
from fibrofoot.yamlfile import parse

BANK_FILES = sorted(default_bank_dir().glob("*.yaml"))
# The reading-level promise: every text of this many words or more reads at this grade or below.
LONG_TEXT_WORDS = 20
MAX_GRADE = 8.0


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


def _listed(bank: Bank, answers: Answers) -> set[str]:
    return set(contributors_listed(bank, answers))


def _bank_texts() -> Iterator[tuple[str, str]]:
    for path in BANK_FILES:
        yield from _strings(parse(path.read_text(encoding="utf-8")).data, path.name)


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


def test_every_long_text_reads_at_grade_eight_or_below() -> None:
    """Every text of 20 words or more reads at Flesch-Kincaid grade 8 or below, so a tired or
    frightened person can take it in at a glance."""
    long_texts = [(w, t) for w, t in _bank_texts() if len(t.split()) >= LONG_TEXT_WORDS]
    hard = [
        (where, grade, text)
        for where, text in long_texts
        if (grade := float(textstat.flesch_kincaid_grade(text))) > MAX_GRADE
    ]
    assert len(long_texts) > LONG_TEXT_WORDS  # the intro, the level texts, the explanations...
    assert hard == []


def test_the_reading_level_check_finds_a_hard_text() -> None:
    """The grade measure is not vacuous (a textstat that cannot count syllables scores 0): one
    long sentence of long words scores above 8."""
    hard = (
        "Peripheral neuropathy, frequently associated with diabetes mellitus, vitamin "
        "deficiency or chemotherapeutic medication, characteristically produces symmetrical "
        "sensory disturbance."
    )
    assert float(textstat.flesch_kincaid_grade(hard)) > MAX_GRADE


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


# "Not sure where" is left off the map (and named in the summary); every place is drawn.
NOT_DRAWN = {"not_sure"}


def test_every_pain_area_is_on_the_foot_map(bank: Bank) -> None:
    """Each answer to "where does it hurt" that a drawing shows shades a region of the map;
    each foot answer names its feet."""
    areas = bank.question("pain_areas")
    drawn = [o.value for o in areas.options if o.value not in NOT_DRAWN]
    assert drawn == list(areas.map_areas)
    assert {o.value for o in areas.options} >= NOT_DRAWN
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


def test_the_warning_sign_checks_come_first(bank: Bank) -> None:
    """The emergency signs are the first question; the first section asks everyone about
    warning signs and diabetes, and its follow-ups only of those they concern. Every emergency
    is caught in this first section."""
    first = [q.id for q in bank.sections[0].questions]
    assert first[:3] == ["urgent_emergency", "nerve_risks", "urgent_soon"]
    assert all(not bank.question(q).ask_if for q in first[:3])
    assert set(first[3:]) <= FOLLOW_UPS
    emergency = [flag for flag in bank.red_flags if flag.level is Level.EMERGENCY]
    assert {c.question for flag in emergency for c in flag.when} <= set(first)


def test_diabetes_is_asked_of_everyone_once(bank: Bank) -> None:
    """One early question, asked of everyone, offers diabetes as an answer of its own."""
    asking = [q.id for q in bank.questions if "diabetes" in {o.value for o in q.options}]
    assert asking == ["nerve_risks"]
    assert bank.section_of("nerve_risks") is bank.sections[0]
    assert NOT_SURE in {o.value for o in bank.question("nerve_risks").options}


# The level each warning-sign option raises on its own.
WARNING_SIGN_LEVELS: dict[str, dict[str, Level]] = {
    "urgent_emergency": {
        "cold_pale_foot": Level.EMERGENCY,
        "red_hot_spreading": Level.EMERGENCY,
        "injury": Level.EMERGENCY,
        "one_side_weak": Level.EMERGENCY,
        "groin_numb_bladder": Level.EMERGENCY,
        "leg_swollen_breathless": Level.EMERGENCY,
        "not_sure": Level.SAME_DAY,
    },
    "urgent_soon": {
        "diabetes_foot_change": Level.SAME_DAY,
        "red_hot_worsening": Level.SAME_DAY,
        "wound_not_healing": Level.SAME_DAY,
        "hot_swollen_fever": Level.SAME_DAY,
        "one_leg_swollen": Level.SAME_DAY,
        "severe_or_stops_activities": Level.SOON,
        "no_better_two_weeks": Level.SOON,
        "new_numbness_tingling": Level.SOON,
        "swollen_joints_stiffness": Level.SOON,
        "ankles_swollen": Level.SOON,
        "colour_comes_back": Level.SOON,
        "not_sure": Level.SOON,
    },
}


@pytest.mark.parametrize("question_id", list(WARNING_SIGN_LEVELS))
def test_each_warning_sign_raises_one_red_flag_at_its_level(bank: Bank, question_id: str) -> None:
    """Every warning-sign option on its own raises one flag at its level; 'None of these'
    raises nothing. The same-day and book-soon signs share one question, so each option's
    level comes from its red flag."""
    question = bank.question(question_id)
    levels = {
        option.value: [flag.level for flag in red_flags_raised(bank, {question.id: [option.value]})]
        for option in question.options
    }
    expected: dict[str, list[Level]] = {o.value: [] for o in question.options} | {
        value: [level] for value, level in WARNING_SIGN_LEVELS[question.id].items()
    }
    assert levels == expected
    none = next(o for o in question.options if o.value == "none")
    assert none.exclusive
    assert none.negative


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        pytest.param(
            {"urgent_emergency": ["cold_pale_foot"]}, Level.EMERGENCY, id="foot stays cold, pale"
        ),
        pytest.param(
            {"urgent_soon": ["colour_comes_back"]}, Level.SOON, id="colour comes and goes"
        ),
        pytest.param(
            {"nerve_risks": ["diabetes"], "urgent_soon": ["colour_comes_back"]},
            Level.SAME_DAY,
            id="diabetes and a colour change",
        ),
        pytest.param(
            {"nerve_risks": ["diabetes"], "urgent_soon": ["ankles_swollen"]},
            Level.SAME_DAY,
            id="diabetes and swollen feet",
        ),
        pytest.param(
            {"nerve_risks": ["diabetes"], "walking_signs": ["unfelt_sores"]},
            Level.SAME_DAY,
            id="diabetes and a sore not felt, answered late",
        ),
        pytest.param({"walking_signs": ["unfelt_sores"]}, None, id="a sore not felt alone"),
        pytest.param(
            {"urgent_soon": ["one_leg_swollen"], "breathless": True},
            Level.EMERGENCY,
            id="a swollen leg, then breathless",
        ),
        pytest.param(
            {"urgent_soon": ["one_leg_swollen"], "breathless": False},
            Level.SAME_DAY,
            id="a swollen leg, not breathless",
        ),
        pytest.param(
            {
                "pain_duration": "under_6_weeks",
                "pain_onset": "sudden",
                "sudden_hot_swollen": "with_fever",
            },
            Level.SAME_DAY,
            id="a joint hot and swollen fast, with a fever",
        ),
        pytest.param(
            {
                "pain_duration": "under_6_weeks",
                "pain_onset": "sudden",
                "sudden_hot_swollen": "no_fever",
            },
            Level.SOON,
            id="a joint hot and swollen fast, no fever",
        ),
        pytest.param(
            {"nerve_risks": ["alcohol"], "sensations": ["numbness"]},
            Level.SOON,
            id="numbness with a nerve risk",
        ),
        pytest.param({"sensations": ["numbness", "tingling"]}, None, id="numbness alone"),
        pytest.param(
            {"nerve_risks": ["diabetes"], "diabetic_foot_changes": ["shape_change"]},
            Level.SAME_DAY,
            id="diabetes and a foot changing shape, without pain",
        ),
        pytest.param(
            {"nerve_risks": ["diabetes"], "diabetic_foot_changes": ["colour_stays"]},
            Level.SAME_DAY,
            id="diabetes and a colour change that stays",
        ),
        pytest.param(
            {"walking_signs": ["calf_pain_walking"]}, Level.SOON, id="calf pain on walking"
        ),
        pytest.param(
            {"nerve_risks": ["diabetes"], "joint_swelling": "one_foot"},
            Level.SAME_DAY,
            id="diabetes and a swollen joint",
        ),
        pytest.param(
            {"morning_stiffness": "over_30", "joint_swelling": "both_feet"},
            Level.SOON,
            id="swollen joints and long morning stiffness, answered late",
        ),
        pytest.param(
            {"morning_stiffness": "under_30", "joint_swelling": "both_feet"},
            None,
            id="swollen joints and short morning stiffness",
        ),
        pytest.param(
            {"joint_swelling": "one_foot", "joint_warm": True, "fever": True},
            Level.SAME_DAY,
            id="a hot swollen joint with a fever",
        ),
        pytest.param(
            {"joint_swelling": "one_foot", "joint_warm": True, "fever": False},
            None,
            id="a hot swollen joint without a fever",
        ),
        pytest.param({"walking_signs": ["foot_drops"]}, Level.SOON, id="a dropping foot"),
        pytest.param({"walking_signs": ["toes_catch"]}, None, id="toes catching alone"),
    ],
)
def test_warning_signs_are_caught_from_any_answer(
    bank: Bank, answers: Answers, level: Level | None
) -> None:
    """A warning sign completed by a later answer, or by two answers together, raises its
    level; the look-alike without the completing answer does not."""
    raised = red_flags_raised(bank, answers)
    assert (raised[0].level if raised else None) is level


@pytest.mark.parametrize("question_id", ["morning_stiffness", "joint_swelling", "urgent_soon"])
def test_merged_questions_keep_a_no_answer_with_a_negative(bank: Bank, question_id: str) -> None:
    """A question that holds a yes and its details keeps one 'no' answer with a negative."""
    question = bank.question(question_id)
    negatives = [o for o in question.options if o.negative]
    assert len(negatives) == 1
    if question.kind is Kind.SINGLE:
        assert NOT_SURE in {o.value for o in question.options}


FIBROMYALGIA_OWN = {"tender_points", "muscle_connective_tissue"}


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"morning_stiffness": "under_30"}, id="short morning stiffness"),
        pytest.param({"morning_stiffness": "over_30"}, id="long morning stiffness"),
        pytest.param({"morning_stiffness": "yes_unsure"}, id="stiffness of unknown length"),
        pytest.param({"sensations": ["tingling"]}, id="tingling"),
        pytest.param({"sensations": ["numbness"], "nerve_pattern": "patches"}, id="numb patches"),
        pytest.param({"sensations": ["burning"]}, id="burning"),
        pytest.param({"sensations": ["cramps"]}, id="cramps"),
        pytest.param({"sensations": ["shooting"], "pain_timing": ["at_night"]}, id="night pain"),
        pytest.param({"sensations": ["pressure_spots"], "joint_swelling": "no"}, id="a sore spot"),
        pytest.param({"walking_signs": ["avoid_walking", "stumble"]}, id="walking less, stumbling"),
        pytest.param({"urgent_soon": ["new_numbness_tingling"]}, id="new tingling"),
        pytest.param({"pain_areas": ["heel"]}, id="heel pain alone"),
        pytest.param(
            {"pain_areas": ["back_of_heel"], "pain_timing": ["first_steps"]}, id="achilles"
        ),
        pytest.param({"pain_areas": ["toes"], "pain_timing": ["first_steps"]}, id="toes at first"),
        pytest.param(
            {"joint_swelling": "both_feet", "other_joints": True}, id="swollen feet, painful hands"
        ),
    ],
)
def test_answers_common_in_fibromyalgia_list_no_specific_condition(
    bank: Bank, answers: Answers
) -> None:
    """An answer common in fibromyalgia itself lists at most fibromyalgia's own two
    contributors: on its own it never lists a specific condition."""
    assert applicable(bank, answers) == answers
    assert _listed(bank, answers) <= FIBROMYALGIA_OWN


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param(
            {"pain_areas": ["heel"], "pain_timing": ["first_steps"]},
            {"plantar_fasciitis"},
            id="heel pain on the first steps",
        ),
        pytest.param(
            {"pain_areas": ["big_toe"], "big_toe_stiff": True},
            {"osteoarthritis"},
            id="stiff big toe",
        ),
        pytest.param(
            {"pain_areas": ["big_toe"], "big_toe_stiff": False, "big_toe_push_off": True},
            {"osteoarthritis"},
            id="big toe hurts pushing off",
        ),
        pytest.param(
            {"morning_stiffness": "over_30", "joint_swelling": "both_feet"},
            {"rheumatoid_arthritis", "muscle_connective_tissue"},
            id="soft swelling and long stiffness",
        ),
        pytest.param(
            {"morning_stiffness": "no", "joint_swelling": "one_foot", "hands_swollen": True},
            {"rheumatoid_arthritis"},
            id="soft swelling and swollen hands",
        ),
        pytest.param(
            {"sensations": ["tingling"], "nerve_pattern": "sock"},
            {"peripheral_neuropathy"},
            id="tingling in a sock pattern",
        ),
        pytest.param(
            {"nerve_risks": ["chemotherapy"], "sensations": ["numbness"]},
            {"peripheral_neuropathy"},
            id="numbness and a nerve risk",
        ),
        pytest.param(
            {"sensations": ["burning"], "temperature_feel": True},
            {"peripheral_neuropathy", "muscle_connective_tissue"},
            id="hot and cold hard to feel",
        ),
        pytest.param(
            {"walking_signs": ["unfelt_sores"]}, {"peripheral_neuropathy"}, id="sores not felt"
        ),
        pytest.param({"walk_differently": True}, {"gait"}, id="walking changed by pain"),
        pytest.param({"walking_signs": ["shoe_wear"]}, {"gait"}, id="uneven shoe wear"),
        pytest.param({"walking_signs": ["toes_catch"]}, {"gait"}, id="toes catching"),
        pytest.param({"sensations": ["touch_hurts"]}, {"tender_points"}, id="light touch hurts"),
    ],
)
def test_characteristic_patterns_list_their_contributor(
    bank: Bank, answers: Answers, expected: set[str]
) -> None:
    """Each pattern the clinical review names lists its contributor (and only what the
    answers themselves support)."""
    assert applicable(bank, answers) == answers
    assert _listed(bank, answers) == expected


def test_not_sure_everywhere_lists_nothing(bank: Bank) -> None:
    """A person who answers "not sure" wherever they can is listed no contributor."""
    answers: Answers = {}
    for question in bank.questions:
        values = {o.value for o in question.options}
        if question.kind is Kind.YES_NO or NOT_SURE in values:
            answers[question.id] = [NOT_SURE] if question.kind is Kind.MULTI else NOT_SURE
    assert _listed(bank, answers) == set()


def test_supporting_answers_add_reasons_under_a_listed_contributor(bank: Bank) -> None:
    """Short morning stiffness and both-feet swelling show as reasons only once a pattern
    lists their condition."""
    alone: Answers = {"morning_stiffness": "under_30", "joint_swelling": "both_feet"}
    assert "osteoarthritis" not in _listed(bank, alone)
    assert "rheumatoid_arthritis" not in _listed(bank, alone)
    with_patterns: Answers = alone | {
        "pain_areas": ["big_toe"],
        "big_toe_stiff": True,
        "hands_swollen": True,
    }
    listed = contributors_listed(bank, with_patterns)
    assert {s.id for s in listed["osteoarthritis"]} >= {"big_toe_stiff", "stiffness_under_30"}
    assert {s.id for s in listed["rheumatoid_arthritis"]} >= {
        "swelling_hands_swollen",
        "swelling_both_feet",
    }


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
    """All signals on morning stiffness (or on tingling) together name several contributors."""
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
        pytest.param("you are likely to have", ["likely"], id="likely to have"),
        pytest.param("most likely a sprain", ["likely"], id="likely"),
        pytest.param("You are suffering from it", ["you are suffering"], id="suffering"),
    ],
)
def test_the_wording_check_finds_each_forbidden_phrase(text: str, found: list[str]) -> None:
    """The shared wording check finds each forbidden phrase and allows the two statements."""
    assert forbidden_in(text) == found


# --- which answers open follow-ups and raise signals (moved from test_rules.py: the rules'
# mechanism is tested there on the tiny bank; these tables are the shipped bank's content) ---

FOLLOW_UPS = {
    "breathless",
    "diabetic_foot_changes",
    "new_medicine",
    "pain_onset",
    "sudden_hot_swollen",
    "first_steps_ease",
    "nerve_pattern",
    "temperature_feel",
    "joint_warm",
    "fever",
    "hands_swollen",
    "other_joints",
    "big_toe_stiff",
    "big_toe_push_off",
    "big_toe_bump",
    *(f"function_{a}" for a in ("walking", "standing", "stairs", "shoes", "work_chores")),
    "function_sleep",
    "function_going_out",
    "agenda_own_words",
}
NERVE = {"nerve_pattern", "temperature_feel"}
SWELLING = {"joint_warm", "hands_swollen", "other_joints"}
BIG_TOE = {"big_toe_stiff", "big_toe_push_off"}


@pytest.mark.parametrize(
    ("answers", "skipped"),
    [
        pytest.param({}, FOLLOW_UPS, id="nothing answered: every follow-up skipped"),
        pytest.param(
            {"nerve_risks": ["diabetes", "alcohol"]},
            FOLLOW_UPS - {"diabetic_foot_changes"},
            id="diabetes",
        ),
        pytest.param({"nerve_risks": ["not_sure"]}, FOLLOW_UPS, id="not sure about diabetes"),
        pytest.param(
            {"urgent_soon": ["ankles_swollen"]},
            FOLLOW_UPS - {"new_medicine"},
            id="swollen ankles",
        ),
        pytest.param(
            {"pain_duration": "under_6_weeks"}, FOLLOW_UPS - {"pain_onset"}, id="new pain"
        ),
        pytest.param(
            {"pain_duration": "under_6_weeks", "pain_onset": "sudden"},
            FOLLOW_UPS - {"pain_onset", "sudden_hot_swollen"},
            id="new pain that came on fast",
        ),
        pytest.param(
            {"urgent_soon": ["one_leg_swollen"]}, FOLLOW_UPS - {"breathless"}, id="one leg swollen"
        ),
        pytest.param({"pain_duration": "over_a_year"}, FOLLOW_UPS, id="long-standing pain"),
        pytest.param(
            {"pain_timing": ["first_steps", "at_night"]},
            FOLLOW_UPS - {"first_steps_ease"},
            id="first steps",
        ),
        pytest.param({"sensations": ["numbness"]}, FOLLOW_UPS - NERVE, id="numbness"),
        pytest.param({"sensations": ["deep_ache"]}, FOLLOW_UPS, id="ache is not nerve-type"),
        pytest.param({"sensations": ["stabbing"]}, FOLLOW_UPS, id="stabbing is not nerve-type"),
        pytest.param({"morning_stiffness": "over_30"}, FOLLOW_UPS, id="stiffness opens nothing"),
        pytest.param(
            {"joint_swelling": "both_feet"}, FOLLOW_UPS - SWELLING, id="swelling, both feet"
        ),
        pytest.param(
            {"joint_swelling": "one_foot", "joint_warm": True},
            FOLLOW_UPS - SWELLING - {"fever"},
            id="warm swelling, one foot",
        ),
        pytest.param({"joint_swelling": "no"}, FOLLOW_UPS, id="no swelling"),
        pytest.param({"joint_swelling": "not_sure"}, FOLLOW_UPS, id="not sure if swollen"),
        pytest.param({"pain_areas": ["big_toe"]}, FOLLOW_UPS - BIG_TOE, id="big toe"),
        pytest.param(
            {"pain_areas": ["big_toe"], "big_toe_stiff": True},
            FOLLOW_UPS - BIG_TOE - {"big_toe_bump"},
            id="stiff big toe",
        ),
        pytest.param(
            {"pain_areas": ["big_toe"], "big_toe_stiff": False},
            FOLLOW_UPS - BIG_TOE,
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
            {"pain_areas": ["back_of_heel"], "pain_timing": ["first_steps"]},
            [],
            id="first steps at the back of the heel",
        ),
        pytest.param(
            {"pain_areas": ["arch"], "sensations": ["stabbing"]},
            ["heel_stabbing"],
            id="stabbing arch pain",
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
        pytest.param(
            {"nerve_risks": ["diabetes"], "sensations": ["deep_ache"]},
            ["deep_ache_spread"],
            id="a nerve risk without nerve-type feelings",
        ),
        pytest.param(
            {"nerve_risks": ["not_sure"], "sensations": ["tingling"]},
            ["tingling"],
            id="not sure about nerve risks",
        ),
        pytest.param(
            {"sensations": ["pressure_spots"], "joint_swelling": "one_foot"},
            [],
            id="a sore spot on a swollen joint",
        ),
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
            ["stiffness_length_unsure"],
            id="morning stiffness of unknown length",
        ),
        pytest.param({"morning_stiffness": "no"}, [], id="no morning stiffness"),
        pytest.param({"morning_stiffness": "not_sure"}, [], id="not sure about stiffness"),
        pytest.param(
            {"joint_swelling": "both_feet", "hands_swollen": True, "other_joints": True},
            ["swelling_hands_swollen", "swelling_both_feet", "hands_wrists_painful"],
            id="swelling on both feet and in the hands",
        ),
        pytest.param(
            {"joint_swelling": "one_foot", "hands_swollen": False, "other_joints": False},
            [],
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


def test_every_agenda_choice_fits_a_60_column_menu_whole(bank: Bank) -> None:
    """The agenda's choices, the contributors' suggestions among them, are at most 55
    characters, so a menu on a 60-column terminal shows each one whole, not clipped."""
    agenda = bank.question("agenda")
    assert agenda.max_choices == 3
    assert [o.label for o in agenda.options if len(o.label) > 55] == []
    suggestions = [s for c in bank.contributors for s in c.ask_your_clinician]
    assert len(agenda.options) == len(suggestions) + 5


def test_the_three_pain_numbers_come_together_each_with_not_sure(bank: Bank) -> None:
    """Now, a typical day (the first bank's pain_level) and the worst, in that order."""
    numbers = [q for q in bank.questions if q.part.value == "pain_number"]
    assert [q.id for q in numbers] == ["pain_now", "pain_level", "pain_worst"]
    assert all(q.kind is Kind.SCALE and q.allow_not_sure for q in numbers)


def test_questions_about_right_now_are_asked_afresh(bank: Bank) -> None:
    """A saved answer about right now (a warning sign, the pain now) is not reused days later
    (`--answers`): every question that asks about right now is asked again."""
    about_now = [
        q.id for q in bank.questions if re.search(r"\bright now\b|up to today", q.text, re.I)
    ]
    assert about_now
    assert [q for q in about_now if not bank.question(q).asked_afresh] == []
