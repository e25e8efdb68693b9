"""Loading the bank: one clear message per problem, naming file, line and field; and the export."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank
from fibrofoot.errors import FibrofootError

Cli = Callable[..., tuple[int, str, str]]


@dataclass(frozen=True)
class Mutation:
    """Replace `old` with `new` in `file`; the problem is on the line of `at` (a part of `new`,
    else its first place in the edited file)."""

    file: str
    old: str
    new: str
    at: str
    expect: tuple[str, ...]


MUTATIONS: dict[str, Mutation] = {
    "yaml syntax error": Mutation(
        "20-your-pain.yaml",
        "        kind: scale\n",
        "        kind: scale: x\n",
        "kind: scale: x",
        ("YAML syntax error",),
    ),
    "tab indentation": Mutation(
        "20-your-pain.yaml",
        "  - id: your_pain\n",
        "  - id: your_pain\n\ttitle: x\n",
        "\t",
        ("YAML syntax error", "tabs"),
    ),
    "key given twice": Mutation(
        "20-your-pain.yaml",
        "        label: Which foot\n",
        "        label: Which foot\n        label: Which feet\n",
        "label: Which feet",
        ("the key 'label' appears twice",),
    ),
    "alias": Mutation(
        "50-walking.yaml",
        "        label: Walking changed by pain\n        kind: yes_no\n",
        "        label: &w Walking changed by pain\n        kind: *w\n",
        "kind: *w",
        ("anchors and aliases",),
    ),
    "unknown key": Mutation(
        "20-your-pain.yaml",
        "        label: Which foot\n",
        "        label: Which foot\n        lable: Which foot\n",
        "lable",
        ("sections[0].questions[1]", "unknown key 'lable'"),
    ),
    "unknown key in an option": Mutation(
        "20-your-pain.yaml",
        "            label: The ankle\n",
        "            label: The ankle\n            colour: red\n",
        "colour",
        ("sections[0].questions[0].options[6]", "unknown key 'colour'"),
    ),
    "missing key": Mutation(
        "20-your-pain.yaml",
        "        label: Which foot\n",
        "",
        "id: pain_side",
        ("sections[0].questions[1]", "missing required key 'label'"),
    ),
    "missing message": Mutation(
        "00-messages.yaml",
        "  disclaimer: >-\n    fibrofoot helps you prepare for an appointment about foot pain; it "
        "is not a\n    diagnosis and does not replace a clinician.\n",
        "",
        "messages:",
        ("messages: missing required key 'disclaimer'",),
    ),
    "unknown top-level key": Mutation(
        "50-walking.yaml",
        "signals:\n",
        "signal:\n",
        "signal:",
        ("unknown top-level key 'signal'",),
    ),
    "wrong type: kind": Mutation(
        "20-your-pain.yaml",
        "        kind: scale\n",
        "        kind: slider\n",
        "kind: slider",
        ("sections[0].questions[2].kind", "'slider'"),
    ),
    "wrong type: boolean": Mutation(
        "20-your-pain.yaml",
        "            exclusive: true\n",
        "            exclusive: maybe\n",
        "exclusive: maybe",
        ("sections[0].questions[4].options[5].exclusive", "'maybe'"),
    ),
    "wrong type: list": Mutation(
        "40-joints.yaml",
        "        is: [under_30]",
        "        is: under_30",
        "is: under_30",
        ("signals[1].when[0].is", "should be a list"),
    ),
    "wrong type: condition value": Mutation(
        "40-joints.yaml",
        "        is: [under_30]",
        "        is: [30]",
        "is: [30]",
        ("signals[1].when[0].is[0]", "found 30"),
    ),
    "bad id": Mutation(
        "20-your-pain.yaml",
        "      - id: pain_side\n",
        "      - id: Pain-side\n",
        "id: Pain-side",
        ("sections[0].questions[1].id", "'Pain-side'"),
    ),
    "unknown contributor": Mutation(
        "40-joints.yaml",
        "    raises: [osteoarthritis]",
        "    raises: [osteoarthritus]",
        "raises: [osteoarthritus]",
        ("signals[7].raises[0]", "'osteoarthritus'"),
    ),
    "unknown level": Mutation(
        "10-urgent.yaml",
        "    level: soon\n",
        "    level: later\n",
        "level: later",
        ("red_flags[10].level", "'later'"),
    ),
    "duplicate question id": Mutation(
        "20-your-pain.yaml",
        "      - id: pain_side\n",
        "      - id: pain_areas\n",
        "id: pain_areas",
        ("sections[0].questions[1].id", "'pain_areas' is used more than once"),
    ),
    "duplicate question id across files": Mutation(
        "60-note.yaml",
        "      - id: note\n",
        "      - id: pain_level\n",
        "id: pain_level",
        ("sections[0].questions[0].id", "'pain_level' is used more than once"),
    ),
    "duplicate signal id": Mutation(
        "40-joints.yaml",
        "  - id: big_toe_bump\n    raises",
        "  - id: big_toe_stiff\n    raises",
        "id: big_toe_stiff\n    raises",
        ("signals[8].id", "'big_toe_stiff' is used more than once"),
    ),
    "condition on an unknown question": Mutation(
        "30-feel.yaml",
        "          - question: sensations\n",
        "          - question: sensation\n",
        "question: sensation\n",
        ("sections[0].questions[2].ask_if[0].question", "no question with the id 'sensation'"),
    ),
    "condition on an unknown option": Mutation(
        "30-feel.yaml",
        "is: [numbness, tingling, burning, shooting]",
        "is: [numbness, tingle, burning, shooting]",
        "tingle",
        ("sections[0].questions[2].ask_if[0].is[1]", "has no answer 'tingle'"),
    ),
    "condition on a later question": Mutation(
        "20-your-pain.yaml",
        "          - question: pain_timing\n            is: [first_steps]",
        "          - question: morning_stiffness\n            is: [over_30]",
        "question: morning_stiffness",
        ("sections[0].questions[5].ask_if[0].question", "not asked before it"),
    ),
    "signal on an unknown question": Mutation(
        "40-joints.yaml",
        "      - question: big_toe_bump\n",
        "      - question: big_toe_bumpy\n",
        "question: big_toe_bumpy",
        ("signals[8].when[0].question", "no question with the id 'big_toe_bumpy'"),
    ),
    "signal on an unknown option": Mutation(
        "40-joints.yaml",
        "        is: [under_30]",
        "        is: [under_3]",
        "is: [under_3]",
        ("signals[1].when[0].is[0]", "has no answer 'under_3'"),
    ),
    "signal on a scale with is": Mutation(
        "20-your-pain.yaml",
        "      - question: pain_areas\n        is: [whole_foot]",
        "      - question: pain_level\n        is: [whole_foot]",
        "question: pain_level",
        ("signals[3].when[0]", "'pain_level' is a scale"),
    ),
    "red flag on an unknown option": Mutation(
        "10-urgent.yaml",
        "        is: [cold_pale_foot]",
        "        is: [cold_foot]",
        "is: [cold_foot]",
        ("red_flags[0].when[0].is[0]", "has no answer 'cold_foot'"),
    ),
    "red flag on a later question": Mutation(
        "10-urgent.yaml",
        "      - question: urgent_emergency\n        is: [cold_pale_foot]",
        "      - question: pain_areas\n        is: [heel]",
        "question: pain_areas",
        ("red_flags[0].when[0].question", "not in the first section"),
    ),
    "options on a scale": Mutation(
        "20-your-pain.yaml",
        "        kind: scale\n",
        "        kind: scale\n        options:\n          - value: a\n            label: A\n",
        "options:",
        ("sections[0].questions[2].options", "only single and multi questions have options"),
    ),
    "messages given twice": Mutation(
        "60-note.yaml",
        "sections:\n",
        "messages:\n  intro: Hello\nsections:\n",
        "messages:",
        ("'messages' is already given",),
    ),
    "file is a list": Mutation(
        "60-note.yaml",
        "sections:\n  - id: note",
        "- sections:\n  - id: note",
        "- sections:",
        ("must be a mapping",),
    ),
}


def _apply(folder: Path, mutation: Mutation) -> tuple[Path, int]:
    """Edit the copy; return the edited file and the line the problem should be reported on."""
    path = folder / mutation.file
    original = path.read_text(encoding="utf-8")
    assert mutation.old in original, f"{mutation.old!r} is no longer in {mutation.file}"
    start = original.index(mutation.old)
    edited = original[:start] + mutation.new + original[start + len(mutation.old) :]
    path.write_text(edited, encoding="utf-8")
    if mutation.at in mutation.new:
        offset = start + mutation.new.index(mutation.at)
    else:
        offset = edited.index(mutation.at)
    return path, edited[:offset].count("\n") + 1


@pytest.mark.parametrize("mutation", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_a_bad_bank_gets_one_message_naming_file_line_and_field(
    cli: Cli, bank_copy: Path, mutation: Mutation
) -> None:
    """One mutation of the bank gives exit 1 and one message naming file, line and field."""
    path, line = _apply(bank_copy, mutation)
    code, out, err = cli("questions", "--check", bank_copy)
    assert code == 1
    assert out == ""
    assert "The question bank has 1 problem:" in err
    problem = next(row for row in err.splitlines() if str(path) in row)
    assert problem.strip().startswith(f"{path}:{line}: "), problem
    for expected in mutation.expect:
        assert expected in problem
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param(
            ("yaml syntax error", "unknown top-level key", "file is a list"), id="reading"
        ),
        pytest.param(("unknown key", "unknown contributor", "unknown level"), id="fields"),
        pytest.param(
            (
                "duplicate signal id",
                "condition on an unknown option",
                "red flag on an unknown option",
            ),
            id="cross-references",
        ),
    ],
)
def test_every_problem_is_reported_at_once(
    cli: Cli, bank_copy: Path, broken: tuple[str, ...]
) -> None:
    """Problems in several files are all listed, one line each, not just the first."""
    for name in broken:
        _apply(bank_copy, MUTATIONS[name])
    code, _, err = cli("questions", "--check", bank_copy)
    assert code == 1
    assert "The question bank has 3 problems:" in err
    for name in broken:
        assert f"{MUTATIONS[name].file}:" in err


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        pytest.param(lambda d: d / "missing", "no such folder", id="no such folder"),
        pytest.param(lambda d: d, "no question files", id="no yaml files"),
    ],
)
def test_a_folder_without_a_bank_is_reported(
    cli: Cli, tmp_path: Path, setup: Callable[[Path], Path], expected: str
) -> None:
    """A folder that does not exist or holds no YAML files gives exit 1 and says so."""
    code, _, err = cli("questions", "--check", setup(tmp_path))
    assert code == 1
    assert expected in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "expected", "line"),
    [
        pytest.param(b"", "the file is empty", None, id="empty"),
        pytest.param(b"# only a comment\n", "the file is empty", None, id="only a comment"),
        pytest.param(b"sections: []\n\xff\n", "not UTF-8", 2, id="not utf-8"),
    ],
)
def test_a_bad_extra_file_is_named(
    cli: Cli, bank_copy: Path, content: bytes, expected: str, line: int | None
) -> None:
    """An empty or non-UTF-8 file in the bank is named (with its line where it has one)."""
    extra = bank_copy / "70-extra.yaml"
    extra.write_bytes(content)
    code, _, err = cli("questions", "--check", bank_copy)
    assert code == 1
    where = f"{extra}:{line}:" if line else f"{extra}:"
    assert where in err
    assert expected in err


def test_a_missing_contributor_is_reported_at_the_contributors_list(
    cli: Cli, bank_copy: Path
) -> None:
    """A problem with a whole list names the file and line of that list."""
    path = bank_copy / "01-contributors.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: peripheral_neuropathy")], encoding="utf-8")
    code, _, err = cli("questions", "--check", bank_copy)
    assert code == 1
    line = text[: text.index("contributors:\n")].count("\n") + 1
    assert (
        f"{path}:{line}: contributors: these contributors are missing: peripheral_neuropathy" in err
    )


def test_load_bank_raises_fibrofoot_error(bank_copy: Path) -> None:
    """load_bank raises the one user-facing error type, with every problem in its message."""
    _apply(bank_copy, MUTATIONS["duplicate signal id"])
    with pytest.raises(FibrofootError) as raised:
        load_bank(bank_copy)
    assert raised.value.exit_code == 1
    assert "40-joints.yaml" in raised.value.message


def test_the_shipped_bank_is_valid(cli: Cli) -> None:
    """`questions --check` on the shipped bank says it is valid and exits 0."""
    code, out, err = cli("questions", "--check")
    assert code == 0
    assert "The question bank is valid" in err
    assert out == ""


def test_a_valid_copy_loads_to_the_same_bank(bank_copy: Path, bank: Bank) -> None:
    """The bank read from another folder equals the shipped one (nothing depends on the path)."""
    assert load_bank(bank_copy) == bank


def test_questions_json_holds_the_whole_bank(cli: Cli, bank: Bank) -> None:
    """`questions --json` prints the whole bank as JSON: messages, ids, text, kind, options,
    conditions, signals and red flags."""
    code, out, _ = cli("questions", "--json")
    assert code == 0
    document = json.loads(out)
    exported = {q["id"]: q for s in document["sections"] for q in s["questions"]}
    assert list(exported) == [q.id for q in bank.questions]
    for question in bank.questions:
        item = exported[question.id]
        assert item["text"] == question.text
        assert item["kind"] == question.kind.value
        assert [o["value"] for o in item.get("options", [])] == [o.value for o in question.options]
        conditions = [(c["question"], c.get("is")) for c in item.get("ask_if", [])]
        expected = [
            (c.question, list(c.is_) if c.is_ is not None else None) for c in question.ask_if
        ]
        assert conditions == expected
    assert {s["id"] for s in document["signals"]} == {s.id for s in bank.signals}
    assert {f["id"] for f in document["red_flags"]} == {f.id for f in bank.red_flags}
    assert list(document) == ["messages", "sections", "contributors", "signals", "red_flags"]
    assert document["messages"] == bank.messages.model_dump(mode="json")
    assert document["messages"]["consult"] == bank.messages.consult
    assert set(document["messages"]["levels"]) == {"emergency", "same_day", "soon"}
