"""What every format shares: the headings, the grouping, and making user text harmless."""

from __future__ import annotations

import re
import unicodedata
from itertools import groupby

from fibrofoot.summary import ReportedAnswer, Summary

TITLE = "Foot pain summary to discuss with a clinician"
HEADINGS = {
    "red_flags": "Urgent: reported first",
    "reported": "What you reported",
    "negatives": "What you said does not apply",
    "contributors": "May be worth raising with a clinician",
    "contributors_note": "Listed in the order the source document names them; not ranked.",
    "because": "What you said",
    "questions": "Questions you might ask",
    "notes": "Your own note",
}

# Control characters (C0, C1, DEL) and the bidirectional overrides that can reorder what a
# reader sees; newlines in notes are kept.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def harmless(text: str) -> str:
    """User text with control and bidi-override characters shown as visible escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", unicodedata.normalize("NFC", text))


def date_line(summary: Summary) -> str:
    return f"{summary.created.isoformat()} · fibrofoot {summary.tool_version}"


def reported_by_section(summary: Summary) -> list[tuple[str, list[ReportedAnswer]]]:
    return [(title, list(items)) for title, items in groupby(summary.reported, lambda r: r.section)]
