"""Markdown (CommonMark) that also reads well as plain text.

Every piece of text from the bank or the person goes through `md_text()`, so a note such as
`[x](http://evil)`, `# heading` or `<b>` stays literal text: Markdown punctuation is
backslash-escaped, `<`, `>` and `&` become HTML entities, and bare URLs are broken up so that
renderers with autolinking (GitHub) do not turn them into links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
from fibrofoot.safe_text import harmless
from fibrofoot.summary import Summary

# Inline syntax anywhere in a line: emphasis, code, links, images, tables, strikethrough, math,
# e-mail autolinks, closing heading marks, and the escape character itself.
_INLINE = re.compile(r"([\\`*_\[\]{}|~$@#])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Block syntax at the start of a line: headings, list items, setext underlines, ordered lists.
_LINE_START = re.compile(r"^(?:\d+(?=[.)]))?([+=.)-])")
_URL = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<=www)(\.)")


def md_text(text: str) -> str:
    """`text` as literal Markdown; newlines are kept (the caller decides what they mean)."""
    lines = []
    for line in harmless(text).split("\n"):
        line = _INLINE.sub(r"\\\1", line.strip())
        line = re.sub(r"[&<>]", lambda m: _ENTITIES[m.group()], line)
        line = _URL.sub(lambda m: "\\" + m.group(), line)
        line = _LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group(1), line)
        lines.append(line)
    return "\n".join(lines)


def md_inline(text: str) -> str:
    """`text` on one line, for list items and headings."""
    return " ".join(part for part in md_text(text).split("\n") if part)


def md_paragraphs(text: str) -> list[str]:
    """`text` as paragraphs: blank lines separate them, single newlines become line breaks."""
    paragraphs = re.split(r"\n\s*\n", md_text(text).strip("\n"))
    return ["\\\n".join(line for line in p.split("\n") if line) for p in paragraphs if p.strip()]


def render_markdown(summary: Summary, bank: Bank) -> str:
    blocks: list[str] = [
        f"# {md_inline(bank.messages.summary.title)}",
        md_inline(date_line(summary, bank)),
    ]
    blocks.append(f"*{md_inline(summary.about)}*")
    for section in sections(summary, bank):
        blocks.append(f"## {md_inline(section.heading)}")
        blocks.extend(_section(section))
    blocks.append("---")
    blocks.append(md_inline(summary.emergency_line))
    blocks.append(f"**{md_inline(summary.consult_message)}**")
    return "\n\n".join(blocks) + "\n"


def _section(section: SummarySection) -> list[str]:
    blocks: list[str] = []
    match section:
        case Urgent():
            for level in section.levels:
                first = level.flags[0]
                blocks.append(
                    f"**{md_inline(level.marker)}: {md_inline(first.title)}.** "
                    + md_inline(first.where_to_go)
                )
                blocks.append(_bullets(flag.message for flag in level.flags))
        case Agenda():
            blocks.append(_bullets(item.text for item in section.items))
        case Reported():
            if section.pain_numbers:
                blocks.append(
                    f"**{md_inline(section.how_much)}:** {md_inline(pain_numbers_line(section))}"
                )
            for title, items in section.groups:
                blocks.append(f"### {md_inline(title)}")
                blocks.append(
                    "\n".join(f"- **{md_inline(i.label)}:** {md_inline(i.answer)}" for i in items)
                )
        case Function():
            if section.lines:
                blocks.append(
                    "\n".join(
                        f"- **{md_inline(activity)}:** {md_inline(how_often)}"
                        for activity, how_often in section.lines
                    )
                )
            if section.goal:
                blocks.append(f"**{md_inline(section.goal_label)}:** {md_inline(section.goal)}")
        case Listed():
            blocks.append(_bullets(section.items))
        case Patterns():
            blocks.append(f"*{md_inline(section.note)}*")
            blocks.append(
                "\n".join(
                    f"- **{md_inline(c.title)}:** {md_inline(' '.join(c.reasons))}"
                    for c in section.items
                )
            )
        case Explanations():
            for contributor in section.items:
                blocks.append(f"### {md_inline(contributor.title)}")
                blocks.append(md_inline(contributor.explanation))
        case Notes():
            for note in section.notes:
                blocks.extend(md_paragraphs(note))
        case Changes():
            blocks.append(_bullets(section.lines))
            if section.chart_words:
                blocks.append(f"*{md_inline(section.chart_words)}*")
    return blocks


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {md_inline(item)}" for item in items)
