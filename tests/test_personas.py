"""Personas: realistic answer files, one per contributor and one per red-flag level (and a few
the renderer and print tests use), checked through `fibrofoot report --format json` against
tests/personas/expectations.yaml."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import BaseModel, ConfigDict

from fibrofoot import flow
from fibrofoot.answers import Answers, read_answers, validate_answers
from fibrofoot.bank.base import LEVEL_ORDER, Kind, Level
from fibrofoot.bank.models import Bank
from fibrofoot.render.fhir import questionnaire, questionnaire_response
from fibrofoot.rules import applicable, next_unanswered
from fibrofoot.summary import build_summary

Cli = Callable[..., tuple[int, str, str]]

PERSONAS_DIR = Path(__file__).parent / "personas"
PERSONA_FILES = sorted(p for p in PERSONAS_DIR.glob("*.yaml") if p.stem != "expectations")
# A persona is a short, realistic walk: the bank has 42 questions and no one is asked them all.
# The burden budget was 25; issue 12 adds two pain numbers, what the pain makes harder (one
# checklist, then how often for each activity ticked), a goal and the agenda, so a walk with
# many findings and many activities asks up to about 30.
MAX_ANSWERS = 30


class Expectation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    raises: list[str]
    not_raises: list[str]
    red_flag: Level | None
    complete: bool
    report_only: bool = False


@cache
def expectations() -> dict[str, Expectation]:
    raw = yaml.safe_load((PERSONAS_DIR / "expectations.yaml").read_text(encoding="utf-8"))
    return {name: Expectation.model_validate(value) for name, value in raw.items()}


def _answers(bank: Bank, path: Path) -> Answers:
    return validate_answers(bank, read_answers(path), str(path))


personas = pytest.mark.parametrize("path", PERSONA_FILES, ids=[p.stem for p in PERSONA_FILES])


def test_every_persona_has_expectations() -> None:
    """Each persona file has an entry in expectations.yaml, and each entry a file."""
    assert {p.stem for p in PERSONA_FILES} == set(expectations())


def test_personas_cover_every_contributor_and_every_level(bank: Bank) -> None:
    """There is a persona named after each contributor that raises it, and one per level."""
    expected = expectations()
    for contributor in bank.contributors:
        assert contributor.id in expected[contributor.id].raises
    for level in LEVEL_ORDER:
        assert expected[f"red_flag_{level.value}"].red_flag is level


@personas
def test_expectations_name_every_contributor_once(bank: Bank, path: Path) -> None:
    """A persona's raises and not_raises together name all seven contributors, none twice."""
    expected = expectations()[path.stem]
    named = [*expected.raises, *expected.not_raises]
    assert sorted(named) == sorted(c.id for c in bank.contributors)


@personas
def test_a_persona_answers_only_what_the_walkthrough_asks(bank: Bank, path: Path) -> None:
    """Replaying the persona in the walkthrough asks exactly the questions it answers (an
    answers file written for `report` only answers questions that apply, and leaves some out)."""
    answers = _answers(bank, path)
    assert len(answers) <= MAX_ANSWERS
    assert applicable(bank, answers) == answers
    expected = expectations()[path.stem]
    if expected.report_only:
        assert not expected.complete
        assert next_unanswered(bank, answers) is not None
        return
    walk = flow.start(bank)
    while walk.current in answers:
        walk = flow.answer(bank, walk, answers[walk.current])
    assert walk.answers == answers
    if expected.complete:
        assert walk.current is None
        assert next_unanswered(bank, answers) is None
    else:
        last = list(answers)[-1]
        assert walk.current is not None
        assert flow.red_flags_for(bank, last, answers), "stopped early without a red flag"


