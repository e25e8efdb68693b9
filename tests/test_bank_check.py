"""Bank checks (cross-references and the wording rule): each problem is a path into the bank
(for file and line) and a fix."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fibrofoot.bank.check import cross_reference_problems
from fibrofoot.bank.models import Bank

Data = dict[str, Any]
Cli = Callable[..., tuple[int, str, str]]


def _question(data: Data, question_id: str) -> Data:
    return next(q for s in data["sections"] for q in s["questions"] if q["id"] == question_id)


def _signal(data: Data, signal_id: str) -> Data:
    return next(s for s in data["signals"] if s["id"] == signal_id)


def _set(path: tuple[str | int, ...], value: object) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


def _on_question(question_id: str, **changes: object) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        _question(data, question_id).update(changes)

    return edit


def _on_signal(signal_id: str, **changes: object) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        _signal(data, signal_id).update(changes)

    return edit


def _drop_signals(*signal_ids: str) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        data["signals"] = [s for s in data["signals"] if s["id"] not in signal_ids]

    return edit


def _in_question(question_id: str, *path: str | int, value: str) -> Callable[[Data], None]:
    """Set a nested field of a question, such as its first option's label."""

    def edit(data: Data) -> None:
        target: Any = _question(data, question_id)
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


def _drop_level(data: Data) -> None:
    del data["messages"]["levels"]["soon"]


def _drop_contributor(data: Data) -> None:
    data["contributors"] = [c for c in data["contributors"] if c["id"] != "gait"]
    data["signals"] = [s for s in data["signals"] if "gait" not in s["raises"]]


def _duplicate_contributor(data: Data) -> None:
    data["contributors"].append(dict(data["contributors"][0]))


# Paths in the table start with ("question", id) or ("signal", id), resolved against the bank.
Q_PAIN_SIDE = ("question", "pain_side")
Q_NERVE = ("question", "nerve_pattern")
Q_SENSATIONS = ("question", "sensations")
Q_TENDER = ("question", "tender_spots")
Q_LEVEL = ("question", "pain_level")
S_BIG_TOE = ("signal", "big_toe_stiff")

