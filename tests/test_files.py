"""Saving files: atomic, owner-only, never clobbering, even in a race, leaving nothing behind
when stopped, and clear when the disk or the path says no; writing to a stream that cannot
show every character."""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from pathlib import Path

import pytest

from fibrofoot.errors import FibrofootError
from fibrofoot.files import expand_path, path_kind, write_private
from fibrofoot.terminal.screen import write_output


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_saved_file_is_readable_only_by_its_owner(tmp_path: Path) -> None:
    """The file is created 0600 whatever the umask allows."""
    old = os.umask(0o000)
    try:
        write_private(tmp_path / "summary.txt", "hello\n")
    finally:
        os.umask(old)
    assert (tmp_path / "summary.txt").read_text() == "hello\n"
    assert _mode(tmp_path / "summary.txt") == 0o600


def test_an_existing_file_is_not_overwritten_without_asking(tmp_path: Path) -> None:
    """Without overwrite=True an existing file is refused and left as it was."""
    target = tmp_path / "summary.txt"
    target.write_text("keep me")
    with pytest.raises(FibrofootError, match="already exists"):
        write_private(target, "new")
    assert target.read_text() == "keep me"


def test_overwrite_replaces_and_keeps_it_private(tmp_path: Path) -> None:
    """With overwrite=True the new text replaces the old, still 0600."""
    target = tmp_path / "summary.txt"
    target.write_text("old")
    target.chmod(0o644)
    write_private(target, "new", overwrite=True)
    assert target.read_text() == "new"
    assert _mode(target) == 0o600


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing/summary.txt", "does not exist"), ("", "is a folder")],
    ids=["missing-folder", "a-folder"],
)
def test_bad_targets_get_a_sentence(tmp_path: Path, name: str, message: str) -> None:
    """A missing folder or a folder as the target is explained, nothing is written."""
    with pytest.raises(FibrofootError, match=message):
        write_private(tmp_path / name, "text")
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (errno.ENOSPC, "disk is full"),
        (errno.EACCES, "not writable"),
        (errno.EROFS, "not writable"),
        (errno.EIO, "Could not save"),
    ],
    ids=["full-disk", "no-permission", "read-only-filesystem", "io-error"],
)
def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int, message: str
) -> None:
    """When the disk refuses mid-write, the message says why and no partial file remains."""

    def refuse(fd: int) -> None:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(os, "fsync", refuse)
    target = tmp_path / "summary.txt"
    with pytest.raises(FibrofootError, match=message):
        write_private(target, "x" * 10_000)
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_keeps_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between writing and renaming leaves the old file untouched and no temporary."""
    target = tmp_path / "answers.yaml"
    target.write_text("old answers")

    def interrupt(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_private(target, "new answers", overwrite=True)
    assert target.read_text() == "old answers"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_name_taken_while_writing_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another save that takes the name while this one writes keeps its file: this one says
    the name is taken (no check-then-rename race) and leaves no temporary file."""
    target = tmp_path / "summary.txt"
    real_fsync = os.fsync

    def other_save_meanwhile(fd: int) -> None:
        real_fsync(fd)
        target.write_text("the other save")

    monkeypatch.setattr(os, "fsync", other_save_meanwhile)
    with pytest.raises(FibrofootError, match="already exists"):
        write_private(target, "this save")
    assert target.read_text() == "the other save"
    assert _leftovers(tmp_path) == ["summary.txt"]


