"""Hostile systems around the files, met through `fibrofoot report` (reading ANSWERS, writing
-o) and `fibrofoot questions` (reading a bank): paths the system refuses, paths that name
something other than an ordinary file, two saves racing, and a terminal that is not UTF-8.

Run as a person would meet them: in-process through the CLI, and as a subprocess of the
installed command where the environment or the user matters. This machine runs as root, so
"not allowed" is tried as the user nobody (setpriv, from util-linux) and device nodes are made
with mknod in a temporary folder (never in the real /dev).
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.terminal import FIBROFOOT, as_nobody
from test_hostile_input import TINY_CONSULT, refused

from fibrofoot.bank.load import read_bank

CliRun = tuple[int, str, str]
Cli = Callable[..., CliRun]
ANSWERS = "level: 5\nnote: Привет · café\n"
LONG_NAME = "x" * 256 + ".txt"
SHIPPED_CONSULT = read_bank().message("consult") or ""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


@pytest.fixture
def report(cli: Cli, tiny_bank_dir: Path, answers: Path) -> Callable[..., CliRun]:
    """`fibrofoot --questions TINY report ANSWERS ARGS...` in-process."""
    return lambda *args: cli("--questions", tiny_bank_dir, "report", answers, *args)


def _run(*args: str | Path, env: dict[str, str] | None = None, user: bool = False) -> CliRun:
    """The installed command in a subprocess (as nobody if `user`), its output read as UTF-8
    strictly, so output that is not valid UTF-8 fails the test."""
    command = [str(FIBROFOOT), *map(str, args)]
    if user:
        command = [*as_nobody(), *command]
    done = subprocess.run(
        command, capture_output=True, timeout=20, env={**os.environ, **(env or {})}, check=False
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


@pytest.fixture
def shared(tiny_bank_dir: Path) -> Iterator[Path]:
    """A folder the user nobody can reach (pytest's own tmp_path is root's only), holding an
    answers file and a copy of the tiny bank, both readable by anyone."""
    folder = Path(tempfile.mkdtemp(prefix="fibrofoot-shared-"))
    try:
        folder.chmod(0o755)
        (folder / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
        shutil.copytree(tiny_bank_dir, folder / "tiny")
        (folder / "locked").mkdir(mode=0o700)  # root's: nobody may not search it
        for path in [folder / "answers.yaml", *folder.joinpath("tiny").rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        folder.joinpath("tiny").chmod(0o755)
        yield folder
    finally:
        shutil.rmtree(folder)


# 3. Paths the system refuses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (LONG_NAME, "the name is too long (a name can be at most 255 bytes)"),
        ("a\x00b.txt", "the name holds a character no file name can (a NUL"),
        ("~nosuchuser/x.txt", "The folder ~nosuchuser does not exist"),
        ("answers.yaml/x.txt", "a part of the path is a file, not a folder"),
    ],
    ids=["too-long", "nul", "no-such-user", "file-as-folder"],
)
def test_report_o_to_a_refused_path_is_a_sentence(
    report: Callable[..., CliRun],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    expected: str,
) -> None:
    """-o PATH that the system refuses is explained, and nothing is written anywhere. (The
    shell leaves `~nosuchuser` as it is, so fibrofoot is given it as written.)"""
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())
    assert expected in refused(report("-o", name))
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (LONG_NAME, "the name is too long"),
        ("a\x00b.yaml", "the name holds a character no file name can (a NUL"),
        ("~nosuchuser/a.yaml", "no such file"),
        ("answers.yaml/a.yaml", "a part of the path is a file, not a folder"),
    ],
    ids=["too-long", "nul", "no-such-user", "file-as-folder"],
)
def test_report_reading_a_refused_path_is_a_sentence(
    cli: Cli,
    tiny_bank_dir: Path,
    answers: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    expected: str,
) -> None:
    """An ANSWERS path that the system refuses is explained."""
    monkeypatch.chdir(answers.parent)
    assert expected in refused(cli("--questions", tiny_bank_dir, "report", name))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x" * 256, "the name is too long"),
        ("a\x00b", "the name holds a character no file name can (a NUL"),
        ("~nosuchuser/bank", "no such folder; give the folder that holds the question"),
        ("answers.yaml", "this is a file, not a folder; give the folder that holds"),
    ],
    ids=["too-long", "nul", "no-such-user", "a-file"],
)
def test_questions_from_a_refused_path_is_a_sentence(
    cli: Cli, answers: Path, monkeypatch: pytest.MonkeyPatch, name: str, expected: str
) -> None:
    """`questions --check DIR` and `--questions DIR` explain a folder they cannot use, and
    end with the shipped bank's consult message."""
    monkeypatch.chdir(answers.parent)
    for args in (("questions", "--check", name), ("--questions", name, "report", answers)):
        assert expected in refused(cli(*args), SHIPPED_CONSULT)


