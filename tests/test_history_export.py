"""The history's exports made from entries (pure): the FHIR Bundle's items are the summary's own,
so every answer, "Not sure" on a 0-10 question too, stays valid R4B."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from fhir.resources.R4B.bundle import Bundle

from fibrofoot.answers import Answers
from fibrofoot.bank.models import Bank
from fibrofoot.history.export import export
from fibrofoot.history.record import full_entry

AT = datetime(2026, 1, 15, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def test_a_0_10_answered_not_sure_is_exported_as_asked_unknown_and_valid(
    agenda_bank: Bank,
) -> None:
    answers: Answers = {"warning": ["none"], "now": "not_sure", "worst": 8, "tingling": "not_sure"}
    entry = full_entry(agenda_bank, answers, AT, "0.1.0")
    text = export([entry], "fhir", agenda_bank)
    Bundle.model_validate_json(text)
    (resource,) = [e["resource"] for e in json.loads(text)["entry"]]
    items = {item["linkId"]: item for item in resource["item"]}
    assert "answer" not in items["now"]
    assert items["now"]["extension"] == [
        {
            "url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason",
            "valueCode": "asked-unknown",
        }
    ]
    assert items["worst"]["answer"] == [{"valueInteger": 8}]
    assert items["tingling"]["answer"][0]["valueCoding"]["code"] == "asked-unknown"
