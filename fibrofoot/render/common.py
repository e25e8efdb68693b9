"""What every format shares: the headings and the grouping."""

from __future__ import annotations

from itertools import groupby

from fibrofoot.safe_text import harmless as harmless  # re-exported for the renderers
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


def date_line(summary: Summary) -> str:
    return f"{summary.created.isoformat()} · fibrofoot {summary.tool_version}"


def reported_by_section(summary: Summary) -> list[tuple[str, list[ReportedAnswer]]]:
    return [(title, list(items)) for title, items in groupby(summary.reported, lambda r: r.section)]
