"""What changed since the last full walkthrough kept on an earlier day: pain numbers then and
now, places and other ticks new or gone, how-often lines better or worse, warning signs new,
patterns newly listed or no longer listed, and the pain number of every day of the period for
a chart. Pure: the kept entries, today's answers and the date are given.

Said in words ("higher", "new since ..."), never as a score; days without an entry stay empty,
never zero.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fibrofoot.answers import Answers
from fibrofoot.bank.base import NOT_SURE, Kind
from fibrofoot.bank.models import Bank, Part, Question
from fibrofoot.history.record import Entry, full_entry
from fibrofoot.history.trend import HistoryWords

MAX_CHART_DAYS = 90


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class NumberChange(_Out):
    label: str
    then: int
    now: int
    change: Literal["higher", "lower", "the same"]


class TicksChange(_Out):
    label: str = Field(description="The question's label, such as 'Where it hurts'.")
    new: list[str]
    gone: list[str]


class OftenChange(_Out):
    activity: str
    then: str
    now: str
    change: Literal["better", "worse", "the same"]


class ChartDay(_Out):
    day: date
    numbers: list[int] = Field(description="That day's numbers, in the order kept; [] is a gap.")


class SinceLast(_Out):
    """What changed since the last full walkthrough; never a score."""

    since: date = Field(description="The day of the last full walkthrough kept before today.")
    numbers: list[NumberChange]
    ticks: list[TicksChange]
    function: list[OftenChange]
    warnings_new: list[str]
    patterns_new: list[str]
    patterns_no_longer: list[str]
    chart_label: str | None = Field(description="The number the chart shows, or None.")
    chart: list[ChartDay] = Field(description="Every day of the period, oldest first.")
    lines: list[str] = Field(description="The same changes in words, as every format says them.")


def since_last(
    bank: Bank, answers: Answers, today: date, kept: list[Entry], since: date | None = None
) -> SinceLast | None:
    """The changes from the newest full entry kept before `today`, or None if there is none.
    The chart runs from `since` (default: that entry's day) to today, at most 90 days: an
    earlier `since` is shortened (`chart_start`)."""
    earlier = [e for e in kept if e.kind == "full" and e.taken_at.date() < today]
    if not earlier:
        return None
    last = max(earlier, key=lambda e: e.taken_at)
    day = last.taken_at.date()
    now = full_entry(bank, answers, last.taken_at, "")  # only its answers are compared
    words = HistoryWords(bank)
    numbers = _numbers(bank, last, now)
    ticks = _ticks(bank, words, last, now)
    function = _function(bank, last, now)
    levels = {w: words.warning.get(w, w) for w in now.document.warnings}
    warnings_new = [
        levels[w] for w in dict.fromkeys(now.document.warnings) if w not in last.document.warnings
    ]
    patterns_new = [
        words.titles.get(c, c) for c in now.document.listed if c not in last.document.listed
    ]
    no_longer = [
        words.titles.get(c, c) for c in last.document.listed if c not in now.document.listed
    ]
    start = chart_start(today, since or day)
    trend = words.trend
    chart = _chart(kept, now, trend.id, start, today) if trend else []
    changes = SinceLast(
        since=day,
        numbers=numbers,
        ticks=ticks,
        function=function,
        warnings_new=list(dict.fromkeys(warnings_new)),
        patterns_new=patterns_new,
        patterns_no_longer=no_longer,
        chart_label=trend.label if trend else None,
        chart=chart,
        lines=[],
    )
    return changes.model_copy(update={"lines": _lines(changes)})


def chart_start(today: date, wanted: date) -> date:
    """The chart's first day: `wanted`, unless that is more than MAX_CHART_DAYS before."""
    return max(wanted, today - timedelta(days=MAX_CHART_DAYS - 1))


def _numbers(bank: Bank, last: Entry, now: Entry) -> list[NumberChange]:
    changes = []
    for question in bank.questions:
        then_number, now_number = last.number(question.id), now.number(question.id)
        if question.kind is Kind.SCALE and then_number is not None and now_number is not None:
            change: Literal["higher", "lower", "the same"] = (
                "higher"
                if now_number > then_number
                else "lower"
                if now_number < then_number
                else "the same"
            )
            changes.append(NumberChange(label=question.label, then=then_number, now=now_number,
                                        change=change))  # fmt: skip
    return changes


def _flagged(bank: Bank) -> set[str]:
    """Questions that warning signs are made of: their changes are the warning signs'."""
    return {c.question for flag in bank.red_flags for c in flag.when}


def _ticks(bank: Bank, words: HistoryWords, last: Entry, now: Entry) -> list[TicksChange]:
    """Ticks new and gone in each reported multi question both entries answered."""
    changes = []
    flagged = _flagged(bank)
    for question in bank.questions:
        if question.kind is not Kind.MULTI or question.part is not Part.REPORTED:
            continue
        if question.id in flagged:
            continue
        then, now_value = last.value(question.id), now.value(question.id)
        if not isinstance(then, list) or not isinstance(now_value, list):
            continue
        exclusive = {o.value for o in question.options if o.exclusive}
        label = _labeller(question, words)
        new = [label(v) for v in now_value if v not in then and v not in exclusive]
        gone = [label(v) for v in then if v not in now_value and v not in exclusive]
        if new or gone:
            changes.append(TicksChange(label=question.label, new=new, gone=gone))
    return changes


def _labeller(question: Question, words: HistoryWords) -> Callable[[str], str]:
    labels = {o.value: o.label for o in question.options}
    if question.map_areas:  # the foot map's short words for places
        return lambda v: words.place.get(v, labels.get(v, v))
    return lambda v: labels.get(v, v)


def _function(bank: Bank, last: Entry, now: Entry) -> list[OftenChange]:
    """How-often lines answered both times: better when less often (options run from least
    often to most), worse when more often."""
    changes = []
    for question in bank.questions:
        if question.part is not Part.FUNCTION or question.kind is not Kind.SINGLE:
            continue
        order = [o.value for o in question.options if o.value != NOT_SURE]
        then, now_value = last.value(question.id), now.value(question.id)
        if then not in order or now_value not in order:
            continue
        labels = {o.value: o.label for o in question.options}
        step = order.index(str(now_value)) - order.index(str(then))
        change: Literal["better", "worse", "the same"] = (
            "worse" if step > 0 else "better" if step < 0 else "the same"
        )
        changes.append(OftenChange(activity=question.label, then=labels[str(then)],
                                   now=labels[str(now_value)], change=change))  # fmt: skip
    return changes


def _chart(
    kept: list[Entry], now: Entry, question_id: str, start: date, today: date
) -> list[ChartDay]:
    by_day: dict[date, list[int]] = {}
    for entry in sorted(kept, key=lambda e: e.taken_at):
        number = entry.number(question_id)
        if number is not None and start <= entry.taken_at.date() <= today:
            by_day.setdefault(entry.taken_at.date(), []).append(number)
    if (number := now.number(question_id)) is not None:
        by_day.setdefault(today, []).append(number)
    days = (today - start).days + 1
    return [
        ChartDay(day=start + timedelta(days=n), numbers=by_day.get(start + timedelta(days=n), []))
        for n in range(max(days, 0))
    ]


def _lines(changes: SinceLast) -> list[str]:
    """The changes in words, in the order of the summary."""
    since = changes.since.isoformat()
    lines = [f"{c.label}: {c.then} then, {c.now} now ({c.change})." for c in changes.numbers]
    for c in changes.ticks:
        if c.new:
            lines.append(f"{c.label}, new since {since}: {', '.join(c.new)}.")
        if c.gone:
            lines.append(f"{c.label}, not reported now: {', '.join(c.gone)}.")
    lines += [f"{c.activity}: {c.then} then, {c.now} now ({c.change})." for c in changes.function]
    if changes.warnings_new:
        lines.append(f"Warning signs new since {since}: {'; '.join(changes.warnings_new)}.")
    if changes.patterns_new:
        lines.append(f"Newly listed: {'; '.join(changes.patterns_new)}.")
    if changes.patterns_no_longer:
        lines.append(f"No longer listed: {'; '.join(changes.patterns_no_longer)}.")
    if not lines:
        lines.append(f"The answers compared are the same as on {since}.")
    return lines


def since_heading(changes: SinceLast) -> str:
    return f"Since your last full walkthrough on {changes.since.isoformat()}"


def chart_words(changes: SinceLast) -> str:
    """The chart as a sentence: its text alternative, and what plain formats print."""
    days = changes.chart
    given = [(d.day, n) for d in days for n in d.numbers]
    if not days or not given or changes.chart_label is None:
        return ""
    empty = sum(1 for d in days if not d.numbers)
    low = min(given, key=lambda pair: pair[1])
    high = max(given, key=lambda pair: pair[1])
    return (
        f"{changes.chart_label} from {days[0].day.isoformat()} to {days[-1].day.isoformat()}: "
        f"{len(days) - empty} of {len(days)} days with a number; lowest {low[1]} "
        f"({low[0].isoformat()}), highest {high[1]} ({high[0].isoformat()}), "
        f"latest {given[-1][1]} ({given[-1][0].isoformat()})."
    )
