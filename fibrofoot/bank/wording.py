"""The content brief's wording rule, in one place: phrases no fibrofoot output may contain.

`forbidden_in(text)` lists the forbidden phrases found in `text` (case-insensitive, with runs of
whitespace read as one space, so a phrase split across wrapped lines is still found). "diagnos"
is allowed only inside the statements "not a diagnosis" and "cannot diagnose".

Pure and light: the bank check uses it on every bank string, and the tests on every output.
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
    "likely",
    "% chance",
)
ALLOWED_DIAGNOS: tuple[str, ...] = ("not a diagnosis", "cannot diagnose")

SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """`text` in NFC, lower case, with each run of whitespace read as one space."""
    return SPACE.sub(" ", unicodedata.normalize("NFC", text).lower())


def forbidden_in(text: str) -> list[str]:
    """The forbidden phrases that `text` contains, in the order of FORBIDDEN."""
    folded = plain(text)
    for allowed in ALLOWED_DIAGNOS:
        folded = folded.replace(allowed, " ")
    return [phrase for phrase in FORBIDDEN if phrase in folded]
