"""A summary with six weeks of kept history, printed with headless Chromium: still at most two
pages for every persona, the changes and the chart's text alternative printed, the consult
message last. (tests/e2e/test_print_pdf.py prints them without a history.)"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from helpers.render_fixtures import DATE, PERSONAS, persona_answers, summary_for
from helpers.strategies import shipped_bank

from e2e.test_print_pdf import MAX_PAGES, _pages, _print, _text
from fibrofoot.history.compare import chart_words, since_heading, since_last
from fibrofoot.history.record import Entry, checkin_entry, full_entry
from fibrofoot.summary import Summary

pytestmark = pytest.mark.e2e

ZONE = timezone(timedelta(hours=1))


def six_weeks(persona: str) -> Summary:
    """The persona's summary, with a full walkthrough (another persona's) kept six weeks ago
    and check-ins on most days since, some days missed."""
    bank = shipped_bank()
    start = DATE - timedelta(days=42)
    kept: list[Entry] = [
        full_entry(
            bank, persona_answers("few_answers"), datetime.combine(start, time(18), ZONE), "x"
        )
    ]
    trend = bank.checkin.trend if bank.checkin else "pain_now"
    for day in range(1, 42):
        if day % 4 == 0 or day % 7 == 0:
            continue  # a day without an entry: a gap on the chart
        at = datetime.combine(start + timedelta(days=day), time(9), ZONE)
        kept.append(checkin_entry(bank, {trend: 3 + day % 5}, at, "x"))
    summary = summary_for(persona)
    changes = since_last(bank, summary.answers, DATE, kept)
    assert changes is not None
    return summary.model_copy(update={"since_last": changes})


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_summary_with_six_weeks_of_history_prints_on_two_pages(
    persona: str, tmp_path: Path
) -> None:
    summary = six_weeks(persona)
    assert summary.since_last is not None
    pdf = _print(summary, "letter", tmp_path)
    assert _pages(pdf) <= MAX_PAGES
    printed = _text(pdf)
    assert since_heading(summary.since_last) in printed
    # pdftotext joins a date broken at its hyphen across two lines ("2025-12-" "13")
    assert chart_words(summary.since_last).replace("-", "") in printed.replace("-", "")
    assert printed.endswith(" ".join(summary.consult_message.split()))
