"""Output formats by name and by file extension; each renderer is imported only when used."""

from __future__ import annotations

from pathlib import Path

from fibrofoot.bank.models import Bank
from fibrofoot.errors import FibrofootError
from fibrofoot.summary import Summary

FORMATS = ("text", "json")
_EXTENSIONS = {".json": "json", ".txt": "text"}


def format_for_path(path: Path) -> str | None:
    name = path.name.lower()
    return next((fmt for ext, fmt in _EXTENSIONS.items() if name.endswith(ext)), None)


def file_extension(fmt: str) -> str:
    return next(ext for ext, name in _EXTENSIONS.items() if name == fmt)


def render(summary: Summary, fmt: str, bank: Bank) -> str:
    if fmt == "text":
        from fibrofoot.render.text import render_text

        return render_text(summary)
    if fmt == "json":
        from fibrofoot.render.json_format import render_json

        return render_json(summary)
    raise FibrofootError(f"Unknown format '{fmt}'; use one of: {', '.join(FORMATS)}.", 2)
