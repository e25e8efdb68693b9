"""Opening, checking and migrating the history file (the store's reads and writes use these).

The folder is made 0700 and the file 0600 before SQLite first opens it, and both are tightened
again each time the file is opened for writing (a file copied in as 0644 does not stay so): the
rollback journal takes the file's permissions, so neither is ever readable by anyone else.
Every write is one transaction begun with `BEGIN IMMEDIATE`; two fibrofoot processes wait for
each other (`busy_timeout`).

What is at the path is checked before SQLite touches it: a file that is not a SQLite database,
a database of another program (its `application_id`), or one made by a newer fibrofoot (its
`user_version`) is refused with a sentence and left exactly as it is. Reading never writes: an
empty file (made, then a crash before the first write) reads as no entries, and an older
version is read as it is; the tables are made, or brought up to date, only by a write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

from fibrofoot.errors import FibrofootError
from fibrofoot.safe_text import shown_path

DATA_DIR_VARIABLE = "FIBROFOOT_DATA_DIR"
APPLICATION_ID = 0x46424654  # "FBFT", in the header of every fibrofoot history file
SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 10_000
_HEADER = b"SQLite format 3\x00"

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


def create_privately(folder: Path, path: Path) -> None:
    """The folder (0700) and an empty file (0600), unless they exist; an existing folder is
    made 0700. Never follows a link at the file's name."""
    try:
        if not exists(folder):
            folder.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):  # another fibrofoot made it just now
                os.mkdir(folder, 0o700)
        if stat.S_IMODE(os.stat(folder).st_mode) != 0o700:
            os.chmod(folder, 0o700)
        with contextlib.suppress(FileExistsError):
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            os.close(os.open(path, flags, 0o600))
    except (OSError, ValueError) as error:
        shown = shown_path(folder)
        raise FibrofootError(f"Could not keep it in {shown}: {reason(error)}") from None


def exists(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except (OSError, ValueError) as error:
        raise FibrofootError(f"Could not look at {shown_path(path)}: {reason(error)}") from None
    return True


@contextlib.contextmanager
def connect(path: Path, *, for_writing: bool) -> Iterator[sqlite3.Connection]:
    """A connection to the existing regular file at `path` (never created by SQLite); for
    writing, the file is first made 0600. An empty file reads as a database without tables
    (SQLite writes nothing to it until a write)."""
    _refuse_what_is_not_ours(path, tighten=for_writing)
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
        raise FibrofootError(f"Could not open {shown_path(path)}: {db_reason(error)}") from None
    try:
        yield db
    finally:
        db.close()


def _refuse_what_is_not_ours(path: Path, *, tighten: bool) -> None:
    """Refuse, before SQLite touches it, anything but an empty file or a fibrofoot history.
    With `tighten`, a file of ours is made 0600 (fchmod on what was checked)."""
    shown = shown_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise FibrofootError(not_ours(shown, "it is not an ordinary file"))
            header = os.read(fd, 100)
            if header and (not header.startswith(_HEADER) or len(header) < 100):
                raise FibrofootError(not_ours(shown, "it is not a fibrofoot history file"))
            if header and int.from_bytes(header[68:72], "big") != APPLICATION_ID:
                raise FibrofootError(not_ours(shown, "it is a database of another program"))
            if tighten and stat.S_IMODE(mode) != 0o600:
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FibrofootError(not_ours(shown, "it is a symbolic link")) from None
        raise FibrofootError(f"Could not open {shown}: {reason(error)}") from None


def not_ours(shown: str, why: str) -> str:
    return (
        f"{shown}: {why}, so fibrofoot leaves it exactly as it is. Move it somewhere else to "
        f"keep a history here, or set {DATA_DIR_VARIABLE} to another folder."
    )


def file_version(db: sqlite3.Connection, path: Path) -> int:
    """The file's history version (0: no tables yet, as in an empty file); a newer one, or a
    database of tables not ours, is refused. Inside the write transaction when writing."""
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise FibrofootError(
            f"{shown_path(path)} was written by a newer version of fibrofoot (history format "
            f"{version}; this version reads up to {SCHEMA_VERSION}). Update fibrofoot to use "
            "it; the file was left exactly as it is."
        )
    if version == 0 and db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]:
        raise FibrofootError(not_ours(shown_path(path), "it is not a fibrofoot history"))
    return version


def bring_up_to_date(db: sqlite3.Connection, version: int) -> None:
    """Create the tables in a new file, or migrate an older one to this version; only inside
    a write transaction (the caller's)."""
    if version == SCHEMA_VERSION:
        return
    if version == 0:
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
def transaction(db: sqlite3.Connection, path: Path) -> Iterator[None]:
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
        raise FibrofootError(f"Could not write {shown_path(path)}: {db_reason(error)}") from None


@contextlib.contextmanager
def reading(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise FibrofootError(f"Could not read {shown_path(path)}: {db_reason(error)}") from None


def damaged(path: Path) -> FibrofootError:
    return FibrofootError(f"Could not read {shown_path(path)}: {_DAMAGED}")


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path.absolute()))


def reason(error: OSError | ValueError) -> str:
    if isinstance(error, ValueError):
        return "the name holds a character no file name can (a NUL or a broken character)."
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full. Free some space and try again."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable (or fibrofoot may not look in it)."
    if error.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder."
    return f"{error.strerror or 'the system refused'}."


_DAMAGED = (
    "the file is damaged, so fibrofoot leaves it as it is. Move it away to start a new history."
)


def db_reason(error: sqlite3.Error) -> str:
    """Why SQLite failed, in our words."""
    code = getattr(error, "sqlite_errorname", "")
    if code.startswith("SQLITE_FULL") or "disk is full" in str(error):
        return "the disk is full. Free some space and try again; nothing was changed."
    if code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return "the file or its folder is not writable; nothing was changed."
    if code.startswith("SQLITE_BUSY"):
        return "another fibrofoot kept it busy for too long; try again."
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return _DAMAGED
    if code.startswith("SQLITE_IOERR"):
        return "the system could not write it (a full disk or a size limit?); nothing was changed."
    return "SQLite refused (" + (code or type(error).__name__) + "); nothing was changed."
