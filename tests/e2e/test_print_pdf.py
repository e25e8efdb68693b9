"""Print each persona's HTML summary with headless Chromium and read the PDF back with poppler.

The shipped bank's own promises (two printed pages for every persona, page 1 holding what a
clinician reads first, no heading left at the foot of a page or column), so it uses that bank. A
missing chromium or poppler-utils fails the run rather than skipping it: a skip would hide it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.render_fixtures import PERSONAS, summary_for
from helpers.strategies import shipped_bank

from fibrofoot.render.common import Function, Patterns, Reported, pain_numbers_line, sections
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


def _text(pdf: Path, *pages: str) -> str:
    """The printed words (of `pages`, pdftotext's -f/-l, if given) with whitespace (line and
    column breaks) read as single spaces."""
    text = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", *pages, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return _words(text)


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class _Line:
    page: int
    text: str
    left: float
    right: float
    top: float
    bottom: float


def _lines(pdf: Path) -> list[_Line]:
    """Every printed line with its page and box, from pdftotext's -bbox-layout."""
    xhtml = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    space = {"x": "http://www.w3.org/1999/xhtml"}
    found = []
    tree = ET.fromstring(xhtml)  # noqa: S314 (pdftotext's output for our own page)
    for number, page in enumerate(tree.iterfind(".//x:page", space), 1):
        for line in page.iterfind(".//x:line", space):
            words = " ".join(word.text or "" for word in line.iterfind("x:word", space))
            box = [float(line.get(k, "0")) for k in ("xMin", "xMax", "yMin", "yMax")]
            found.append(_Line(number, _words(words), *box))
    return found


def _headings(summary: Summary) -> set[str]:
    """Every heading the page prints: the sections', the reported groups' and the patterns'."""
    headings = set()
    for section in sections(summary, shipped_bank()):
        headings.add(_words(section.heading))
        if isinstance(section, Reported):
            headings.update(_words(title) for title, _ in section.groups)
        if isinstance(section, Patterns):
            headings.update(_words(c.title) for c in section.items)
    return headings


def _first_page(summary: Summary) -> list[str]:
    """What a clinician reads first, all on page 1: the warning signs, the person's agenda,
    where it hurts, the pain numbers, what foot pain made harder (and the goal) and the titles
    of the patterns that may be worth raising."""
    found = sections(summary, shipped_bank())
    reported = {r.question_id: r for r in summary.reported}
    expected = [flag.message for flag in summary.red_flags]
    expected.extend(item.text for item in summary.agenda)
    if "pain_areas" in reported:
        expected.append(f"{reported['pain_areas'].label}: {reported['pain_areas'].answer}")
    for section in found:
        if isinstance(section, Reported) and section.pain_numbers:
            expected.append(f"{section.how_much}: {pain_numbers_line(section)}")
        if isinstance(section, Function):
            expected.extend(f"{activity}: {how_often}" for activity, how_often in section.lines)
            if section.goal:
                expected.append(f"{section.goal_label}: {section.goal}")
    expected.extend(c.title for c in summary.contributors)
    return [_words(text) for text in expected]


def _check_printed(summary: Summary, pdf: Path) -> None:
    printed = _text(pdf)
    for contributor in summary.contributors:
        assert _words(contributor.title) in printed
    for flag in summary.red_flags:
        assert _words(flag.message) in printed
    assert _words(summary.emergency_line) in printed
    assert printed.endswith(_words(summary.consult_message))


def _printed_headings(lines: list[_Line], headings: set[str]) -> list[list[_Line]]:
    """The printed lines of each heading, of one line or wrapped onto two (compared without
    case: the urgent heading prints in capitals)."""
    wanted = {heading.casefold() for heading in headings}
    found = []
    for before, line in zip([None, *lines], lines, strict=False):
        if line.text.casefold() in wanted:
            found.append([line])
        elif (
            before
            and before.page == line.page
            and (f"{before.text} {line.text}".casefold() in wanted)
        ):
            found.append([before, line])
    return found


def _overlaps(line: _Line, first: _Line, last: _Line) -> bool:
    """Whether `line` shares some width with the heading from `first` to `last`."""
    return line.left < max(first.right, last.right) and line.right > min(first.left, last.left)


def _check_no_heading_left_alone(summary: Summary, pdf: Path) -> list[str]:
    """On the page of every heading comes more of the page, below it in its column or beside
    it (a pattern's reasons): a page break never falls between a heading and its first line.
    Returns the headings found."""
    lines = _lines(pdf)
    printed = _printed_headings(lines, _headings(summary))
    heading_lines = {line for heading in printed for line in heading}
    for heading in printed:
        first, last = heading[0], heading[-1]
        after = [
            line
            for line in lines
            if line.page == first.page
            and line not in heading_lines
            and line.top >= first.top - 0.5
            and (_overlaps(line, first, last) or line.top < last.bottom)
        ]
        assert after, f"{last.text!r} is the last line of page {last.page} or its column"
    return [" ".join(line.text for line in heading) for heading in printed]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_prints_on_at_most_two_pages(persona: str, paper: str, tmp_path: Path) -> None:
    """Every persona fits on two A4 or Letter pages; page 1 holds what a clinician reads
    first; no heading is cut from its first line; the consult message is last on paper."""
    summary = summary_for(persona)
    pdf = _print(summary, paper, tmp_path)
    assert _pages(pdf) <= MAX_PAGES
    _check_printed(summary, pdf)
    page_one = _text(pdf, "-f", "1", "-l", "1")
    for expected in _first_page(summary):
        assert expected in page_one
    _check_no_heading_left_alone(summary, pdf)


@pytest.mark.parametrize("paper", PAPERS)
def test_every_symptom_still_prints_whole(paper: str, tmp_path: Path) -> None:
    """Every symptom at once (all seven contributors, four red flags) is more than two pages
    hold at a readable size: it takes a third page and loses nothing, and still cuts no
    heading from its first line."""
    summary = summary_for("maximal")
    pdf = _print(summary, paper, tmp_path)
    assert _pages(pdf) <= MAX_PAGES + 1
    _check_printed(summary, pdf)
    _check_no_heading_left_alone(summary, pdf)
