"""Printable HTML, on the tiny bank: self-contained, in the summary's order, escaped (the foot
map is tested in test_footmap.py)."""

from __future__ import annotations

import re

import pytest
from helpers.render_fixtures import TINY_SUMMARIES, parse_html, tiny_summary
from helpers.strategies import PROPERTY, tiny_test_bank, user_text
from hypothesis import given

from fibrofoot.bank.models import Bank
from fibrofoot.render.common import sections
from fibrofoot.render.html import render_html
from fibrofoot.safe_text import harmless

ALL = sorted(TINY_SUMMARIES)


@pytest.mark.parametrize("persona", ALL)
def test_self_contained(persona: str, tiny_bank: Bank) -> None:
    """No scripts, no external requests of any kind: nothing loads from anywhere (the only
    url() is the foot map's clip paths, which point inside the page)."""
    html = render_html(tiny_summary(persona), tiny_bank)
    lowered = html.lower()
    for forbidden in (
        "<script",
        "http://",
        "https://",
        "@import",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        " src=",
        " href=",
        "javascript:",
    ):
        assert forbidden not in lowered, forbidden
    assert not re.search(r"url\((?!#footmap-)", lowered)
    assert "default-src 'none'" in html


def test_print_stylesheet(tiny_bank: Bank) -> None:
    """The page carries its stylesheet: an @page rule and blocks kept whole when printed."""
    html = render_html(tiny_summary("heel"), tiny_bank)
    assert re.search(r"@page\s*\{[^}]*margin", html)
    assert "break-inside: avoid" in html


@pytest.mark.parametrize("persona", ALL)
def test_sections_in_the_summary_order(persona: str, tiny_bank: Bank) -> None:
    """Title, date line, about; then the summary's sections with the bank's headings."""
    summary = tiny_summary(persona)
    page = parse_html(render_html(summary, tiny_bank))
    assert page.texts("h1") == [tiny_bank.messages.summary.title]
    assert page.texts("p")[:2] == [f"2026-01-15 · fibrofoot {summary.tool_version}", summary.about]
    assert page.texts("h2") == [s.heading for s in sections(summary, tiny_bank)]
    titles = [c.title for c in summary.contributors]
    assert [t for t in page.texts("h3") if t in titles] == titles


@pytest.mark.parametrize("persona", ALL)
def test_everything_reported_is_shown(persona: str, tiny_bank: Bank) -> None:
    """Each answer, red flag, negative and question appears once; the agenda in order, each
    how-often line and the goal; each contributor's reasons are one paragraph beside its
    title, and its explanation is shown."""
    summary = tiny_summary(persona)
    words = tiny_bank.messages.summary
    page = parse_html(render_html(summary, tiny_bank))
    pairs = list(zip(page.texts("dt"), page.texts("dd"), strict=True))
    assert pairs == [(r.label, r.answer) for r in summary.reported]
    items = page.texts("li")
    agenda = [item.text for item in summary.agenda]
    assert [item for item in items if item in agenda] == agenda
    for line in summary.function:
        assert f"{line.activity}: {line.how_often or words.not_answered}" in items
    goals = [text for tag, text, attrs in page.blocks if attrs.get("class") == "goal"]
    assert goals == ([f"{words.goal}: {summary.goal}"] if summary.goal else [])
    for text in [f.message for f in summary.red_flags] + summary.pertinent_negatives:
        assert text in items
    because = tiny_bank.messages.summary.because
    reasons = [text for tag, text, attrs in page.blocks if attrs.get("aria-label") == because]
    assert reasons == [" ".join(c.reasons) for c in summary.contributors]
    explanations = [text for tag, text, attrs in page.blocks if attrs.get("class") == "explanation"]
    assert explanations == [f"{c.title}. {c.explanation}" for c in summary.contributors]
    for question in summary.other_questions:
        assert items.count(question) == 1


def test_own_words_keep_their_direction_and_line_breaks(tiny_bank: Bank) -> None:
    """The person's own agenda words are marked as theirs (shown as typed, in their own text
    direction); a picked suggestion is plain."""
    page = parse_html(render_html(tiny_summary("heel_agenda"), tiny_bank))
    agenda = {text: attrs for tag, text, attrs in page.blocks if tag == "li" and "?" in text}
    assert agenda["My own words: can I keep working?"] == {"class": "own", "dir": "auto"}
    assert agenda["Tiny suggestion picked?"] == {}


@given(user_text())
@PROPERTY
def test_any_note_is_shown_as_typed(note: str) -> None:
    """Whatever the note, the page shows its harmless characters and adds no tags."""
    bank = tiny_test_bank()
    clean = render_html(tiny_summary("few", note=""), bank)
    page = parse_html(render_html(tiny_summary("few", note=note), bank))
    notes = [text for tag, text, attrs in page.blocks if attrs.get("class") == "note"]
    if note.strip():
        assert notes == [harmless(note)]
    else:
        assert notes == []
    added = 3 if note.strip() else 0  # <section>, <h2> and <p class="note">
    assert len(page.tags) == len(parse_html(clean).tags) + added
