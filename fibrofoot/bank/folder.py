"""Where the shipped bank lives; kept free of heavy imports for the welcome screen."""

from __future__ import annotations

from pathlib import Path


def default_bank_dir() -> Path:
    """The bank shipped with fibrofoot: inside the wheel, or beside the package in a checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "questions"  # where the wheel puts it
    return packaged if packaged.is_dir() else package.parent / "questions"
