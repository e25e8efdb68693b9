"""The kept entries in words: one line per entry, and a small trend of the pain numbers (a
sparkline, or words where a terminal cannot show one). Pure: the bank gives the words.

Never a score: the lines say what was reported, and the trend the numbers themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from fibrofoot.answers import AnswerValue, answer_text
from fibrofoot.bank.models import SCALE_MAX, Bank, Kind, Question
from fibrofoot.history.record import KIND_WORDS, Entry

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"  # an entry without the number: shown, never drawn as a zero


def questions_of(bank: Bank) -> dict[str, Question]:
    """Every question an entry may answer: the walkthrough's and the check-in's."""
    return {q.id: q for q in [*bank.questions, *bank.checkin_questions()]}


def pain_numbers(bank: Bank, entry: Entry) -> list[tuple[str, int]]:
    """(label, number) for each 0-10 answer in the entry, in the order asked."""
    known = questions_of(bank)
    numbers = []
    for question_id in entry.document.responses:
        question = known.get(question_id)
        number = entry.number(question_id)
        if number is not None and (question is None or question.kind is Kind.SCALE):
            numbers.append((question.label if question else question_id, number))
    return numbers


def entry_line(bank: Bank, entry: Entry) -> str:
    """Date and time, kind, the pain numbers, where, patterns listed, warning signs."""
    parts = [f"{entry.taken_at:%Y-%m-%d %H:%M}", KIND_WORDS[entry.kind]]
    parts += [f"{label}: {number}" for label, number in pain_numbers(bank, entry)]
    if places := where_words(bank, entry):
        parts.append(f"where: {places}")
    titles = {c.id: c.title for c in bank.contributors}
    if entry.document.listed:
        listed = "; ".join(titles.get(c, c) for c in entry.document.listed)
        parts.append(f"patterns listed: {listed}")
    if entry.document.warnings:
        levels = {flag.id: flag.level for flag in bank.red_flags}
        texts = bank.messages.levels
        said = [
            texts[levels[w]].title if w in levels and levels[w] in texts else w
            for w in entry.document.warnings
        ]
        parts.append(f"warning signs: {'; '.join(dict.fromkeys(said))}")
    return " · ".join(parts)


def map_question(bank: Bank) -> Question | None:
    """The walkthrough's "where does it hurt" question: the one the foot map is drawn from."""
    return next((q for q in bank.questions if q.map_areas), None)


def where_words(bank: Bank, entry: Entry) -> str:
    """The places the entry names, in the foot map's short words ("heel, arch")."""
    mapped = map_question(bank)
    if mapped is None:
        return ""
    asked_where = mapped.id if entry.kind == "full" else (bank.checkin and bank.checkin.where)
    value = entry.value(asked_where) if asked_where else None
    if not isinstance(value, list):
        return ""
    question = questions_of(bank).get(asked_where or "")
    labels = {o.value: o.label for o in [*mapped.options, *(question.options if question else [])]}
    return ", ".join(
        mapped.map_areas[v].caption if v in mapped.map_areas else labels.get(v, v) for v in value
    )


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


def trend_words(label: str, numbers: Sequence[int | None]) -> str:
    """The same trend in words, for screen readers and simple terminals."""
    given = [n for n in numbers if n is not None]
    if not given:
        return f"{label}: no numbers kept yet."
    listed = ", ".join("none" if n is None else str(n) for n in numbers)
    return (
        f"{label}, oldest to newest: {listed} (lowest {min(given)}, highest {max(given)}, "
        f"latest {given[-1]})."
    )
