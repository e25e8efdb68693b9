"""The summary's sections, their order and their headings, defined once: every format renders
the list that `sections()` returns, and only decides how each kind of section looks (`kind`
names it for the HTML template, which cannot match on types).

The order is the clinician's: what is urgent, what the person most wants to raise, the pain
picture, what it stops them doing, what does not apply and the patterns in a line or two each
(page 1), then the longer explanations, other questions and the person's note. A new section is
a dataclass here, one line in `sections()` and one case in each renderer.

The words come from the bank (`messages.summary`); the red flags are grouped by the rules'
"most urgent first".
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar

from fibrofoot.bank.models import Bank
from fibrofoot.history.compare import SinceLast, chart_words, since_heading
from fibrofoot.rules import by_level
from fibrofoot.summary import (
    AgendaItem,
    ContributorEntry,
    RedFlagEntry,
    ReportedAnswer,
    Summary,
)


@dataclass(frozen=True)
class FlagLevel:
    """The red flags raised at one level, with its spoken marker ("Urgent", "Warning")."""

    marker: str
    flags: list[RedFlagEntry]


@dataclass(frozen=True)
class Urgent:
    kind: ClassVar[str] = "urgent"
    heading: str
    levels: list[FlagLevel]  # most urgent first


@dataclass(frozen=True)
class Agenda:
    """What the person most wants to ask or tell: picked suggestions and their own words."""

    kind: ClassVar[str] = "agenda"
    heading: str
    items: list[AgendaItem]


@dataclass(frozen=True)
class Reported:
    """The pain picture: the pain numbers together on one line, then the answers by section."""

    kind: ClassVar[str] = "reported"
    heading: str
    how_much: str  # the label before the pain numbers
    pain_numbers: list[ReportedAnswer]
    groups: list[tuple[str, list[ReportedAnswer]]]  # (the bank section's title, its answers)


@dataclass(frozen=True)
class Function:
    """What foot pain made harder, one line an activity, and the one thing they most want to
    be able to do again."""

    kind: ClassVar[str] = "function"
    heading: str
    lines: list[tuple[str, str]]  # (activity, how often, or the bank's "not answered")
    goal_label: str
    goal: str | None


@dataclass(frozen=True)
class Changes:
    """What changed since the last full walkthrough kept (issue 13), and the chart's words."""

    kind: ClassVar[str] = "changes"
    heading: str
    lines: list[str]
    chart_words: str
    since_last: SinceLast


@dataclass(frozen=True)
class Listed:
    """A heading over a plain list: what does not apply, or questions to ask."""

    heading: str
    items: list[str]
    kind: str  # "negatives" or "questions", for formats that style them apart


@dataclass(frozen=True)
class Patterns:
    """The contributors that may be worth raising, compact: each title with what the person
    said that raised it (their explanations follow later, in `Explanations`)."""

    kind: ClassVar[str] = "patterns"
    heading: str
    note: str  # "in the source document's order; not ranked"
    because: str  # the label over each contributor's reasons
    items: list[ContributorEntry]


@dataclass(frozen=True)
class Explanations:
    kind: ClassVar[str] = "explanations"
    heading: str
    items: list[ContributorEntry]


@dataclass(frozen=True)
class Notes:
    kind: ClassVar[str] = "notes"
    heading: str
    notes: list[str]


SummarySection = (
    Urgent | Agenda | Reported | Function | Changes | Listed | Patterns | Explanations | Notes
)


def sections(summary: Summary, bank: Bank) -> list[SummarySection]:
    """The summary's sections in the order every format shows them; empty ones left out."""
    words = bank.messages.summary
    listed: list[SummarySection] = [
        Urgent(words.red_flags, [FlagLevel(bank.messages.levels[level].marker, flags)
                                 for level, flags in by_level(summary.red_flags)]),
        Agenda(words.agenda, summary.agenda),
        Reported(words.reported, words.how_much, summary.pain_numbers,
                 _by_section(summary.reported)),
        Function(words.function,
                 [(line.activity, line.how_often or words.not_answered)
                  for line in summary.function],
                 words.goal, summary.goal),
        *_changes(summary),
        Listed(words.negatives, summary.pertinent_negatives, "negatives"),
        Patterns(words.contributors, words.contributors_note, words.because,
                 summary.contributors),
        Explanations(words.explanations, summary.contributors),
        Listed(words.questions, summary.other_questions, "questions"),
        Notes(words.notes, summary.notes),
    ]  # fmt: skip
    return [section for section in listed if _has_items(section)]


def _changes(summary: Summary) -> list[Changes]:
    changes = summary.since_last
    if changes is None:
        return []
    heading = since_heading(changes)
    return [Changes(heading, changes.lines, chart_words(changes), changes)]


def date_line(summary: Summary, bank: Bank, between: str = " · ") -> str:
    line = f"{summary.created.isoformat()}{between}fibrofoot {summary.tool_version}"
    if summary.finished_early:
        return f"{line}{between}{bank.messages.summary.finished_early}"
    return line


def pain_numbers_line(section: Reported, between: str = " · ") -> str:
    """The pain numbers on one line, each with its own label: "Right now: 5 out of 10 · ..."."""
    return between.join(f"{answer.label}: {answer.answer}" for answer in section.pain_numbers)


def _by_section(reported: list[ReportedAnswer]) -> list[tuple[str, list[ReportedAnswer]]]:
    return [(title, list(items)) for title, items in groupby(reported, lambda r: r.section)]


def _has_items(section: SummarySection) -> bool:
    match section:
        case Urgent():
            return bool(section.levels)
        case Reported():
            return bool(section.groups or section.pain_numbers)
        case Function():
            return bool(section.lines or section.goal)
        case Agenda() | Listed() | Patterns() | Explanations():
            return bool(section.items)
        case Notes():
            return bool(section.notes)
        case Changes():
            return True