@personas
def test_a_persona_report_shows_what_it_must(cli: Cli, bank: Bank, path: Path) -> None:
    """`report --format json` lists the persona's contributors and its most urgent level."""
    expected = expectations()[path.stem]
    code, out, err = cli("report", path, "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    raised = [c["id"] for c in document["contributors"]]
    assert set(expected.raises) <= set(raised)
    assert not set(expected.not_raises) & set(raised)
    levels = [flag["level"] for flag in document["red_flags"]]
    assert (levels[0] if levels else None) == (expected.red_flag and expected.red_flag.value)
    assert all(c["reasons"] for c in document["contributors"])


PUBLISHED = PERSONAS_DIR / "published" / "values.yaml"


def test_every_published_id_and_value_still_loads(bank: Bank) -> None:
    """A saved answers file from the first published bank still reads: every question id and
    answer value it could hold is still an answer of the shipped bank, or of the question a
    retired one became (a saved 'yes' is that tick; 'no' and 'not sure' leave it unticked)."""
    published = yaml.safe_load(PUBLISHED.read_text(encoding="utf-8"))
    for question_id, values in published.items():
        retired = bank.retired(question_id)
        multi = bank.has_question(question_id) and bank.question(question_id).kind is Kind.MULTI
        for value in values:
            answer = [value] if multi else value
            expected: dict[str, object] = {question_id: answer}
            if retired is not None:
                becomes = retired.becomes
                expected = {becomes.question: [becomes.value]} if value is True else {}
            read = validate_answers(bank, {question_id: answer}, PUBLISHED.name)
            assert read == expected, (question_id, value)


def test_the_agenda_offers_only_suggestions_that_fit(bank: Bank) -> None:
    """Heel pain with burning and no stiffness, cramps or aching: plantar fasciitis and the
    fibromyalgia pattern are listed, but neither the big-toe questions nor "aching, cramps or
    tightness" are offered, and neither is among the other questions."""
    answers = _answers(bank, PERSONAS_DIR / "heel_burning_not_sure_now.yaml")
    walk = flow.Walk(answers, "agenda")
    shown = flow.current_question(bank, walk)
    assert shown is not None
    offered = {o.value for o in shown.options}
    assert {"ask_heel_arch_plantar_fasciitis", "ask_other_causes"} <= offered
    unfit = {"ask_aching_cramps_fibromyalgia", "ask_stiffness_fibromyalgia",
             "ask_stiff_joint_osteoarthritis", "ask_big_toe_exam"}  # fmt: skip
    assert not unfit & offered
    summary = build_summary(bank, answers, date(2026, 1, 15), "0")
    texts = {o.value: o.label for o in bank.question("agenda").options}
    assert not {texts[u] for u in unfit} & set(summary.other_questions)
    assert [a.text for a in summary.agenda] == [
        texts[v] for v in ["ask_other_causes", "ask_heel_arch_plantar_fasciitis",
                           "ask_heel_pain_causes"]
    ]  # fmt: skip
    assert [(p.question_id, p.answer) for p in summary.pain_numbers] == [
        ("pain_now", "Not sure"),
        ("pain_level", "5 out of 10"),
        ("pain_worst", "7 out of 10"),
    ]
    assert [(f.activity, f.how_often) for f in summary.function] == [("Walking", "Some days")]


def test_an_answers_file_saved_before_issue_12_still_makes_a_summary(bank: Bank) -> None:
    """A persona's answers without the new questions (as saved by the bank before them): a
    summary with an empty agenda, function and goal, and pain_level as the one pain number."""
    new = {"pain_now", "pain_worst", "goal", "agenda", "agenda_own_words", "function_limits"}
    answers = {
        k: v
        for k, v in _answers(bank, PERSONAS_DIR / "plantar_fasciitis.yaml").items()
        if k not in new and not k.startswith("function_")
    }
    summary = build_summary(bank, answers, date(2026, 1, 15), "0")
    assert [p.question_id for p in summary.pain_numbers] == ["pain_level"]
    assert (summary.agenda, summary.function, summary.goal) == ([], [], None)
    assert [c.id for c in summary.contributors] == ["plantar_fasciitis"]
    assert summary.other_questions


@personas
def test_the_shipped_questionnaire_and_each_persona_response_are_valid_r4b(
    bank: Bank, path: Path
) -> None:
    """With the pain numbers, what the pain makes harder, the goal and the agenda (every
    suggestion an answer option), both FHIR resources stay valid R4B."""
    form = questionnaire(bank, "0.1.0")
    Questionnaire.model_validate(form)
    summary = build_summary(bank, _answers(bank, path), date(2026, 1, 15), "0.1.0")
    QuestionnaireResponse.model_validate(questionnaire_response(summary, bank))
