"""JSON: the `Summary` model as it is; its schema is `schema/summary.schema.json`."""

from __future__ import annotations

from fibrofoot.bank.models import Bank
from fibrofoot.summary import Summary


def render_json(summary: Summary, bank: Bank) -> str:
    return summary.model_dump_json(indent=2) + "\n"
