"""FHIR R4, on the tiny bank: the bank as a Questionnaire and the answers as a
QuestionnaireResponse that fits it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from helpers.render_fixtures import TINY_PERSONAS, JsonSnapshot, tiny_summary
from helpers.strategies import tiny_test_bank

from fibrofoot import __version__
from fibrofoot.answers import Answers
from fibrofoot.bank.base import Kind
from fibrofoot.bank.models import Bank
from fibrofoot.render.fhir import (
    CANONICAL,
    questionnaire,
    questionnaire_json,
    questionnaire_response,
    render_fhir,
)
from fibrofoot.safe_text import harmless
from fibrofoot.summary import build_summary
from fibrofoot.terminal.cli import main

ALL = sorted(TINY_PERSONAS)
HELP = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
YES_NO = {
    ("http://terminology.hl7.org/CodeSystem/v2-0136", "Y"),
    ("http://terminology.hl7.org/CodeSystem/v2-0136", "N"),
    ("http://terminology.hl7.org/CodeSystem/data-absent-reason", "asked-unknown"),
}


def _items(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from _items(item.get("item", []))


def _questions(resource: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["linkId"]: i for i in _items(resource.get("item", [])) if i["type"] != "group"}


def _answered(response: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["linkId"]: i for i in _items(response.get("item", [])) if "answer" in i}


def _bank_with(bank: Bank, question_id: str, ask_if: list[dict[str, Any]]) -> Bank:
    """The bank with one question's `ask_if` replaced (no cross-reference checks)."""
    data = bank.model_dump(by_alias=True, exclude_none=True)
    for section in data["sections"]:
        for question in section["questions"]:
            if question["id"] == question_id:
                question["ask_if"] = ask_if
    return Bank.model_validate(data)


@pytest.fixture(scope="module")
def form() -> dict[str, Any]:
    resource: dict[str, Any] = json.loads(questionnaire_json(tiny_test_bank(), __version__))
    return resource


def test_questionnaire_is_valid_r4(form: dict[str, Any]) -> None:
    """The Questionnaire validates as FHIR R4(B) and names itself by canonical URL and version."""
    Questionnaire.model_validate(form)
    assert form["resourceType"] == "Questionnaire"
    assert (form["url"], form["version"], form["status"]) == (CANONICAL, __version__, "active")


def test_one_group_per_section(form: dict[str, Any]) -> None:
    """Sections become groups (linkId = section id) holding their questions in bank order."""
    bank = tiny_test_bank()
    assert [(g["linkId"], g["type"], g["text"]) for g in form["item"]] == [
        (s.id, "group", s.title) for s in bank.sections
    ]
    for group, section in zip(form["item"], bank.sections, strict=True):
        assert [q["linkId"] for q in group["item"]] == [q.id for q in section.questions]


def test_item_types_follow_the_question_kinds(form: dict[str, Any]) -> None:
    """yes_no and single are choices, multi repeats, scale is a bounded integer, text is text."""
    items = _questions(form)
    for question in tiny_test_bank().questions:
        item = items[question.id]
        assert item["text"] == question.text
        codes = [o["valueCoding"]["code"] for o in item.get("answerOption", [])]
        if question.kind is Kind.YES_NO:
            systems = {
                (o["valueCoding"]["system"], o["valueCoding"]["code"]) for o in item["answerOption"]
            }
            assert item["type"] == "choice"
            assert systems <= YES_NO
            assert len(systems) == (3 if question.allow_not_sure else 2)
        elif question.kind in (Kind.SINGLE, Kind.MULTI):
            assert item["type"] == "choice"
            assert codes == [o.value for o in question.options]
            assert item.get("repeats", False) is (question.kind is Kind.MULTI)
        elif question.kind is Kind.SCALE:
            assert item["type"] == "integer"
            bounds = {e["url"].rsplit("/", 1)[1]: e["valueInteger"] for e in item["extension"]}
            assert bounds == {"minValue": 0, "maxValue": 10}
        else:
            assert item["type"] == "text"


