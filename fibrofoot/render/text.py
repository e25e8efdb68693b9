"""Plain text for a terminal or a printer, wrapped to a width."""

from __future__ import annotations

from fibrofoot.bank.models import Bank
from fibrofoot.render.common import HEADINGS, TITLE, date_line, reported_by_section
from fibrofoot.safe_text import wrap_paragraph
from fibrofoot.summary import Summary


def render_text(summary: Summary, bank: Bank, width: int = 72) -> str:
    width = max(width, 40)
    out: list[str] = []

    def para(text: str, indent: str = "", first: str | None = None) -> None:
        out.extend(wrap_paragraph(text, width, indent, first))

    def heading(text: str) -> None:
        out.extend(["", text.upper(), "-" * min(len(text), width)])

    para(TITLE.upper())
    para(date_line(summary))
    para(summary.about)
    if summary.red_flags:
        heading(HEADINGS["red_flags"])
        for flag in summary.red_flags:
            para(f"{flag.title}: {flag.message}", "    ", "  ! ")
            para(flag.where_to_go, "    ")
    if summary.reported:
        heading(HEADINGS["reported"])
        for section, items in reported_by_section(summary):
            para(section, "  ")
            for item in items:
                para(f"{item.label}: {item.answer}", "      ", "    - ")
    if summary.pertinent_negatives:
        heading(HEADINGS["negatives"])
        for negative in summary.pertinent_negatives:
            para(negative, "    ", "  - ")
    if summary.contributors:
        heading(HEADINGS["contributors"])
        para(HEADINGS["contributors_note"])
        for contributor in summary.contributors:
            out.append("")
            para(contributor.title, "  ", "  * ")
            para(f"{HEADINGS['because']}:", "    ")
            for reason in contributor.reasons:
                para(reason, "        ", "      - ")
            para(contributor.explanation, "    ")
    if summary.questions_to_ask:
        heading(HEADINGS["questions"])
        for question in summary.questions_to_ask:
            para(question, "    ", "  - ")
    if summary.notes:
        heading(HEADINGS["notes"])
        for note in summary.notes:
            para(note, "  ")
    out.append("")
    para(summary.emergency_line)
    out.append("")
    para(summary.consult_message)
    return "\n".join(out) + "\n"
