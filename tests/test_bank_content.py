"""The bank's content keeps the content brief: wording, signals, why lines, red flags first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.wording import forbidden_in

from fibrofoot.answers import Answers
from fibrofoot.bank.check import MIN_INDEPENDENT_SIGNALS, independent_signals
from fibrofoot.bank.folder import default_bank_dir
from fibrofoot.bank.models import (
    CONTRIBUTOR_ORDER,
    LEVEL_ORDER,
    NOT_SURE,
    Bank,
    Condition,
    ContributorId,
    Kind,
    Level,
)
from fibrofoot.rules import applicable, is_asked, red_flags_raised, signals_raised
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


@pytest.mark.parametrize("contributor", CONTRIBUTOR_ORDER)
def test_every_contributor_has_two_independent_signals(
    bank: Bank, contributor: ContributorId
) -> None:
    """Each contributor is raised by at least two signals that rest on different questions."""
    question_sets = independent_signals(bank, contributor)
    assert len(question_sets) >= MIN_INDEPENDENT_SIGNALS, question_sets


def test_contributors_are_listed_in_the_documents_order(bank: Bank) -> None:
    """The bank lists the seven contributors once each, in the source document's order."""
    assert tuple(c.id for c in bank.contributors) == CONTRIBUTOR_ORDER


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
    """Emergency, same-day and soon each have at least one red flag and a message."""
    assert {flag.level for flag in bank.red_flags} == set(LEVEL_ORDER)
    assert set(bank.messages.levels) == set(LEVEL_ORDER)


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