def test_why_lines_are_help_items(form: dict[str, Any]) -> None:
    """Each question's 'why we ask' is a display child marked with itemControl 'help'."""
    items = _questions(form)
    for question in tiny_test_bank().questions:
        helps = [
            child
            for child in items[question.id]["item"]
            if child["type"] == "display"
            and child["extension"][0]["url"] == HELP
            and child["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "help"
        ]
        assert [h["text"] for h in helps] == [question.why]


def test_conditions_become_enable_when(form: dict[str, Any]) -> None:
    """Every ask_if is an enableWhen on an earlier question, matching one of its answers."""
    items = _questions(form)
    order = list(items)
    for question in tiny_test_bank().questions:
        item = items[question.id]
        if not question.ask_if:
            assert "enableWhen" not in item
            continue
        whens = item["enableWhen"]
        for when in whens:
            assert order.index(when["question"]) < order.index(question.id)
            codes = {o["valueCoding"]["code"] for o in items[when["question"]]["answerOption"]}
            assert when["operator"] == "="
            assert when["answerCoding"]["code"] in codes
        if len(whens) > 1:
            assert item["enableBehavior"] == "any"
    whens = items["stiff_long"]["enableWhen"]
    assert [(w["question"], w["answerCoding"]["code"]) for w in whens] == [("stiffness", "Y")]


def test_one_condition_with_several_values_means_any() -> None:
    """`is: [a, b]` is one enableWhen per value, any of which enables the item."""
    bank = _bank_with(
        tiny_test_bank(), "stiff_long", [{"question": "where", "is": ["heel", "toes"]}]
    )
    item = _questions(questionnaire(bank, "0"))["stiff_long"]
    assert item["enableBehavior"] == "any"
    assert [w["answerCoding"]["code"] for w in item["enableWhen"]] == ["heel", "toes"]


def test_several_conditions_mean_all() -> None:
    """Two single-value conditions, or a scale range, are enableBehavior 'all'."""
    bank = _bank_with(
        tiny_test_bank(),
        "stiff_long",
        [
            {"question": "where", "is": ["heel"]},
            {"question": "level", "at_least": 3, "at_most": 8},
        ],
    )
    item = _questions(questionnaire(bank, "0"))["stiff_long"]
    Questionnaire.model_validate(questionnaire(bank, "0"))
    assert item["enableBehavior"] == "all"
    assert [(w["operator"], w.get("answerInteger")) for w in item["enableWhen"]] == [
        ("=", None),
        (">=", 3),
        ("<=", 8),
    ]


def test_cli_prints_the_questionnaire(
    tiny_bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fibrofoot questions --fhir` prints exactly this Questionnaire."""
    assert main(["--questions", str(tiny_bank_dir), "questions", "--fhir"]) == 0
    assert capsys.readouterr().out == questionnaire_json(tiny_test_bank(), __version__)


def test_questionnaire_snapshot(snapshot: Any) -> None:
    """The whole Questionnaire, to review changes to it as a diff."""
    assert questionnaire_json(tiny_test_bank(), "0.1.0") == snapshot.use_extension(JsonSnapshot)


# --- QuestionnaireResponse ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ALL)
def test_response_is_valid_r4(persona: str) -> None:
    """The response validates, is completed, dated, and points at the Questionnaire version."""
    summary = tiny_summary(persona)
    response = json.loads(render_fhir(summary, tiny_test_bank()))
    QuestionnaireResponse.model_validate(response)
    assert response["status"] == "completed"
    assert response["authored"] == "2026-01-15"
    assert response["questionnaire"] == f"{CANONICAL}|0.1.0"


@pytest.mark.parametrize("persona", ALL)
def test_response_fits_the_questionnaire(persona: str, form: dict[str, Any]) -> None:
    """Same groups and linkIds as the form; each coding is one of the item's answer options."""
    bank = tiny_test_bank()
    summary = tiny_summary(persona)
    response = questionnaire_response(summary, bank)
    form_groups = {g["linkId"]: [q["linkId"] for q in g["item"]] for g in form["item"]}
    group_ids = [g["linkId"] for g in response.get("item", [])]
    assert group_ids == [g for g in form_groups if g in group_ids]
    items = _questions(form)
    answered = []
    for group in response.get("item", []):
        assert group["item"], "groups without answers are left out"
        for entry in group["item"]:
            assert entry["linkId"] in form_groups[group["linkId"]]
            assert entry["text"] == items[entry["linkId"]]["text"]
            answered.append(entry["linkId"])
            for answer in entry["answer"]:
                if "valueCoding" in answer:
                    options = [o["valueCoding"] for o in items[entry["linkId"]]["answerOption"]]
                    assert answer["valueCoding"] in options
    expected = [
        q.id
        for q in bank.questions
        if q.id in summary.answers
        and (q.kind is not Kind.TEXT or str(summary.answers[q.id]).strip())
    ]
    assert answered == expected


def test_response_values_are_typed() -> None:
    """valueCoding for choices (one per chosen option), valueInteger for scales, valueString."""
    summary = tiny_summary("heel")
    items = _answered(questionnaire_response(summary, tiny_test_bank()))
    assert items["level"]["answer"] == [{"valueInteger": 7}]
    assert [a["valueCoding"]["code"] for a in items["where"]["answer"]] == ["heel", "toes"]
    assert items["side"]["answer"] == [{"valueCoding": {"code": "left", "display": "Left"}}]
    assert items["stiffness"]["answer"][0]["valueCoding"]["code"] == "Y"
    assert items["tingling"]["answer"][0]["valueCoding"]["code"] == "N"
    assert items["note"]["answer"] == [{"valueString": TINY_PERSONAS["heel"]["note"]}]


def test_not_sure_and_empty_answers() -> None:
    """'Not sure' is asked-unknown; an empty note is not an answer; unanswered groups vanish."""
    summary = tiny_summary("heel").model_copy(update={"answers": {"tingling": "not_sure"}})
    items = _answered(questionnaire_response(summary, tiny_test_bank()))
    assert items["tingling"]["answer"][0]["valueCoding"]["code"] == "asked-unknown"
    few = questionnaire_response(tiny_summary("few"), tiny_test_bank())
    assert "note" not in _answered(few)
    stopped = questionnaire_response(tiny_summary("emergency_stop"), tiny_test_bank())
    assert [g["linkId"] for g in stopped["item"]] == ["warning"]


def test_response_without_answers_has_no_items() -> None:
    """No answers at all still make a valid, completed response (with no items)."""
    summary = tiny_summary("few").model_copy(update={"answers": {}})
    response = questionnaire_response(summary, tiny_test_bank())
    QuestionnaireResponse.model_validate(response)
    assert "item" not in response


# --- Narrative ------------------------------------------------------------------------------

XHTML = "{http://www.w3.org/1999/xhtml}"


def _narrative_paragraphs(response: dict[str, Any]) -> list[str]:
    """The narrative's paragraphs as text, after checking it is the XHTML FHIR allows here."""
    div = ElementTree.fromstring(response["text"]["div"])  # noqa: S314 - our own output
    assert div.tag == f"{XHTML}div"
    assert div.attrib == {}
    assert not (div.text or "").strip()
    paragraphs = list(div)
    assert [p.tag for p in paragraphs] == [f"{XHTML}p"] * len(paragraphs)
    for paragraph in paragraphs:
        assert paragraph.attrib == {}
        assert list(paragraph) == []
        assert not (paragraph.tail or "").strip()
    return [p.text or "" for p in paragraphs]


@pytest.mark.parametrize("persona", ALL)
def test_narrative_is_the_disclaimer_then_the_consult_message(persona: str) -> None:
    """The response's narrative is XHTML: the disclaimer, then the consult message last."""
    summary = tiny_summary(persona)
    response = json.loads(render_fhir(summary, tiny_test_bank()))
    assert list(response)[:2] == ["resourceType", "text"]
    assert response["text"]["status"] == "additional"
    assert response["text"]["div"].startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
    paragraphs = _narrative_paragraphs(response)
    assert paragraphs == [summary.about, summary.consult_message]
    parsed = QuestionnaireResponse.model_validate(response)
    assert parsed.text is not None
    assert parsed.text.div == response["text"]["div"]


def test_narrative_escapes_markup_and_shows_controls_harmlessly() -> None:
    """Bank text with markup, controls or XML non-characters keeps the div well-formed XHTML."""
    consult = "Call <b>now</b> & see <script>x</script> \x1b[2J\x07 \ufffe \u202eok"
    summary = tiny_summary("few").model_copy(
        update={"about": "A & B <i>not</i> a diagnosis", "consult_message": consult}
    )
    text = render_fhir(summary, tiny_test_bank())
    assert text.isascii()
    response = json.loads(text)
    QuestionnaireResponse.model_validate(response)
    about, last = _narrative_paragraphs(response)
    assert about == "A & B <i>not</i> a diagnosis"
    assert last == harmless(consult).replace("\ufffe", "\\ufffe")
    for raw in ("\x1b", "\x07", "\ufffe", "\u202e"):
        assert raw not in response["text"]["div"]


@pytest.mark.parametrize("missing", ["status", "div"])
def test_r4b_validation_checks_the_narrative(missing: str) -> None:
    """The R4B model does check `text` (status and div are required), so passing means something;
    it checks neither the status code nor the XHTML, which the tests above do."""
    response = questionnaire_response(tiny_summary("few"), tiny_test_bank())
    del response["text"][missing]
    with pytest.raises(ValueError, match=f"text.{missing}"):
        QuestionnaireResponse.model_validate(response)


# --- The agenda, the pain numbers and what the pain makes harder ----------------------------


def test_the_agenda_and_pain_numbers_are_valid_typed_items(agenda_bank: Bank) -> None:
    """The suggestions question lists every suggestion and its own options as answer options
    (what fits is the walk's business); a 0-10 answered "Not sure" has no value but the
    data-absent-reason asked-unknown; both resources stay valid R4B."""
    form = questionnaire(agenda_bank, "0.1.0")
    Questionnaire.model_validate(form)
    items = _questions(form)
    codes = [o["valueCoding"]["code"] for o in items["agenda"]["answerOption"]]
    assert codes == [o.value for o in agenda_bank.question("agenda").options]
    assert "ask_o" in codes
    assert items["agenda"]["repeats"] is True
    assert (items["now"]["type"], items["limits_walk"]["type"], items["wish"]["type"]) == (
        "integer",
        "choice",
        "text",
    )
    answers: Answers = {
        "warning": ["none"],
        "now": "not_sure",
        "worst": 8,
        "limits": ["walk"],
        "limits_walk": "most_days",
        "wish": "Dance.",
        "agenda": ["general", "own"],
        "agenda_own": "Mine?",
    }
    summary = build_summary(agenda_bank, answers, date(2026, 1, 15), "0.1.0")
    response = questionnaire_response(summary, agenda_bank)
    QuestionnaireResponse.model_validate(response)
    answered = _answered(response)
    assert "now" not in answered
    [now] = [i for i in _items(response["item"]) if i["linkId"] == "now"]
    assert now == {
        "linkId": "now",
        "text": "Tiny pain now?",
        "extension": [
            {
                "url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason",
                "valueCode": "asked-unknown",
            }
        ],
    }
    assert answered["worst"]["answer"] == [{"valueInteger": 8}]
    assert [a["valueCoding"]["code"] for a in answered["agenda"]["answer"]] == ["general", "own"]
    assert answered["agenda_own"]["answer"] == [{"valueString": "Mine?"}]
