"""Print each persona's HTML summary with headless Chromium and read the PDF back with poppler.

The shipped bank's own promise (two printed pages for every persona), so it uses that bank. A
missing chromium or poppler-utils fails the run rather than skipping it: a skip would hide it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from helpers.render_fixtures import PERSONAS, summary_for
from helpers.strategies import shipped_bank

from fibrofoot.render.html import render_html
from fibrofoot.summary import Summary

pytestmark = pytest.mark.e2e

BROWSERS = ("chromium", "chromium-browser")
PAPERS = ("letter", "A4")
MAX_PAGES = 2
TIMEOUT = 120


def _tool(*names: str) -> str:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    pytest.fail(f"{' or '.join(names)} is not installed; the print tests need it")


def _print(summary: Summary, paper: str, folder: Path) -> Path:
    """The summary's HTML printed to PDF on `paper`, as a person's browser would print it."""
    browser = _tool(*BROWSERS)
    page = folder / "summary.html"
    html = render_html(summary, shipped_bank()).replace(
        "</head>", f"<style>@page {{ size: {paper}; }}</style></head>"
    )
    page.write_text(html, encoding="utf-8")
    pdf = folder / "summary.pdf"
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert pdf.exists(), f"chromium printed nothing (exit {done.returncode}): {done.stderr[-2000:]}"
    return pdf


def _pages(pdf: Path) -> int:
    info = subprocess.run(
        [_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match, info
    return int(match.group(1))


def _text(pdf: Path) -> str:
    """The printed words with whitespace (line and column breaks) read as single spaces."""
    text = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return _words(text)


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _check_printed(summary: Summary, pdf: Path) -> None:
    printed = _text(pdf)
    for contributor in summary.contributors:
        assert _words(contributor.title) in printed
    for flag in summary.red_flags:
        assert _words(flag.message) in printed
    assert _words(summary.emergency_line) in printed
    assert printed.endswith(_words(summary.consult_message))


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_prints_on_at_most_two_pages(persona: str, paper: str, tmp_path: Path) -> None:
    """Every persona fits on two A4 or Letter pages, with its contributors and, last, the
    consult message on paper."""
    summary = summary_for(persona)
    pdf = _print(summary, paper, tmp_path)
    assert _pages(pdf) <= MAX_PAGES
    _check_printed(summary, pdf)


@pytest.mark.parametrize("paper", PAPERS)
def test_every_symptom_still_prints_whole(paper: str, tmp_path: Path) -> None:
    """Every symptom at once (all seven contributors, four red flags) is more than two pages
    hold at a readable size: it takes a third page and loses nothing."""
    summary = summary_for("maximal")
    pdf = _print(summary, paper, tmp_path)
    assert _pages(pdf) <= MAX_PAGES + 1
    _check_printed(summary, pdf)
