"""The history store on a temporary folder: private files, versions and migrations, refusals
that leave the file as it was, forgetting."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from fibrofoot.errors import FibrofootError
from fibrofoot.history import database, store
from fibrofoot.history.row import Row

PARIS = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))


def row(day: int, hour: int = 9, tz: timezone = PARIS, document: str = "{}") -> Row:
    return Row(datetime(2026, 1, day, hour, 30, tzinfo=tz), "checkin", "0.1.0", "abc", document)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_kept_rows_come_back_newest_first_across_time_zones(tmp_path: Path) -> None:
    """Order is by the instant: 09:30 in New York is after 14:00 in Paris on the same day."""
    folder = tmp_path / "data"
    store.add(folder, [row(5, 14, PARIS), row(5, 9, NEW_YORK), row(4)])
    kept = store.read(folder)
    assert [(r.taken_at.day, r.taken_at.hour) for r in kept] == [(5, 9), (5, 14), (4, 9)]
    assert kept[0].taken_at.utcoffset() == timedelta(hours=-5)


def test_the_folder_is_0700_the_file_0600_and_nothing_else_is_left(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "data"
    store.add(folder, [row(1)])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.database_path(folder).stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == [store.FILE_NAME]


def test_a_file_is_private_even_under_a_permissive_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        store.add(tmp_path / "data", [row(1)])
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    assert stat.S_IMODE(store.database_path(tmp_path / "data").stat().st_mode) == 0o600


def test_reading_when_nothing_was_kept_creates_nothing(tmp_path: Path) -> None:
    assert store.read(tmp_path / "data") == []
    assert list(tmp_path.iterdir()) == []


def test_since_and_until_are_local_dates(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store.add(folder, [row(day) for day in range(1, 8)])
    kept = store.read(folder, since=date(2026, 1, 3), until=date(2026, 1, 5))
    assert [r.taken_at.day for r in kept] == [5, 4, 3]


def test_the_data_folder_is_the_override_or_the_users_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(store.DATA_DIR_VARIABLE, str(tmp_path / "mine"))
    assert store.data_folder() == tmp_path / "mine"
    monkeypatch.delenv(store.DATA_DIR_VARIABLE)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert store.data_folder() == tmp_path / "xdg" / "fibrofoot"


V1_SCHEMA = """
CREATE TABLE entry (id INTEGER PRIMARY KEY, taken_at TEXT NOT NULL, kind TEXT NOT NULL,
  tool_version TEXT NOT NULL, bank_fingerprint TEXT NOT NULL, document TEXT NOT NULL);
"""


def make_version_1(folder: Path) -> Path:
    """A history file as version 1 wrote it."""
    folder.mkdir(mode=0o700)
    path = store.database_path(folder)
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO entry (taken_at, kind, tool_version, bank_fingerprint, document) "
        "VALUES ('2025-06-01T23:30:00-05:00', 'full', '0.0.9', 'old', '{\"responses\": {}}')"
    )
    db.commit()
    db.close()
    return path


def test_a_version_1_file_is_migrated_and_keeps_its_entries(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = make_version_1(folder)
    store.add(folder, [row(1)])
    kept = store.read(folder)
    assert [r.tool_version for r in kept] == ["0.1.0", "0.0.9"]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
    utc = db.execute("SELECT taken_utc FROM entry WHERE kind = 'full'").fetchone()[0]
    assert utc == "2025-06-02T04:30:00Z"
    db.close()


def test_a_version_1_file_is_read_as_it_is_and_never_migrated_by_reading(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    path = make_version_1(folder)
    before = digest(path)
    db = sqlite3.connect(path)
    db.execute(
        "INSERT INTO entry (taken_at, kind, tool_version, bank_fingerprint, document) "
        "VALUES ('2025-06-02T01:00:00+02:00', 'checkin', '0.0.9', 'old', '{}')"
    )  # earlier as an instant (23:00 UTC) than the 04:30 UTC entry, later as a local time
    db.commit()
    db.close()
    before = digest(path)
    assert [r.kind for r in store.read(folder)] == ["full", "checkin"]
    assert store.count(folder) == 2
    assert digest(path) == before
    assert sorted(p.name for p in folder.iterdir()) == [store.FILE_NAME]


def test_an_empty_file_reads_as_no_entries_and_stays_empty(tmp_path: Path) -> None:
    """A crash between making the file and the first write leaves it empty: reading it
    neither fails nor turns it into a database."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    path = store.database_path(folder)
    path.touch(mode=0o600)
    assert store.read(folder) == []
    assert store.count(folder) == 0
    assert path.stat().st_size == 0
    assert sorted(p.name for p in folder.iterdir()) == [store.FILE_NAME]
    store.add(folder, [row(1)])
    assert len(store.read(folder)) == 1


