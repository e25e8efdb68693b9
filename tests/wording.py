"""The content brief's wording rule, in one place: phrases no fibrofoot output may contain.

`forbidden_in(text)` lists the forbidden phrases found in `text` (case-insensitive, with runs of
whitespace read as one space, so a phrase split across wrapped lines is still found). "diagnos"
is allowed only inside the statements "not a diagnosis" and "cannot diagnose".
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN: tuple[str, ...] = (
    "you have",
    "you are suffering",
    "diagnos",
    "confirms",
    "probability",
    "likely to have",
    "% chance",
)
ALLOWED_DIAGNOS: tuple[str, ...] = ("not a diagnosis", "cannot diagnose")

_SPACE = re.compile(r"\s+")


def _plain(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).lower())


def forbidden_in(text: str) -> list[str]:
    """The forbidden phrases that `text` contains, in the order of FORBIDDEN."""
    plain = _plain(text)
    for allowed in ALLOWED_DIAGNOS:
        plain = plain.replace(allowed, " ")
    return [phrase for phrase in FORBIDDEN if phrase in plain]


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
    squeezed = _SPACE.sub("", _plain(text))
    return not any(_SPACE.sub("", phrase) in squeezed for phrase in FORBIDDEN)
