"""Entries made from answers, on the tiny bank: the five states of a question kept apart, through
the store and back; what was listed and raised; the bank's fingerprint."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from fibrofoot.answers import Answers
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank
from fibrofoot.history import store
from fibrofoot.history.record import (
    State,
    bank_fingerprint,
    checkin_entry,
    entries_of,
    full_entry,
    to_row,
    unreadable_words,
)
from fibrofoot.history.row import Row

AT = datetime(2026, 1, 15, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def test_each_state_is_kept_apart_through_the_store(tiny_bank: Bank, tmp_path: Path) -> None:
    """Not sure, none, does not apply and not answered come back as they went in."""
    answers: Answers = {
        "warning": ["none"],  # none
        "where": ["heel"],
        "side": "left",
        "level": 0,  # a zero is an answer, not "none"
        "tingling": "not_sure",  # not sure
        "stiffness": False,  # its follow-up stiff_long does not apply
        # "note" is due but not answered
    }
    entry = full_entry(tiny_bank, answers, AT, "0.1.0")
    store.add(tmp_path, [to_row(entry)])
    (back,), _ = entries_of(store.read(tmp_path))
    states = {q: r.state for q, r in back.document.responses.items()}
    assert states == {
        "warning": State.NONE,
        "where": State.ANSWERED,
        "side": State.ANSWERED,
        "level": State.ANSWERED,
        "tingling": State.NOT_SURE,
        "stiffness": State.ANSWERED,
        "stiff_long": State.DOES_NOT_APPLY,
        "note": State.NOT_ANSWERED,
    }
    assert back.value("level") == 0
    assert back.value("stiffness") is False
    assert back.value("tingling") == "not_sure"
    assert back.taken_at == AT
    assert back.kind == "full"


def test_a_walkthroughs_entry_keeps_what_was_listed_and_raised(tiny_bank: Bank) -> None:
    answers: Answers = {"warning": ["soon_sign"], "where": ["heel"], "level": 9}
    entry = full_entry(tiny_bank, answers, AT, "0.1.0")
    assert entry.document.warnings == ["flag_soon"]
    assert isinstance(entry.document.listed, list)


def test_a_checkin_keeps_its_own_questions_and_an_empty_note_is_not_answered(
    tiny_bank: Bank,
) -> None:
    entry = checkin_entry(tiny_bank, {"level": 4, "stopped": ["nothing"], "day_note": " "}, AT, "v")
    assert list(entry.document.responses) == ["level", "stopped", "day_note"]
    assert [r.state for r in entry.document.responses.values()] == [
        State.ANSWERED,
        State.NONE,
        State.NOT_ANSWERED,
    ]
    assert entry.number("level") == 4


def test_the_fingerprint_follows_the_banks_content(tiny_bank: Bank, tiny_bank_copy: Path) -> None:
    assert bank_fingerprint(tiny_bank) == bank_fingerprint(load_bank(tiny_bank_copy))
    path = tiny_bank_copy / "20-pain.yaml"
    path.write_text(path.read_text().replace("Where does it hurt?", "Where does it ache?"))
    assert bank_fingerprint(tiny_bank) != bank_fingerprint(load_bank(tiny_bank_copy))


def test_a_document_this_version_cannot_read_is_set_apart_and_named() -> None:
    bad = Row(AT, "full", "9.0", "x", '{"responses": {"a": {"state": "teleported"}}}', 7)
    good = Row(AT, "checkin", "0.1.0", "x", '{"responses": {}}', 8)
    entries, unreadable = entries_of([bad, good])
    assert [e.id for e in entries] == [8]
    assert unreadable == [bad]
    words = unreadable_words(unreadable)
    assert words.startswith("1 kept entry cannot be read by this version of fibrofoot")
    assert "number 7, taken 2026-01-15 09:30" in words
    assert "'fibrofoot forget 2026-01-15' deletes it" in words