CASES: list[Any] = [
    pytest.param(
        _on_question("pain_side", id="pain_level"),
        ("question", "pain_level", "id"),
        "question id 'pain_level' is used more than once",
        id="duplicate question id",
    ),
    pytest.param(
        _set(("sections", 1, "id"), "urgent"),
        ("sections", 1, "id"),
        "section id 'urgent' is used more than once",
        id="duplicate section id",
    ),
    pytest.param(
        _duplicate_contributor,
        ("contributors", 7, "id"),
        "contributor id 'tender_points' is used more than once",
        id="duplicate contributor id",
    ),
    pytest.param(
        _set(("red_flags", 1, "id"), "emergency_cold_pale_foot"),
        ("red_flags", 1, "id"),
        "red flag id 'emergency_cold_pale_foot' is used more than once",
        id="duplicate red flag id",
    ),
    pytest.param(
        _on_question(
            "pain_side",
            options=[{"value": "left", "label": "Left"}, {"value": "left", "label": "Also left"}],
        ),
        (*Q_PAIN_SIDE, "options", 1, "value"),
        "option value 'left' is used more than once",
        id="duplicate option value",
    ),
    pytest.param(
        _on_question("pain_side", options=[{"value": "left", "label": "Left"}]),
        (*Q_PAIN_SIDE, "options"),
        "needs at least two options",
        id="single with one option",
    ),
    pytest.param(
        _on_question("pain_side", when_no="Nothing."),
        (*Q_PAIN_SIDE, "when_no"),
        "when_no is only for yes_no questions",
        id="when_no on a single",
    ),
    pytest.param(
        _on_question("pain_side", scale_low="none"),
        (*Q_PAIN_SIDE, "kind"),
        "only for scale questions",
        id="scale words on a single",
    ),
    pytest.param(
        _on_question("nerve_pattern", ask_if=[{"question": "nerve_risks", "is": ["diabetes"]}]),
        (*Q_NERVE, "ask_if", 0, "question"),
        "not asked before it",
        id="condition on a later question",
    ),
    pytest.param(
        _on_question("nerve_pattern", ask_if=[{"question": "nerve_pattern", "is": ["sock"]}]),
        (*Q_NERVE, "ask_if", 0, "question"),
        "not asked before it",
        id="condition on itself",
    ),
    pytest.param(
        _on_question(
            "nerve_pattern",
            ask_if=[
                {"question": "sensations", "is": ["numbness", "tingling"]},
                {"question": "tender_spots", "is": [True]},
            ],
        ),
        (*Q_NERVE, "ask_if", 0, "is"),
        "each may list only one value",
        id="several conditions with several values",
    ),
    pytest.param(
        _on_question("nerve_pattern", ask_if=[{"question": "pain_level", "is": ["high"]}]),
        (*Q_NERVE, "ask_if", 0),
        "is a scale: use at_least and/or at_most",
        id="scale condition with is",
    ),
    pytest.param(
        _on_question("nerve_pattern", ask_if=[{"question": "pain_level", "at_least": 11}]),
        (*Q_NERVE, "ask_if", 0),
        "scale bounds must be between 0 and 10",
        id="scale bound out of range",
    ),
    pytest.param(
        _on_signal("big_toe_stiff", when=[{"question": "note", "is": ["x"]}]),
        (*S_BIG_TOE, "when", 0),
        "free-text question; conditions cannot use it",
        id="condition on free text",
    ),
    pytest.param(
        _on_signal("big_toe_stiff", when=[{"question": "big_toe_stiff", "at_least": 1}]),
        (*S_BIG_TOE, "when", 0),
        "give the answers to match with 'is:'",
        id="bounds on a yes_no",
    ),
    pytest.param(
        _on_signal("big_toe_stiff", when=[{"question": "pain_side", "is": [True]}]),
        (*S_BIG_TOE, "when", 0, "is", 0),
        "'pain_side' has no answer 'true'; use one of",
        id="true on a single",
    ),
    pytest.param(
        _on_signal("big_toe_stiff", when=[{"question": "big_toe_stiff", "is": ["yes"]}]),
        (*S_BIG_TOE, "when", 0, "is", 0),
        "'big_toe_stiff' has no answer 'yes'",
        id="a word on a yes_no",
    ),
    pytest.param(
        _on_signal("big_toe_stiff", when=[{"question": "big_toe", "is": [True]}]),
        (*S_BIG_TOE, "when", 0, "question"),
        "there is no question with the id 'big_toe'",
        id="signal on an unknown question",
    ),
    pytest.param(
        _on_signal("big_toe_stiff", raises=["osteoarthritis", "osteoarthritis"]),
        (*S_BIG_TOE, "raises"),
        "'osteoarthritis' is listed twice",
        id="contributor listed twice",
    ),
    pytest.param(
        _set(("red_flags", 0, "when", 0), {"question": "pain_areas", "is": ["heel"]}),
        ("red_flags", 0, "when", 0, "question"),
        "not in the first section",
        id="red flag outside the first section",
    ),
    pytest.param(
        _drop_signals("walking_less", "uneven_shoe_wear", "stumble_unsteady"),
        ("contributors", 2, "id"),
        "contributor 'gait' needs at least 2 signals",
        id="contributor with one signal",
    ),
    pytest.param(
        _drop_contributor,
        ("contributors",),
        "these contributors are missing: gait",
        id="missing contributor",
    ),
    pytest.param(
        _drop_level,
        ("messages", "levels"),
        "the text for the 'soon' level is missing",
        id="missing level text",
    ),
    # The wording rule: every string fibrofoot may show is checked.
    pytest.param(
        _on_question("tender_spots", text="Do you have spots that hurt when pressed?"),
        (*Q_TENDER, "text"),
        "uses 'you have'",
        id="forbidden in question text",
    ),
    pytest.param(
        _on_question("tender_spots", why="Tender spots help with a diagnosis."),
        (*Q_TENDER, "why"),
        "uses 'diagnos'",
        id="forbidden in why",
    ),
    pytest.param(
        _on_question("tender_spots", label="Probability of tender spots"),
        (*Q_TENDER, "label"),
        "uses 'probability'",
        id="forbidden in label",
    ),
    pytest.param(
        _on_question("tender_spots", when_no="You are suffering from no tender spots."),
        (*Q_TENDER, "when_no"),
        "uses 'you are suffering'",
        id="forbidden in when_no",
    ),
    pytest.param(
        _in_question("sensations", "options", 0, "label", value="A deep ache (you have it)"),
        (*Q_SENSATIONS, "options", 0, "label"),
        "uses 'you have'",
        id="forbidden in an option label",
    ),
    pytest.param(
        _in_question("sensations", "options", 8, "negative", value="This confirms no nerve pain."),
        (*Q_SENSATIONS, "options", 8, "negative"),
        "uses 'confirms'",
        id="forbidden in an option negative",
    ),
    pytest.param(
        _on_question("pain_level", scale_high="You are likely to have a problem"),
        (*Q_LEVEL, "scale_high"),
        "uses 'likely to have'",
        id="forbidden in a scale label",
    ),
    pytest.param(
        _set(("sections", 1, "title"), "Your diagnosis"),
        ("sections", 1, "title"),
        "uses 'diagnos'",
        id="forbidden in a section title",
    ),
    pytest.param(
        _set(("contributors", 4, "title"), "You have osteoarthritis"),
        ("contributors", 4, "title"),
        "uses 'you have'",
        id="forbidden in a contributor title",
    ),
    pytest.param(
        _set(("contributors", 4, "explanation"), "A stiff big toe confirms it."),
        ("contributors", 4, "explanation"),
        "uses 'confirms'",
        id="forbidden in a contributor explanation",
    ),
    pytest.param(
        _set(("contributors", 4, "ask_your_clinician", 0), "What is the % chance it is arthritis?"),
        ("contributors", 4, "ask_your_clinician", 0),
        "uses '% chance'",
        id="forbidden in ask_your_clinician",
    ),
    pytest.param(
        _on_signal("big_toe_stiff", reason="This confirms you have osteoarthritis (90% chance)."),
        (*S_BIG_TOE, "reason"),
        "uses 'you have', 'confirms', '% chance'",
        id="forbidden in a signal reason",
    ),
    pytest.param(
        _set(("red_flags", 0, "message"), "You said a cold foot; you\n   have an emergency."),
        ("red_flags", 0, "message"),
        "uses 'you have'",
        id="forbidden across a line break in a red flag",
    ),
    pytest.param(
        _set(("messages", "intro"), "fibrofoot gives a DIAGNOSIS."),
        ("messages", "intro"),
        "uses 'diagnos'",
        id="forbidden in a message, in capitals",
    ),
    pytest.param(
        _set(("messages", "levels", "soon", "where_to_go"), "Book soon: you have time."),
        ("messages", "levels", "soon", "where_to_go"),
        "uses 'you have'",
        id="forbidden in a level text",
    ),
]


