"""A hostile note (markup, scripts, terminal escapes, bidi overrides, 10,000 characters) is shown as
harmless text in every format (on the tiny bank; the consult message staying last is
tests/test_safety_wording.py's)."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from helpers.render_fixtures import parse_html, tiny_summary
from helpers.strategies import tiny_test_bank
from markdown_it import MarkdownIt

from fibrofoot.render.fhir import questionnaire_json
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


# Raw in JSON but active on a terminal or misleading to a reader: DEL, the C1 controls, the line
# and paragraph separators, the bidi overrides and isolates (json.dumps escapes only the C0 ones).
JSON_ACTIVE = ["\x7f", *map(chr, range(0x80, 0xA0)), "\u2028", "\u2029"] + [
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
]


@pytest.mark.parametrize("fmt", ["json", "fhir"])
def test_json_formats_escape_every_active_character(fmt: str) -> None:
    """A note holding each of them comes out with none of them raw, as valid JSON (for FHIR a
    valid R4B QuestionnaireResponse) that reads back as the note that was written."""
    note = "before " + " ".join(JSON_ACTIVE) + " after"
    out = render(tiny_summary("heel", note=note), fmt, tiny_test_bank())
    assert [char for char in JSON_ACTIVE if char in out] == []
    data = json.loads(out)
    if fmt == "json":
        assert data["notes"] == [note]
        return
    QuestionnaireResponse.model_validate(data)
    [answer] = [
        item["answer"]
        for group in data["item"]
        for item in group["item"]
        if item["linkId"] == "note"
    ]
    assert answer == [{"valueString": note}]


def test_questionnaire_escapes_every_active_character() -> None:
    """The Questionnaire of a bank that skipped the check, with them in a question, is valid R4B
    JSON with none of them raw."""
    bank = tiny_test_bank()
    first = bank.sections[0]
    hostile = first.questions[0].model_copy(update={"text": "Where " + "".join(JSON_ACTIVE)})
    section = first.model_copy(update={"questions": [hostile, *first.questions[1:]]})
    bank = bank.model_copy(update={"sections": [section, *bank.sections[1:]]})
    out = questionnaire_json(bank, "0.1.0")
    assert [char for char in JSON_ACTIVE if char in out] == []
    form = json.loads(out)
    Questionnaire.model_validate(form)
    assert form["item"][0]["item"][0]["text"] == hostile.text
