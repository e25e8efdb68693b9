"""The agenda, the pain numbers and what the pain makes harder, on the tiny bank with the agenda
files added (tests/banks/agenda/): which options are offered, what a saved tick that no longer
fits becomes, "choose up to 3", and where each answer goes in the summary."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from fibrofoot import flow
from fibrofoot.answers import AnswerProblem, Answers, answer_text, normalise
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank
from fibrofoot.errors import FibrofootError
from fibrofoot.rules import applicable, offered_options
from fibrofoot.summary import AgendaItem, FunctionLine, Summary, build_summary

# Heel pain on the left for a while, stiff for a short while: lists T, M, G, P and O.
BASE: Answers = {
    "warning": ["none"],
    "where": ["heel"],
    "side": "left",
    "level": 7,
    "tingling": False,
    "stiffness": True,
    "stiff_long": "short",
    "note": "",
}
# Only the warning check answered: nothing listed.
NOTHING_LISTED: Answers = {"warning": ["none"]}


def _offered(bank: Bank, answers: Answers) -> list[str]:
    return [o.value for o in offered_options(bank, bank.question("agenda"), answers)]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param(
            NOTHING_LISTED,
            ["general", "own", "nothing"],
            id="nothing listed: only the general options",
        ),
        pytest.param(
            BASE,
            [
                "ask_t",
                "ask_m",
                "ask_m_shared",
                "ask_g",
                "ask_p",
                "ask_o",
                "general",
                "own",
                "nothing",
            ],
            id="the listed contributors' suggestions first; a shared text once",
        ),
        pytest.param(
            {**BASE, "stiffness": False, "where": ["toes"], "side": "both"},
            ["ask_t", "ask_r", "general", "own", "nothing"],
            id="a suggestion whose offer_if fails is not offered (O's needs stiffness)",
        ),
        pytest.param(
            {**NOTHING_LISTED, "limits": ["walk"]},
            ["general_walk", "general", "own", "nothing"],
            id="a general option with offer_if",
        ),
    ],
)
def test_the_agenda_offers_only_what_fits(
    agenda_bank: Bank, answers: Answers, expected: list[str]
) -> None:
    assert _offered(agenda_bank, answers) == expected


def test_the_walk_shows_the_agenda_with_only_the_fitting_options(agenda_bank: Bank) -> None:
    """flow.current_question (and the review's shown_question) carry only the fitting options;
    the bank's question keeps them all."""
    walk = flow.Walk(dict(NOTHING_LISTED), "agenda")
    shown = flow.current_question(agenda_bank, walk)
    assert shown is not None
    assert [o.value for o in shown.options] == ["general", "own", "nothing"]
    assert flow.shown_question(agenda_bank, walk, "agenda") == shown
    assert len(agenda_bank.question("agenda").options) == 13


def test_a_saved_tick_that_no_longer_fits_is_dropped(agenda_bank: Bank) -> None:
    """Like an answer to a question that no longer applies: the tick goes, the others stay; with
    no tick left the answer goes, and the own-words question it opened with it."""
    kept = applicable(agenda_bank, {**BASE, "agenda": ["ask_o", "general"]})
    assert kept["agenda"] == ["ask_o", "general"]
    kept = applicable(agenda_bank, {**BASE, "stiffness": False, "agenda": ["ask_o", "general"]})
    assert kept["agenda"] == ["general"]
    only_unfit = {**NOTHING_LISTED, "agenda": ["ask_p"]}
    assert "agenda" not in applicable(agenda_bank, only_unfit)
    with_own = {**NOTHING_LISTED, "agenda": ["ask_p", "own"], "agenda_own": "Mine?"}
    assert applicable(agenda_bank, with_own)["agenda_own"] == "Mine?"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (["ask_t", "ask_m", "general", "own"], "choose up to 3 answers"),
        (["nothing", "general"], "'nothing' cannot be combined with other options"),
    ],
)
def test_the_agenda_takes_up_to_three(agenda_bank: Bank, value: list[str], problem: str) -> None:
    question = agenda_bank.question("agenda")
    assert normalise(question, ["ask_t", "general", "own"]) == ["ask_t", "general", "own"]
    with pytest.raises(AnswerProblem, match=problem):
        normalise(question, value)


