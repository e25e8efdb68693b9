"""Test helpers for the content brief's wording rule; the rule itself is fibrofoot.bank.wording.

`assert_wording` fails naming the phrases found; `is_harmless_user_text` tells whether a
person's own note can be quoted in output without ever showing a forbidden phrase.
"""

from __future__ import annotations

from fibrofoot.bank.wording import ALLOWED_DIAGNOS, FORBIDDEN, SPACE, forbidden_in, plain

__all__ = [
    "ALLOWED_DIAGNOS",
    "FORBIDDEN",
    "assert_wording",
    "forbidden_in",
    "is_harmless_user_text",
]


def assert_wording(text: str, where: str = "output") -> None:
    """Fail naming the forbidden phrases found in `text`."""
    found = forbidden_in(text)
    assert not found, f"{where} contains forbidden wording {found}: {text[:300]!r}"


def is_harmless_user_text(text: str) -> bool:
    """True when no forbidden phrase can appear in output quoting `text`, however it is wrapped.

    A person's own note is printed as written; wrapping may split a long word over two lines,
    which reads as a space, so the phrases are also looked for with all whitespace removed.
    """
    if forbidden_in(text):
        return False
    squeezed = SPACE.sub("", plain(text))
    return not any(SPACE.sub("", phrase) in squeezed for phrase in FORBIDDEN)
