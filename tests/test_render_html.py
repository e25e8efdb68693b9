"""Printable HTML: self-contained, in the summary's order, escaped, with a foot map that matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from helpers.render_fixtures import PERSONAS, expected_headings, parse_html, summary_for
from helpers.strategies import PROPERTY, shipped_bank, user_text

from fibrofoot.answers import Answers
from fibrofoot.render.footmap import AREA_REGIONS, AREAS_QUESTION, foot_map
from fibrofoot.render.html import render_html
from fibrofoot.safe_text import harmless
from fibrofoot.summary import Summary

ALL = [*sorted(PERSONAS), "maximal"]


def _with_answers(answers: Answers) -> Summary:
    """A summary holding exactly these raw answers (the foot map reads only those)."""
    return summary_for("few_answers").model_copy(update={"answers": answers})


@pytest.mark.parametrize("persona", ALL)
def test_self_contained(persona: str) -> None:
    """No scripts, no external requests of any kind: nothing loads from anywhere."""
    html = render_html(summary_for(persona), shipped_bank())
    lowered = html.lower()
    for forbidden in (
        "<script",
        "http://",
        "https://",
        "url(",
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
    assert "default-src 'none'" in html


@pytest.mark.parametrize("persona", ALL)
def test_print_stylesheet(persona: str) -> None:
    """An @page rule and blocks that are kept whole when printed."""
    html = render_html(summary_for(persona), shipped_bank())
    assert re.search(r"@page\s*\{[^}]*margin", html)
    assert "break-inside: avoid" in html


@pytest.mark.parametrize("persona", ALL)
def test_sections_in_the_summary_order(persona: str) -> None:
    """Title, date line, about; then the sections in the text format's order."""
    summary = summary_for(persona)
    page = parse_html(render_html(summary, shipped_bank()))
    assert page.texts("h1") == ["Foot pain summary to discuss with a clinician"]
    paragraphs = page.texts("p")
    assert paragraphs[:2] == [
        f"2026-01-15 · fibrofoot {summary.tool_version}",
        summary.about,
    ]
    assert page.texts("h2") == expected_headings(summary)
    titles = [c.title for c in summary.contributors]
    assert [t for t in page.texts("h3") if t in titles] == titles


@pytest.mark.parametrize("persona", ALL)
def test_consult_message_is_the_last_paragraph(persona: str) -> None:
    """The emergency line and then the consult message close the page; nothing follows."""
    summary = summary_for(persona)
    html = render_html(summary, shipped_bank())
    page = parse_html(html)
    assert page.texts("p")[-2:] == [summary.emergency_line, summary.consult_message]
    tail = html[html.rindex(summary.consult_message) + len(summary.consult_message) :]
    assert re.sub(r"<[^>]+>|\s", "", tail) == ""


@pytest.mark.parametrize("persona", ALL)
def test_everything_reported_is_shown(persona: str) -> None:
    """Each answer, red flag, negative, contributor reason and question appears once."""
    summary = summary_for(persona)
    page = parse_html(render_html(summary, shipped_bank()))
    pairs = list(zip(page.texts("dt"), page.texts("dd"), strict=True))
    assert pairs == [(r.label, r.answer) for r in summary.reported]
    items = page.texts("li")
    for text in [f.message for f in summary.red_flags] + summary.pertinent_negatives:
        assert text in items
    for contributor in summary.contributors:
        for reason in contributor.reasons:
            assert reason in items
    for question in summary.questions_to_ask:
        assert items.count(question) == 1


@given(user_text())
@PROPERTY
def test_any_note_is_shown_as_typed(note: str) -> None:
    """Whatever the note, the page shows its harmless characters and adds no tags."""
    clean = render_html(summary_for("few_answers", note=""), shipped_bank())
    page = parse_html(render_html(summary_for("few_answers", note=note), shipped_bank()))
    notes = [text for tag, text, attrs in page.blocks if attrs.get("class") == "note"]
    if note.strip():
        assert notes == [harmless(note)]
    else:
        assert notes == []
    added = 3 if note.strip() else 0  # <section>, <h2> and <p class="note">
    assert len(page.tags) == len(parse_html(clean).tags) + added


