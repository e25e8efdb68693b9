"""`fibrofoot questions --json`: the bank as JSON for other tools and for review."""

from __future__ import annotations

import json

from fibrofoot.bank.models import Bank
from fibrofoot.safe_text import json_safe


def bank_json(bank: Bank) -> str:
    """The bank as JSON, readable (not ASCII-escaped) but with control, line-separator and
    bidi characters escaped as \\uXXXX, so that nothing raw reaches a terminal even from a bank
    that skipped the check. Inside JSON strings such an escape reads back as the same character."""
    sections = [
        {
            "id": section.id,
            "title": section.title,
            "questions": [
                question.model_dump(mode="json", by_alias=True, exclude_defaults=True)
                for question in section.questions
            ],
        }
        for section in bank.sections
    ]
    document = {
        "messages": bank.messages.model_dump(mode="json"),
        "sections": sections,
        "contributors": [c.model_dump(mode="json") for c in bank.contributors],
        "signals": [
            s.model_dump(mode="json", by_alias=True, exclude_none=True) for s in bank.signals
        ],
        "red_flags": [
            f.model_dump(mode="json", by_alias=True, exclude_none=True) for f in bank.red_flags
        ],
        "retired_questions": [r.model_dump(mode="json") for r in bank.retired_questions],
    }
    return json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
