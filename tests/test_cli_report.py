"""`fibrofoot report ANSWERS [--format text|json] [-o PATH] [--force]`."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.wording import assert_wording

from fibrofoot.bank.models import Bank, Level

Cli = Callable[..., tuple[int, str, str]]
Write = Callable[..., Path]

ANSWERS: dict[str, object] = {
    "urgent_emergency": ["none"],
    "urgent_soon": ["new_numbness_tingling"],
    "pain_areas": ["heel"],
    "pain_level": 6,
    "pain_timing": ["first_steps"],
    "first_steps_ease": True,
    "sensations": ["tingling"],
    "nerve_pattern": "sock",
}


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", ["answers.yaml", "answers.yml", "answers.json"])
def test_report_prints_a_text_summary_ending_with_the_consult_message(
    cli: Cli, write_answers: Write, bank: Bank, name: str
) -> None:
    """A YAML or JSON answers file gives a text summary on stdout, consult message last; with
    stdout not a terminal, the terminal (stderr) gets the consult message too."""
    code, out, err = cli("report", write_answers(ANSWERS, name))
    assert code == 0
    assert _flat(err) == _flat(bank.messages.consult)
    assert out.startswith("FOOT PAIN SUMMARY")
    assert "Heel and arch pain (plantar fasciitis)" in out
    assert _flat(out).endswith(_flat(bank.messages.consult))
    assert_wording(out, "text report")


def test_report_json_carries_the_documented_fields(
    cli: Cli, write_answers: Write, bank: Bank
) -> None:
    """--format json has schema_version, red_flags, contributors, answers, consult_message."""
    code, out, _ = cli("report", write_answers(ANSWERS), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["schema_version"] == "1"
    assert document["red_flags"] == [
        {
            "id": "soon_new_numbness_tingling",
            "level": "soon",
            "title": bank.messages.levels[Level.SOON].title,
            "where_to_go": bank.messages.levels[Level.SOON].where_to_go,
            "message": next(
                f.message for f in bank.red_flags if f.id == "soon_new_numbness_tingling"
            ),
        }
    ]
    contributors = {c["id"]: c for c in document["contributors"]}
    assert list(contributors) == [
        "muscle_connective_tissue",
        "plantar_fasciitis",
        "peripheral_neuropathy",
    ]
    assert all({"id", "title", "reasons"} <= set(c) and c["reasons"] for c in contributors.values())
    assert document["answers"] == ANSWERS
    assert list(document)[-1] == "consult_message"
    assert document["consult_message"] == bank.messages.consult


def test_answers_to_skipped_questions_are_ignored(cli: Cli, write_answers: Write) -> None:
    """An answer to a question that would not be asked is left out of the report."""
    answers = {**ANSWERS, "pain_timing": ["at_night"], "other_joints": True}
    code, out, _ = cli("report", write_answers(answers), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert "first_steps_ease" not in document["answers"]
    assert "other_joints" not in document["answers"]
    assert "rheumatoid_arthritis" not in {c["id"] for c in document["contributors"]}


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        pytest.param(
            "pain_level: 6\nfoot_size: 9\n",
            "a.yaml",
            ["'foot_size' is not a question id"],
            id="unknown id",
        ),
        pytest.param(
            "pain_areas: [heel, knee]\n", "a.yaml", ["'pain_areas': unknown option"], id="option"
        ),
        pytest.param(
            "tender_spots: sometimes\n", "a.yaml", ["'tender_spots': use true, false"], id="type"
        ),
        pytest.param(
            "pain_level: 12\n", "a.yaml", ["'pain_level': out of range; use 0 to 10"], id="range"
        ),
        pytest.param(
            "- pain_level\n- 6\n", "a.yaml", ["must map question ids to answers"], id="not a map"
        ),
        pytest.param("pain_level: [6\n", "a.yaml", ["a.yaml:2: YAML syntax error"], id="not yaml"),
        pytest.param(
            '{"pain_level": 6,}', "a.json", ["a.json:1: this is not valid JSON"], id="not json"
        ),
        pytest.param(
            "pain_level: 11\nfoo: 1\npain_side: middle\nnote: [a]\n",
            "a.yaml",
            [
                "4 answer(s) need fixing",
                "'pain_level'",
                "'foo'",
                "'pain_side'",
                "'note'",
            ],
            id="every problem listed",
        ),
    ],
)
def test_bad_answers_are_listed_with_exit_1_and_no_traceback(
    cli: Cli, tmp_path: Path, bank: Bank, content: str, name: str, expected: list[str]
) -> None:
    """Bad answers files give exit 1, a message naming every problem, and no summary."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = cli("report", path)
    assert code == 1
    assert out == ""
    for text in expected:
        assert text in err
    assert "Traceback" not in err
    assert _flat(err).endswith(_flat(bank.messages.consult))


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
    cli: Cli, write_answers: Write, tmp_path: Path, bank: Bank, args: tuple[str, ...], fmt: str
) -> None:
    """-o writes the summary to a file only its owner can read, in the format asked for."""
    output = tmp_path / args[-1]
    code, out, err = cli("report", write_answers(ANSWERS), *args[:-1], output)
    assert (code, out) == (0, "")
    assert str(output) in err
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    text = output.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["consult_message"] == bank.messages.consult
    else:
        assert _flat(text).endswith(_flat(bank.messages.consult))
    assert _flat(err).endswith(_flat(bank.messages.consult))