def test_a_link_put_in_place_while_writing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With overwrite, what is at the name is checked again just before the rename."""
    target = tmp_path / "summary.txt"
    target.write_text("old")
    real_fsync = os.fsync

    def swap_for_a_link(fd: int) -> None:
        real_fsync(fd)
        target.unlink()
        target.symlink_to(tmp_path / "elsewhere")

    monkeypatch.setattr(os, "fsync", swap_for_a_link)
    with pytest.raises(FibrofootError, match="not an ordinary file"):
        write_private(target, "new", overwrite=True)
    assert target.is_symlink()
    assert _leftovers(tmp_path) == ["summary.txt"]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit], ids=["ctrl-c", "exit"])
@pytest.mark.parametrize("at", ["fsync", "link"])
def test_a_stop_at_any_step_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException], at: str
) -> None:
    """Ctrl-C, or a signal turned into SystemExit, while writing or while naming the file
    leaves nothing behind: "there is nothing else to delete"."""

    def interrupt(*args: object) -> None:
        raise stop

    monkeypatch.setattr(os, at, interrupt)
    with pytest.raises(stop):
        write_private(tmp_path / "summary.txt", "private text")
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("refusal", [errno.EPERM, errno.EOPNOTSUPP])
def test_a_file_system_without_hard_links_still_never_clobbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: int
) -> None:
    """Where hard links are refused (FAT, some shares) the file is still saved, private and
    whole, and an existing file is still refused."""

    def no_links(src: str, dst: str) -> None:
        raise OSError(refusal, os.strerror(refusal))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "summary.txt"
    write_private(target, "saved")
    assert (target.read_text(), _mode(target)) == ("saved", 0o600)
    with pytest.raises(FibrofootError, match="already exists"):
        write_private(target, "again")
    assert target.read_text() == "saved"
    assert _leftovers(tmp_path) == ["summary.txt"]


def test_short_writes_are_finished(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write the system cuts short is carried on until everything is written."""
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    text = "a long summary " * 1000
    write_private(tmp_path / "summary.txt", text)
    assert (tmp_path / "summary.txt").read_text() == text


def test_a_lone_surrogate_is_saved_as_a_visible_escape(tmp_path: Path) -> None:
    """Text no UTF-8 file can hold is saved with the character escaped, not refused."""
    write_private(tmp_path / "a.txt", "note \ud800 end")
    assert (tmp_path / "a.txt").read_text() == "note \\ud800 end"


def test_path_kind_tells_what_a_name_is(tmp_path: Path) -> None:
    """A file, a folder, anything else (a link, even dangling), or nothing."""
    (tmp_path / "file").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "file")
    (tmp_path / "dangling").symlink_to(tmp_path / "nothing")
    os.mkfifo(tmp_path / "fifo")
    kinds = {name: path_kind(tmp_path / name) for name in ("file", "link", "dangling", "fifo")}
    assert kinds == {"file": "file", "link": "other", "dangling": "other", "fifo": "other"}
    assert (path_kind(tmp_path), path_kind(tmp_path / "nothing")) == ("folder", None)


@pytest.mark.parametrize(
    ("name", "message"),
    [("x" * 256, "too long"), ("a\x00b", "NUL"), ("file/x", "a part of the path is a file")],
)
def test_path_kind_explains_what_the_system_refuses(
    tmp_path: Path, name: str, message: str
) -> None:
    """The questions the save dialogue asks raise a sentence, not an OSError or ValueError."""
    (tmp_path / "file").write_text("x")
    with pytest.raises(FibrofootError, match=message):
        path_kind(tmp_path / name)


def test_expand_path_makes_home_folders_and_explains_unknown_users() -> None:
    """`~/x` starts at the home folder; `~nosuchuser/x` is a sentence, not a RuntimeError."""
    assert expand_path("~/x.txt") == Path.home() / "x.txt"
    assert expand_path("plain.txt") == Path("plain.txt")
    with pytest.raises(FibrofootError, match="no such user's home folder"):
        expand_path("~nosuchuser-7731/x.txt")


def test_output_an_encoding_cannot_show_is_escaped() -> None:
    """An ASCII stream gets escapes for what it cannot show, and no UnicodeEncodeError."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    write_output("2026-01-15 · Привет \ud800\n", stream)
    assert (
        raw.getvalue() == b"2026-01-15 \\xb7 \\u041f\\u0440\\u0438\\u0432\\u0435\\u0442 \\ud800\n"
    )


def test_output_to_a_closed_stream_is_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """A closed stream, or no standard output at all (`>&-`), is said, not a traceback."""
    closed = io.StringIO()
    closed.close()
    with pytest.raises(FibrofootError, match="it is closed"):
        write_output("text", closed)
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(FibrofootError, match="standard output is closed"):
        write_output("text")


@pytest.mark.parametrize(("force_hint", "hint"), [(True, " (or use --force)"), (False, "")])
def test_a_taken_name_suggests_force_only_when_asked(
    tmp_path: Path, force_hint: bool, hint: str
) -> None:
    """The command line's message offers --force; a caller with its own way to replace (the
    save dialogue) leaves the hint out."""
    target = tmp_path / "summary.txt"
    target.write_text("keep me")
    with pytest.raises(FibrofootError) as caught:
        write_private(target, "new", force_hint=force_hint)
    assert caught.value.message == f"{target} already exists; choose another name{hint}."
    assert target.read_text() == "keep me"