def test_a_folder_one_may_not_search_is_a_sentence_everywhere(shared: Path) -> None:
    """As a user who may not search a folder: saving in it, reading answers or a bank from it
    are each explained, with the consult message last, and nothing is written."""
    locked = shared / "locked"
    (locked / "answers.yaml").write_text(ANSWERS)
    shutil.copytree(shared / "tiny", locked / "tiny")
    tiny, mine = shared / "tiny", shared / "answers.yaml"
    look = "fibrofoot is not allowed to look in that folder"
    cases = [
        (("--questions", tiny, "report", mine, "-o", locked / "s.txt"), look, TINY_CONSULT),
        (("--questions", tiny, "report", locked / "answers.yaml"), "or to look", TINY_CONSULT),
        (("questions", "--check", locked / "tiny"), look, SHIPPED_CONSULT),
        (("--questions", locked / "tiny", "report", mine), look, SHIPPED_CONSULT),
    ]
    for args, expected, consult in cases:
        assert expected in refused(_run(*args, user=True), consult)
    assert sorted(p.name for p in locked.iterdir()) == ["answers.yaml", "tiny"]


def test_a_file_one_may_not_read_is_a_sentence(shared: Path) -> None:
    """As another user, an answers file readable only by its owner is explained."""
    (shared / "answers.yaml").chmod(0o600)
    err = refused(
        _run("--questions", shared / "tiny", "report", shared / "answers.yaml", user=True)
    )
    assert "answers.yaml: fibrofoot is not allowed to read this file" in err


def test_a_shared_folder_does_not_let_one_replace_anothers_file(shared: Path) -> None:
    """In a sticky folder anyone may write to (like /tmp), --force over another user's file
    says whose file it is, not that the folder is not writable; the file is kept."""
    sticky = shared / "sticky"
    sticky.mkdir()
    sticky.chmod(0o1777)
    theirs = sticky / "summary.txt"
    theirs.write_text("root's file")
    theirs.chmod(0o666)
    args = ("--questions", shared / "tiny", "report", shared / "answers.yaml", "-o", theirs)
    assert "belongs to someone else" in refused(_run(*args, "--force", user=True))
    assert theirs.read_text() == "root's file"
    assert [p.name for p in sticky.iterdir()] == ["summary.txt"]


# 4. What a path can name ------------------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # what /dev/zero is


def _null(path: Path) -> None:
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))


def _folder(path: Path) -> None:
    path.mkdir()


def _link_to_file(path: Path) -> None:
    (path.parent / "target.txt").write_text("the link's target")
    path.symlink_to(path.parent / "target.txt")


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nothing-here")


def _loop(path: Path) -> None:
    path.symlink_to(path)


NOT_ORDINARY: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,
    "device-zero": _zero,
    "device-null": _null,
    "socket": _socket,
    "link-to-a-file": _link_to_file,
    "dangling-link": _dangling,
    "link-loop": _loop,
}


def _snapshot(folder: Path) -> list[tuple[str, int, str]]:
    """Name, type and content (of regular files) of everything in `folder`."""
    return [
        (p.name, stat.S_IFMT(p.lstat().st_mode), p.read_text() if p.is_file() else "")
        for p in sorted(folder.iterdir())
    ]


