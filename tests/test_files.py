"""Saving files: atomic, owner-only, never clobbering, and clear when the disk says no."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from fibrofoot.errors import FibrofootError
from fibrofoot.files import write_private


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
