"""The history's commands in process, on the tiny bank and a temporary data folder: checkin,
history (with --add, --since, --until and its trend), export in each format, forget."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from helpers.terminal import TINY_BANK, FakeTty

from fibrofoot.history import database, store
from fibrofoot.history.trend import BLOCKS
from fibrofoot.terminal.cli import main
from fibrofoot.terminal.screen import Streams

Cli = Callable[..., tuple[int, str, str]]
Write = Callable[..., Path]
TINY = ("--questions", str(TINY_BANK))
CALM = {"warning": ["none"], "where": ["heel"], "side": "left", "level": 3, "tingling": False}


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The history's folder (not created), and a wide terminal."""
    folder = tmp_path / "data"
    monkeypatch.setenv(store.DATA_DIR_VARIABLE, str(folder))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("TERM", raising=False)
    return folder


def typed(argv: list[str], *lines: str) -> tuple[int, str, str]:
    """Run with these lines typed on a 'terminal': (code, terminal, output)."""
    streams = Streams(FakeTty("".join(f"{line}\n" for line in lines)), io.StringIO(), io.StringIO())
    code = main([*TINY, *argv], streams)
    said, out = streams.terminal, streams.output
    assert isinstance(said, io.StringIO)
    assert isinstance(out, io.StringIO)
    return code, said.getvalue(), out.getvalue()


@pytest.fixture
def kept(data: Path, write_answers: Write, cli: Cli) -> Path:
    """Three walkthroughs kept, on 2026-01-01, 01-05 and 01-10, with pain 3, 6 and 4."""
    for day, level in (("01", 3), ("05", 6), ("10", 4)):
        path = write_answers({**CALM, "level": level}, f"day{day}.yaml")
        code, _, err = cli(*TINY, "history", "--add", path, "--date", f"2026-01-{day}")
        assert code == 0, err
    return data


def test_history_with_nothing_kept_says_so_and_creates_nothing(data: Path, cli: Cli) -> None:
    code, out, err = cli(*TINY, "history")
    assert code == 0
    assert "Nothing is kept yet" in err
    assert out == ""
    assert not data.exists()


def test_history_lists_newest_first_with_a_trend(kept: Path, cli: Cli) -> None:
    code, out, err = cli(*TINY, "history")
    assert code == 0, err
    lines = out.splitlines()
    assert [line[:10] for line in lines[:3]] == ["2026-01-10", "2026-01-05", "2026-01-01"]
    assert "Pain (0-10): 4" in lines[0]
    assert "where: tiny heel" in lines[0]
    trend = lines[-1]
    assert f"{BLOCKS[2]}{BLOCKS[4]}{BLOCKS[3]}" in trend  # 3, 6, 4, oldest first
    assert "lowest 3, highest 6, latest 4" in trend
    assert err.rstrip().endswith("Tiny consult. Please talk to a healthcare professional.")


