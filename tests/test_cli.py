"""The command line's fast paths, usage errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fibrofoot import __version__
from fibrofoot.bank.load import load_bank
from fibrofoot.terminal.cli import FALLBACK_CONSULT, main

CONSULT = " ".join(load_bank().messages.consult.split())


def _words(text: str) -> str:
    """Text with line wrapping undone."""
    return " ".join(text.split())


HEAVY = ("questionary", "prompt_toolkit", "pydantic", "yaml", "jinja2")


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
    """--version prints the package version."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"fibrofoot {__version__}\n"


@pytest.mark.parametrize(
    "argv",
    [["--no-such-flag"], ["report"], ["questions"], ["report", "a.yaml", "--format", "pdf"]],
    ids=["unknown-flag", "report-without-answers", "questions-without-action", "unknown-format"],
)
def test_usage_errors_exit_2_and_end_with_the_consult_message(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A usage mistake exits 2 with a hint, no traceback, and the consult message last."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "fibrofoot --help" in err
    assert "Traceback" not in err
    assert _words(err).endswith(CONSULT)


def test_a_data_error_names_the_problem_then_the_consult_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A missing answers file exits 1, says so, and ends with the bank's consult message."""
    assert main(["report", "/no/such/answers.yaml"]) == 1
    err = capsys.readouterr().err
    assert "/no/such/answers.yaml: no such file" in err
    assert _words(err).endswith(CONSULT)


def test_a_broken_bank_ends_with_the_shipped_consult_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """When a bank given with --questions cannot be read, the shipped bank's advice comes last."""
    assert main(["questions", "--check", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "no question files" in err
    assert _words(err).endswith(CONSULT)


def test_with_no_readable_bank_a_built_in_consult_line_comes_last(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even with the shipped bank missing, the error path ends with consult advice."""
    monkeypatch.setattr("fibrofoot.bank.load.default_bank_dir", lambda: tmp_path)
    assert main(["report", "answers.yaml"]) == 1
    err = capsys.readouterr().err
    assert "no question files" in err
    assert _words(err).endswith(FALLBACK_CONSULT)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "summary.pdf"], "does not say which format"),
        (["--format", "json", "-o", "summary.html"], "names a html file"),
    ],
    ids=["unknown-extension", "extension-contradicts-format"],
)
def test_an_output_name_must_agree_with_the_format(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o never writes one format under another format's name: a usage error instead."""
    persona = Path(__file__).parent / "personas" / "gait.yaml"
    argv = ["report", str(persona), *(str(tmp_path / a) if "." in a else a for a in args)]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
