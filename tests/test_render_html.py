"""Printable HTML, on the tiny bank: self-contained, in the summary's order, escaped, with a foot
map drawn from the bank's mapping."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from helpers.render_fixtures import TINY_SUMMARIES, parse_html, tiny_summary
from helpers.strategies import PROPERTY, tiny_test_bank, user_text
from hypothesis import given

from fibrofoot.answers import Answers
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank, MapRegion
from fibrofoot.render.common import sections
from fibrofoot.render.footmap import SHAPES, FootMap, foot_map
from fibrofoot.render.html import render_html
from fibrofoot.safe_text import harmless
from fibrofoot.summary import Summary

ALL = sorted(TINY_SUMMARIES)


def _with_answers(answers: Answers) -> Summary:
    """A summary holding exactly these raw answers (the foot map reads only those)."""
    return tiny_summary("few").model_copy(update={"answers": answers})


def _map(answers: Answers, bank: Bank | None = None) -> FootMap:
    footmap = foot_map(_with_answers(answers), bank or tiny_test_bank())
    assert footmap is not None
    return footmap


@pytest.mark.parametrize("persona", ALL)
def test_self_contained(persona: str, tiny_bank: Bank) -> None:
    """No scripts, no external requests of any kind: nothing loads from anywhere."""
    html = render_html(tiny_summary(persona), tiny_bank)
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


# --- the foot map ---------------------------------------------------------------------------


def _shaded(footmap: FootMap) -> dict[tuple[str, str], int]:
    return {(p.view, p.side): len(p.shades) for p in footmap.panels}


def test_one_foot_is_shaded_when_one_side_hurts() -> None:
    """Left heel pain shades the left sole only; the words come from the bank."""
    footmap = _map({"where": ["heel"], "side": "left"})
    assert _shaded(footmap) == {
        ("sole", "left"): 1,
        ("sole", "right"): 0,
        ("top", "left"): 0,
        ("top", "right"): 0,
    }
    assert footmap.caption == "Tiny where: tiny heel. tiny shaded on tiny left foot."
    labels = [(p.side, label.text) for p in footmap.panels for label in p.labels]
    assert labels == [("left", "Tiny heel")]
    assert [p.name for p in footmap.panels] == ["Tiny left", "Tiny right"] * 2
    assert [title for title, _ in footmap.row_titles] == ["Tiny soles", "Tiny tops"]


@pytest.mark.parametrize(
    ("side", "feet"), [("both", "tiny both feet"), (None, "tiny both feet unanswered")]
)
def test_both_feet_are_shaded_unless_one_side_is_named(side: str | None, feet: str) -> None:
    """Both, or unanswered: both feet are shaded and the caption says which it was."""
    answers: Answers = {"where": ["whole_foot"]}
    if side is not None:
        answers["side"] = side
    footmap = _map(answers)
    assert _shaded(footmap) == {
        ("sole", "left"): 1,
        ("sole", "right"): 1,
        ("top", "left"): 1,
        ("top", "right"): 1,
    }
    assert footmap.caption.endswith(f" {feet}.")


def test_answers_the_mapping_leaves_out_are_not_drawn() -> None:
    """An answer with no map_areas entry draws nothing; with no mapped answer there is no map."""
    footmap = _map({"where": ["heel", "toes"], "side": "right"})
    assert "toes" not in footmap.caption.lower()
    assert sum(len(p.shades) for p in footmap.panels) == 1
    assert foot_map(_with_answers({"where": ["toes"]}), tiny_test_bank()) is None
    assert foot_map(_with_answers({}), tiny_test_bank()) is None
    assert "<svg" not in render_html(tiny_summary("few"), tiny_test_bank())


def test_whole_foot_is_drawn_lightly_under_the_other_areas() -> None:
    """'Whole foot' is a light shade drawn first, so named areas stay visible on top of it."""
    footmap = _map({"where": ["heel", "whole_foot"], "side": "right"})
    sole = next(p for p in footmap.panels if (p.view, p.side) == ("sole", "right"))
    assert [shade.light for shade in sole.shades] == [True, False]


def test_renaming_the_words_in_the_bank_changes_the_map(tiny_bank_copy: Path) -> None:
    """The words on the map and in its caption are the bank's: edit them and the map follows."""
    path = tiny_bank_copy / "20-pain.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("word: Tiny heel", "word: Renamed heel"), encoding="utf-8")
    footmap = _map({"where": ["heel"], "side": "left"}, load_bank(tiny_bank_copy))
    assert [label.text for p in footmap.panels for label in p.labels] == ["Renamed heel"]


def test_every_region_a_bank_may_name_has_a_shape() -> None:
    """The regions the bank's map_areas may use (MapRegion) are exactly the shapes drawn."""
    assert set(SHAPES) == set(get_args(MapRegion))


@pytest.mark.parametrize("persona", ALL)
def test_map_in_the_page_matches_the_answers(persona: str, tiny_bank: Bank) -> None:
    """The page holds the map (labelled, captioned) exactly when mapped areas were reported."""
    summary = tiny_summary(persona)
    footmap = foot_map(summary, tiny_bank)
    page = parse_html(render_html(summary, tiny_bank))
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
