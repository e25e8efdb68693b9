"""Every file fibrofoot reads or writes: files read whole with a size cap, and files the person
asked for written atomically, readable only by them, never clobbering."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from fibrofoot.errors import FibrofootError

OWNER_ONLY = 0o600
MAX_FILE_BYTES = 2_000_000


def read_text(path: Path, what: str) -> str:
    """Read a UTF-8 file of a sane size, or raise FibrofootError naming the file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FibrofootError(
                f"{path}: the file is {size // 1_000_000} MB; {what} files must be under "
                f"{MAX_FILE_BYTES // 1_000_000} MB."
            )
        raw = path.read_bytes()
    except IsADirectoryError:
        raise FibrofootError(f"{path}: this is a folder; give the path of a {what} file.") from None
    except FileNotFoundError:
        raise FibrofootError(f"{path}: no such file.") from None
    except PermissionError:
        raise FibrofootError(f"{path}: fibrofoot is not allowed to read this file.") from None
    except OSError as error:
        raise FibrofootError(f"{path}: could not read the file ({error.strerror}).") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FibrofootError(
            f"{path}:{line}: the file is not UTF-8 text; save it as UTF-8 and try again."
        ) from None


def write_private(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write `text` to `path` via a temporary file and a rename in the same folder.

    The file is created 0600 from the start, so no one else can read it even briefly, and a
    crash or Ctrl-C leaves either the old file or the new one, never half of one.
    """
    folder = path.parent
    if path.is_dir():
        raise FibrofootError(f"{path} is a folder; give a file name.")
    if path.exists() and not overwrite:
        raise FibrofootError(f"{path} already exists; choose another name (or use --force).")
    if not folder.is_dir():
        raise FibrofootError(f"The folder {folder} does not exist; create it or choose another.")
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.fchmod(fd, OWNER_ONLY)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as error:
        raise FibrofootError(_explain(path, error)) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def write_output(text: str, out: TextIO | None = None) -> None:
    """Write to standard output (or `out`), or raise FibrofootError saying why that failed.

    After a failure (a full disk, a closed pipe) the stream is pointed at /dev/null, so
    Python's own flush at exit does not fail a second time with a traceback.
    """
    out = out or sys.stdout
    try:
        out.write(text)
        out.flush()
    except OSError as error:
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        reason = (
            "the program reading it stopped"
            if isinstance(error, BrokenPipeError)
            else (error.strerror or "the system refused")
        )
        raise FibrofootError(f"Could not write to the output: {reason}.") from None


def _explain(path: Path, error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Could not save {path}: the folder is not writable. Choose another folder."
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"Could not save {path}: the disk is full. Free some space or choose another disk."
    return f"Could not save {path}: {error.strerror or 'the system refused'}."
