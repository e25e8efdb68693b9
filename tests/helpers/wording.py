"""The one owner of the two safety promises' readers; the rule itself is fibrofoot.bank.wording.

- `last_paragraph(fmt, output)`: the last paragraph of an output, read in the format's own
  structure (the last paragraph of text, the last Markdown block, the last text block of the
  HTML <body>, the last JSON key, the last paragraph of the FHIR narrative). A terminal
  transcript or stderr is read as text.
- `assert_wording(text)`: fails naming the forbidden phrases found.
- `assert_safe_ending(fmt, output, consult, where)`: both at once, on what a reader of the format
  sees; tests/test_safety_wording.py applies it to every format and every exit path.
- `is_harmless_user_text(text)`: whether a person's own note can be quoted in output without
  ever showing a forbidden phrase.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree import ElementTree

from fibrofoot.bank.wording import ALLOWED_DIAGNOS, FORBIDDEN, SPACE, forbidden_in, plain

__all__ = [
    "ALLOWED_DIAGNOS",
    "FORBIDDEN",
    "LAST",
    "assert_safe_ending",
    "assert_wording",
    "forbidden_in",
    "is_harmless_user_text",
    "last_paragraph",
    "words",
]

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def words(text: str) -> str:
    """Text with wrapping undone: runs of whitespace read as one space."""
    return " ".join(text.split())


def _last_text_paragraph(output: str) -> str:
    """After the last blank line; terminal escapes and carriage returns left out."""
    text = _ANSI.sub("", output).replace("\r", "")
    return [p for p in _BLANK_LINE.split(text) if p.strip()][-1]


def _last_markdown_block(output: str) -> str:
    """The text of the last block; it must be followed by nothing but closing tokens."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(output)
    last = max(i for i, token in enumerate(tokens) if token.type == "inline")
    assert all(token.nesting == -1 for token in tokens[last + 1 :]), tokens[last + 1 :]
    parts = []
    for child in tokens[last].children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _last_html_block(output: str) -> str:
    from helpers.render_fixtures import parse_html  # imported here: it imports this module

    pieces = parse_html(output).pieces
    last = pieces[-1][0]
    return " ".join(text for block, text in pieces if block == last)


def _last_json_value(output: str) -> str:
    data = json.loads(output)
    assert list(data)[-1] == "consult_message", list(data)[-3:]
    return str(data["consult_message"])


def _last_fhir_paragraph(output: str) -> str:
    div = ElementTree.fromstring(json.loads(output)["text"]["div"])  # noqa: S314 - our own output
    return "".join(list(div)[-1].itertext())


LAST: dict[str, Callable[[str], str]] = {
    "text": _last_text_paragraph,
    "markdown": _last_markdown_block,
    "html": _last_html_block,
    "json": _last_json_value,
    "fhir": _last_fhir_paragraph,
}


def last_paragraph(fmt: str, output: str) -> str:
    """The last paragraph of `output` in format `fmt`, as words."""
    return words(LAST[fmt](output))


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON document, keys left out."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def readable_text(fmt: str, output: str) -> str:
    """What a reader of the format sees: decoded JSON strings, HTML without tags or entities."""
    if fmt in ("json", "fhir"):
        return "\n".join(_strings(json.loads(output)))
    if fmt == "html":
        from helpers.render_fixtures import parse_html

        return "\n".join(text for _, text in parse_html(output).pieces)
    return output


def assert_wording(text: str, where: str = "output") -> None:
    """Fail naming the forbidden phrases found in `text`."""
    found = forbidden_in(text)
    assert not found, f"{where} contains forbidden wording {found}: {text[:300]!r}"


def assert_safe_ending(fmt: str, output: str, consult: str, where: str) -> None:
    """No forbidden wording (as written and as read), and the consult message last."""
    assert_wording(output, f"{where} ({fmt})")
    assert_wording(readable_text(fmt, output), f"{where} ({fmt}, as read)")
    last = last_paragraph(fmt, output)
    assert last == words(consult), f"{where} ({fmt}) ends with {last[-300:]!r}"


def is_harmless_user_text(text: str) -> bool:
    """True when no forbidden phrase can appear in output quoting `text`, however it is wrapped.

    A person's own note is printed as written; wrapping may split a long word over two lines,
    which reads as a space, so the phrases are also looked for with all whitespace removed.
    """
    if forbidden_in(text):
        return False
    squeezed = SPACE.sub("", plain(text))
    return not any(SPACE.sub("", phrase) in squeezed for phrase in FORBIDDEN)
