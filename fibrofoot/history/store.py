"""The history database: one SQLite file in the person's data folder, written only when asked.

Every write is one transaction: a crash leaves the file as it was before or after, and SQLite
rolls back a half-done write the next time the file is opened. Deleted entries are overwritten
(`secure_delete`), not just unlinked from their pages. Reading never writes: an empty file is no
entries, and an older version is read as it is (migrated by the next write). How the file is
opened, checked and migrated is in `database.py`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from fibrofoot.errors import FibrofootError
from fibrofoot.history.database import DATA_DIR_VARIABLE as DATA_DIR_VARIABLE
from fibrofoot.history.database import (
    SCHEMA_VERSION,
    bring_up_to_date,
    connect,
    create_privately,
    damaged,
    exists,
    file_version,
    reading,
    reason,
    transaction,
)
from fibrofoot.history.row import Row
from fibrofoot.safe_text import shown_path

FILE_NAME = "history.sqlite3"
_JOURNALS = ("-journal", "-wal", "-shm")
_COUNT = (  # kept on local dates from ?1 to ?2 (either may be NULL)
    "SELECT count(*) FROM entry WHERE (?1 IS NULL OR substr(taken_at, 1, 10) >= ?1)"
    " AND (?2 IS NULL OR substr(taken_at, 1, 10) <= ?2)"
)
_NEWEST_FIRST = {  # by the instant; version 1 has no taken_utc yet, so it is worked out
    1: "SELECT id, taken_at, kind, tool_version, bank_fingerprint, document FROM entry"
    " WHERE (?1 IS NULL OR substr(taken_at, 1, 10) >= ?1)"
    " AND (?2 IS NULL OR substr(taken_at, 1, 10) <= ?2)"
    " ORDER BY strftime('%Y-%m-%dT%H:%M:%SZ', taken_at) DESC, id DESC",
    2: "SELECT id, taken_at, kind, tool_version, bank_fingerprint, document FROM entry"
    " WHERE (?1 IS NULL OR substr(taken_at, 1, 10) >= ?1)"
    " AND (?2 IS NULL OR substr(taken_at, 1, 10) <= ?2)"
    " ORDER BY taken_utc DESC, id DESC",
}


def data_folder() -> Path:
    """Where the history lives: FIBROFOOT_DATA_DIR, else the system's per-user data folder."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("fibrofoot", appauthor=False))


def database_path(folder: Path) -> Path:
    return folder / FILE_NAME


def add(folder: Path, rows: Iterable[Row]) -> list[int]:
    """Keep `rows` in one transaction (all or none); return their ids. Creates the folder and
    the file, privately, if they are not there yet (and makes them private if they are)."""
    path = database_path(folder)
    create_privately(folder, path)
    ids: list[int] = []
    with connect(path, for_writing=True) as db, transaction(db, path):
        bring_up_to_date(db, file_version(db, path))
        for row in rows:
            cursor = db.execute(
                "INSERT INTO entry (taken_at, taken_utc, kind, tool_version, bank_fingerprint,"
                " document) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', ?1), ?2, ?3, ?4, ?5)",
                (
                    _iso(row.taken_at),
                    row.kind,
                    row.tool_version,
                    row.bank_fingerprint,
                    row.document,
                ),
            )
            assert cursor.lastrowid is not None
            ids.append(cursor.lastrowid)
    return ids


def read(folder: Path, since: date | None = None, until: date | None = None) -> list[Row]:
    """The kept entries taken (local date) from `since` to `until`, newest first; none if
    nothing was ever kept. Never writes anything."""
    path = database_path(folder)
    if not exists(path):
        return []
    with connect(path, for_writing=False) as db, reading(path):
        version = file_version(db, path)
        if version == 0:  # an empty file: made, and no write finished yet
            return []
        return _select(db, path, since, until, version)


def count(folder: Path, day: date | None = None) -> int:
    """How many entries are kept (on `day`, a local date), without reading them."""
    path = database_path(folder)
    if not exists(path):
        return 0
    with connect(path, for_writing=False) as db, reading(path):
        if file_version(db, path) == 0:
            return 0
        found: int = db.execute(_COUNT, (_day(day), _day(day))).fetchone()[0]
        return found


def _select(
    db: sqlite3.Connection, path: Path, since: date | None, until: date | None, version: int
) -> list[Row]:
    found = db.execute(_NEWEST_FIRST[version], (_day(since), _day(until))).fetchall()
    try:
        return [
            Row(datetime.fromisoformat(at), kind, version, fingerprint, document, id=number)
            for number, at, kind, version, fingerprint, document in found
        ]
    except (TypeError, ValueError):  # a time that is not one: changed outside fibrofoot
        raise damaged(path) from None


def forget_day(folder: Path, day: date) -> list[Row]:
    """Delete the entries taken on `day` (local date), in one transaction; return them (their
    documents as kept, unread)."""
    path = database_path(folder)
    if not exists(path):
        return []
    with connect(path, for_writing=True) as db, transaction(db, path):
        version = file_version(db, path)
        if version == 0:
            return []
        bring_up_to_date(db, version)
        gone = _select(db, path, day, day, SCHEMA_VERSION)
        db.executemany("DELETE FROM entry WHERE id = ?", [(row.id,) for row in gone])
    return gone


def forget_all(folder: Path) -> tuple[int, bool]:
    """Delete the history file (after checking it is fibrofoot's) and its folder if nothing
    else is in it. Returns (how many entries it held, whether the folder went too). Counts the
    entries without reading them, so that an entry this version cannot read is deleted too."""
    path = database_path(folder)
    held = count(folder)
    try:
        for leftover in (path, *(path.with_name(path.name + end) for end in _JOURNALS)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)
        try:
            os.rmdir(folder)
        except FileNotFoundError:
            return held, True
        except OSError as error:
            if error.errno in (errno.ENOTEMPTY, errno.EEXIST):
                return held, False
            raise
    except OSError as error:
        raise FibrofootError(f"Could not delete {shown_path(path)}: {reason(error)}") from None
    return held, True


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _iso(moment: datetime) -> str:
    if moment.utcoffset() is None:
        raise ValueError("an entry's time must carry its UTC offset")
    return moment.isoformat(timespec="seconds")
