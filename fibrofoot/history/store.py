"""The history database: one SQLite file in the person's data folder, written only when asked.

The folder is created 0700 and the file 0600 before SQLite first opens it, so neither the file
nor its rollback journal (SQLite gives the journal the file's permissions, and deletes it at the
end of each transaction) is ever readable by anyone else. Every write is one transaction begun
with `BEGIN IMMEDIATE`, and two fibrofoot processes wait for each other (`busy_timeout`): a
crash leaves the file as it was before or after, and SQLite rolls back a half-done write the
next time the file is opened. Deleted entries are overwritten (`secure_delete`), not just
unlinked from their pages.

What is at the path is checked before anything is written: a file that is not a SQLite
database, a database of another program (its `application_id`), or one made by a newer
fibrofoot (its `user_version`) is refused with a sentence and left exactly as it is.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from fibrofoot.errors import FibrofootError
from fibrofoot.safe_text import shown_path

DATA_DIR_VARIABLE = "FIBROFOOT_DATA_DIR"
FILE_NAME = "history.sqlite3"
APPLICATION_ID = 0x46424654  # "FBFT", in the header of every fibrofoot history file
SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 10_000
_HEADER = b"SQLite format 3\x00"
_JOURNALS = ("-journal", "-wal", "-shm")

# Each step takes the file from the version before it; version 1 was the first.
_CREATE_V1 = """
CREATE TABLE entry (
    id INTEGER PRIMARY KEY,
    taken_at TEXT NOT NULL,          -- local time with its UTC offset, ISO 8601
    kind TEXT NOT NULL,              -- 'full' or 'checkin'
    tool_version TEXT NOT NULL,
    bank_fingerprint TEXT NOT NULL,
    document TEXT NOT NULL           -- the entry as JSON (fibrofoot.history.record)
);
"""
_MIGRATIONS: dict[int, str] = {
    # 2: the instant in UTC, so that entries from different time zones sort and filter right.
    # (SQLite's strftime reads the offset of a time and converts it to UTC.)
    2: """
ALTER TABLE entry ADD COLUMN taken_utc TEXT NOT NULL DEFAULT '';
UPDATE entry SET taken_utc = strftime('%Y-%m-%dT%H:%M:%SZ', taken_at);
CREATE INDEX entry_by_time ON entry (taken_utc);
""",
}


@dataclass(frozen=True)
class Row:
    """One kept entry as the database holds it; `id` is None until it is stored."""

    taken_at: datetime  # with its UTC offset
    kind: str
    tool_version: str
    bank_fingerprint: str
    document: str
    id: int | None = None


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
    the file, privately, if they are not there yet."""
    path = database_path(folder)
    _create_privately(folder, path)
    ids: list[int] = []
    with _open(path) as db, _transaction(db, path):
        _prepare(db, path, for_writing=True)
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
    nothing was ever kept. Never creates anything."""
    path = database_path(folder)
    if not _exists(path):
        return []
    with _open(path) as db, _reading(path):
        _prepare(db, path, for_writing=False)
        return _select(db, since, until)


def _select(db: sqlite3.Connection, since: date | None, until: date | None) -> list[Row]:
    found = db.execute(
        "SELECT id, taken_at, kind, tool_version, bank_fingerprint, document FROM entry"
        " WHERE (?1 IS NULL OR substr(taken_at, 1, 10) >= ?1)"
        " AND (?2 IS NULL OR substr(taken_at, 1, 10) <= ?2)"
        " ORDER BY taken_utc DESC, id DESC",
        (since and since.isoformat(), until and until.isoformat()),
    ).fetchall()
    return [
        Row(datetime.fromisoformat(at), kind, version, fingerprint, document, id=number)
        for number, at, kind, version, fingerprint, document in found
    ]


def forget_day(folder: Path, day: date) -> list[Row]:
    """Delete the entries taken on `day` (local date), in one transaction; return them."""
    path = database_path(folder)
    if not _exists(path):
        return []
    with _open(path) as db, _transaction(db, path):
        _prepare(db, path, for_writing=True)
        gone = _select(db, day, day)
        db.executemany("DELETE FROM entry WHERE id = ?", [(row.id,) for row in gone])
    return gone


def forget_all(folder: Path) -> tuple[int, bool]:
    """Delete the history file (after checking it is fibrofoot's) and its folder if nothing
    else is in it. Returns (how many entries it held, whether the folder went too)."""
    path = database_path(folder)
    count = len(read(folder)) if _exists(path) else 0
    try:
        for leftover in (path, *(path.with_name(path.name + end) for end in _JOURNALS)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)
        try:
            os.rmdir(folder)
        except FileNotFoundError:
            return count, True
        except OSError as error:
            if error.errno in (errno.ENOTEMPTY, errno.EEXIST):
                return count, False
            raise
    except OSError as error:
        raise FibrofootError(f"Could not delete {shown_path(path)}: {_reason(error)}") from None
    return count, True


# --- opening, checking, migrating -------------------------------------------------------------


def _create_privately(folder: Path, path: Path) -> None:
    """The folder (0700) and an empty file (0600), unless they exist; never follows a link at
    the file's name, and never takes anything but a regular file for the history."""
    try:
        if not _exists(folder):
            folder.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):  # another fibrofoot made it just now
                os.mkdir(folder, 0o700)
                os.chmod(folder, 0o700)
        with contextlib.suppress(FileExistsError):
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            os.close(os.open(path, flags, 0o600))
    except (OSError, ValueError) as error:
        shown = shown_path(folder)
        raise FibrofootError(f"Could not keep it in {shown}: {_reason(error)}") from None


