"""Paragraph wrapping shared by the plain-text summary and the terminal.

Light on purpose (no pydantic): `fibrofoot.screen` uses it on the fast start path.
"""

from __future__ import annotations

import textwrap

from fibrofoot.safe_text import harmless


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