@pytest.mark.parametrize("force", [False, True], ids=["no-force", "force"])
@pytest.mark.parametrize("make", NOT_ORDINARY.values(), ids=NOT_ORDINARY.keys())
def test_report_o_never_replaces_what_is_not_an_ordinary_file(
    report: Callable[..., CliRun],
    tmp_path: Path,
    make: Callable[[Path], None],
    force: bool,
) -> None:
    """A device, FIFO, socket or symbolic link (even dangling, or a loop) at -o is left as it
    is, --force or not, and the message does not suggest --force."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "summary.txt"
    make(target)
    before = _snapshot(out)
    err = refused(report("-o", target, *(["--force"] if force else [])))
    assert "already exists and is not an ordinary file" in err
    assert "--force" not in err
    assert _snapshot(out) == before


@pytest.mark.parametrize("force", [False, True], ids=["no-force", "force"])
def test_report_o_to_a_folder_writes_nothing(
    report: Callable[..., CliRun], tmp_path: Path, force: bool
) -> None:
    """A folder given as -o is said to be a folder, --force or not."""
    folder = tmp_path / "summary.txt"
    folder.mkdir()
    err = refused(report("-o", folder, *(["--force"] if force else [])))
    assert "is a folder; give a file name" in err
    assert list(folder.iterdir()) == []


def test_report_o_over_an_ordinary_file_asks_for_force(
    report: Callable[..., CliRun], tmp_path: Path
) -> None:
    """An ordinary file is kept without --force (which the message offers) and replaced,
    private, with it."""
    target = tmp_path / "summary.txt"
    target.write_text("old")
    assert "already exists; choose another name (or use --force)" in refused(report("-o", target))
    assert target.read_text() == "old"
    code, _, _ = report("-o", target, "--force")
    assert code == 0
    assert target.read_text().endswith(f"{TINY_CONSULT}\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("make", [_fifo, _zero, _socket], ids=["fifo", "device-zero", "socket"])
def test_answers_that_are_not_an_ordinary_file_are_refused_at_once(
    tmp_path: Path, tiny_bank_dir: Path, make: Callable[[Path], None]
) -> None:
    """A FIFO (no writer: reading would wait for ever), an endless device or a socket as
    ANSWERS, named directly or through a link, is refused without reading it."""
    make(tmp_path / "answers.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "answers.yaml")
    for path in (tmp_path / "answers.yaml", tmp_path / "link.yaml"):
        err = refused(_run("--questions", tiny_bank_dir, "report", path))
        assert "this is not an ordinary file (a device, a pipe or a socket)" in err


def test_a_huge_answers_file_is_refused_by_its_real_size(
    report: Callable[..., CliRun], tmp_path: Path, cli: Cli, tiny_bank_dir: Path
) -> None:
    """A 50 MB file (sparse, so quick to make) is refused saying its size and the limit."""
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    err = refused(cli("--questions", tiny_bank_dir, "report", path))
    assert "big.yaml: the file is 50,000,000 bytes; answers files can be at most 2,000,000" in err


@pytest.mark.parametrize(
    "make", [_fifo, _zero, _socket, _folder], ids=["fifo", "device-zero", "socket", "folder"]
)
def test_a_bank_entry_that_is_not_a_file_is_a_problem_not_a_hang(
    tiny_bank_copy: Path, make: Callable[[Path], None]
) -> None:
    """Something other than a file named *.yaml in a bank is one problem: `questions --check`
    and a report using the bank both finish at once and say which entry it is."""
    make(tiny_bank_copy / "90-odd.yaml")
    for args in (
        ("questions", "--check", tiny_bank_copy),
        ("--questions", tiny_bank_copy, "report", tiny_bank_copy / "00-messages.yaml"),
    ):
        err = refused(_run(*args), TINY_CONSULT, SHIPPED_CONSULT)
        assert "90-odd.yaml: this is " in err


# 5. Races ---------------------------------------------------------------------------------


def test_two_saves_to_one_new_name_one_wins(tmp_path: Path, tiny_bank_dir: Path) -> None:
    """Ten reports started together to one new -o name: exactly one says it saved, the others
    that the file already exists, and the file is whole; no temporary file is left."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    target = tmp_path / "out" / "summary.txt"
    target.parent.mkdir()
    command = [str(FIBROFOOT), "--questions", str(tiny_bank_dir), "report", str(answers)]
    runs = [
        subprocess.Popen([*command, "-o", str(target)], stderr=subprocess.PIPE, text=True)
        for _ in range(10)
    ]
    results = [(run.wait(timeout=30), run.stderr.read() if run.stderr else "") for run in runs]
    assert sorted(code for code, _ in results) == [0] + [1] * 9
    assert all("already exists" in err for code, err in results if code == 1)
    assert [p.name for p in target.parent.iterdir()] == ["summary.txt"]
    assert target.read_text().endswith(f"{TINY_CONSULT}\n")


# 2. Encodings of the output ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_a_terminal_that_is_not_utf8_gets_visible_escapes(
    tiny_bank_dir: Path, answers: Path, fmt: str
) -> None:
    """With LC_ALL=C and UTF-8 mode off, stdout is ASCII: the summary is printed whole, what
    ASCII cannot show (the note, the date line's '·') written as escapes, consult included."""
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    code, out, err = _run("--questions", tiny_bank_dir, "report", answers, "--format", fmt, env=env)
    assert code == 0, err
    assert "Traceback" not in err
    assert out.isascii()
    assert "\\u041f\\u0440\\u0438\\u0432\\u0435\\u0442" in out  # Привет
    assert " ".join(TINY_CONSULT.split()) in " ".join(out.split())
