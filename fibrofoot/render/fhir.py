"""HL7 FHIR R4: the bank as a Questionnaire, a summary's answers as a QuestionnaireResponse.

Decisions, so that clinic systems can read the answers without knowing fibrofoot:

- yes_no questions are `choice` items, not `boolean`, because they have a "Not sure" answer.
  Their options use the codes of FHIR's own yes/no/don't-know value set
  (http://hl7.org/fhir/ValueSet/yesnodontknow): Y and N from HL7 v2 table 0136, and
  `asked-unknown` from data-absent-reason for "Not sure" (left out when the question does not
  offer it). The displays are fibrofoot's own words.
- Other choices are codings without a system: the code is the bank's option value and is only
  meaningful inside its question (linkId), with the option label as the display.
- Each question's "why we ask" line is a child `display` item marked as help (itemControl
  `help`); a scale's end labels are `display` items marked `lower` / `upper` (SDC).
- `ask_if` becomes enableWhen: several conditions (or a scale range) -> enableBehavior `all`;
  one condition with several values -> one enableWhen per value and `any`. The bank check
  rejects what flat enableWhen cannot say (several conditions, one of them with several values).

- The QuestionnaireResponse carries a short narrative (`text`) for people reading it in a clinic
  system: the disclaimer, then the consult message as its last paragraph, as every format ends.
  Its status is `additional`, not `generated`: FHIR's narrative-status code `generated` says the
  narrative is entirely generated from the structured data, and these two paragraphs are not in
  it; `additional` says the narrative holds information the structured data does not.
- The "where does it hurt" item carries the foot map regions the answers shade (the Summary's
  `regions`) as extensions of ours, one per region, each a coding in our foot-region system:
  code `L.hindfoot.plantar`, display `Left: under the heel`. Its answers stay the options chosen.

The JSON is ASCII-only (`ensure_ascii`: every character outside printable ASCII, DEL too, as a
\\u escape): it is for machines, and this way nothing in a note can reach a terminal as a control,
line-separator or direction-changing character, so it needs no `json_safe`.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from fibrofoot.answers import MAX_TEXT_CHARS, AnswerValue
from fibrofoot.bank.base import NOT_SURE, SCALE_MAX, SCALE_MIN, Condition, Kind
from fibrofoot.bank.models import Bank, Question
from fibrofoot.history.compare import since_heading
from fibrofoot.safe_text import escape_char, harmless
from fibrofoot.summary import Summary

Json = dict[str, Any]

QUESTIONNAIRE_ID = "fibrofoot-foot-pain"
CANONICAL = f"https://fibrofoot.example/fhir/Questionnaire/{QUESTIONNAIRE_ID}"
FOOT_REGION_EXTENSION = "https://fibrofoot.example/fhir/StructureDefinition/foot-region"
FOOT_REGION_SYSTEM = "https://fibrofoot.example/fhir/CodeSystem/foot-region"

_V2_YES_NO = "http://terminology.hl7.org/CodeSystem/v2-0136"
_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
_YES_NO_CODINGS: dict[bool | str, Json] = {
    True: {"system": _V2_YES_NO, "code": "Y", "display": "Yes"},
    False: {"system": _V2_YES_NO, "code": "N", "display": "No"},
    NOT_SURE: {"system": _ABSENT, "code": "asked-unknown", "display": "Not sure"},
}
_EXT = "http://hl7.org/fhir/StructureDefinition"
_ITEM_CONTROL = f"{_EXT}/questionnaire-itemControl"
_ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NARRATIVE_STATUS = "additional"
_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
_ITEM_TYPES = {
    Kind.YES_NO: "choice",
    Kind.SINGLE: "choice",
    Kind.MULTI: "choice",
    Kind.SCALE: "integer",
    Kind.TEXT: "text",
}


def canonical_reference(version: str) -> str:
    return f"{CANONICAL}|{version}"


def to_json(resource: Json) -> str:
    return json.dumps(resource, indent=2, ensure_ascii=True) + "\n"


# --- Questionnaire --------------------------------------------------------------------------


def questionnaire(bank: Bank, version: str) -> Json:
    return {
        "resourceType": "Questionnaire",
        "id": QUESTIONNAIRE_ID,
        "url": CANONICAL,
        "version": version,
        "name": "FibrofootFootPain",
        "title": "fibrofoot: foot pain questions for people with fibromyalgia",
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": "fibrofoot",
        "description": bank.messages.disclaimer,
        "item": [
            {
                "linkId": section.id,
                "text": section.title,
                "type": "group",
                "item": [_question_item(bank, _full(bank, q)) for q in section.questions],
            }
            for section in bank.sections
        ],
    }


def questionnaire_json(bank: Bank, version: str) -> str:
    return to_json(questionnaire(bank, version))


def _full(bank: Bank, question: Question) -> Question:
    """A section's question with every option, the contributors' suggestions included."""
    return bank.question(question.id) if question.offers_suggestions else question


def _question_item(bank: Bank, question: Question) -> Json:
    item: Json = {"linkId": question.id, "text": question.text, "type": _ITEM_TYPES[question.kind]}
    item.update(_enable_when(bank, question.ask_if))
    if question.kind is Kind.MULTI:
        item["repeats"] = True
    if question.kind is Kind.SCALE:
        item["extension"] = [
            {"url": f"{_EXT}/minValue", "valueInteger": SCALE_MIN},
            {"url": f"{_EXT}/maxValue", "valueInteger": SCALE_MAX},
        ]
    if question.kind is Kind.TEXT:
        item["maxLength"] = MAX_TEXT_CHARS
    options = _answer_options(question)
    if options:
        item["answerOption"] = options
    children = [_display(f"{question.id}.help", question.why, "help", "Help-Button")]
    if question.kind is Kind.SCALE:
        if question.scale_low:
            children.append(_display(f"{question.id}.lower", question.scale_low, "lower", None))
        if question.scale_high:
            children.append(_display(f"{question.id}.upper", question.scale_high, "upper", None))
    item["item"] = children
    return item


def _answer_options(question: Question) -> list[Json]:
    if question.kind is Kind.YES_NO:
        values: list[bool | str] = [True, False] + ([NOT_SURE] if question.allow_not_sure else [])
        return [{"valueCoding": _YES_NO_CODINGS[v]} for v in values]
    options = []
    for option in question.options:
        entry: Json = {"valueCoding": {"code": option.value, "display": option.label}}
        if option.exclusive and question.kind is Kind.MULTI:
            entry["extension"] = [
                {"url": f"{_EXT}/questionnaire-optionExclusive", "valueBoolean": True}
            ]
        options.append(entry)
    return options


def _display(link_id: str, text: str, control: str, display: str | None) -> Json:
    coding: Json = {"system": _ITEM_CONTROL_SYSTEM, "code": control}
    if display:
        coding["display"] = display
    return {
        "linkId": link_id,
        "text": text,
        "type": "display",
        "extension": [{"url": _ITEM_CONTROL, "valueCodeableConcept": {"coding": [coding]}}],
    }


def _enable_when(bank: Bank, conditions: list[Condition]) -> Json:
    """enableWhen, and enableBehavior when there is more than one."""
    flat = [part for c in conditions for part in _condition_parts(bank, c)]
    if len(flat) <= 1:
        return {"enableWhen": flat} if flat else {}
    several_values = len(conditions) == 1 and conditions[0].is_ is not None
    return {"enableWhen": flat, "enableBehavior": "any" if several_values else "all"}


def _condition_parts(bank: Bank, condition: Condition) -> list[Json]:
    question = bank.question(condition.question)
    if condition.is_ is not None:
        return [
            {"question": question.id, "operator": "=", "answerCoding": _coding(question, value)}
            for value in condition.is_
        ]
    return [
        {"question": question.id, "operator": op, "answerInteger": bound}
        for op, bound in _bounds(condition)
    ]


def _bounds(condition: Condition) -> list[tuple[str, int]]:
    pairs = ((">=", condition.at_least), ("<=", condition.at_most))
    return [(op, bound) for op, bound in pairs if bound is not None]


def _coding(question: Question, value: bool | str) -> Json:
    if question.kind is Kind.YES_NO:
        return dict(_YES_NO_CODINGS[value])
    labels = {o.value: o.label for o in question.options}
    return {"code": value, "display": labels.get(str(value), str(value))}


# --- QuestionnaireResponse ------------------------------------------------------------------


def questionnaire_response(summary: Summary, bank: Bank) -> Json:
    """The answers in `summary` (only those that apply), grouped by section like the form."""
    groups = []
    for section in bank.sections:
        items = [
            response_item(_full(bank, q), summary.answers[q.id])
            for q in section.questions
            if q.id in summary.answers
        ]
        items = [item for item in items if item]
        for item in filter(None, items):
            if summary.regions and bank.question(item["linkId"]).map_areas:
                item["extension"] = [_foot_region(r.id, r.label) for r in summary.regions]
        if items:
            groups.append({"linkId": section.id, "text": section.title, "item": items})
    response: Json = {
        "resourceType": "QuestionnaireResponse",
        "text": narrative(summary),
        "questionnaire": canonical_reference(summary.tool_version),
        "status": "completed",
        "authored": summary.created.isoformat(),
    }
    if groups:
        response["item"] = groups
    return response


def _foot_region(code: str, display: str) -> Json:
    coding = {"system": FOOT_REGION_SYSTEM, "code": code, "display": display}
    return {"url": FOOT_REGION_EXTENSION, "valueCoding": coding}


def narrative(summary: Summary) -> Json:
    """The human-readable part: the disclaimer, then the consult message as the last paragraph."""
    changes = summary.since_last
    since = [since_heading(changes), *changes.lines] if changes else []
    paragraphs = "".join(
        f"<p>{_xhtml_text(text)}</p>" for text in (summary.about, *since, summary.consult_message)
    )
    return {"status": NARRATIVE_STATUS, "div": f'<div xmlns="{XHTML_NS}">{paragraphs}</div>'}


def _xhtml_text(text: str) -> str:
    """Text as XHTML character data: markup escaped, and controls (which XML forbids) and the
    two non-characters U+FFFE and U+FFFF shown as visible escapes, like everywhere else."""
    shown = _NOT_XML.sub(lambda m: escape_char(m.group()), harmless(text))
    return escape(shown, quote=False)


def response_item(question: Question, value: AnswerValue) -> Json | None:
    """One answered item (also each item of an exported history entry); a 0-10 answered "Not
    sure" has no answer, only the data-absent-reason extension `asked-unknown` (an integer item
    cannot hold a coding); None when the value says nothing (an empty note)."""
    item: Json = {"linkId": question.id, "text": question.text}
    if question.kind is Kind.SCALE and value == NOT_SURE:
        item["extension"] = [{"url": f"{_EXT}/data-absent-reason", "valueCode": "asked-unknown"}]
        return item
    answers = _answers(question, value)
    return {**item, "answer": answers} if answers else None


def render_fhir(summary: Summary, bank: Bank) -> str:
    return to_json(questionnaire_response(summary, bank))


def _answers(question: Question, value: AnswerValue) -> list[Json]:
    if question.kind is Kind.SCALE:
        return [] if value == NOT_SURE else [{"valueInteger": value}]
    if question.kind is Kind.TEXT:
        text = str(value)
        return [{"valueString": text}] if text.strip() else []
    chosen = value if isinstance(value, list) else [value]
    return [{"valueCoding": _coding(question, v)} for v in chosen if isinstance(v, bool | str)]
