"""The command line's fast paths, usage errors, exit codes, streams and consult message source."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.wording import last_paragraph

from fibrofoot import __version__
from fibrofoot.bank.models import Bank
from fibrofoot.terminal.cli import FALLBACK_CONSULT, main
from fibrofoot.terminal.screen import Streams

Cli = Callable[..., tuple[int, str, str]]
HEAVY = ("questionary", "prompt_toolkit", "pydantic", "yaml", "jinja2")


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_fast_flags_import_nothing_heavy(flag: str) -> None:
    """--version and --help answer without importing the heavy libraries."""
    code = (
        "import sys, json\n"
        "from fibrofoot.terminal.cli import main\n"
        f"code = main([{flag!r}])\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0
    loaded = {name.split(".")[0] for name in result["modules"]}
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


def test_version_names_the_release(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package version on stdout."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"fibrofoot {__version__}\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["--no-such-flag"],
        ["report"],
        ["questions"],
        ["report", "a.yaml", "--format", "pdf"],
        ["report", "a.yaml", "--colour"],
        ["report", "a.yaml", "b.yaml"],
    ],
    ids=[
        "unknown-flag",
        "report-without-answers",
        "questions-without-action",
        "unknown-format",
        "unknown-report-option",
        "two-answers-files",
    ],
)
def test_usage_errors_exit_2_with_a_hint(argv: list[str], cli: Cli) -> None:
    """A usage mistake exits 2 with a pointer to --help, nothing on stdout, no traceback."""
    code, out, err = cli(*argv)
    assert (code, out) == (2, "")
    assert "fibrofoot --help" in err
    assert "Traceback" not in err


def test_the_streams_passed_in_are_the_ones_used(
    tiny_bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Given its streams, the command line writes the export to their output and its messages
    to their terminal, and leaves the process's own stdout and stderr alone."""
    streams = Streams(io.StringIO(), io.StringIO(), io.StringIO())
    assert main(["--questions", str(tiny_bank_dir), "questions", "--json"], streams) == 0
    assert isinstance(streams.output, io.StringIO)
    assert isinstance(streams.terminal, io.StringIO)
    assert json.loads(streams.output.getvalue())
    assert "Tiny consult" in streams.terminal.getvalue()
    assert capsys.readouterr() == ("", "")


def test_the_consult_message_comes_from_the_bank_in_use(
    cli: Cli, tiny_bank: Bank, tiny_bank_dir: Path, tmp_path: Path
) -> None:
    """An error while using the bank named with --questions ends with that bank's advice."""
    code, _, err = cli("--questions", tiny_bank_dir, "report", tmp_path / "missing.yaml")
    assert code == 1
    assert "missing.yaml: no such file" in err
    assert last_paragraph("text", err) == words(tiny_bank.messages.consult)


def test_an_unreadable_bank_ends_with_the_default_banks_consult_message(
    cli: Cli,
    tiny_bank: Bank,
    tiny_bank_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the bank given with --questions cannot be read, the default bank's advice comes
    last (the tiny bank stands in for the shipped one here)."""
    monkeypatch.setattr("fibrofoot.bank.load.default_bank_dir", lambda: tiny_bank_dir)
    code, _, err = cli("questions", "--check", tmp_path)
    assert code == 1
    assert "no question files" in err
    assert last_paragraph("text", err) == words(tiny_bank.messages.consult)


def test_with_no_readable_bank_a_built_in_consult_line_comes_last(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even with the default bank missing, the error path ends with consult advice."""
    monkeypatch.setattr("fibrofoot.bank.load.default_bank_dir", lambda: tmp_path)
    code, _, err = cli("report", "answers.yaml")
    assert code == 1
    assert "no question files" in err
    assert last_paragraph("text", err) == FALLBACK_CONSULT


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "summary.pdf"], "does not say which format"),
        (["--format", "json", "-o", "summary.html"], "names a html file"),
    ],
    ids=["unknown-extension", "extension-contradicts-format"],
)
def test_an_output_name_must_agree_with_the_format(
    args: list[str],
    message: str,
    cli: Cli,
    tiny_bank_dir: Path,
    tmp_path: Path,
    write_answers: Callable[..., Path],
) -> None:
    """-o never writes one format under another format's name: a usage error instead."""
    answers = write_answers({"level": 3})
    targets = [str(tmp_path / a) if "." in a else a for a in args]
    code, _, err = cli("--questions", tiny_bank_dir, "report", answers, *targets)
    assert code == 2
    assert message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]