def test_output_file_is_not_overwritten_without_force(
    cli: Cli, write_answers: Write, tmp_path: Path
) -> None:
    """An existing file is left alone unless --force is given; with it, it is replaced 0600."""
    output = tmp_path / "summary.txt"
    output.write_text("keep me", encoding="utf-8")
    output.chmod(0o644)
    answers = write_answers(ANSWERS)
    code, _, err = cli("report", answers, "-o", output)
    assert code == 1
    assert "already exists" in err
    assert output.read_text(encoding="utf-8") == "keep me"
    code, _, _ = cli("report", answers, "-o", output, "--force")
    assert code == 0
    assert output.read_text(encoding="utf-8").startswith("FOOT PAIN SUMMARY")
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        pytest.param("missing/summary.txt", "does not exist", id="missing folder"),
        pytest.param(".", "is a folder", id="a folder"),
    ],
)
def test_output_to_a_place_that_cannot_hold_it_is_refused(
    cli: Cli, write_answers: Write, tmp_path: Path, target: str, expected: str
) -> None:
    """-o into a missing folder, or onto a folder, says so and exits 1."""
    code, _, err = cli("report", write_answers(ANSWERS), "-o", tmp_path / target)
    assert code == 1
    assert expected in err
    assert "Traceback" not in err
    assert list(tmp_path.glob(".*.tmp")) == []


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(("report",), id="missing ANSWERS"),
        pytest.param(("report", "a.yaml", "--colour"), id="unknown option"),
        pytest.param(("report", "a.yaml", "--format", "pdf"), id="unknown format"),
        pytest.param(("report", "a.yaml", "b.yaml"), id="two answers files"),
    ],
)
def test_usage_mistakes_exit_2(cli: Cli, argv: tuple[str, ...]) -> None:
    """Usage mistakes exit 2 with a hint and no traceback."""
    code, out, err = cli(*argv)
    assert code == 2
    assert out == ""
    assert "fibrofoot --help" in err
    assert "Traceback" not in err


def test_a_missing_answers_file_exits_1(cli: Cli, tmp_path: Path) -> None:
    """An answers file that does not exist is a data error (exit 1), not a usage error."""
    code, _, err = cli("report", tmp_path / "nope.yaml")
    assert code == 1
    assert "nope.yaml: no such file" in err


def test_ctrl_c_exits_130_and_ends_with_the_consult_message(
    cli: Cli, write_answers: Write, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupt while reporting exits 130, says it stopped, and ends with the advice."""

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("fibrofoot.summary.build_summary", interrupted)
    code, out, err = cli("report", write_answers(ANSWERS))
    assert (code, out) == (130, "")
    assert "Stopped" in err
    assert _flat(err).endswith(_flat(bank.messages.consult))