@pytest.mark.parametrize("plain", [["--plain"], ["history", "TERM=dumb"]])
def test_the_trend_is_in_words_for_plain_terminals(
    plain: list[str], kept: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    if plain[-1] == "TERM=dumb":
        monkeypatch.setenv("TERM", "dumb")
        argv = ["history"]
    else:
        argv = ["history", "--plain"]
    _, out, _ = cli(*TINY, *argv)
    assert "oldest to newest: 3, 6, 4 (lowest 3, highest 6, latest 4)" in out
    assert not any(block in out for block in BLOCKS)


def test_since_and_until_choose_the_period(kept: Path, cli: Cli) -> None:
    _, out, _ = cli(*TINY, "history", "--since", "2026-01-02", "--until", "2026-01-09")
    assert [line[:10] for line in out.splitlines() if line[:4] == "2026"] == ["2026-01-05"]


@pytest.mark.parametrize("bad", ["2026-13-01", "15/01/2026", "２０２６-01-01", "yesterday"])
def test_a_date_that_is_not_one_is_a_usage_error(bad: str, data: Path, cli: Cli) -> None:
    code, _, err = cli(*TINY, "history", "--since", bad)
    assert code == 2
    assert "use a date written like 2026-01-15" in err


def test_added_files_are_dated_by_their_last_change(
    data: Path, write_answers: Write, cli: Cli
) -> None:
    path = write_answers(CALM)
    os.utime(path, (1_700_000_000, 1_700_000_000))  # 2023-11-14
    code, _, err = cli(*TINY, "history", "--add", path)
    assert code == 0, err
    (row,) = store.read(data)
    assert row.taken_at.timestamp() == 1_700_000_000
    assert row.taken_at.utcoffset() is not None


def test_adding_a_wrong_file_keeps_none_of_them(data: Path, write_answers: Write, cli: Cli) -> None:
    good = write_answers(CALM, "good.yaml")
    bad = write_answers({"level": 99}, "bad.yaml")
    code, _, err = cli(*TINY, "history", "--add", good, bad)
    assert code == 1
    assert "bad.yaml" in err
    assert not data.exists()


def test_export_csv_keeps_the_states_apart(kept: Path, cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "history.csv"
    code, _, err = cli(*TINY, "export", "-o", target)
    assert code == 0, err
    assert "Exported 3 entries" in err
    rows = list(csv.DictReader(target.read_text().splitlines()))
    first = {row["question_id"]: row for row in rows if row["entry"] == "1"}
    assert first["warning"]["state"] == "none"
    assert first["tingling"]["state"] == "answered"
    assert first["tingling"]["value"] == "no"
    assert first["stiffness"]["state"] == "not_answered"
    assert first["level"]["value"] == "3"
    assert first["note"]["state"] == "not_answered"
    assert {row["taken_at"][:10] for row in rows} == {"2026-01-01", "2026-01-05", "2026-01-10"}
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_export_json_and_fhir(kept: Path, cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli(*TINY, "export", "-o", tmp_path / "h.json", "--since", "2026-01-05")
    assert code == 0, err
    document = json.loads((tmp_path / "h.json").read_text())
    assert [e["taken_at"][:10] for e in document["entries"]] == ["2026-01-05", "2026-01-10"]
    assert document["entries"][0]["responses"]["note"] == {"state": "not_answered", "value": None}
    assert list(document)[-1] == "consult_message"
    code, _, err = cli(*TINY, "export", "-o", tmp_path / "h.fhir.json")
    assert code == 0, err
    bundle = Bundle.model_validate_json((tmp_path / "h.fhir.json").read_text())
    assert bundle.type == "collection"
    assert bundle.entry is not None
    assert len(bundle.entry) == 3
    assert all(
        e.resource is not None and e.resource.get_resource_type() == "QuestionnaireResponse"
        for e in bundle.entry
    )


def test_export_needs_a_name_that_says_the_format(kept: Path, cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli(*TINY, "export", "-o", tmp_path / "history.xlsx")
    assert code == 2
    assert ".csv" in err
    assert not (tmp_path / "history.xlsx").exists()


def test_forget_a_day_prints_what_it_deleted(kept: Path, cli: Cli) -> None:
    code, _, err = cli(*TINY, "forget", "2026-01-05", "--yes")
    assert code == 0, err
    assert "Deleted 1 entry from 2026-01-05:" in err
    assert "2026-01-05 12:00" in err
    assert [r.taken_at.day for r in store.read(kept)] == [10, 1]
    code, _, err = cli(*TINY, "forget", "2026-01-05", "--yes")
    assert "Nothing is kept from 2026-01-05; nothing was deleted." in err


def test_forget_all_leaves_no_file_or_folder(kept: Path, cli: Cli) -> None:
    code, _, err = cli(*TINY, "forget", "--all", "--yes")
    assert code == 0, err
    assert "Deleted 3 entries" in err
    assert not kept.exists()


def spoil(folder: Path, day: str) -> None:
    """Make the entry of `day` one this version cannot read (as a later version might write)."""
    db = sqlite3.connect(store.database_path(folder))
    db.execute(
        "UPDATE entry SET document = '{\"responses\": 7}' WHERE taken_at LIKE ?", (f"{day}%",)
    )
    db.commit()
    db.close()


def test_an_unreadable_entry_is_named_and_the_others_are_shown_and_exported(
    kept: Path, cli: Cli, tmp_path: Path
) -> None:
    spoil(kept, "2026-01-05")
    code, out, err = cli(*TINY, "history")
    assert code == 0, err
    assert [line[:10] for line in out.splitlines()[:2]] == ["2026-01-10", "2026-01-01"]
    said = " ".join(err.split())  # as wrapped for the terminal
    assert "1 kept entry cannot be read by this version of fibrofoot" in said
    assert "taken 2026-01-05 12:00" in said
    code, _, err = cli(*TINY, "export", "-o", tmp_path / "all.json")
    assert code == 0, err
    said = " ".join(err.split())
    assert "Exported 2 entries" in said
    assert "Not in it: 1 kept entry cannot be read" in said
    exported = json.loads((tmp_path / "all.json").read_text())["entries"]
    assert [e["taken_at"][:10] for e in exported] == ["2026-01-01", "2026-01-10"]


def test_forget_deletes_what_cannot_be_read_by_day_and_all(kept: Path, cli: Cli) -> None:
    spoil(kept, "2026-01-05")
    spoil(kept, "2026-01-10")
    code, _, err = cli(*TINY, "forget", "2026-01-05", "--yes")
    assert code == 0, err
    assert "Deleted 1 entry from 2026-01-05:" in err
    assert "2026-01-05 12:00 · an entry this version cannot read" in err
    code, _, err = cli(*TINY, "forget", "--all", "--yes")
    assert code == 0, err
    assert "Deleted 2 entries" in err
    assert not kept.exists()


def test_history_on_an_empty_file_says_nothing_is_kept_and_leaves_it_empty(
    data: Path, cli: Cli
) -> None:
    """The file made, then a crash before the first write: reading does not make it a
    database."""
    data.mkdir(mode=0o700)
    store.database_path(data).touch(mode=0o600)
    code, _, err = cli(*TINY, "history")
    assert code == 0, err
    assert "Nothing is kept yet" in err
    assert store.database_path(data).stat().st_size == 0


def test_forget_asks_first_and_keeps_everything_unless_told_yes(kept: Path) -> None:
    code, said, _ = typed(["forget", "--all"], "no")
    assert code == 0
    assert "Nothing was deleted." in said
    assert len(store.read(kept)) == 3
    code, said, _ = typed(["forget", "--all"], "yes")
    assert code == 0
    assert not kept.exists()


def test_forget_without_a_terminal_needs_yes(kept: Path, cli: Cli) -> None:
    code, _, err = cli(*TINY, "forget", "--all")  # pytest's stdin is not a terminal
    assert code == 2
    assert "add --yes" in err
    assert len(store.read(kept)) == 3


@pytest.mark.parametrize("argv", [["forget"], ["forget", "2026-01-01", "--all"]])
def test_forget_needs_a_date_or_all(argv: list[str], kept: Path, cli: Cli) -> None:
    code, _, err = cli(*TINY, *argv)
    assert code == 2
    assert "Give a date (YYYY-MM-DD) or --all" in err


def test_a_plain_checkin_kept_when_asked(data: Path) -> None:
    """Level 5, 'Nothing' stopped, a note; then Yes to the offer."""
    code, said, out = typed(["--plain", "checkin"], "5", "3", "A tiny day note.", "2")
    assert code == 0, said
    assert out == ""
    assert "Tiny check-in intro." in said
    assert "Kept in" in said
    (row,) = store.read(data)
    assert row.kind == "checkin"
    assert json.loads(row.document)["responses"]["stopped"] == {
        "state": "none",
        "value": ["nothing"],
    }
    assert said.rstrip().endswith("Tiny consult. Please talk to a healthcare professional.")


def test_a_checkin_declined_writes_nothing(data: Path) -> None:
    code, said, _ = typed(["--plain", "checkin"], "5", "3", "", "")  # Enter: the default, No
    assert code == 0, said
    assert "Not kept: nothing was written." in said
    assert not data.exists()


def test_checkin_keep_keeps_without_asking(data: Path) -> None:
    code, said, _ = typed(["checkin", "--keep", "--plain"], "b", "4", "b", "", "1", "")
    assert code == 0, said
    assert "Keep it on this computer" not in said
    (entry,) = store.read(data)
    assert json.loads(entry.document)["responses"]["level"]["value"] == 4


def test_checkin_without_a_terminal_says_how(data: Path, cli: Cli) -> None:
    code, _, err = cli(*TINY, "checkin")
    assert code == 2
    assert "in a terminal" in err
    assert not data.exists()


def test_a_checkin_that_cannot_be_kept_says_why_and_shows_the_answers(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(store.DATA_DIR_VARIABLE, str(blocker / "data"))
    code, said, _ = typed(["--plain", "checkin", "--keep"], "5", "3", "")
    said = " ".join(said.split())
    assert code == 0, said
    assert "Not kept. Could not look at" in said
    assert "a part of the path is a file, not a folder" in said
    assert "- Pain (0-10): 5 out of 10" in said


def test_a_checkin_stopped_keeps_nothing_and_ends_with_the_consult_message(data: Path) -> None:
    """The input ends after the first answer (as Ctrl-D or Ctrl-C would stop it)."""
    code, said, out = typed(["--plain", "checkin", "--keep"], "5")
    assert code == 130
    assert "Stopped." in said
    assert said.rstrip().endswith("Tiny consult. Please talk to a healthcare professional.")
    assert out == ""
    assert not data.exists()


def test_a_checkin_stopped_right_after_it_was_kept_says_it_was_kept(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl-C while 'Kept in ...' is being said: the entry is kept, and the stop says so
    instead of "Nothing was saved."."""
    from fibrofoot.terminal.plain import PlainPrompter

    said_before = PlainPrompter.say

    def stopped_at_kept(
        self: PlainPrompter, text: str = "", indent: str = "", first: str | None = None
    ) -> None:
        if text.startswith("Kept in"):
            raise KeyboardInterrupt
        said_before(self, text, indent, first)

    monkeypatch.setattr(PlainPrompter, "say", stopped_at_kept)
    code, said, _ = typed(["--plain", "checkin", "--keep"], "5", "3", "A tiny day note.")
    assert code == 130
    flat = " ".join(said.split())
    assert "Stopped. Kept in" in flat
    assert "Nothing was saved" not in flat
    assert said.rstrip().endswith("Tiny consult. Please talk to a healthcare professional.")
    assert len(store.read(data)) == 1


def test_reading_commands_leave_a_version_1_file_as_it_is(
    data: Path, cli: Cli, write_answers: Write
) -> None:
    """`history` and `report` read an older history without migrating it; a write does."""
    data.mkdir(mode=0o700)
    db = sqlite3.connect(store.database_path(data))
    db.executescript(
        "CREATE TABLE entry (id INTEGER PRIMARY KEY, taken_at TEXT NOT NULL, kind TEXT NOT NULL,"
        " tool_version TEXT NOT NULL, bank_fingerprint TEXT NOT NULL, document TEXT NOT NULL);"
    )
    db.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO entry (taken_at, kind, tool_version, bank_fingerprint, document) VALUES"
        " ('2026-01-01T09:00:00+01:00', 'checkin', '0.0.9', 'old', '{\"responses\": {}}')"
    )
    db.commit()
    db.close()
    before = store.database_path(data).read_bytes()
    code, out, err = cli(*TINY, "history")
    assert code == 0, err
    assert out.startswith("2026-01-01 09:00 · check-in")
    code, _, err = cli(*TINY, "report", write_answers(CALM))
    assert code == 0, err
    assert store.database_path(data).read_bytes() == before


def test_history_on_a_narrow_terminal_wraps_on_words(
    kept: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal each entry wraps at its width on word boundaries, later lines indented;
    into a file (or a pipe) each entry stays one line."""
    _, one_line_each, _ = cli(*TINY, "history")
    monkeypatch.setenv("COLUMNS", "40")
    output = FakeTty()
    code = main([*TINY, "history"], Streams(FakeTty(), io.StringIO(), output))
    assert code == 0
    shown = output.getvalue()
    assert all(len(line) <= 40 for line in shown.splitlines()), shown
    assert shown.split() == one_line_each.split()  # every word whole, none lost
    entry_lines = shown.splitlines()[1:4]
    assert any(line.startswith("    ") for line in entry_lines)
