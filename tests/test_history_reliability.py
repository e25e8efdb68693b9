"""The history under real failures, with real processes: kill -9 in the middle of a write, two
writers at once, a full disk, a read-only folder, a file at the path that is not a history. The
file is left as it was before or after, never broken, and nobody sees a traceback.

The full disk and the read-only folder are small tmpfs mounts (the tests run as root, as CI
does; a failed mount fails the test rather than skipping it).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from helpers.terminal import FIBROFOOT, TINY_BANK

from fibrofoot.history import store
from fibrofoot.history.row import Row

AT = datetime(2026, 1, 15, 9, 30, tzinfo=timezone(timedelta(hours=1)))
CALM = {"warning": ["none"], "where": ["heel"], "side": "left", "level": 3}
TRACEBACK = "Traceback"
CONSULT = "Tiny consult. Please talk to a healthcare professional."


def row(document: str = "{}") -> Row:
    return Row(AT, "checkin", "0.1.0", "abc", document)


def child(script: str, *args: str) -> subprocess.Popen[str]:
    """A Python process running `script` with fibrofoot importable; its stdout is a pipe."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def fibrofoot(*argv: str | Path, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, store.DATA_DIR_VARIABLE: str(data), "COLUMNS": "200"}
    return subprocess.run(
        [str(FIBROFOOT), "--questions", str(TINY_BANK), *map(str, argv)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=30,
        check=False,
    )


def intact(folder: Path) -> int:
    """The number of entries, after SQLite's own check of the whole file."""
    db = sqlite3.connect(store.database_path(folder))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count: int = db.execute("SELECT count(*) FROM entry").fetchone()[0]
        return count
    finally:
        db.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


HELD = """
    import sys, time
    from datetime import datetime, timezone
    from pathlib import Path
    from fibrofoot.history import store
    from fibrofoot.history.row import Row

    def rows():
        yield Row(datetime.now(timezone.utc), "checkin", "x", "y", '{"n": 1}')
        yield Row(datetime.now(timezone.utc), "checkin", "x", "y", '{"n": 2}')
        journal = store.database_path(Path(sys.argv[1])).with_name("history.sqlite3-journal")
        mode = oct(journal.stat().st_mode & 0o777) if journal.exists() else "none"
        print("held", mode, flush=True)
        time.sleep(60)
        yield Row(datetime.now(timezone.utc), "checkin", "x", "y", '{"n": 3}')

    store.add(Path(sys.argv[1]), rows())
"""


def test_kill_9_while_a_write_is_held_open_leaves_the_file_as_before(tmp_path: Path) -> None:
    """A child holds a transaction open (its rows come slowly) and is killed: the entry kept
    before is there, the file passes SQLite's check, and the next write leaves no journal."""
    folder = tmp_path / "data"
    store.add(folder, [row()])
    process = child(HELD, str(folder))
    assert process.stdout is not None
    held = process.stdout.readline().split()
    assert held[0] == "held", process.stderr.read() if process.stderr else ""
    assert held[1] in ("none", "0o600")  # the journal, if written yet, is private too
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert [r.document for r in store.read(folder)] == ["{}"]
    store.add(folder, [row()])
    assert intact(folder) == 2
    assert [p.name for p in folder.iterdir()] == [store.FILE_NAME]


BIG = """
    import os, sys, time
    from datetime import datetime, timezone
    from pathlib import Path
    from fibrofoot.history import store
    from fibrofoot.history.row import Row

    path = store.database_path(Path(sys.argv[1]))
    report = int(sys.argv[2])

    def rows():
        for n in range(report + 2000):
            if n == report:  # inside the transaction: say so, with what is on disk now
                journal = path.with_name(path.name + "-journal")
                print("inside", journal.exists(), os.stat(path).st_size, flush=True)
            yield Row(datetime.now(timezone.utc), "checkin", "x", "y", "x" * 2000)
        time.sleep(60)  # never commits: the kill always comes in the middle of the write

    store.add(path.parent, rows())
    print("done", flush=True)
"""


@pytest.mark.parametrize("report", [1, 500, 4000])
def test_kill_9_in_the_middle_of_a_big_write_leaves_the_file_as_before(
    report: int, tmp_path: Path
) -> None:
    """Thousands of 2 KB entries in one transaction, killed while the child is inside it (it
    says so, and never commits): the file is as before. With thousands written, SQLite has
    already spilled changed pages into the file itself, so its journal is what restores it."""
    folder = tmp_path / "data"
    store.add(folder, [row()])
    size_before = store.database_path(folder).stat().st_size
    process = child(BIG, str(folder), str(report))
    assert process.stdout is not None
    said = process.stdout.readline().split()
    assert said[:2] == ["inside", "True"], process.stderr.read() if process.stderr else ""
    process.send_signal(signal.SIGKILL)
    out, _ = process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert "done" not in out  # killed mid-write, not after it
    if report == 4000:
        assert int(said[2]) > size_before  # the half-done write had reached the file
    assert [r.document for r in store.read(folder)] == ["{}"]
    assert intact(folder) == 1


WRITER = """
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from fibrofoot.history import store
    from fibrofoot.history.row import Row

    for n in range(40):
        store.add(Path(sys.argv[1]), [Row(datetime.now(timezone.utc), "checkin",
                  "x", sys.argv[2], "{}")])
    print("ok", flush=True)
"""


def test_two_writers_at_once_both_succeed(tmp_path: Path) -> None:
    """Two processes keep 40 entries each, one transaction each, at the same time, from a
    history that does not exist yet (both may try to create it)."""
    folder = tmp_path / "data"
    writers = [child(WRITER, str(folder), name) for name in ("a", "b")]
    for process in writers:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        assert out.strip() == "ok"
    kept = store.read(folder)
    assert sorted(r.bank_fingerprint for r in kept) == ["a"] * 40 + ["b"] * 40
    assert intact(folder) == 80


def test_two_fibrofoot_commands_keeping_at_once_both_succeed(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(CALM))
    data = tmp_path / "data"
    env = {**os.environ, store.DATA_DIR_VARIABLE: str(data)}
    argv = [str(FIBROFOOT), "--questions", str(TINY_BANK), "history", "--add", str(answers)]
    runs = [subprocess.Popen(argv, env=env, stderr=subprocess.PIPE, text=True) for _ in "ab"]
    for process in runs:
        _, err = process.communicate(timeout=30)
        assert process.returncode == 0, err
    assert intact(data) == 2


@contextlib.contextmanager
def mounted(size: str) -> Iterator[Path]:
    """A small tmpfs folder, unmounted afterwards."""
    point = Path(tempfile.mkdtemp(prefix="fibrofoot-tmpfs-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", point], check=True)
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", point], check=True)
        point.rmdir()


def test_a_full_disk_is_a_sentence_and_keeps_what_was_kept(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({**CALM, "note": "n" * 19_000}))
    with mounted("96k") as disk:
        data = disk / "data"
        results = [fibrofoot("history", "--add", answers, data=data) for _ in range(12)]
        failed = [r for r in results if r.returncode != 0]
        assert failed, "the disk never filled"
        for result in results:
            assert TRACEBACK not in result.stderr + result.stdout
        assert "the disk is full" in failed[0].stderr, failed[0].stderr
        assert failed[0].returncode == 1
        kept = sum(r.returncode == 0 for r in results)
        assert intact(data) == kept
        listing = fibrofoot("history", data=data)
        assert listing.returncode == 0, listing.stderr
        assert len([line for line in listing.stdout.splitlines() if line[:2] == "20"]) == kept


def test_a_file_size_limit_is_a_sentence(tmp_path: Path) -> None:
    """`ulimit -f` (RLIMIT_FSIZE): SQLite's write fails; fibrofoot says so, with no traceback."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({**CALM, "note": "n" * 19_000}))
    data = tmp_path / "data"
    store.add(data, [row()])
    env = {**os.environ, store.DATA_DIR_VARIABLE: str(data)}
    argv = [str(FIBROFOOT), "--questions", str(TINY_BANK), "history", "--add", str(answers)]
    script = 'ulimit -f 16; exec "$@"'  # 16 blocks of 1,024 bytes
    result = subprocess.run(
        ["sh", "-c", script, "sh", *argv], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1, result.stderr
    assert TRACEBACK not in result.stderr
    assert "nothing was changed" in result.stderr
    assert intact(data) == 1


def test_a_read_only_folder_is_a_sentence_and_the_history_still_reads(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(CALM))
    with mounted("1m") as disk:
        data = disk / "data"
        assert fibrofoot("history", "--add", answers, data=data).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", disk], check=True)
        result = fibrofoot("history", "--add", answers, data=data)
        assert result.returncode == 1
        assert "not writable" in result.stderr, result.stderr
        assert TRACEBACK not in result.stderr
        listing = fibrofoot("history", data=data)
        assert listing.returncode == 0, listing.stderr
        assert listing.stdout.count("full walkthrough") == 1
        new_place = fibrofoot("history", "--add", answers, data=disk / "new")
        assert new_place.returncode == 1
        assert "not writable" in new_place.stderr
        assert TRACEBACK not in new_place.stderr


@pytest.mark.parametrize(
    "content",
    [b"my shopping list\n", b"SQLite format 3\x00" + b"\x00" * 200, b"\x89PNG\r\n\x1a\n" * 50],
)
def test_a_file_that_is_not_a_history_is_refused_by_every_command(
    content: bytes, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(CALM))
    data = tmp_path / "data"
    data.mkdir()
    path = store.database_path(data)
    path.write_bytes(content)
    before = digest(path)
    for argv in (
        ["history"],
        ["history", "--add", answers],
        ["export", "-o", tmp_path / "out.csv"],
        ["forget", "2026-01-15", "--yes"],
        ["forget", "--all", "--yes"],
    ):
        result = fibrofoot(*argv, data=data)
        assert result.returncode == 1, (argv, result.stderr)
        assert "leaves it" in result.stderr, (argv, result.stderr)
        assert TRACEBACK not in result.stderr + result.stdout
        assert result.stderr.rstrip().endswith(
            "Tiny consult. Please talk to a healthcare professional."
        )
    assert digest(path) == before
    assert not (tmp_path / "out.csv").exists()
    assert stat.S_ISREG(path.stat().st_mode)
