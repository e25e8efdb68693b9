"""Markdown, on the tiny bank: valid CommonMark in the summary's order, with every piece of text
kept literal."""

from __future__ import annotations

import pytest
from helpers.render_fixtures import TINY_SUMMARIES, tiny_summary
from helpers.strategies import PROPERTY
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from fibrofoot.bank.models import Bank
from fibrofoot.render.common import sections
from fibrofoot.render.markdown import md_inline, md_paragraphs, render_markdown
from fibrofoot.safe_text import harmless

COMMONMARK = MarkdownIt("commonmark")
INLINE_TEXT = {"text", "softbreak", "hardbreak"}


def _inline_children(tokens: list[Token]) -> list[Token]:
    return [child for token in tokens if token.type == "inline" for child in token.children or []]


def _text_of(tokens: list[Token]) -> str:
    return "".join(
        "\n" if t.type in {"softbreak", "hardbreak"} else t.content
        for t in _inline_children(tokens)
    )


def _headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (token.tag, tokens[index + 1].content)
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


@pytest.mark.parametrize("persona", sorted(TINY_SUMMARIES))
def test_sections_in_the_summary_order(persona: str, tiny_bank: Bank) -> None:
    """The title, then the summary's sections with the bank's headings; contributors in order."""
    summary = tiny_summary(persona)
    tokens = COMMONMARK.parse(render_markdown(summary, tiny_bank))
    assert [text for tag, text in _headings(tokens) if tag == "h1"] == ["Tiny summary title"]
    h2 = [text for tag, text in _headings(tokens) if tag == "h2"]
    assert h2 == [s.heading for s in sections(summary, tiny_bank)]
    h3 = [text for tag, text in _headings(tokens) if tag == "h3"]
    titles = [c.title for c in summary.contributors]
    assert [t for t in h3 if t in titles] == titles


@pytest.mark.parametrize("persona", sorted(TINY_SUMMARIES))
def test_no_links_or_html(persona: str, tiny_bank: Bank) -> None:
    """The summary holds no links, images or raw HTML, only text, emphasis and lists."""
    tokens = COMMONMARK.parse(render_markdown(tiny_summary(persona), tiny_bank))
    found = {t.type for t in [*tokens, *_inline_children(tokens)]}
    assert not found & {"link_open", "image", "html_inline", "html_block", "code_inline"}


@pytest.mark.parametrize(
    ("note", "literal"),
    [
        ("[x](http://evil)", "[x](http://evil)"),
        ("# heading", "# heading"),
        ("<b>bold</b>", "<b>bold</b>"),
        ("Tom & Jerry &amp; &copy;", "Tom & Jerry &amp; &copy;"),
        ("1. first\n2) second", "1. first\n2) second"),
        ("- a\n+ b\n* c\n> quote", "- a\n+ b\n* c\n> quote"),
        ("Title\n===", "Title\n==="),
        ("Title\n---", "Title\n---"),
        ("    indented code", "indented code"),
        ("```\nfence\n```", "```\nfence\n```"),
        ("*em* _em_ **strong** `code` ~~del~~", "*em* _em_ **strong** `code` ~~del~~"),
        ("![img](x.png) <http://a.b> www.evil.com me@evil.com", None),
        ("[ref]: http://evil\n[ref]", "[ref]: http://evil\n[ref]"),
        ("| a | b |\n|---|---|", "| a | b |\n|---|---|"),
        ("back\\slash \\* \\", "back\\slash \\* \\"),
    ],
)
def test_note_stays_literal(note: str, literal: str | None) -> None:
    """Markdown and HTML in a note render as the characters typed, never as markup."""
    tokens = COMMONMARK.parse("\n\n".join(md_paragraphs(note)))
    children = _inline_children(tokens)
    assert {t.type for t in children} <= INLINE_TEXT
    assert [t.type for t in tokens if t.type.endswith("_open")] == ["paragraph_open"] * len(
        [t for t in tokens if t.type == "paragraph_open"]
    )
    assert _text_of(tokens) == (note if literal is None else literal)


def test_bare_urls_are_not_autolinked_by_gfm_style_renderers() -> None:
    """'http://' and 'www.' are broken with an escape that renders as nothing."""
    escaped = md_inline("see http://evil.example and www.evil.example or a@b.example")
    assert "http://" not in escaped
    assert "www." not in escaped
    assert "@" not in escaped.replace("\\@", "")


TRICKY = [*"\\`*_[]{}()<>&#!|~$@:/.=+-) \n\t1wh", "http://", "www.", "&amp;", "    "]


@given(st.lists(st.one_of(st.sampled_from(TRICKY), st.characters()), max_size=40).map("".join))
@PROPERTY
def test_any_text_renders_as_itself(text: str) -> None:
    """Whatever the text, CommonMark renders exactly its (harmless) characters, no markup."""
    lines = [line.strip() for line in harmless(text).split("\n")]
    expected = " ".join(line for line in lines if line)
    tokens = COMMONMARK.parse(md_inline(text))
    assert {t.type for t in _inline_children(tokens)} <= INLINE_TEXT
    assert _text_of(tokens) == expected
    listed = _inline_children(COMMONMARK.parse(f"- **Label:** {md_inline(text)}"))
    assert [t.type for t in listed if t.type not in INLINE_TEXT] == ["strong_open", "strong_close"]
