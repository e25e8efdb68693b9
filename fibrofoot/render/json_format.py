"""JSON: the `Summary` model as it is; its schema is `schema/summary.schema.json`."""

from __future__ import annotations

from fibrofoot.bank.models import Bank
from fibrofoot.safe_text import json_safe
from fibrofoot.summary import Summary


def render_json(summary: Summary, bank: Bank) -> str:
    # Without a history the JSON is exactly as before: no since_last key at all.
    unkept = {"since_last"} if summary.since_last is None else None
    return json_safe(summary.model_dump_json(indent=2, exclude=unkept)) + "\n"