@pytest.fixture
def data(bank: Bank) -> Data:
    """The shipped bank as plain data, to edit and validate again."""
    return bank.model_dump(mode="json", by_alias=True)


def test_the_shipped_bank_has_no_cross_reference_problems(bank: Bank) -> None:
    """The shipped bank passes every cross-reference check."""
    assert cross_reference_problems(bank) == []


def _resolve(bank: Bank, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Turn ("question", id, ...) or ("signal", id, ...) into the path inside the bank."""
    kind, rest = path[0], path[2:]
    if kind == "question":
        for s, section in enumerate(bank.sections):
            for q, question in enumerate(section.questions):
                if question.id == path[1]:
                    return ("sections", s, "questions", q, *rest)
    if kind == "signal":
        index = next(i for i, signal in enumerate(bank.signals) if signal.id == path[1])
        return ("signals", index, *rest)
    return path


@pytest.mark.parametrize(("edit", "path", "message"), CASES)
def test_each_cross_reference_problem_is_found_with_its_path(
    bank: Bank,
    data: Data,
    edit: Callable[[Data], None],
    path: tuple[str | int, ...],
    message: str,
) -> None:
    """One bad cross-reference gives exactly one problem, at the path of the field to fix."""
    edit(data)
    problems = cross_reference_problems(Bank.model_validate(data))
    assert len(problems) == 1, problems
    found_path, found_message = problems[0]
    assert found_path == _resolve(bank, path)
    assert message in found_message


@pytest.mark.parametrize(
    "text",
    [
        "This is not a diagnosis.",
        "fibrofoot cannot diagnose anything.",
        "Do any of these apply to you?",
        "It may be worth raising with a clinician.",
    ],
)
def test_allowed_wording_is_not_a_problem(data: Data, text: str) -> None:
    """'not a diagnosis', 'cannot diagnose' and gentle phrases pass the wording check."""
    _on_signal("big_toe_stiff", reason=text)(data)
    assert cross_reference_problems(Bank.model_validate(data)) == []


def test_forbidden_wording_is_reported_with_file_and_line(bank_copy: Path, cli: Cli) -> None:
    """`questions --check` names the file, line and field of a forbidden phrase."""
    path = bank_copy / "30-feel.yaml"
    text = path.read_text(encoding="utf-8")
    old = "reason: You said your feet have a burning feeling."
    assert old in text
    path.write_text(
        text.replace(old, "reason: This confirms you have osteoarthritis (90% chance)."), "utf-8"
    )
    line = text[: text.index(old)].count("\n") + 1
    code, _, message = cli("questions", "--check", bank_copy)
    assert code == 1
    assert "1 problem:" in message
    assert re.search(
        rf"30-feel\.yaml:{line}: signals\[\d+\]\.reason: this text uses 'you have', 'confirms', "
        "'% chance'",
        message,
    ), message
