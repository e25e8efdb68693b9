"""Output formats by name and by file extension, and the one `render` that writes any of them.

Cheap to import (the command line's grammar reads `FORMATS`): the bank and summary models are
only named for the type checker.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

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


# Every format, once: the module and function, `(summary, bank) -> str`, that write it, and
# what the save menu calls it (the extension is added). A renderer's module is imported only
# when it is used, so `report --format text` never loads Jinja2.
_RENDERERS: dict[str, tuple[str, str, str]] = {
    "text": ("text", "render_text", "Plain text"),
    "markdown": ("markdown", "render_markdown", "Markdown"),
    "html": ("html", "render_html", "A page to print or open in a browser"),
    "json": ("json_format", "render_json", "JSON, for other programs"),
    "fhir": ("fhir", "render_fhir", "FHIR, for clinic systems"),
}
FORMATS = tuple(_RENDERERS)
FORMAT_LABELS = {fmt: f"{label} ({file_extension(fmt)})" for fmt, (*_, label) in _RENDERERS.items()}


def render(summary: Summary, fmt: str, bank: Bank) -> str:
    """`summary` in the format `fmt`, one of `FORMATS`."""
    module, function, _ = _RENDERERS[fmt]
    renderer: Callable[[Summary, Bank], str] = getattr(
        import_module(f"fibrofoot.render.{module}"), function
    )
    return renderer(summary, bank)
