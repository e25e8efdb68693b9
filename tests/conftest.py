"""Shared fixtures: the shipped bank (loaded once), a copy to break, answers files, the CLI."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import yaml
from strategies import shipped_bank

from fibrofoot.bank.folder import default_bank_dir
from fibrofoot.bank.models import Bank
from fibrofoot.terminal.cli import main

CliRun = tuple[int, str, str]


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
