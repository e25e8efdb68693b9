"""One paragraph wrapper for the plain-text summary and the terminal; groups of red flags."""

from __future__ import annotations

import io

import pytest
from helpers.render_fixtures import tiny_summary
from helpers.strategies import tiny_test_bank

from fibrofoot.bank.models import LEVEL_ORDER
from fibrofoot.rules import HasLevel, by_level
from fibrofoot.safe_text import wrap_paragraph
from fibrofoot.terminal.screen import say


def test_the_bullet_goes_on_the_first_line_only() -> None:
    """A text of several lines is one item: one bullet, the other lines indented."""
    assert wrap_paragraph("a\nb", 40, "    ", "  - ") == ["  - a", "    b"]


def test_lines_wrap_under_the_indent_and_stay_harmless() -> None:
    """Long lines wrap under the indent; control characters are shown, not sent."""
    lines = wrap_paragraph("one two three four\x1b five", 12, "  ", "* ")
    assert lines == ["* one two", "  three", "  four\\u001b", "  five"]
    assert wrap_paragraph("", 40, "    ") == [""]


def test_say_prints_the_same_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal shows the wrapped paragraph, bullet on the first line only."""
    monkeypatch.setenv("COLUMNS", "80")
    out = io.StringIO()
    say(out, "a\nb", "    ", "  - ")
    assert out.getvalue() == "  - a\n    b\n"


def test_say_keeps_long_words_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long path on the terminal is not cut, so it can be copied."""
    monkeypatch.setenv("COLUMNS", "40")
    out = io.StringIO()
    path = "/home/someone/" + "x" * 60 + "/answers.yaml"
    say(out, f"Saved to {path}")
    assert path in out.getvalue().splitlines()


@pytest.mark.parametrize("source", ["bank", "summary"])
def test_by_level_groups_summary_and_bank_flags(source: str) -> None:
    """Most urgent level first, each level once, order kept within a level."""
    flags: list[HasLevel] = list(
        tiny_test_bank().red_flags if source == "bank" else tiny_summary("everything").red_flags
    )
    groups = by_level(reversed(flags))
    levels = [level for level, _ in groups]
    assert levels == [level for level in LEVEL_ORDER if level in levels]
    for level, group in groups:
        assert group == [f for f in reversed(flags) if f.level == level]
    assert sum(len(group) for _, group in groups) == len(flags)
