"""The kept entries exported: JSON, CSV (one row per entry and question) or FHIR R4 (a Bundle of
QuestionnaireResponses). Each keeps the five states of a question apart (see `record.py`), so
"not answered", "not sure", "none" and "does not apply" never look the same.

CSV cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) are written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

from fibrofoot.answers import AnswerValue
from fibrofoot.bank.models import Bank
from fibrofoot.history.record import Entry, State
from fibrofoot.history.trend import answer_words, questions_of
from fibrofoot.render.fhir import CANONICAL, canonical_reference, response_item, to_json

ExportFormat = Literal["json", "csv", "fhir"]
EXPORT_EXTENSIONS: dict[str, ExportFormat] = {".fhir.json": "fhir", ".json": "json", ".csv": "csv"}
CSV_COLUMNS = ("entry", "taken_at", "kind", "question_id", "question", "state", "value", "answer")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Json = dict[str, Any]


def export_format(name: str) -> ExportFormat | None:
    """The format a file name asks for by its ending, or None."""
    lowered = name.lower()
    return next((fmt for end, fmt in EXPORT_EXTENSIONS.items() if lowered.endswith(end)), None)


def export(entries: list[Entry], fmt: ExportFormat, bank: Bank) -> str:
    """`entries` (oldest first is the order written) in `fmt`."""
    ordered = sorted(entries, key=lambda e: (e.taken_at, e.id or 0))
    if fmt == "csv":
        return _csv(ordered, bank)
    if fmt == "fhir":
        return to_json(_bundle(ordered, bank))
    return _json(ordered, bank)


def _json(entries: list[Entry], bank: Bank) -> str:
    document = {
        "format": "fibrofoot-history",
        "format_version": 1,
        "states": [state.value for state in State],
        "entries": [
            {
                "taken_at": entry.taken_at.isoformat(),
                "kind": entry.kind,
                "tool_version": entry.tool_version,
                "bank_fingerprint": entry.bank_fingerprint,
                **entry.document.model_dump(mode="json"),
            }
            for entry in entries
        ],
        "about": bank.messages.disclaimer,
        "consult_message": bank.messages.consult,
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def _csv(entries: list[Entry], bank: Bank) -> str:
    known = questions_of(bank)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for number, entry in enumerate(entries, start=1):
        for question_id, response in entry.document.responses.items():
            question = known.get(question_id)
            value = "" if response.value is None else _value_text(response.value)
            words = (
                answer_words(question, response.value)
                if question and response.value is not None
                else ""
            )
            row = [
                str(number),
                entry.taken_at.isoformat(),
                entry.kind,
                question_id,
                question.label if question else "",
                response.state.value,
                value,
                words,
            ]
            writer.writerow([_cell(cell) for cell in row])
    return out.getvalue()


def _value_text(value: AnswerValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return ";".join(value) if isinstance(value, list) else str(value)


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _bundle(entries: list[Entry], bank: Bank) -> Json:
    """A `collection` Bundle: one QuestionnaireResponse per entry, its items made as the
    summary's (`render.fhir.response_item`); a question not answered has no answer, and one
    that does not apply is left out."""
    known = questions_of(bank)
    resources = []
    for entry in entries:
        items = []
        for question_id, response in entry.document.responses.items():
            question = known.get(question_id)
            if question is None or response.state is State.DOES_NOT_APPLY:
                continue
            answered = None if response.value is None else response_item(question, response.value)
            items.append(answered or {"linkId": question_id, "text": question.text})
        questionnaire = canonical_reference(entry.tool_version)
        if entry.kind == "checkin":  # the check-in's questions are a form of their own
            questionnaire = f"{CANONICAL}-checkin|{entry.tool_version}"
        resource: Json = {
            "resourceType": "QuestionnaireResponse",
            "questionnaire": questionnaire,
            "status": "completed",
            "authored": entry.taken_at.isoformat(),
        }
        if items:
            resource["item"] = items
        resources.append({"resource": resource})
    bundle: Json = {"resourceType": "Bundle", "type": "collection"}
    if resources:
        bundle["entry"] = resources
    return bundle
