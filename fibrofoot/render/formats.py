"""Output formats by name and by file extension; each renderer is imported only when used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fibrofoot.bank.models import Bank
from fibrofoot.errors import FibrofootError
from fibrofoot.summary import Summary

FORMATS = ("text", "markdown", "html", "json", "fhir")
# Checked in this order, so ".fhir.json" wins over ".json"; the first extension of a format is
# the one `file_extension` gives.
_EXTENSIONS = {
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
    return next((fmt for ext, fmt in _EXTENSIONS.items() if name.endswith(ext)), None)


def file_extension(fmt: str) -> str:
    return next(ext for ext, name in _EXTENSIONS.items() if name == fmt)


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


_RENDERERS: dict[str, Callable[[Summary, Bank], str]] = {
    "text": _text,
    "markdown": _markdown,
    "html": _html,
    "json": _json,
    "fhir": _fhir,
}


def render(summary: Summary, fmt: str, bank: Bank) -> str:
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise FibrofootError(f"Unknown format '{fmt}'; use one of: {', '.join(FORMATS)}.", 2)
    return renderer(summary, bank)
