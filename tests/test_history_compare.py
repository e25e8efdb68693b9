"""What changed since the last full walkthrough, on the tiny bank: the pure comparison, and the
summary in every format with it and without it (without a history, exactly as before)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import jsonschema
import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from fibrofoot.answers import Answers
from fibrofoot.bank.models import Bank
from fibrofoot.history.compare import MAX_CHART_DAYS, since_last
from fibrofoot.history.record import Entry, checkin_entry, full_entry
from fibrofoot.render.chart import pain_chart
from fibrofoot.render.formats import FORMATS, render
from fibrofoot.summary import Summary, build_summary

ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 3, 1)
THEN: Answers = {"warning": ["none"], "where": ["heel"], "side": "both", "level": 6}
NOW: Answers = {"warning": ["soon_sign"], "where": ["toes"], "side": "left", "level": 3}
Cli = Callable[..., tuple[int, str, str]]
Write = Callable[..., Path]
SCHEMA = Path(__file__).resolve().parents[1] / "schema" / "summary.schema.json"


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), ZONE)


def full(bank: Bank, answers: Answers, day: date) -> Entry:
    return full_entry(bank, answers, at(day, 18), "0.1.0")


def checkin(bank: Bank, level: int, day: date) -> Entry:
    return checkin_entry(bank, {"level": level}, at(day), "0.1.0")


def test_nothing_kept_or_only_today_compares_nothing(tiny_bank: Bank) -> None:
    assert since_last(tiny_bank, NOW, TODAY, []) is None
    assert since_last(tiny_bank, NOW, TODAY, [checkin(tiny_bank, 4, TODAY - timedelta(1))]) is None
    assert since_last(tiny_bank, NOW, TODAY, [full(tiny_bank, THEN, TODAY)]) is None


def test_the_changes_since_the_last_full_walkthrough_in_words(tiny_bank: Bank) -> None:
    older = full(tiny_bank, NOW, TODAY - timedelta(days=60))
    last = full(tiny_bank, THEN, TODAY - timedelta(days=14))
    changes = since_last(tiny_bank, NOW, TODAY, [older, last])
    assert changes is not None
    assert changes.since == TODAY - timedelta(days=14)
    assert [(c.then, c.now, c.change) for c in changes.numbers] == [(6, 3, "lower")]
    (where,) = changes.ticks
    assert (where.new, where.gone) == (["Toes"], ["tiny heel"])
    assert changes.warnings_new == ["Tiny soon"]
    assert "Pattern G" in changes.patterns_new  # the left foot only
    assert "Pattern R" in changes.patterns_no_longer  # both feet no longer
    assert "Pattern P" in changes.patterns_no_longer  # no heel now
    assert changes.lines[0] == "Pain (0-10): 6 then, 3 now (lower)."
    assert "Where, new since 2026-02-15: Toes." in changes.lines
    assert "Where, not reported now: tiny heel." in changes.lines
    assert not any(re.search(r"\bscore|\d+ ?%|likely", line) for line in changes.lines)


def test_the_same_answers_say_so(tiny_bank: Bank) -> None:
    changes = since_last(tiny_bank, THEN, TODAY, [full(tiny_bank, THEN, TODAY - timedelta(1))])
    assert changes is not None
    assert changes.lines == ["Pain (0-10): 6 then, 6 now (the same).", *changes.lines[1:]]


def test_the_chart_has_every_day_and_days_without_an_entry_are_gaps(tiny_bank: Bank) -> None:
    start = TODAY - timedelta(days=5)
    kept = [
        full(tiny_bank, THEN, start),
        checkin(tiny_bank, 4, start + timedelta(1)),
        checkin(tiny_bank, 5, start + timedelta(1)),  # twice that day
        checkin(tiny_bank, 2, start + timedelta(4)),
    ]
    changes = since_last(tiny_bank, NOW, TODAY, kept)
    assert changes is not None
    assert [d.numbers for d in changes.chart] == [[6], [4, 5], [], [], [2], [3]]
    assert changes.chart[0].day == start
    svg = str(pain_chart(changes))
    assert svg.count("<circle") == 5
    # Joined: day 0-1 and day 4-5 only; nothing drawn across the two empty days.
    assert svg.count('stroke-width="1.2"') == 2
    assert "4 of 6 days with a number; lowest 2" in svg
    assert "<figcaption>" in svg


def test_the_chart_goes_back_at_most_90_days_whatever_the_period(tiny_bank: Bank) -> None:
    kept = [full(tiny_bank, THEN, TODAY - timedelta(days=200))]
    changes = since_last(tiny_bank, NOW, TODAY, kept)
    assert changes is not None
    assert len(changes.chart) == MAX_CHART_DAYS
    chosen = since_last(tiny_bank, NOW, TODAY, kept, since=TODAY - timedelta(days=9))
    assert chosen is not None
    assert len(chosen.chart) == 10
    long_ago = since_last(tiny_bank, NOW, TODAY, kept, since=date(2000, 1, 1))
    assert long_ago is not None
    assert len(long_ago.chart) == MAX_CHART_DAYS
    assert long_ago.chart[0].day == TODAY - timedelta(days=MAX_CHART_DAYS - 1)


def test_report_since_long_ago_says_the_chart_was_shortened(
    tiny_bank: Bank, cli: Cli, write_answers: Write, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from fibrofoot.history import store
    from fibrofoot.history.record import to_row

    monkeypatch.setenv(store.DATA_DIR_VARIABLE, str(tmp_path / "data"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772366400")  # 2026-03-01
    monkeypatch.setenv("COLUMNS", "200")
    store.add(tmp_path / "data", [to_row(full(tiny_bank, THEN, TODAY - timedelta(days=200)))])
    answers = write_answers(NOW, "now.yaml")
    code, out, err = cli("--questions", str(TINY), "report", answers, "--format", "json",
                         "--since", "2000-01-01")  # fmt: skip
    assert code == 0, err
    assert len(json.loads(out)["since_last"]["chart"]) == MAX_CHART_DAYS
    first = (TODAY - timedelta(days=MAX_CHART_DAYS - 1)).isoformat()
    assert f"The chart shows at most 90 days, so it starts on {first}, not 2000-01-01." in err


def with_changes(bank: Bank) -> Summary:
    summary = build_summary(bank, NOW, TODAY, "0.1.0")
    kept = [full(bank, THEN, TODAY - timedelta(days=14)), checkin(bank, 5, TODAY - timedelta(3))]
    changes = since_last(bank, NOW, TODAY, kept)
    return summary.model_copy(update={"since_last": changes})


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_says_what_changed_and_still_ends_with_the_consult_message(
    fmt: str, tiny_bank: Bank
) -> None:
    text = render(with_changes(tiny_bank), fmt, tiny_bank)
    shown = text.replace("\\", "")
    if fmt == "json":
        assert json.loads(text)["since_last"]["since"] == "2026-02-15"
    else:
        assert "since your last full walkthrough on 2026-02-15" in shown.lower()
        assert shown.rindex(tiny_bank.messages.consult) > shown.rindex("6 then, 3 now (lower)")
    if fmt in ("text", "markdown"):
        assert tiny_bank.messages.consult in shown.rstrip().splitlines()[-1]


def test_the_json_with_changes_follows_the_schema_and_the_fhir_is_valid(tiny_bank: Bank) -> None:
    summary = with_changes(tiny_bank)
    jsonschema.validate(
        json.loads(render(summary, "json", tiny_bank)), json.loads(SCHEMA.read_text())
    )
    QuestionnaireResponse.model_validate_json(render(summary, "fhir", tiny_bank))


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_a_history_every_format_is_exactly_as_before(
    fmt: str, tiny_bank: Bank, cli: object, write_answers: object, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """`report` with an empty data folder gives the bytes the summary gives on its own, and
    the JSON has no since_last key."""
    from fibrofoot.history import store
    from fibrofoot.terminal.cli import main

    monkeypatch.setenv(store.DATA_DIR_VARIABLE, str(tmp_path / "no-history"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772366400")  # 2026-03-01
    answers = tmp_path / "now.json"
    answers.write_text(json.dumps(NOW))
    target = tmp_path / f"out.{fmt}"
    assert main(["--questions", str(TINY), "report", str(answers), "--format", fmt, "-o",
                 str(target)]) == 0  # fmt: skip
    alone = render(build_summary(tiny_bank, NOW, TODAY, _version()), fmt, tiny_bank)
    assert target.read_text() == alone
    assert "since_last" not in alone
    assert not (tmp_path / "no-history").exists()


TINY = Path(__file__).parent / "banks" / "tiny"


def _version() -> str:
    from fibrofoot import __version__

    return __version__
