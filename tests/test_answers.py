"""Answers, on the tiny bank: what each kind accepts, the problems a file can have, and reading
files back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.strategies import (
    PROPERTY,
    answer_values,
    any_answers,
    bad_answer_values,
    raw_answer_values,
    tiny_test_bank,
)
from hypothesis import example, given
from hypothesis import strategies as st

from fibrofoot.answers import (
    AnswerProblem,
    Answers,
    AnswerValue,
    answer_text,
    dump_answers,
    normalise,
    read_answers,
    validate_answers,
)
from fibrofoot.bank.models import Bank, Question
from fibrofoot.errors import FibrofootError

QUESTIONS = tiny_test_bank().questions


@pytest.mark.parametrize(
    ("question_id", "raw", "expected"),
    [
        pytest.param("tingling", True, True, id="yes_no true"),
        pytest.param("tingling", "Yes", True, id="yes_no word"),
        pytest.param("tingling", "NO", False, id="yes_no word, capitals"),
        pytest.param("tingling", "not_sure", "not_sure", id="yes_no not sure"),
        pytest.param("level", 0, 0, id="scale low end"),
        pytest.param("level", 10, 10, id="scale high end"),
        pytest.param("side", "both", "both", id="single"),
        pytest.param("where", "heel", ["heel"], id="multi, one value alone"),
        pytest.param("where", ["toes", "heel"], ["heel", "toes"], id="multi, bank order"),
        pytest.param("warning", ["none"], ["none"], id="multi, exclusive alone"),
        pytest.param("note", "", "", id="text, empty"),
        pytest.param("note", "Sore\non stairs", "Sore\non stairs", id="text, two lines"),
    ],
)
def test_normalise_accepts_each_kind(
    tiny_bank: Bank, question_id: str, raw: object, expected: AnswerValue
) -> None:
    """Each kind accepts its answers and returns them in one canonical form."""
    assert normalise(tiny_bank.question(question_id), raw) == expected


@pytest.mark.parametrize(
    ("question_id", "raw", "message"),
    [
        pytest.param("tingling", 1, "use true, false or not_sure", id="yes_no number"),
        pytest.param("tingling", "maybe", "use true, false or not_sure", id="yes_no word"),
        pytest.param("level", 11, "out of range", id="scale too high"),
        pytest.param("level", -1, "out of range", id="scale negative"),
        pytest.param("level", 5.5, "whole number", id="scale fraction"),
        pytest.param("level", True, "whole number", id="scale boolean"),
        pytest.param("level", "6", "whole number", id="scale text"),
        pytest.param("side", "middle", "use one of: left, right", id="single unknown"),
        pytest.param("side", ["left"], "use one of", id="single list"),
        pytest.param("where", [], "one or more", id="multi empty"),
        pytest.param("where", ["heel", "knee"], "unknown option", id="multi unknown"),
        pytest.param("where", ["heel", "heel"], "listed twice", id="multi twice"),
        pytest.param(
            "warning",
            ["none", "emergency_sign"],
            "'none' cannot be combined",
            id="multi exclusive combined",
        ),
        pytest.param("note", 42, "use text", id="text number"),
        pytest.param("note", None, "use text", id="text empty value"),
    ],
)
def test_normalise_refuses_what_does_not_fit(
    tiny_bank: Bank, question_id: str, raw: object, message: str
) -> None:
    """A value that does not fit its question is refused with what would fit."""
    with pytest.raises(AnswerProblem, match=message):
        normalise(tiny_bank.question(question_id), raw)


@PROPERTY
@given(st.sampled_from(QUESTIONS).flatmap(lambda q: st.tuples(st.just(q), answer_values(q))))
def test_canonical_answers_are_accepted_unchanged(pair: tuple[Question, AnswerValue]) -> None:
    """A canonical answer normalises to itself."""
    question, value = pair
    assert normalise(question, value) == value


@PROPERTY
@given(st.sampled_from(QUESTIONS).flatmap(lambda q: st.tuples(st.just(q), raw_answer_values(q))))
def test_other_spellings_normalise_to_the_canonical_answer(
    pair: tuple[Question, tuple[object, AnswerValue]],
) -> None:
    """ "Yes", a lone option or options in any order mean the same as the canonical answer."""
    question, (raw, canonical) = pair
    assert normalise(question, raw) == canonical


@PROPERTY
@given(st.sampled_from(QUESTIONS).flatmap(lambda q: st.tuples(st.just(q), bad_answer_values(q))))
def test_bad_values_are_always_refused(pair: tuple[Question, object]) -> None:
    """normalise refuses every value that is not an answer to its question."""
    question, raw = pair
    with pytest.raises(AnswerProblem):
        normalise(question, raw)


def test_validate_answers_lists_every_problem(tiny_bank: Bank) -> None:
    """Every bad answer is listed, each naming its question id, under a count."""
    raw = {
        "level": 11,
        "where": ["heel", "elbow"],
        "foot_size": 9,
        "side": "left",
        "stiffness": "maybe",
        3: "x",
    }
    with pytest.raises(FibrofootError) as raised:
        validate_answers(tiny_bank, raw, "answers.yaml")
    lines = raised.value.message.splitlines()
    assert lines[0] == "answers.yaml: 5 answer(s) need fixing:"
    for name in ("'level'", "'where'", "'foot_size'", "'stiffness'"):
        assert sum(name in line for line in lines[1:]) == 1, name
    assert sum(line.strip().startswith("a key is not") for line in lines[1:]) == 1
    assert raised.value.exit_code == 1


def test_an_unknown_key_that_is_not_an_id_is_not_repeated(tiny_bank: Bank) -> None:
    """A key that looks like text (a mis-indented note, say) is not echoed in the error."""
    with pytest.raises(FibrofootError) as raised:
        validate_answers(tiny_bank, {"my knee hurts since the fall": "x"}, "answers.yaml")
    assert "knee" not in raised.value.message
    assert "a key is not a question id" in raised.value.message


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(None, id="empty"),
        pytest.param(["level", 6], id="list"),
        pytest.param("level: 6", id="text"),
        pytest.param(6, id="number"),
    ],
)
def test_answers_must_be_a_mapping(tiny_bank: Bank, raw: object) -> None:
    """Anything but a mapping of question ids to answers is refused with an example."""
    with pytest.raises(FibrofootError, match="must map question ids to answers"):
        validate_answers(tiny_bank, raw, "answers.yaml")


def test_a_long_unknown_id_is_clipped(tiny_bank: Bank) -> None:
    """An unknown id is shown clipped, so a huge key cannot flood the message."""
    with pytest.raises(FibrofootError) as raised:
        validate_answers(tiny_bank, {"x" * 5000: 1}, "answers.yaml")
    assert len(raised.value.message) < 200


@pytest.mark.parametrize(
    ("question_id", "value", "expected"),
    [
        pytest.param("tingling", True, "Yes", id="yes"),
        pytest.param("tingling", False, "No", id="no"),
        pytest.param("tingling", "not_sure", "Not sure", id="not sure"),
        pytest.param("level", 7, "7 out of 10", id="scale"),
        pytest.param("side", "both", "Both", id="single"),
        pytest.param("where", ["heel", "toes"], "Heel; Toes", id="multi"),
        pytest.param("note", "My words", "My words", id="text"),
    ],
)
def test_answer_text_uses_the_words_the_person_saw(
    tiny_bank: Bank, question_id: str, value: AnswerValue, expected: str
) -> None:
    """An answer is shown with the option labels, not the ids."""
    assert answer_text(tiny_bank.question(question_id), value) == expected


@PROPERTY
@given(
    answers=any_answers(tiny_test_bank()),
    header=st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=80),
)
@example(answers={"note": "a\x85b"}, header="")  # NEL: read back as a space once
@example(answers={"note": "a\u2028b\u2029c"}, header="")
@example(answers={"note": "yes", "tingling": "not_sure"}, header="two\nlines")
@example(answers={"note": "12"}, header="")
@example(answers={"stiffness": True, "stiff_long": "no"}, header="")  # YAML's false
def test_saved_answers_read_back_the_same(
    tmp_path_factory: pytest.TempPathFactory, answers: Answers, header: str
) -> None:
    """dump_answers writes YAML that read_answers and validate_answers turn back into it."""
    path = tmp_path_factory.mktemp("saved") / "answers.yaml"
    path.write_text(dump_answers(answers, header), encoding="utf-8")
    assert validate_answers(tiny_test_bank(), read_answers(path), str(path)) == answers


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        pytest.param("a.yaml", "level: [6\n", "a.yaml:2: YAML syntax error", id="yaml"),
        pytest.param("a.json", '{"level": 6,\n}', "a.json:2: this is not valid JSON", id="json"),
        pytest.param("a.yaml", "level: 6\nlevel: 7\n", "a.yaml:2: the key 'level'", id="twice"),
        pytest.param("a.json", '{"level": 6, "level": 7}', "the key 'level'", id="json twice"),
        pytest.param("a.yaml", "a: &x [1]\nb: *x\n", "a.yaml:2: anchors and aliases", id="alias"),
    ],
)
def test_unreadable_answers_files_are_named_with_their_line(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    """A file that is not valid YAML or JSON is refused naming the file and line."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FibrofootError) as raised:
        read_answers(path)
    assert raised.value.message.startswith(str(tmp_path))
    assert expected in raised.value.message


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(lambda p: p / "missing.yaml", "no such file", id="missing"),
        pytest.param(lambda p: p, "this is a folder", id="folder"),
    ],
)
def test_answers_paths_that_are_not_files_are_refused(
    tmp_path: Path, make: Callable[[Path], Path], expected: str
) -> None:
    """A missing file or a folder gives a clear message, not an OSError."""
    with pytest.raises(FibrofootError, match=expected):
        read_answers(make(tmp_path))


def test_answers_that_are_not_utf8_are_refused_with_the_line(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are reported with their line."""
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"level: 6\nnote: caf\xe9\n")
    with pytest.raises(FibrofootError, match=r"answers\.yaml:2: the file is not UTF-8"):
        read_answers(path)
