"""Make text from people and files harmless to print: kept light, as every error path uses it."""

from __future__ import annotations

import re
import unicodedata

# Control characters (C0 but newline, DEL, C1) and the bidirectional overrides that can reorder
# what a reader sees; each is shown as a visible escape instead of acting on the terminal.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


_ID_LIKE = re.compile(r"[a-z][a-z0-9_]{0,39}")


def named_key(key: object) -> str:
    """How an error message may name a key: "the key 'pain_level'" when it looks like an id,
    else "a key". A mis-indented line of a note can turn into a key, and error messages never
    repeat what a person wrote."""
    return f"the key '{key}'" if isinstance(key, str) and _ID_LIKE.fullmatch(key) else "a key"


def harmless(text: str) -> str:
    """User text with control and bidi-override characters shown as visible escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", unicodedata.normalize("NFC", text))
