"""The walkthrough and the history, in process with --plain on the tiny bank: the offer to keep
it (after the files, not kept unless chosen), a second walkthrough's summary that says what
changed, and a history that cannot be written, which leaves the summary shown and saveable."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from helpers.terminal import TINY_BANK, TINY_CALM, FakeTty, plain_answer, save_menu

from fibrofoot import __version__
from fibrofoot.answers import Answers
from fibrofoot.bank.models import Bank
from fibrofoot.history import store
from fibrofoot.history.record import full_entry, to_row
from fibrofoot.rules import asked_questions
from fibrofoot.terminal.checkin import HISTORY_OFFER, KEEP_LABEL
from fibrofoot.terminal.cli import main
from fibrofoot.terminal.screen import Streams


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(store.DATA_DIR_VARIABLE, str(folder))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    return folder


def walk(bank: Bank, answers: Answers, *menu_lines: str) -> tuple[int, str, str]:
    """The walk in --plain: welcome, answers, 'these are right', then `menu_lines`."""
    lines = ["", *(plain_answer(q, answers[q.id]) for q in asked_questions(bank, answers))]
    lines += ["1", *menu_lines]
    streams = Streams(FakeTty("".join(f"{line}\n" for line in lines)), io.StringIO(), io.StringIO())
    code = main(["--plain", "--questions", str(TINY_BANK)], streams)
    said, out = streams.terminal, streams.output
    assert isinstance(said, io.StringIO)
    assert isinstance(out, io.StringIO)
    return code, " ".join(said.getvalue().split()), out.getvalue()


def pick(value: str, saved: list[str] | None = None) -> str:
    return str(save_menu(saved or []).index(value) + 1)


def test_the_offer_is_in_the_save_menu_and_nothing_is_kept_by_default(
    tiny_bank: Bank, data: Path
) -> None:
    code, said, _ = walk(tiny_bank, TINY_CALM, "")  # Enter: "Don't save", where it starts
    assert code == 0, said
    assert KEEP_LABEL in said
    assert not data.exists()


def test_a_walkthrough_kept_then_a_second_one_shows_what_changed(
    tiny_bank: Bank, data: Path
) -> None:
    code, said, _ = walk(tiny_bank, TINY_CALM, pick(HISTORY_OFFER), pick("done", [HISTORY_OFFER]))
    assert code == 0, said
    assert "Kept in" in said
    (kept,) = store.read(data)
    assert kept.kind == "full"
    # Move it to last week, then walk again with a higher number and the other foot.
    week_ago = datetime.combine(date.today() - timedelta(days=7), time(18)).astimezone()
    store.forget_all(data)
    store.add(data, [to_row(full_entry(tiny_bank, TINY_CALM, week_ago, __version__))])
    second = {**TINY_CALM, "level": 8, "side": "right"}
    code, said, out = walk(tiny_bank, second, "")
    assert code == 0, said
    assert f"SINCE YOUR LAST FULL WALKTHROUGH ON {week_ago.date().isoformat()}" in out
    assert "Pain (0-10): 5 then, 8 now (higher)." in " ".join(out.split())
    assert len(store.read(data)) == 1  # not kept again unless chosen


def test_a_history_that_cannot_be_written_is_a_sentence_and_the_summary_still_saves(
    tiny_bank: Bank, data: Path, tmp_path: Path
) -> None:
    data.mkdir()
    store.database_path(data).write_text("not a history\n")
    lines = [pick(HISTORY_OFFER), pick("text"), "summary.txt", pick("done", ["text"])]
    code, said, out = walk(tiny_bank, TINY_CALM, *lines)
    assert code == 0, said
    assert "fibrofoot leaves it exactly as it is" in said
    assert "Traceback" not in said
    assert "A tiny note." in out
    assert (tmp_path / "summary.txt").is_file()
    assert store.database_path(data).read_text() == "not a history\n"
    assert said.endswith(tiny_bank.messages.consult)