def test_a_time_that_is_not_one_is_said_as_damage(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store.add(folder, [row(1)])
    db = sqlite3.connect(store.database_path(folder))
    db.execute("UPDATE entry SET taken_at = '2026-01-01 at nine'")
    db.commit()
    db.close()
    with pytest.raises(FibrofootError, match="damaged"):
        store.read(folder)
    assert store.count(folder) == 1  # counted without reading: forgetting all still works
    assert store.forget_all(folder) == (1, True)


def test_a_file_and_folder_made_looser_are_made_private_again_by_a_write(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    store.add(folder, [row(1)])
    path = store.database_path(folder)
    path.chmod(0o644)
    folder.chmod(0o755)
    store.read(folder)  # reading changes nothing
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    store.add(folder, [row(2)])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_file_from_a_newer_fibrofoot_is_refused_and_never_altered(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store.add(folder, [row(1)])
    path = store.database_path(folder)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = digest(path)
    for attempt in (lambda: store.add(folder, [row(2)]), lambda: store.read(folder)):
        with pytest.raises(FibrofootError, match="newer version of fibrofoot"):
            attempt()
    with pytest.raises(FibrofootError, match="newer version"):
        store.forget_all(folder)
    assert digest(path) == before
    assert sorted(p.name for p in folder.iterdir()) == [store.FILE_NAME]


@pytest.mark.parametrize(
    "kind", ["text", "another program's database", "a database without an id", "truncated"]
)
def test_a_file_that_is_not_a_fibrofoot_history_is_refused_and_never_altered(
    kind: str, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = store.database_path(folder)
    if kind == "text":
        path.write_text("my shopping list\n")
    elif kind == "truncated":
        path.write_bytes(b"SQLite format 3\x00\x10")
    else:
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE notes (body TEXT)")
        if kind == "another program's database":
            db.execute("PRAGMA application_id = 12345")
        db.commit()
        db.close()
    before = digest(path)
    for attempt in (
        lambda: store.add(folder, [row(1)]),
        lambda: store.read(folder),
        lambda: store.forget_all(folder),
    ):
        with pytest.raises(FibrofootError, match="leaves it exactly as it is"):
            attempt()
    assert digest(path) == before


def test_a_damaged_file_is_refused_and_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store.add(folder, [row(day) for day in range(1, 20)])
    path = store.database_path(folder)
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)  # header intact, every page garbled
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(FibrofootError, match="damaged"):
        store.add(folder, [row(25)])
    with pytest.raises(FibrofootError, match="damaged"):
        store.read(folder)
    assert digest(path) == before


def test_a_link_at_the_files_name_is_never_followed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    target = tmp_path / "elsewhere"
    store.database_path(folder).symlink_to(target)
    with pytest.raises(FibrofootError, match="symbolic link"):
        store.add(folder, [row(1)])
    assert not target.exists()


def test_forgetting_a_day_deletes_its_entries_and_overwrites_them(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store.add(folder, [row(3, document='{"n": "SECRET-NOTE-3"}'), row(4)])
    gone = store.forget_day(folder, date(2026, 1, 3))
    assert [r.taken_at.day for r in gone] == [3]
    assert [r.taken_at.day for r in store.read(folder)] == [4]
    assert b"SECRET-NOTE-3" not in store.database_path(folder).read_bytes()
    assert store.forget_day(folder, date(2026, 1, 3)) == []


def test_forgetting_everything_leaves_no_file_or_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store.add(folder, [row(1), row(2)])
    assert store.forget_all(folder) == (2, True)
    assert not folder.exists()
    assert store.forget_all(folder) == (0, True)


def test_forgetting_everything_keeps_a_folder_that_holds_other_files(tmp_path: Path) -> None:
    store.add(tmp_path, [row(1)])
    (tmp_path / "other.txt").write_text("not fibrofoot's")
    assert store.forget_all(tmp_path) == (1, False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt"]


def test_a_write_is_all_or_nothing(tmp_path: Path) -> None:
    """A failure in the middle of a write (here, a time without its offset) keeps none of it."""
    folder = tmp_path / "data"
    store.add(folder, [row(1)])
    naive = Row(datetime(2026, 1, 2, 9, 0), "checkin", "0.1.0", "abc", "{}")
    with pytest.raises(ValueError, match="UTC offset"):
        store.add(folder, [row(2), naive])
    assert [r.taken_at.day for r in store.read(folder)] == [1]
