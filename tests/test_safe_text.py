"""One paragraph wrapper for the plain-text summary and the terminal."""

from __future__ import annotations

import io

import pytest

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
