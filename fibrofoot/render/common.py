"""What every format shares: the headings and the groupings."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Protocol, TypeVar

from fibrofoot.bank.models import LEVEL_ORDER, Level
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


class HasLevel(Protocol):
    @property
    def level(self) -> Level: ...


FlagT = TypeVar("FlagT", bound=HasLevel)


def by_level(flags: Iterable[FlagT]) -> list[tuple[Level, list[FlagT]]]:
    """Red flags (a summary's or a bank's) by level, most urgent first, in order within a level;
    levels with none are left out."""
    listed = list(flags)
    grouped = ((level, [flag for flag in listed if flag.level == level]) for level in LEVEL_ORDER)
    return [(level, group) for level, group in grouped if group]