def test_a_pain_number_may_be_not_sure_where_the_question_offers_it(agenda_bank: Bank) -> None:
    now = agenda_bank.question("now")
    assert normalise(now, "not_sure") == "not_sure"
    assert answer_text(now, "not_sure") == "Not sure"
    with pytest.raises(AnswerProblem, match=r"0 to 10$"):
        normalise(agenda_bank.question("level"), "not_sure")  # allow_not_sure: false


FULL: Answers = {
    **BASE,
    "now": "not_sure",
    "worst": 9,
    "limits": ["walk", "sleep"],
    "limits_walk": "most_days",
    "wish": "  Dance again.  ",
    "agenda": ["general", "ask_p", "own"],
    "agenda_own": "My own question?",
}


def _summary(bank: Bank, answers: Answers) -> Summary:
    return build_summary(bank, answers, date(2026, 1, 15), "9.9.9")


def test_each_new_answer_goes_to_its_own_part_of_the_summary(agenda_bank: Bank) -> None:
    summary = _summary(agenda_bank, FULL)
    assert summary.agenda == [
        AgendaItem(text="My own question?", own_words=True),  # their own words first
        AgendaItem(text="Question about P?", own_words=False),  # then picked, in bank order
        AgendaItem(text="Tiny general question", own_words=False),
    ]
    assert [(p.label, p.answer) for p in summary.pain_numbers] == [
        ("Tiny now (0-10)", "Not sure"),
        ("Tiny worst (0-10)", "9 out of 10"),
    ]
    assert summary.function == [
        FunctionLine(
            question_id="limits_walk", activity="Tiny walking", how_often="Tiny most days"
        ),
        FunctionLine(question_id="limits_sleep", activity="Tiny sleeping", how_often=None),
    ]  # a ticked activity whose how-often is not answered still shows
    assert summary.goal == "Dance again."
    moved = {"now", "worst", "limits", "limits_walk", "wish", "agenda", "agenda_own"}
    assert not moved & {r.question_id for r in summary.reported}
    assert summary.notes == []


def test_other_questions_leave_out_what_is_on_the_agenda(agenda_bank: Bank) -> None:
    """The listed contributors' fitting suggestions, a shared text once, without the picked."""
    summary = _summary(agenda_bank, FULL)
    assert summary.other_questions == [
        "Question about T?",
        "Question about M?",
        "Shared question?",
        "Question about G?",
        "Question about O?",
    ]
    unfit = _summary(agenda_bank, {**FULL, "stiffness": False})
    assert "Question about O?" not in unfit.other_questions


def test_none_of_the_activities_is_a_pertinent_negative(agenda_bank: Bank) -> None:
    summary = _summary(agenda_bank, {**BASE, "limits": ["none"], "agenda": ["nothing"]})
    assert summary.function == []
    assert "Tiny nothing made harder." in summary.pertinent_negatives
    assert summary.agenda == []
    assert summary.goal is None


def test_answers_saved_before_these_questions_still_make_a_summary(agenda_bank: Bank) -> None:
    """An answers file from the bank before them: the new parts are simply empty."""
    summary = _summary(agenda_bank, BASE)
    assert (summary.agenda, summary.pain_numbers, summary.function, summary.goal) == (
        [],
        [],
        [],
        None,
    )
    assert summary.other_questions


def test_no_signal_may_use_the_question_that_offers_suggestions(
    tiny_bank_copy: Path, agenda_bank_files: list[Path]
) -> None:
    """What the agenda offers must follow from earlier answers, so a signal on it is refused."""
    for file in agenda_bank_files:
        shutil.copy(file, tiny_bank_copy / file.name)
    (tiny_bank_copy / "40-signal.yaml").write_text(
        "signals:\n"
        "  - {id: on_agenda, raises: [gait], role: supporting, reason: You said A.,\n"
        "     when: [{question: agenda, is: [general]}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(FibrofootError, match="a signal may not use 'agenda'"):
        load_bank(tiny_bank_copy)
