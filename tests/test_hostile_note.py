"""A hostile note (markup, scripts, terminal escapes, bidi overrides, 10,000 characters) is shown as
harmless text in every format (on the tiny bank; the consult message staying last is
tests/test_safety_wording.py's)."""

from __future__ import annotations

import json

import pytest
from helpers.render_fixtures import parse_html, tiny_summary
from helpers.strategies import tiny_test_bank
from markdown_it import MarkdownIt

from fibrofoot.render.formats import FORMATS, render
from fibrofoot.safe_text import harmless

PARTS = [
    "<b>bold</b> <script>alert('x')</script> <img src=x onerror=alert(1)>",
    "[x](http://evil.example) ![y](http://evil.example/i.png) <http://evil.example>",
    "# heading\n---\n> quote\n```\ncode\n```",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x9b31m \x00 \r\n\t",
    "مرحبا بالطبيب שלום רופא \u202eevil\u202c \u2066isolate\u2069",
    "emoji 🦶😀👩🏽‍⚕️ & &amp; &lt;",
]
HOSTILE = "\n".join(PARTS) + "\n" + ("a long note " * 900)
assert len(HOSTILE) >= 10_000

RAW_CONTROLS = ["\x1b", "\x07", "\x9b", "\x00", "\r", "\u202e", "\u2066"]


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    summary = tiny_summary("heel", note=HOSTILE)
    return {fmt: render(summary, fmt, tiny_test_bank()) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_no_raw_control_or_bidi_characters(fmt: str, outputs: dict[str, str]) -> None:
    """Escapes and direction overrides are shown as visible \\uXXXX, never sent raw."""
    for char in RAW_CONTROLS:
        assert char not in outputs[fmt], repr(char)
    assert "\\u001b[31mred" in outputs[fmt].replace("\\\\", "\\").replace("\\[", "[")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_right_to_left_text_and_emoji_are_kept(fmt: str, outputs: dict[str, str]) -> None:
    """Arabic, Hebrew and emoji are ordinary text and stay as written."""
    text = outputs[fmt]
    for word in ("مرحبا", "שלום", "🦶", "👩🏽‍⚕️"):
        assert word in text


def test_text(outputs: dict[str, str]) -> None:
    """Plain text holds the note's markup as the characters typed."""
    assert "<script>alert('x')</script>" in outputs["text"]


def test_html(outputs: dict[str, str]) -> None:
    """HTML: the note is escaped text; it adds no script, image, link or bold tag."""
    html = outputs["html"]
    clean = render(tiny_summary("heel"), "html", tiny_test_bank())
    for raw in ("<script", "<img", "<b>"):
        assert raw not in html, raw
    assert "&lt;script&gt;" in html
    parsed = parse_html(html)
    assert parsed.tag_names() == parse_html(clean).tag_names()
    notes = [text for _, text, attributes in parsed.blocks if attributes.get("class") == "note"]
    assert notes == [harmless(HOSTILE)]


def _blocks(markdown: str) -> list[str]:
    """The block structure, leaving out plain paragraphs (all a note may add)."""
    plain = {"paragraph_open", "paragraph_close", "inline"}
    return [t.type for t in MarkdownIt("commonmark").parse(markdown) if t.type not in plain]


def test_markdown(outputs: dict[str, str]) -> None:
    """Markdown: no live link, image, tag, heading or code block comes from the note."""
    markdown = outputs["markdown"]
    clean = render(tiny_summary("heel"), "markdown", tiny_test_bank())
    assert _blocks(markdown) == _blocks(clean)
    tokens = MarkdownIt("commonmark").parse(markdown)
    inline = {c.type for t in tokens if t.type == "inline" for c in t.children or []}
    assert not inline & {"link_open", "image", "html_inline", "code_inline"}
    assert "<script>" not in markdown
    assert "&lt;script&gt;" in markdown


def test_json(outputs: dict[str, str]) -> None:
    """JSON parses back to exactly the note that was written."""
    data = json.loads(outputs["json"])
    assert data["notes"] == [HOSTILE]
    assert data["answers"]["note"] == HOSTILE


def test_fhir(outputs: dict[str, str]) -> None:
    """FHIR: the note is the valueString as written; the file itself is plain ASCII."""
    response = json.loads(outputs["fhir"])
    [note] = [
        item for group in response["item"] for item in group["item"] if item["linkId"] == "note"
    ]
    assert note["answer"] == [{"valueString": HOSTILE}]
    assert outputs["fhir"].isascii()
