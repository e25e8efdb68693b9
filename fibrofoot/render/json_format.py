"""JSON: the `Summary` model as it is; its schema is `schema/summary.schema.json`."""

from __future__ import annotations

import re

from fibrofoot.bank.models import Bank
from fibrofoot.summary import Summary

# What JSON may carry raw but a terminal acts on or a reader is misled by: DEL and the C1
# controls, the line and paragraph separators, and the bidirectional overrides. These can only
# stand inside strings (JSON's own syntax is ASCII), so escaping them keeps the JSON valid.
_RAW_BUT_ACTIVE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def render_json(summary: Summary, bank: Bank) -> str:
    return _RAW_BUT_ACTIVE.sub(_escape, summary.model_dump_json(indent=2)) + "\n"


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
