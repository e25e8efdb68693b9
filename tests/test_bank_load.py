"""Loading the bank: one clear message per problem, naming file, line and field; and the export."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from fibrofoot.bank.export import bank_json
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


TINY_ASK_IF = "ask_if: [{question: stiffness, is: [true]}]"
O_TOES = "{id: o_toes, raises: [osteoarthritis], when: [{question: where, is: [toes]}]"

# Each mutation breaks a copy of the tiny bank (tests/banks/tiny/) in one way.
MUTATIONS: dict[str, Mutation] = {
    "yaml syntax error": Mutation(
        "20-pain.yaml",
        "        kind: scale\n",
        "        kind: scale: x\n",
        "kind: scale: x",
        ("YAML syntax error",),
    ),
    "tab indentation": Mutation(
        "20-pain.yaml",
        "  - id: pain\n",
        "  - id: pain\n\ttitle: x\n",
        "\t",
        ("YAML syntax error", "tabs"),
    ),
    "key given twice": Mutation(
        "20-pain.yaml",
        "        label: Which foot\n",
        "        label: Which foot\n        label: Which feet\n",
        "label: Which feet",
        ("the key 'label' appears twice",),
    ),
    "alias": Mutation(
        "20-pain.yaml",
        "        label: Tingling\n        kind: yes_no\n",
        "        label: &w Tingling\n        kind: *w\n",
        "kind: *w",
        ("anchors and aliases",),
    ),
    "unknown key": Mutation(
        "20-pain.yaml",
        "        label: Which foot\n",
        "        label: Which foot\n        lable: Which foot\n",
        "lable",
        ("sections[0].questions[1]", "unknown key 'lable'"),
    ),
    "unknown key in an option": Mutation(
        "20-pain.yaml",
        "            label: Toes\n",
        "            label: Toes\n            colour: red\n",
        "colour",
        ("sections[0].questions[0].options[1]", "unknown key 'colour'"),
    ),
    "missing key": Mutation(
        "20-pain.yaml",
        "        label: Which foot\n",
        "",
        "id: side",
        ("sections[0].questions[1]", "missing required key 'label'"),
    ),
    "missing message": Mutation(
        "00-messages.yaml",
        "  disclaimer: Tiny bank for tests; it is not a diagnosis.\n",
        "",
        "messages:",
        ("messages: missing required key 'disclaimer'",),
    ),
    "missing summary heading": Mutation(
        "00-messages.yaml",
        "    contributors: Tiny may be worth raising heading\n",
        "",
        "  summary:",
        ("messages.summary: missing required key 'contributors'",),
    ),
    "unknown summary key": Mutation(
        "00-messages.yaml",
        "    because: Tiny because\n",
        "    because: Tiny because\n    becuase: Tiny because\n",
        "becuase",
        ("messages.summary", "unknown key 'becuase'"),
    ),
    "unknown top-level key": Mutation(
        "10-warning.yaml",
        "red_flags:\n",
        "red_flag:\n",
        "red_flag:",
        ("unknown top-level key (the key 'red_flag')",),
    ),
    "wrong type: kind": Mutation(
        "20-pain.yaml",
        "        kind: scale\n",
        "        kind: slider\n",
        "kind: slider",
        ("sections[0].questions[2].kind", "'slider'"),
    ),
    "wrong type: boolean": Mutation(
        "10-warning.yaml",
        "            exclusive: true\n",
        "            exclusive: maybe\n",
        "exclusive: maybe",
        ("sections[0].questions[0].options[3].exclusive", "'maybe'"),
    ),
    "wrong type: list": Mutation(
        "20-pain.yaml",
        TINY_ASK_IF,
        "ask_if: [{question: stiffness, is: true}]",
        "is: true",
        ("sections[0].questions[5].ask_if[0].is", "should be a list"),
    ),
    "wrong type: condition value": Mutation(
        "20-pain.yaml",
        TINY_ASK_IF,
        "ask_if: [{question: stiffness, is: [30]}]",
        "is: [30]",
        ("sections[0].questions[5].ask_if[0].is[0]", "found 30"),
    ),
    "bad id": Mutation(
        "20-pain.yaml",
        "      - id: side\n",
        "      - id: Side-x\n",
        "id: Side-x",
        ("sections[0].questions[1].id", "'Side-x'"),
    ),
    "unknown contributor": Mutation(
        "20-pain.yaml",
        O_TOES,
        O_TOES.replace("[osteoarthritis]", "[osteoarthritis, osteoarthritus]"),
        "osteoarthritus",
        ("signals[8].raises[1]", "there is no contributor 'osteoarthritus'"),
    ),
    "unknown level": Mutation(
        "10-warning.yaml",
        "    level: soon\n",
        "    level: later\n",
        "level: later",
        ("red_flags[2].level", "'later'"),
    ),
    "unknown map region": Mutation(
        "20-pain.yaml",
        "regions: [hindfoot.plantar]",
        "regions: [hindfoot.plantr]",
        "hindfoot.plantr",
        ("sections[0].questions[0].map_areas.heel.regions[0]", "'hindfoot.plantr' is not a"),
    ),
    "map for an unknown answer": Mutation(
        "20-pain.yaml",
        "          heel: {regions: [hindfoot.plantar]",
        "          heal: {regions: [hindfoot.plantar]",
        "heal:",
        ("sections[0].questions[0].map_areas.heal", "'where' has no answer 'heal'"),
    ),
    "duplicate question id": Mutation(
        "20-pain.yaml",
        "      - id: note\n",
        "      - id: level\n",
        "id: level\n        text: Anything",
        ("sections[0].questions[6].id", "'level' is used more than once"),
    ),
    "duplicate question id across files": Mutation(
        "20-pain.yaml",
        "      - id: note\n",
        "      - id: warning\n",
        "id: warning",
        ("sections[0].questions[6].id", "'warning' is used more than once"),
    ),
    "duplicate signal id": Mutation(
        "20-pain.yaml",
        "{id: o_toes,",
        "{id: p_short,",
        "{id: p_short, raises: [osteoarthritis]",
        ("signals[8].id", "'p_short' is used more than once"),
    ),
    "signal without a role": Mutation(
        "20-pain.yaml",
        O_TOES + ", role: characteristic,",
        O_TOES + ",",
        "{id: o_toes",
        ("signals[8]", "missing required key 'role'"),
    ),
    "unknown role": Mutation(
        "20-pain.yaml",
        O_TOES + ", role: characteristic,",
        O_TOES + ", role: main,",
        "role: main",
        ("signals[8].role", "'characteristic' or 'supporting'"),
    ),
    "bidi override in a reason": Mutation(
        "20-pain.yaml",
        "reason: You said O1.",
        'reason: "You said \\u202eO1."',
        'reason: "You said',
        ("signals[8].reason", "direction character (\\u202e)"),
    ),
    "condition on an unknown question": Mutation(
        "20-pain.yaml",
        TINY_ASK_IF,
        "ask_if: [{question: stifness, is: [true]}]",
        "stifness",
        ("sections[0].questions[5].ask_if[0].question", "no question with the id 'stifness'"),
    ),
    "condition on an unknown option": Mutation(
        "20-pain.yaml",
        TINY_ASK_IF,
        "ask_if: [{question: side, is: [lef]}]",
        "lef]",
        ("sections[0].questions[5].ask_if[0].is[0]", "has no answer 'lef'"),
    ),
    "condition on a later question": Mutation(
        "20-pain.yaml",
        "        label: Where\n",
        "        label: Where\n        ask_if: [{question: side, is: [left]}]\n",
        "ask_if: [{question: side",
        ("sections[0].questions[0].ask_if[0].question", "not asked before it"),
    ),
    "signal on an unknown question": Mutation(
        "20-pain.yaml",
        O_TOES,
        O_TOES.replace("question: where", "question: wher"),
        "question: wher,",
        ("signals[8].when[0].question", "no question with the id 'wher'"),
    ),
    "signal on an unknown option": Mutation(
        "20-pain.yaml",
        O_TOES,
        O_TOES.replace("is: [toes]", "is: [toe]"),
        "is: [toe]",
        ("signals[8].when[0].is[0]", "has no answer 'toe'"),
    ),
    "signal on a scale with is": Mutation(
        "20-pain.yaml",
        O_TOES,
        O_TOES.replace("question: where", "question: level"),
        "question: level, is",
        ("signals[8].when[0]", "'level' is a scale"),
    ),
    "red flag on an unknown option": Mutation(
        "10-warning.yaml",
        "is: [emergency_sign]}]",
        "is: [emergency]}]",
        "is: [emergency]}]",
        ("red_flags[0].when[0].is[0]", "has no answer 'emergency'"),
    ),
    "options on a scale": Mutation(
        "20-pain.yaml",
        "        kind: scale\n",
        "        kind: scale\n        options:\n          - value: a\n            label: A\n",
        "options:\n          - value: a",
        ("sections[0].questions[2].options", "only single and multi questions have options"),
    ),
    "messages given twice": Mutation(
        "20-pain.yaml",
        "sections:\n",
        "messages:\n  intro: Hello\nsections:\n",
        "messages:",
        ("'messages' is already given",),
    ),
    "file is a list": Mutation(
        "01-contributors.yaml",
        "contributors:\n  - id: tender_points",
        "- contributors:\n  - id: tender_points",
        "- contributors:",
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
    cli: Cli, tiny_bank_copy: Path, mutation: Mutation
) -> None:
    """One mutation of the bank gives exit 1 and one message naming file, line and field."""
    path, line = _apply(tiny_bank_copy, mutation)
    code, out, err = cli("questions", "--check", tiny_bank_copy)
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
        pytest.param(("missing message", "wrong type: kind", "unknown level"), id="fields"),
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
    cli: Cli, tiny_bank_copy: Path, broken: tuple[str, ...]
) -> None:
    """Problems in several files are all listed, one line each, not just the first."""
    for name in broken:
        _apply(tiny_bank_copy, MUTATIONS[name])
    code, _, err = cli("questions", "--check", tiny_bank_copy)
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
    cli: Cli, tiny_bank_copy: Path, content: bytes, expected: str, line: int | None
) -> None:
    """An empty or non-UTF-8 file in the bank is named (with its line where it has one)."""
    extra = tiny_bank_copy / "70-extra.yaml"
    extra.write_bytes(content)
    code, _, err = cli("questions", "--check", tiny_bank_copy)
    assert code == 1
    where = f"{extra}:{line}:" if line else f"{extra}:"
    assert where in err
    assert expected in err


def test_a_missing_contributor_is_reported_at_the_contributors_list(
    cli: Cli, tiny_bank_copy: Path
) -> None:
    """A problem with a whole list names the file and line of that list."""
    path = tiny_bank_copy / "01-contributors.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: peripheral_neuropathy")], encoding="utf-8")
    signals = tiny_bank_copy / "20-pain.yaml"
    kept = [line for line in signals.read_text("utf-8").splitlines() if "peripheral" not in line]
    signals.write_text("\n".join(kept) + "\n", encoding="utf-8")
    code, _, err = cli("questions", "--check", tiny_bank_copy)
    assert code == 1
    line = text[: text.index("contributors:\n")].count("\n") + 1
    assert (
        f"{path}:{line}: contributors: these contributors are missing: peripheral_neuropathy" in err
    )


def test_load_bank_raises_fibrofoot_error(tiny_bank_copy: Path) -> None:
    """load_bank raises the one user-facing error type, with every problem in its message."""
    _apply(tiny_bank_copy, MUTATIONS["duplicate signal id"])
    with pytest.raises(FibrofootError) as raised:
        load_bank(tiny_bank_copy)
    assert raised.value.exit_code == 1
    assert "20-pain.yaml" in raised.value.message


def test_the_shipped_bank_is_valid(cli: Cli) -> None:
    """`questions --check` on the shipped bank says it is valid and exits 0."""
    code, out, err = cli("questions", "--check")
    assert code == 0
    assert "The question bank is valid" in err
    assert out == ""


def test_a_valid_copy_loads_to_the_same_bank(tiny_bank_copy: Path, tiny_bank: Bank) -> None:
    """The bank read from another folder is the same bank (nothing depends on the path)."""
    assert load_bank(tiny_bank_copy) == tiny_bank


def test_questions_json_holds_the_whole_bank(
    cli: Cli, tiny_bank_dir: Path, tiny_bank: Bank
) -> None:
    """`questions --json` prints the whole bank as JSON: messages, ids, text, kind, options,
    conditions, the foot map, signals, red flags and retired questions."""
    bank = tiny_bank
    code, out, _ = cli("--questions", tiny_bank_dir, "questions", "--json")
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
    assert list(document) == [
        "messages",
        "sections",
        "contributors",
        "signals",
        "red_flags",
        "retired_questions",
    ]
    assert document["messages"] == bank.messages.model_dump(mode="json")
    assert document["messages"]["consult"] == bank.messages.consult
    assert set(document["messages"]["levels"]) == {"emergency", "same_day", "soon"}
    assert document["messages"]["summary"]["title"] == bank.messages.summary.title
    assert exported["where"]["map_areas"]["heel"]["regions"] == ["hindfoot.plantar"]
    assert exported["side"]["map_feet"]["both"]["feet"] == ["left", "right"]


def test_questions_json_escapes_control_and_bidi_characters(tiny_bank: Bank) -> None:
    """A text holding control or bidi-override characters (possible only in a bank that was
    never checked) is exported with them escaped, and reads back as the same text."""
    data = tiny_bank.model_dump(mode="json", by_alias=True)
    reason = "You said café \x1b[2J\x7f\x9b\u202eO1\u2066.\u2069\tend"
    data["signals"][0]["reason"] = reason
    out = bank_json(Bank.model_validate(data))
    assert not {"\x1b", "\x7f", "\x9b", "\u202e", "\u2066", "\u2069", "\t"} & set(out)
    assert "\\u202e" in out
    assert "café" in out  # readable, not ASCII-escaped
    assert json.loads(out)["signals"][0]["reason"] == reason


def test_hidden_files_in_a_bank_folder_are_not_read(tiny_bank_copy: Path, cli: Cli) -> None:
    """An editor's lock link (`.#name.yaml`, dangling) or macOS's `._name.yaml` beside the bank
    files is not a bank file: the check still passes while someone is editing."""
    (tiny_bank_copy / ".#20-pain.yaml").symlink_to("nobody@host.1234:1700000000")
    (tiny_bank_copy / "._00-messages.yaml").write_bytes(b"\x00\x05\x16\x07")
    code, _, err = cli("questions", "--check", tiny_bank_copy)
    assert code == 0, err
