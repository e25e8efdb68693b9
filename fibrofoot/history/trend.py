"""The kept entries in words: one line per entry, and a small trend of the pain numbers (a
sparkline, or words where a terminal cannot show one). Pure: the bank gives the words.

Never a score: the lines say what was reported, and the trend the numbers themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from fibrofoot.answers import AnswerValue, answer_text
from fibrofoot.bank.base import SCALE_MAX, Kind
from fibrofoot.bank.models import Bank, Question
from fibrofoot.history.record import KIND_WORDS, Entry

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"  # an entry without the number: shown, never drawn as a zero


def questions_of(bank: Bank) -> dict[str, Question]:
    """Every question an entry may answer: the walkthrough's and the check-in's."""
    return {q.id: q for q in [*bank.questions, *bank.checkin_questions()]}


class HistoryWords:
    """The words of today's bank for kept entries, looked up once for any number of them."""

    def __init__(self, bank: Bank) -> None:
        self.questions = questions_of(bank)
        mapped = next((q for q in bank.questions if q.map_areas), None)
        checkin = bank.checkin
        self.where_of: dict[str, str | None] = {
            "full": mapped.id if mapped else None,
            "checkin": checkin.where if checkin and mapped else None,
        }
        self.trend = self.questions.get(checkin.trend) if checkin else None
        labels = {
            o.value: o.label
            for question_id in self.where_of.values()
            if question_id
            for o in self.questions[question_id].options
        }
        areas = mapped.map_areas if mapped else {}
        self.place = labels | {value: area.caption for value, area in areas.items()}
        self.titles = {c.id: c.title for c in bank.contributors}
        levels = bank.messages.levels
        self.warning = {
            flag.id: levels[flag.level].title for flag in bank.red_flags if flag.level in levels
        }

    def pain_numbers(self, entry: Entry) -> list[tuple[str, int]]:
        """(label, number) for each 0-10 answer in the entry, in the order asked."""
        numbers = []
        for question_id in entry.document.responses:
            question = self.questions.get(question_id)
            number = entry.number(question_id)
            if number is not None and (question is None or question.kind is Kind.SCALE):
                numbers.append((question.label if question else question_id, number))
        return numbers

    def places(self, entry: Entry) -> list[str]:
        """The places on the foot map the entry names (answer values), if it asked."""
        question_id = self.where_of[entry.kind]
        value = entry.value(question_id) if question_id else None
        return [v for v in value if v in self.place] if isinstance(value, list) else []

    def line(self, entry: Entry) -> str:
        """Date and time, kind, the pain numbers, where, patterns listed, warning signs."""
        parts = [f"{entry.taken_at:%Y-%m-%d %H:%M}", KIND_WORDS[entry.kind]]
        parts += [f"{label}: {number}" for label, number in self.pain_numbers(entry)]
        if places := self.places(entry):
            parts.append(f"where: {', '.join(self.place[v] for v in places)}")
        if listed := entry.document.listed:
            parts.append(f"patterns listed: {'; '.join(self.titles.get(c, c) for c in listed)}")
        if warnings := entry.document.warnings:
            said = dict.fromkeys(self.warning.get(w, w) for w in warnings)
            parts.append(f"warning signs: {'; '.join(said)}")
        return " · ".join(parts)


def answer_words(question: Question, value: AnswerValue) -> str:
    """The answer in the words of today's bank; a value it no longer offers, as kept."""
    known = {o.value for o in question.options}
    chosen = value if isinstance(value, list) else [value]
    if question.options and not all(v in known for v in chosen):
        return "; ".join(str(v) for v in chosen)
    return answer_text(question, value)


def sparkline(numbers: Sequence[int | None]) -> str:
    """One character per entry, oldest first: a block as high as the number, GAP for none."""
    last = len(BLOCKS) - 1
    return "".join(GAP if n is None else BLOCKS[round(n * last / SCALE_MAX)] for n in numbers)


def trend_text(label: str, numbers: Sequence[int | None], *, plain: bool) -> str:
    """The trend, oldest first: a sparkline, or (`plain`, for screen readers and simple
    terminals) the numbers in words; both with the lowest, highest and latest number."""
    given = [n for n in numbers if n is not None]
    if not given:
        return f"{label}: no numbers kept yet."
    span = f"lowest {min(given)}, highest {max(given)}, latest {given[-1]}"
    if plain:
        listed = ", ".join("none" if n is None else str(n) for n in numbers)
        return f"{label}, oldest to newest: {listed} ({span})."
    return f"{label}, oldest to newest: {sparkline(numbers)}  ({span}; {GAP} = no number)"