# --- the foot map ---------------------------------------------------------------------------


def _shaded(summary: Summary) -> dict[tuple[str, str], int]:
    footmap = foot_map(summary)
    assert footmap is not None
    return {(p.view, p.side): len(p.shades) for p in footmap.panels}


def test_one_foot_is_shaded_when_one_side_hurts() -> None:
    """Left heel pain shades the left sole only and says so."""
    summary = _with_answers({AREAS_QUESTION: ["heel"], "pain_side": "left"})
    assert _shaded(summary) == {
        ("sole", "left"): 1,
        ("sole", "right"): 0,
        ("top", "left"): 0,
        ("top", "right"): 0,
    }
    footmap = foot_map(summary)
    assert footmap is not None
    assert "left foot" in footmap.caption
    labels = [(p.side, label.text) for p in footmap.panels for label in p.labels]
    assert labels == [("left", "Heel")]


@pytest.mark.parametrize(
    ("side", "because"),
    [
        ("both", "both feet"),
        ("changes_sides", "moves from one foot to the other"),
        ("not_sure", "not sure which foot"),
        (None, "which foot was not answered"),
    ],
)
def test_both_feet_are_shaded_unless_one_side_is_named(side: str | None, because: str) -> None:
    """Both, moving, not sure or unanswered: both feet are shaded and the caption says why."""
    answers: Answers = {AREAS_QUESTION: ["toes", "ankle"]}
    if side is not None:
        answers["pain_side"] = side
    summary = _with_answers(answers)
    assert _shaded(summary) == {
        ("sole", "left"): 1,
        ("sole", "right"): 1,
        ("top", "left"): 2,
        ("top", "right"): 2,
    }
    footmap = foot_map(summary)
    assert footmap is not None
    assert because in footmap.caption


def test_unknown_areas_are_not_drawn() -> None:
    """An area the map does not know draws nothing; with no known area there is no map."""
    summary = _with_answers({AREAS_QUESTION: ["heel", "shin"], "pain_side": "right"})
    footmap = foot_map(summary)
    assert footmap is not None
    assert "shin" not in footmap.caption
    assert sum(len(p.shades) for p in footmap.panels) == 1
    assert foot_map(_with_answers({AREAS_QUESTION: ["shin"]})) is None
    assert foot_map(_with_answers({})) is None
    assert "<svg" not in render_html(summary_for("few_answers"), shipped_bank())


def test_every_area_the_bank_offers_is_on_the_map() -> None:
    """A new pain area in the bank needs a place on the map (footmap.AREA_REGIONS)."""
    offered = {o.value for o in shipped_bank().question(AREAS_QUESTION).options}
    assert offered <= set(AREA_REGIONS)


def test_whole_foot_is_drawn_lightly_under_the_other_areas() -> None:
    """'Whole foot' is a light shade drawn first, so named areas stay visible on top of it."""
    summary = _with_answers({AREAS_QUESTION: ["heel", "whole_foot"], "pain_side": "right"})
    footmap = foot_map(summary)
    assert footmap is not None
    sole = next(p for p in footmap.panels if (p.view, p.side) == ("sole", "right"))
    assert [shade.light for shade in sole.shades] == [True, False]


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_map_in_the_page_matches_the_answers(persona: str) -> None:
    """The page holds the map (labelled, captioned) exactly when areas were reported."""
    summary = summary_for(persona)
    footmap = foot_map(summary)
    page = parse_html(render_html(summary, shipped_bank()))
    if footmap is None:
        assert not any(tag == "svg" for tag, _ in page.tags)
        return
    assert page.texts("figcaption") == [footmap.caption]
    labels = [label.text for p in footmap.panels for label in p.labels]
    shown = page.texts("text")
    assert [t for t in shown if t in labels] == labels
    shaded = [a.get("class") for tag, a in page.tags if tag == "path"]
    assert shaded.count("outline") == 4
    assert len(shaded) - 4 == sum(len(p.shades) for p in footmap.panels)
