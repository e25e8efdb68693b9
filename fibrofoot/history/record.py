"""A kept entry: what a walkthrough or a check-in recorded, with every question's state, and the
pure functions that make one from answers and read one back from the store. No clock, no file:
the time is given.

Each question gets one of five states, kept apart in the store and in every export: answered,
"not sure", "none" (an answer such as "None of these" or "Nothing today"), "does not apply" (an
earlier answer meant it was not asked) and "not answered" (it was due, but the walk stopped
first, or a note was left empty).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from fibrofoot.answers import Answers, AnswerValue
from fibrofoot.bank.base import NOT_SURE, Kind
from fibrofoot.bank.models import Bank, Question
from fibrofoot.history.row import Row
from fibrofoot.rules import applicable, contributors_listed, is_asked, red_flags_raised

EntryKind = Literal["full", "checkin"]
KIND_WORDS: dict[str, str] = {"full": "full walkthrough", "checkin": "check-in"}


class State(StrEnum):
    ANSWERED = "answered"
    NOT_SURE = "not_sure"
    NONE = "none"
    DOES_NOT_APPLY = "does_not_apply"
    NOT_ANSWERED = "not_answered"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Response(_Model):
    state: State
    value: AnswerValue | None = None  # None when not answered or it does not apply


class Document(_Model):
    """What the store keeps as JSON for each entry, beside its time, kind and versions."""

    responses: dict[str, Response]  # in the order asked
    listed: list[str] = []  # the contributors listed then (ids)
    warnings: list[str] = []  # the warning signs raised then (red flag ids)


class Entry(_Model):
    id: int | None
    taken_at: datetime
    kind: EntryKind
    tool_version: str
    bank_fingerprint: str
    document: Document

    def value(self, question_id: str) -> AnswerValue | None:
        """The answer given (a "not sure" or "none" too), or None."""
        response = self.document.responses.get(question_id)
        return None if response is None else response.value

    def number(self, question_id: str) -> int | None:
        """The 0-10 answer to `question_id`, if one was given."""
        value = self.value(question_id)
        return value if isinstance(value, int) and not isinstance(value, bool) else None


def bank_fingerprint(bank: Bank) -> str:
    """A short digest of everything the bank says, so an entry shows which bank it answered."""
    return hashlib.sha256(bank.model_dump_json().encode()).hexdigest()[:16]


def full_entry(bank: Bank, answers: Answers, taken_at: datetime, tool_version: str) -> Entry:
    """A walkthrough's entry: every question of the bank with its state, and what was listed."""
    kept = applicable(bank, answers)
    responses = {q.id: _response(q, kept, applies=is_asked(q, kept)) for q in bank.questions}
    document = Document(
        responses=responses,
        listed=list(contributors_listed(bank, kept)),
        warnings=[flag.id for flag in red_flags_raised(bank, kept)],
    )
    return _entry(bank, "full", taken_at, tool_version, document)


def checkin_entry(bank: Bank, answers: Answers, taken_at: datetime, tool_version: str) -> Entry:
    """A check-in's entry: each check-in question with its state (all of them apply)."""
    responses = {q.id: _response(q, answers, applies=True) for q in bank.checkin_questions()}
    return _entry(bank, "checkin", taken_at, tool_version, Document(responses=responses))


def _entry(
    bank: Bank, kind: EntryKind, taken_at: datetime, tool_version: str, document: Document
) -> Entry:
    return Entry(
        id=None,
        taken_at=taken_at,
        kind=kind,
        tool_version=tool_version,
        bank_fingerprint=bank_fingerprint(bank),
        document=document,
    )


def _response(question: Question, answers: Answers, *, applies: bool) -> Response:
    value = answers.get(question.id)
    if value is None or (question.kind is Kind.TEXT and not str(value).strip()):
        return Response(state=State.NOT_ANSWERED if applies else State.DOES_NOT_APPLY)
    return Response(state=answered_state(question, value), value=value)


def answered_state(question: Question, value: AnswerValue) -> State:
    """Not sure, none (an answer of its own that rules the others out), or answered."""
    chosen = value if isinstance(value, list) else [value]
    if chosen == [NOT_SURE]:
        return State.NOT_SURE
    exclusive = {o.value for o in question.options if o.exclusive}
    if question.kind is Kind.MULTI and len(chosen) == 1 and chosen[0] in exclusive:
        return State.NONE
    return State.ANSWERED


def to_row(entry: Entry) -> Row:
    return Row(
        taken_at=entry.taken_at,
        kind=entry.kind,
        tool_version=entry.tool_version,
        bank_fingerprint=entry.bank_fingerprint,
        document=entry.document.model_dump_json(),
    )


def from_row(row: Row) -> Entry | None:
    """An entry read back, or None if this version cannot read its document."""
    try:
        document = Document.model_validate_json(row.document)
        return Entry(
            id=row.id,
            taken_at=row.taken_at,
            kind=row.kind,
            tool_version=row.tool_version,
            bank_fingerprint=row.bank_fingerprint,
            document=document,
        )
    except ValidationError:
        return None


def entries_of(rows: list[Row]) -> tuple[list[Entry], list[Row]]:
    """The entries of `rows` this version can read, and the rows it cannot (in their order)."""
    entries, unreadable = [], []
    for row in rows:
        entry = from_row(row)
        if entry is None:
            unreadable.append(row)
        else:
            entries.append(entry)
    return entries, unreadable


def unreadable_words(rows: list[Row]) -> str:
    """Which kept entries this version cannot read, and how to delete them if wished."""
    listed = "; ".join(f"number {row.id}, taken {row.taken_at:%Y-%m-%d %H:%M}" for row in rows)
    days = " or ".join(dict.fromkeys(f"'fibrofoot forget {row.taken_at:%Y-%m-%d}'" for row in rows))
    many = len(rows) != 1
    return (
        f"{len(rows)} kept entr{'ies' if many else 'y'} cannot be read by this version of "
        f"fibrofoot ({listed}); {'they were' if many else 'it was'} left as "
        f"{'they are' if many else 'it is'}, and {days} deletes {'them' if many else 'it'}."
    )