def _exists(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except (OSError, ValueError) as error:
        raise FibrofootError(f"Could not look at {shown_path(path)}: {_reason(error)}") from None
    return True


@contextlib.contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the existing regular file at `path` (never created by SQLite)."""
    _refuse_what_is_not_ours(path)
    try:
        db = sqlite3.connect(
            f"file:{_uri_path(path)}?mode=rw",
            uri=True,
            isolation_level=None,  # transactions are begun and ended here, explicitly
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA secure_delete = ON")
    except sqlite3.Error as error:
        raise FibrofootError(f"Could not open {shown_path(path)}: {_db_reason(error)}") from None
    try:
        yield db
    finally:
        db.close()


def _refuse_what_is_not_ours(path: Path) -> None:
    """Refuse, before SQLite touches it, anything but an empty file or a fibrofoot history."""
    shown = shown_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise FibrofootError(_not_ours(shown, "it is not an ordinary file"))
            header = os.read(fd, 100)
        finally:
            os.close(fd)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FibrofootError(_not_ours(shown, "it is a symbolic link")) from None
        raise FibrofootError(f"Could not open {shown}: {_reason(error)}") from None
    if not header:
        return  # created empty by `_create_privately`; SQLite makes it a database
    if not header.startswith(_HEADER) or len(header) < 100:
        raise FibrofootError(_not_ours(shown, "it is not a fibrofoot history file"))
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise FibrofootError(_not_ours(shown, "it is a database of another program"))


def _not_ours(shown: str, why: str) -> str:
    return (
        f"{shown}: {why}, so fibrofoot leaves it exactly as it is. Move it somewhere else to "
        f"keep a history here, or set {DATA_DIR_VARIABLE} to another folder."
    )


def _prepare(db: sqlite3.Connection, path: Path, *, for_writing: bool) -> None:
    """Check the file's version; create the tables in a new file, or bring an older file up to
    this version (inside the caller's transaction when writing)."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise FibrofootError(
            f"{shown_path(path)} was written by a newer version of fibrofoot (history format "
            f"{version}; this version reads up to {SCHEMA_VERSION}). Update fibrofoot to use "
            "it; the file was left exactly as it is."
        )
    if version == SCHEMA_VERSION:
        return
    if not for_writing:  # bring it up to date in a transaction of its own, then read
        with _transaction(db, path):
            _prepare(db, path, for_writing=True)
        return
    if version == 0:
        if db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]:
            raise FibrofootError(_not_ours(shown_path(path), "it is not a fibrofoot history"))
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in _statements(_CREATE_V1):
            db.execute(statement)
        version = 1
    for step in range(version + 1, SCHEMA_VERSION + 1):
        for statement in _statements(_MIGRATIONS[step]):
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _statements(script: str) -> list[str]:
    """A script's statements, so that each runs inside the caller's transaction
    (`executescript` would commit it first)."""
    return [part.strip() for part in script.split(";") if part.strip()]


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection, path: Path) -> Iterator[None]:
    """One write transaction: all of it is kept, or none (rolled back on any failure)."""
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
    except sqlite3.Error as error:
        raise FibrofootError(f"Could not write {shown_path(path)}: {_db_reason(error)}") from None


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise FibrofootError(f"Could not read {shown_path(path)}: {_db_reason(error)}") from None


def _iso(moment: datetime) -> str:
    if moment.utcoffset() is None:
        raise ValueError("an entry's time must carry its UTC offset")
    return moment.isoformat(timespec="seconds")


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path.absolute()))


def _reason(error: OSError | ValueError) -> str:
    if isinstance(error, ValueError):
        return "the name holds a character no file name can (a NUL or a broken character)."
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full. Free some space and try again."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable (or fibrofoot may not look in it)."
    if error.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder."
    return f"{error.strerror or 'the system refused'}."


def _db_reason(error: sqlite3.Error) -> str:
    """Why SQLite failed, in our words."""
    code = getattr(error, "sqlite_errorname", "")
    if code.startswith("SQLITE_FULL") or "disk is full" in str(error):
        return "the disk is full. Free some space and try again; nothing was changed."
    if code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return "the file or its folder is not writable; nothing was changed."
    if code.startswith("SQLITE_BUSY"):
        return "another fibrofoot kept it busy for too long; try again."
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return (
            "the file is damaged, so fibrofoot leaves it as it is. Move it away to start a new "
            "history."
        )
    if code.startswith("SQLITE_IOERR"):
        return "the system could not write it (a full disk or a size limit?); nothing was changed."
    return "SQLite refused (" + (code or type(error).__name__) + "); nothing was changed."
