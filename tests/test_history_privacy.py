"""Privacy of the history's commands, on the tiny bank: none tries the network, and nothing is
written anywhere (home, the XDG folders, the temporary folder, the current folder) unless the
person asked; when they did, the one file is in the data folder and nothing else was made."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from helpers.terminal import TINY_BANK, FakeTty
from test_privacy import no_network  # noqa: F401 (the fixture, used by name below)

from fibrofoot.history import store
from fibrofoot.terminal.cli import main
from fibrofoot.terminal.screen import Streams

CALM = {"warning": ["none"], "where": ["heel"], "side": "left", "level": 3}


class Places:
    """Every folder a run might write to, all empty at the start."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home, self.work, self.temp, self.runtime = (
            root / name for name in ("home", "work", "tmp", "run")
        )
        self.all = [self.home, self.work, self.temp, self.runtime]
        self.data_home = self.home / ".local" / "share"

    def written(self) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.files())

    def files(self) -> list[Path]:
        return [p for folder in self.all for p in folder.rglob("*")]


# Every test here runs with the network refused: an attempt raises NetworkUsed and fails it.
pytestmark = pytest.mark.usefixtures("no_network")


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Places:
    """Empty HOME, XDG folders, TMPDIR and current folder; no FIBROFOOT_DATA_DIR."""
    where = Places(tmp_path)
    for folder in where.all:
        folder.mkdir()
    monkeypatch.delenv(store.DATA_DIR_VARIABLE, raising=False)
    monkeypatch.setenv("HOME", str(where.home))
    monkeypatch.setenv("TMPDIR", str(where.temp))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(where.runtime))
    for name, under in [
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ]:
        monkeypatch.setenv(name, str(where.home / under))
    monkeypatch.chdir(where.work)
    monkeypatch.setenv("COLUMNS", "100")
    return where


def run(*argv: str | Path, typed: str = "") -> tuple[int, str]:
    streams = Streams(FakeTty(typed), io.StringIO(), io.StringIO())
    code = main(["--questions", str(TINY_BANK), *map(str, argv)], streams)
    said = streams.terminal
    assert isinstance(said, io.StringIO)
    return code, said.getvalue()


def history_file(places: Places) -> Path:
    return places.data_home / "fibrofoot" / store.FILE_NAME


@pytest.mark.parametrize(
    ("argv", "typed"),
    [
        (["--plain", "checkin"], "5\n3\n\n\n"),  # the offer declined with Enter
        (["history"], ""),
        (["history", "--since", "2026-01-01", "--plain"], ""),
        (["forget", "2026-01-01", "--yes"], ""),
        (["forget", "--all", "--yes"], ""),
        (["export", "-o", "nothing.csv"], ""),
    ],
)
def test_a_command_not_asked_to_keep_writes_nothing_anywhere(
    argv: list[str], typed: str, places: Places
) -> None:
    """Only an export writes, and only the file named."""
    code, said = run(*argv, typed=typed)
    assert code == 0, said
    expected = ["work/nothing.csv"] if argv[0] == "export" else []
    assert places.written() == expected


def test_a_kept_checkin_writes_one_file_in_the_data_folder_only(places: Places) -> None:
    code, said = run("--plain", "checkin", typed="5\n3\n\n2\n")
    assert code == 0, said
    assert history_file(places).is_file()
    assert places.written() == [
        "home/.local",
        "home/.local/share",
        "home/.local/share/fibrofoot",
        "home/.local/share/fibrofoot/history.sqlite3",
    ]


def test_every_history_command_with_something_kept_never_touches_the_network(
    places: Places, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(CALM))
    runs: list[tuple[str | Path, ...]] = [
        ("history", "--add", answers, "--date", "2026-01-02"),
        ("--plain", "checkin", "--keep"),
        ("history",),
        ("export", "-o", "h.json"),
        ("export", "-o", "h.csv"),
        ("export", "-o", "h.fhir.json"),
        ("forget", "2026-01-02", "--yes"),
        ("forget", "--all", "--yes"),
    ]
    for argv in runs:
        code, said = run(*argv, typed="5\n3\n\n")
        assert code == 0, (argv, said)
    assert not (places.data_home / "fibrofoot").exists()
    assert sorted(p.name for p in places.work.iterdir()) == ["h.csv", "h.fhir.json", "h.json"]


def test_errors_never_repeat_a_kept_note(places: Places, tmp_path: Path) -> None:
    """A kept note is private: a refusal to read its file later does not show it."""
    secret = "MY-PRIVATE-NOTE-5521"  # noqa: S105
    run("--plain", "checkin", "--keep", typed=f"5\n3\n{secret}\n")
    path = history_file(places)
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)
    path.write_bytes(bytes(data))
    for argv in (["history"], ["export", "-o", "x.json"], ["forget", "--all", "--yes"]):
        code, said = run(*argv)
        assert code == 1
        assert secret not in said
