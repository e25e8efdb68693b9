"""Text from people and files made harmless to print, and wrapped to a width.

Kept light (no pydantic): every error path and the welcome screen use it.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

# Control characters (C0 but newline, DEL, C1), the bidirectional overrides that can reorder
# what a reader sees and lone surrogates (which no terminal can show); each is shown as a
# visible escape instead of acting on the terminal.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# In a name on one line of a message, line breaks too: a file name must not forge a line.
_UNSAFE_IN_LINE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# What JSON may carry raw but a terminal acts on or a reader is misled by: DEL and the C1
# controls, the line and paragraph separators, the bidirectional overrides and isolates, and lone
# surrogates (which UTF-8 cannot hold). json.dumps escapes the C0 controls itself.
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ASCII_DIGITS = re.compile(r"[0-9]+")


_ID_LIKE = re.compile(r"[a-z][a-z0-9_]{0,39}")


def named_key(key: object) -> str:
    """How an error message may name a key: "the key 'pain_level'" when it looks like an id,
    else "a key". A mis-indented line of a note can turn into a key, and error messages never
    repeat what a person wrote."""
    return f"the key '{key}'" if isinstance(key, str) and _ID_LIKE.fullmatch(key) else "a key"


def harmless(text: str) -> str:
    """User text with control and bidi-override characters shown as visible escapes."""
    return _UNSAFE.sub(_escape, unicodedata.normalize("NFC", text))


def unsafe_characters(text: str) -> list[str]:
    """The characters of `text` that `harmless` escapes, once each, in code-point order."""
    return sorted(set(_UNSAFE.findall(text)))


def shown_path(path: object) -> str:
    """A path (or file name) as a message may show it: on one line, every control character,
    line break and bidi override shown as an escape, so a name cannot forge an output line."""
    return _UNSAFE_IN_LINE.sub(_escape, str(path))


def json_safe(text: str) -> str:
    """Serialised JSON (`json.dumps` output) with the characters of `_RAW_IN_JSON` written as
    \\uXXXX escapes. They can only stand inside strings (JSON's own syntax is ASCII), where the
    escape reads back as the same character, so the JSON stays valid and means the same."""
    return _RAW_IN_JSON.sub(_escape, text)


LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
"""Half of a UTF-16 pair on its own: what JSON's "\\ud800" or an undecodable byte gives, which
no terminal or UTF-8 file can show."""


def escape_char(char: str) -> str:
    """One character as the visible escape fibrofoot shows instead of it: `\\u202e`."""
    return f"\\u{ord(char):04x}"


def _escape(match: re.Match[str]) -> str:
    return escape_char(match.group())


def ascii_int(text: str, low: int, high: int) -> int | None:
    """`text` (spaces around it allowed) as a whole number from `low` to `high`, or None.

    Only ASCII digits count: `str.isdigit()` is true for '²' and '①', which `int()` refuses,
    and a thousand-digit number is not worth converting (`int()` refuses long ones too).
    """
    digits = text.strip()
    if not _ASCII_DIGITS.fullmatch(digits):
        return None
    significant = digits.lstrip("0") or "0"
    if len(significant) > len(str(abs(high))):
        return None
    number = int(significant)
    return number if low <= number <= high else None


def wrap_paragraph(
    text: str,
    width: int,
    indent: str = "",
    first: str | None = None,
    *,
    break_long_words: bool = True,
) -> list[str]:
    """`text` made harmless and wrapped to `width`, each of its lines on its own.

    Lines start with `indent`, except the very first, which starts with `first` if given (a
    bullet); an empty line stays empty.
    """
    out: list[str] = []
    for line in harmless(text).splitlines() or [""]:
        wrapped = textwrap.wrap(
            line,
            width,
            initial_indent=indent if first is None else first,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=break_long_words,
        )
        out.extend(wrapped or [indent.rstrip()])
        first = None
    return out
