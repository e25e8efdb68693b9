"""Plain text for a terminal or a printer, wrapped to a width.

`spoken` is the same text for a screen reader (the summary at the end of a `--plain` walk): no
underlines, bullets or middle dots, which a screen reader reads aloud as symbols or skips
without a pause; the indents and the numbers of the agenda stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fibrofoot.bank.models import Bank
from fibrofoot.render.common import (
    Agenda,
    Changes,
    Explanations,
    Function,
    Listed,
    Notes,
    Patterns,
    Reported,
    SummarySection,
    Urgent,
    date_line,
    pain_numbers_line,
    sections,
)
from fibrofoot.safe_text import wrap_paragraph
from fibrofoot.summary import Summary


def render_text(summary: Summary, bank: Bank, width: int = 72, *, spoken: bool = False) -> str:
    page = _Page(max(width, 40), spoken)
    page.para(bank.messages.summary.title if spoken else bank.messages.summary.title.upper())
    page.para(date_line(summary, bank, page.between))
    page.para(summary.about)
    for section in sections(summary, bank):
        page.lines.append("")
        if spoken:
            page.para(f"{section.heading}.")
        else:
            page.lines.extend(
                [section.heading.upper(), "-" * min(len(section.heading), page.width)]
            )
        page.section(section)
    page.lines.append("")
    page.para(summary.emergency_line)
    page.lines.append("")
    page.para(summary.consult_message)
    return "\n".join(page.lines) + "\n"


@dataclass
class _Page:
    width: int
    spoken: bool = False
    lines: list[str] = field(default_factory=list)

    @property
    def between(self) -> str:
        """Between the parts of one line (the pain numbers, the date line)."""
        return "; " if self.spoken else " · "

    def para(self, text: str, indent: str = "", first: str | None = None) -> None:
        if self.spoken and first is not None and first.strip() in ("-", "*"):
            first = None  # the indent alone: a bullet is read aloud, or skipped
        self.lines.extend(wrap_paragraph(text, self.width, indent, first))

    def section(self, section: SummarySection) -> None:
        match section:
            case Urgent():
                for level in section.levels:
                    first = level.flags[0]
                    self.para(f"{level.marker}: {first.title}. {first.where_to_go}", "  ")
                    for flag in level.flags:
                        self.para(flag.message, "      ", "    - ")
            case Agenda():
                for item in section.items:
                    self.para(item.text, "    ", "  - ")
            case Reported():
                if section.pain_numbers:
                    line = pain_numbers_line(section, self.between)
                    self.para(f"{section.how_much}: {line}", "    ", "  ")
                for title, answers in section.groups:
                    self.para(title, "  ")
                    for answer in answers:
                        self.para(f"{answer.label}: {answer.answer}", "      ", "    - ")
            case Function():
                for activity, how_often in section.lines:
                    self.para(f"{activity}: {how_often}", "    ", "  - ")
                if section.goal:
                    self.para(f"{section.goal_label}: {section.goal}", "    ", "  ")
            case Listed():
                for line in section.items:
                    self.para(line, "    ", "  - ")
            case Patterns():
                self.para(section.note)
                for contributor in section.items:
                    self.para(contributor.title, "    ", "  * ")
                    self.para(" ".join(contributor.reasons), "    ")
            case Explanations():
                for contributor in section.items:
                    self.para(contributor.title, "  ")
                    self.para(contributor.explanation, "    ")
            case Notes():
                for note in section.notes:
                    self.para(note, "  ")
            case Changes():
                for line in section.lines:
                    self.para(line, "    ", "  - ")
                if section.chart_words:
                    self.para(section.chart_words, "  ")
