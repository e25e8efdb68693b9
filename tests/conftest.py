"""Shared fixtures: the tiny test bank and the shipped one (each loaded once), a copy to break,
answers files, the CLI; and the hypothesis profiles.

Mechanism tests use the tiny bank in `tests/banks/tiny/`, so that editing the shipped bank's
wording breaks only the tests of the shipped bank's own promises.

Hypothesis: the "dev" profile (20 examples) is the inner loop; CI (where CI is set) runs "ci"
(200). Choose one by hand with HYPOTHESIS_PROFILE=ci.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

settings.register_profile("dev", max_examples=20, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

from helpers.strategies import shipped_bank  # noqa: E402 (after the profile is loaded)

from fibrofoot.bank.folder import default_bank_dir  # noqa: E402
from fibrofoot.bank.load import load_bank  # noqa: E402
from fibrofoot.bank.models import Bank  # noqa: E402
from fibrofoot.terminal.cli import main  # noqa: E402

TINY_BANK_DIR = Path(__file__).parent / "banks" / "tiny"


@pytest.fixture(scope="session")
def tiny_bank_dir() -> Path:
    """The folder of the tiny bank made for testing the machinery."""
    return TINY_BANK_DIR


@pytest.fixture(scope="session")
def tiny_bank() -> Bank:
    """The tiny bank: eight questions of every kind, a condition, one red flag per level."""
    return load_bank(TINY_BANK_DIR)


@pytest.fixture(scope="session")
def agenda_bank_files() -> list[Path]:
    """The files added to a copy of the tiny bank (its contributors file replacing the tiny
    one's): pain numbers, what the pain makes harder, a goal and an agenda."""
    return sorted((TINY_BANK_DIR.parent / "agenda").glob("*.yaml"))


@pytest.fixture(scope="session")
def agenda_bank(tmp_path_factory: pytest.TempPathFactory, agenda_bank_files: list[Path]) -> Bank:
    """The tiny bank with `agenda_bank_files` added."""
    folder = tmp_path_factory.mktemp("agenda") / "bank"
    shutil.copytree(TINY_BANK_DIR, folder)
    for file in agenda_bank_files:
        shutil.copy(file, folder / file.name)
    return load_bank(folder)


@pytest.fixture
def tiny_bank_copy(tmp_path: Path) -> Path:
    """A copy of the tiny bank's folder that a test may edit."""
    copy = tmp_path / "tiny"
    shutil.copytree(TINY_BANK_DIR, copy)
    return copy


CliRun = tuple[int, str, str]


# Under /tmp rather than pytest's own (0700) folder, so that the tests run as another user
# (setpriv) find nothing there either, rather than a folder they may not look in.
NO_HISTORY = Path(tempfile.gettempdir()) / f"fibrofoot-tests-no-history-{os.getpid()}"


@pytest.fixture(autouse=True)
def _no_kept_history(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or keeps the history of whoever runs the tests: the data folder is one
    that does not exist (the history's own tests set theirs), and must not exist afterwards."""
    monkeypatch.setenv("FIBROFOOT_DATA_DIR", str(NO_HISTORY))
    yield
    if NO_HISTORY.exists():
        shutil.rmtree(NO_HISTORY)
        pytest.fail("this test kept a history entry without being asked to")


@pytest.fixture(scope="session")
def bank() -> Bank:
    """The bank shipped with fibrofoot."""
    return shipped_bank()


@pytest.fixture(scope="session")
def bank_dir() -> Path:
    """The folder the shipped bank is read from."""
    return default_bank_dir()


@pytest.fixture
def bank_copy(tmp_path: Path, bank_dir: Path) -> Path:
    """A copy of the shipped bank's folder that a test may edit."""
    copy = tmp_path / "questions"
    shutil.copytree(bank_dir, copy)
    return copy


@pytest.fixture
def write_answers(tmp_path: Path) -> Callable[[object, str], Path]:
    """Write answers to tmp_path as YAML or JSON (by the file name) and return the path."""

    def write(answers: object, name: str = "answers.yaml") -> Path:
        path = tmp_path / name
        if name.endswith(".json"):
            path.write_text(json.dumps(answers), encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
        return path

    return write


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Run `fibrofoot ARGS` in-process: (exit code, stdout, stderr)."""

    def run(*argv: str | Path) -> CliRun:
        capsys.readouterr()
        args: Sequence[str] = [str(a) for a in argv]
        code = main(args)
        out, err = capsys.readouterr()
        return code, out, err

    return run
