"""`fibrofoot report ANSWERS [--format F] [-o PATH] [--force]`, on the tiny bank.

Usage mistakes are in tests/test_cli.py; that every report ends with the consult message, in
tests/test_safety_wording.py.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from fibrofoot.bank.base import Level
from fibrofoot.bank.models import Bank

Cli = Callable[..., tuple[int, str, str]]
Write = Callable[..., Path]

# A "soon" warning sign, heel pain and a follow-up: a red flag and five contributors.
ANSWERS: dict[str, object] = {
    "warning": ["soon_sign"],
    "where": ["heel"],
    "level": 6,
    "tingling": True,
    "stiffness": True,
    "stiff_long": "short",
}


@pytest.fixture
def report(cli: Cli, tiny_bank_dir: Path) -> Cli:
    """`fibrofoot --questions TINY report ARGS`, in process: (exit code, stdout, stderr)."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        return cli("--questions", tiny_bank_dir, "report", *args)

    return run


@pytest.mark.parametrize("name", ["answers.yaml", "answers.yml", "answers.json"])
def test_report_prints_a_text_summary_of_a_yaml_or_json_file(
    report: Cli, write_answers: Write, name: str
) -> None:
    """A YAML or JSON answers file gives a text summary on stdout."""
    code, out, _ = report(write_answers(ANSWERS, name))
    assert code == 0
    assert "6 out of 10" in out
    assert "Pattern P" in out


def test_report_json_carries_the_documented_fields(
    report: Cli, write_answers: Write, tiny_bank: Bank
) -> None:
    """--format json has schema_version, red_flags, contributors (in the bank's order, each with
    its reasons) and the answers."""
    code, out, _ = report(write_answers(ANSWERS), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["schema_version"] == "2"
    soon = tiny_bank.messages.levels[Level.SOON]
    assert document["red_flags"] == [
        {
            "id": "flag_soon",
            "level": "soon",
            "title": soon.title,
            "where_to_go": soon.where_to_go,
            "message": "Tiny book-soon flag message.",
        }
    ]
    contributors = {c["id"]: c for c in document["contributors"]}
    assert list(contributors) == [
        "tender_points",
        "muscle_connective_tissue",
        "plantar_fasciitis",
        "osteoarthritis",
        "peripheral_neuropathy",
    ]
    assert all({"id", "title", "reasons"} <= set(c) and c["reasons"] for c in contributors.values())
    assert document["answers"] == ANSWERS


def test_answers_to_skipped_questions_are_ignored(report: Cli, write_answers: Write) -> None:
    """An answer to a question that would not be asked is left out of the report."""
    answers = {**ANSWERS, "stiffness": False, "stiff_long": "long"}
    code, out, _ = report(write_answers(answers), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert "stiff_long" not in document["answers"]
    assert "rheumatoid_arthritis" not in {c["id"] for c in document["contributors"]}


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        pytest.param(
            "level: 6\nfoot_size: 9\n", "a.yaml", ["'foot_size' is not a question id"], id="id"
        ),
        pytest.param("where: [heel, knee]\n", "a.yaml", ["'where': unknown option"], id="option"),
        pytest.param("tingling: sometimes\n", "a.yaml", ["'tingling': use true, false"], id="type"),
        pytest.param("level: 12\n", "a.yaml", ["'level': out of range; use 0 to 10"], id="range"),
        pytest.param("- level\n- 6\n", "a.yaml", ["must map question ids to answers"], id="list"),
        pytest.param("level: [6\n", "a.yaml", ["a.yaml:2: YAML syntax error"], id="not yaml"),
        pytest.param('{"level": 6,}', "a.json", ["a.json:1: this is not valid JSON"], id="json"),
        pytest.param(
            "level: 11\nfoo: 1\nside: middle\nnote: [a]\n",
            "a.yaml",
            ["4 answer(s) need fixing", "'level'", "'foo'", "'side'", "'note'"],
            id="every problem listed",
        ),
    ],
)
def test_bad_answers_are_listed_with_exit_1_and_no_traceback(
    report: Cli, tmp_path: Path, content: str, name: str, expected: list[str]
) -> None:
    """Bad answers files give exit 1, a message naming every problem, and no summary."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = report(path)
    assert (code, out) == (1, "")
    for text in expected:
        assert text in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "fmt"),
    [
        pytest.param(("-o", "summary.txt"), "text", id="text by extension"),
        pytest.param(("-o", "summary.json"), "json", id="json by extension"),
        pytest.param(("--format", "json", "-o", "summary.out"), "json", id="json by option"),
        pytest.param(("--format", "text", "--output", "summary"), "text", id="text by option"),
    ],
)
def test_output_file_is_private_and_in_the_chosen_format(
    report: Cli, write_answers: Write, tmp_path: Path, args: tuple[str, ...], fmt: str
) -> None:
    """-o writes the summary to a file only its owner can read, in the format asked for, and
    says where it went."""
    output = tmp_path / args[-1]
    code, out, err = report(write_answers(ANSWERS), *args[:-1], output)
    assert (code, out) == (0, "")
    assert f"Saved the {fmt} summary to {output}" in " ".join(err.split())
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    text = output.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["answers"] == ANSWERS
    else:
        assert "6 out of 10" in text


def test_output_file_is_not_overwritten_without_force(
    report: Cli, write_answers: Write, tmp_path: Path
) -> None:
    """An existing file is left alone unless --force is given; with it, it is replaced 0600."""
    output = tmp_path / "summary.txt"
    output.write_text("keep me", encoding="utf-8")
    output.chmod(0o644)
    answers = write_answers(ANSWERS)
    code, _, err = report(answers, "-o", output)
    assert code == 1
    assert "already exists" in err
    assert output.read_text(encoding="utf-8") == "keep me"
    code, _, _ = report(answers, "-o", output, "--force")
    assert code == 0
    assert "6 out of 10" in output.read_text(encoding="utf-8")
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        pytest.param("missing/summary.txt", "does not exist", id="missing folder"),
        pytest.param(".", "is a folder", id="a folder"),
    ],
)
def test_output_to_a_place_that_cannot_hold_it_is_refused(
    report: Cli, write_answers: Write, tmp_path: Path, target: str, expected: str
) -> None:
    """-o into a missing folder, or onto a folder, says so and exits 1."""
    code, _, err = report(write_answers(ANSWERS), "-o", tmp_path / target)
    assert code == 1
    assert expected in err
    assert "Traceback" not in err
    assert list(tmp_path.glob(".*.tmp")) == []


def test_a_missing_answers_file_exits_1(report: Cli, tmp_path: Path) -> None:
    """An answers file that does not exist is a data error (exit 1), not a usage error."""
    code, _, err = report(tmp_path / "nope.yaml")
    assert code == 1
    assert "nope.yaml: no such file" in err


def test_ctrl_c_while_reporting_exits_130(
    report: Cli, write_answers: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupt while reporting exits 130, says it stopped, and prints no summary."""

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("fibrofoot.summary.build_summary", interrupted)
    code, out, err = report(write_answers(ANSWERS))
    assert (code, out) == (130, "")
    assert "Stopped." in err
