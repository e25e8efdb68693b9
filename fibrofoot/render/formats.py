"""Output formats by name and by file extension; each renderer is imported only when used.

Cheap to import (the command line's grammar reads `FORMATS`): the bank and summary models are
only named for the type checker.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from fibrofoot.bank.models import Bank
    from fibrofoot.summary import Summary

# Checked in this order, so ".fhir.json" wins over ".json"; the first extension of a format is
# the one `file_extension` gives.
EXTENSIONS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".fhir.json": "fhir",
    ".json": "json",
}


def format_for_path(path: Path) -> str | None:
    name = path.name.lower()
    return next((fmt for ext, fmt in EXTENSIONS.items() if name.endswith(ext)), None)


def file_extension(fmt: str) -> str:
    return next(ext for ext, name in EXTENSIONS.items() if name == fmt)


def _text(summary: Summary, bank: Bank) -> str:
    from fibrofoot.render.text import render_text

    return render_text(summary)


def _markdown(summary: Summary, bank: Bank) -> str:
    from fibrofoot.render.markdown import render_markdown

    return render_markdown(summary)


def _html(summary: Summary, bank: Bank) -> str:
    from fibrofoot.render.html import render_html

    return render_html(summary)


def _json(summary: Summary, bank: Bank) -> str:
    from fibrofoot.render.json_format import render_json

    return render_json(summary)


def _fhir(summary: Summary, bank: Bank) -> str:
    from fibrofoot.render.fhir import render_fhir

    return render_fhir(summary, bank)


# Every format, once: its renderer and what the save menu calls it (the extension is added).
_RENDERERS: dict[str, tuple[Callable[[Summary, Bank], str], str]] = {
    "text": (_text, "Plain text"),
    "markdown": (_markdown, "Markdown"),
    "html": (_html, "A page to print or open in a browser"),
    "json": (_json, "JSON, for other programs"),
    "fhir": (_fhir, "FHIR, for clinic systems"),
}
FORMATS = tuple(_RENDERERS)
FORMAT_LABELS = {fmt: f"{label} ({file_extension(fmt)})" for fmt, (_, label) in _RENDERERS.items()}


def render(summary: Summary, fmt: str, bank: Bank) -> str:
    """`summary` in the format `fmt`, one of `FORMATS`."""
    renderer, _ = _RENDERERS[fmt]
    return renderer(summary, bank)
