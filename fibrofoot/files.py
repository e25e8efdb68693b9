"""Every file fibrofoot reads or writes: files read whole with a size cap, and files the person
asked for written atomically, readable only by them, never clobbering. (Standard output is the
terminal edge's: `terminal/screen.py`.)

Every question put to the file system (open, stat, lstat, link, rename, expanding `~`) is asked
inside handling that turns a refusal into a sentence: a name over 255 bytes, a folder one may not
search, a NUL byte or an unknown `~user` all raise something other than FileNotFoundError.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Literal

from fibrofoot.errors import FibrofootError
from fibrofoot.safe_text import shown_path

OWNER_ONLY = 0o600
MAX_FILE_BYTES = 2_000_000
_NOT_ORDINARY = "a device, a pipe or a socket"

PathKind = Literal["file", "folder", "other"]


def read_text(path: Path, what: str) -> str:
    """Read a UTF-8 file of a sane size, or raise FibrofootError naming the file.

    Only a regular file is read: it is opened without blocking (a FIFO would wait for a writer
    for ever), what the open descriptor names is checked, and at most the cap plus one byte is
    read, whatever the size the system reports (0 for /dev/zero).
    """
    shown = shown_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except (OSError, ValueError) as error:
        raise FibrofootError(f"{shown}: {_read_refusal(error, what)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FibrofootError(f"{shown}: this is a folder; give the path of {_a(what)} file.")
        if not stat.S_ISREG(info.st_mode):
            raise FibrofootError(f"{shown}: {_not_ordinary(what)}")
        raw = _read_at_most(fd, MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FibrofootError(f"{shown}: {_read_refusal(error, what)}") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        size = max(info.st_size, len(raw))
        raise FibrofootError(
            f"{shown}: the file is {size:,} bytes; {what} files can be at most "
            f"{MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES // 1_000_000} MB)."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FibrofootError(
            f"{shown}:{line}: the file is not UTF-8 text; save it as UTF-8 and try again."
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise FibrofootError(
            f"{shown}:{line}: the file holds a NUL character, so it is not plain text; "
            "save it as UTF-8 text and try again."
        )
    return text


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def folder_files(folder: Path, suffix: str, what: str) -> list[Path]:
    """The entries of `folder` whose names end in `suffix`, in name order (a symbolic link to
    a folder is followed), or FibrofootError saying why the folder cannot be listed."""
    shown = shown_path(folder)
    give = f"give the folder that holds the {what} files"
    try:
        if not stat.S_ISDIR(os.stat(folder).st_mode):
            raise FibrofootError(f"{shown}: this is a file, not a folder; {give}.")
        with os.scandir(folder) as entries:
            # Hidden names (an editor's lock `.#x.yaml`, macOS's `._x.yaml`) are not bank files.
            names = sorted(
                entry.name
                for entry in entries
                if entry.name.endswith(suffix) and not entry.name.startswith(".")
            )
    except FileNotFoundError:
        raise FibrofootError(f"{shown}: no such folder; {give}.") from None
    except (OSError, ValueError) as error:
        raise FibrofootError(f"{shown}: {_path_refusal(error)}") from None
    return [folder / name for name in names]


def path_kind(path: Path) -> PathKind | None:
    """What `path` names now, not following a last symbolic link: an ordinary file, a folder,
    something else (a link, even a dangling one or a loop, a device, a pipe, a socket), or
    None if nothing. FibrofootError if the system will not say (see the module docstring)."""
    try:
        return _kind(path)
    except (OSError, ValueError) as error:
        raise FibrofootError(f"{shown_path(path)}: {_path_refusal(error)}") from None


def expand_path(typed: str) -> Path:
    """A path as typed, with a leading `~` or `~user` made a home folder."""
    try:
        return Path(typed).expanduser()
    except RuntimeError:  # no such user, or no home folder
        raise FibrofootError(
            f"{shown_path(typed)}: there is no such user's home folder to start the path from; "
            "write the path out in full."
        ) from None


def write_private(
    path: Path, text: str, *, overwrite: bool = False, force_hint: bool = True
) -> None:
    """Write `text` to `path` via a temporary file in the same folder, then a link or a rename.

    The file is created 0600 from the start, so no one else can read it even briefly, and a
    crash or Ctrl-C leaves either the old file or the new one, never half of one, and no
    temporary file. Only an ordinary file is ever replaced, and only with `overwrite`. Without
    it, the temporary file is hard-linked to the name, which fails if anything has taken the
    name meanwhile: two saves to one new name cannot both succeed. `force_hint`: a taken name's
    message suggests --force (the command line's way to replace; a dialogue has its own).
    """
    shown = shown_path(path)
    data = text.encode("utf-8", "backslashreplace")  # a lone surrogate is written as an escape
    try:
        _refuse_taken(path, shown, overwrite, force_hint)
        _require_folder(path.parent)
    except (OSError, ValueError) as error:
        raise FibrofootError(f"Could not save {shown}: {_path_refusal(error)}") from None
    step = "create"
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".fibrofoot-", suffix=".tmp", dir=path.parent)
        try:
            step = "write"
            os.fchmod(fd, OWNER_ONLY)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        step = "replace"
        if overwrite and _kind(path) == "file":  # checked again: the write took a while
            os.replace(tmp_name, path)
            tmp_name = None
        else:
            _link_new(tmp_name, path)
    except FileExistsError:
        raise FibrofootError(_taken_message(path, shown, force_hint)) from None
    except OSError as error:
        raise FibrofootError(f"Could not save {shown}: {_save_refusal(error, step)}") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _link_new(tmp_name: str, path: Path) -> None:
    """Give the written file its name only if the name is free (FileExistsError if not).

    A file system without hard links (FAT, some network shares) gets the same promise from an
    exclusively created placeholder that the rename then replaces.
    """
    try:
        os.link(tmp_name, path)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        placeholder = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
        os.close(placeholder)
        os.replace(tmp_name, path)


def _kind(path: Path) -> PathKind | None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else "other"


def _refuse_taken(path: Path, shown: str, overwrite: bool, force_hint: bool) -> None:
    kind = _kind(path)
    if kind is not None and (kind != "file" or not overwrite):
        raise FibrofootError(_taken_message(path, shown, force_hint, kind))


def _taken_message(path: Path, shown: str, force_hint: bool, kind: PathKind | None = None) -> str:
    with contextlib.suppress(OSError, ValueError):
        kind = kind or _kind(path)
    if kind == "folder":
        return f"{shown} is a folder; give a file name."
    if kind == "other":
        return (
            f"{shown} already exists and is not an ordinary file (a link, {_NOT_ORDINARY}); "
            "fibrofoot never replaces one. Choose another name."
        )
    hint = " (or use --force)" if force_hint else ""
    return f"{shown} already exists; choose another name{hint}."


def _require_folder(folder: Path) -> None:
    try:
        mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise FibrofootError(
            f"The folder {shown_path(folder)} does not exist; create it or choose another."
        ) from None
    if not stat.S_ISDIR(mode):
        raise FibrofootError(f"{shown_path(folder)} is not a folder; choose another place.")


def _path_refusal(error: OSError | ValueError) -> str:
    """Why the system would not answer a question about a path, in our words."""
    if isinstance(error, ValueError):
        return "the name holds a character no file name can (a NUL or a broken character)."
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long (a name can be at most 255 bytes); choose a shorter one."
    if error.errno in (errno.EACCES, errno.EPERM):
        return "fibrofoot is not allowed to look in that folder; choose another one."
    if error.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder."
    if error.errno == errno.ELOOP:
        return "the path goes round a loop of symbolic links."
    return f"{error.strerror or 'the system refused'}."


def _read_refusal(error: OSError | ValueError, what: str) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file."
    if isinstance(error, PermissionError):
        return "fibrofoot is not allowed to read this file (or to look in its folder)."
    if isinstance(error, ValueError) or error.errno in (
        errno.ENAMETOOLONG,
        errno.ENOTDIR,
        errno.ELOOP,
    ):
        return _path_refusal(error)
    if error.errno in (errno.ENXIO, errno.ENODEV):  # a socket, or a device with no driver
        return _not_ordinary(what)
    return f"could not read the file ({error.strerror or 'the system refused'})."


def _not_ordinary(what: str) -> str:
    return f"this is not an ordinary file ({_NOT_ORDINARY}); give the path of {_a(what)} file."


def _save_refusal(error: OSError, step: str) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full. Free some space or choose another disk."
    if step == "replace" and error.errno in (errno.EACCES, errno.EPERM):
        return (
            "the file there belongs to someone else, and this folder lets only its owner "
            "replace it. Choose another name."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable. Choose another folder."
    if error.errno in (errno.ENAMETOOLONG, errno.ENOTDIR, errno.ELOOP):
        return _path_refusal(error)
    return f"{error.strerror or 'the system refused'}."


def _a(word: str) -> str:
    """`word` with its article: "an answers", "a question"."""
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"
