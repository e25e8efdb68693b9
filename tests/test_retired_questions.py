"""Retired questions: a saved 'yes' to a question no longer asked becomes a tick in a checklist,
and `questions --check` refuses a retirement that could not be applied.

All on a copy of the tiny bank with one file added: the retired yes/no question `old_sign`,
whose 'yes' becomes the tick `today_sign` of the multi question `warning`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from fibrofoot.answers import validate_answers
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank
from fibrofoot.errors import FibrofootError

Cli = Callable[..., tuple[int, str, str]]

RETIRED_FILE = "90-retired.yaml"


def _retire(
    folder: Path, id_: str = "old_sign", question: str = "warning", value: str = "today_sign"
) -> Path:
    path = folder / RETIRED_FILE
    path.write_text(
        "# Saved answers to old_sign still load.\n"
        "retired_questions:\n"
        f"  - id: {id_}\n"
        "    becomes:\n"
        f"      question: {question}\n"
        f"      value: {value}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def retiring_bank(tiny_bank_copy: Path) -> Bank:
    _retire(tiny_bank_copy)
    return load_bank(tiny_bank_copy)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            {"warning": ["emergency_sign", "soon_sign"], "old_sign": True},
            {"warning": ["emergency_sign", "today_sign", "soon_sign"]},
            id="added in the bank's order",
        ),
        pytest.param({"old_sign": "yes"}, {"warning": ["today_sign"]}, id="no ticks yet"),
        pytest.param(
            {"old_sign": True, "warning": ["today_sign"]},
            {"warning": ["today_sign"]},
            id="already ticked",
        ),
        pytest.param(
            {"warning": ["none"], "old_sign": True}, {"warning": ["today_sign"]}, id="none"
        ),
        pytest.param(
            {"warning": "not_sure", "old_sign": True}, {"warning": ["today_sign"]}, id="not sure"
        ),
    ],
)
def test_a_saved_yes_becomes_the_tick(
    retiring_bank: Bank, raw: dict[str, object], expected: dict[str, object]
) -> None:
    assert validate_answers(retiring_bank, raw, "saved.yaml") == expected


@pytest.mark.parametrize("answer", [False, "no", "not_sure", "NOT_SURE"])
@pytest.mark.parametrize(
    ("others", "expected"),
    [({"warning": ["none"]}, {"warning": ["none"]}), ({"level": 3}, {"level": 3})],
)
def test_a_saved_no_or_not_sure_is_dropped_and_the_checklist_stands(
    retiring_bank: Bank, answer: object, others: dict[str, object], expected: dict[str, object]
) -> None:
    assert validate_answers(retiring_bank, {**others, "old_sign": answer}, "saved.yaml") == expected


def test_a_retired_answer_that_is_not_yes_or_no_is_refused_without_repeating_it(
    retiring_bank: Bank,
) -> None:
    with pytest.raises(FibrofootError) as caught:
        validate_answers(retiring_bank, {"old_sign": "my secret"}, "saved.yaml")
    assert "'old_sign': use true, false or not_sure." in caught.value.message
    assert "secret" not in caught.value.message


def test_a_retired_yes_does_not_hide_a_problem_with_its_checklist(retiring_bank: Bank) -> None:
    with pytest.raises(FibrofootError, match="'warning': unknown option"):
        validate_answers(retiring_bank, {"warning": ["nonsense"], "old_sign": True}, "saved.yaml")


def test_report_reads_a_saved_answer_to_a_retired_question(
    tiny_bank_copy: Path, cli: Cli, write_answers: Callable[[object, str], Path]
) -> None:
    """The tick is in the summary (here it raises the tiny bank's same-day warning sign)."""
    _retire(tiny_bank_copy)
    answers = write_answers({"old_sign": True, "level": 2}, "saved.yaml")
    code, out, _ = cli("report", "--format", "json", "--questions", tiny_bank_copy, answers)
    assert code == 0
    assert "Tiny same-day flag message." in out
    assert "old_sign" not in out


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        pytest.param(
            {"id_": "tingling"},
            "id",
            "'tingling' is still a question; remove the question, or remove it from "
            "retired_questions.",
            id="still a question",
        ),
        pytest.param(
            {"question": "side"},
            "becomes.question",
            "'side' is not a multi question",
            id="not multi",
        ),
        pytest.param(
            {"question": "gone"},
            "becomes.question",
            "'gone' is not a multi question",
            id="no such question",
        ),
        pytest.param(
            {"value": "ankle"},
            "becomes.value",
            "'warning' has no answer 'ankle' that can be combined with others; use one of: "
            "emergency_sign, today_sign, soon_sign.",
            id="not an option",
        ),
        pytest.param(
            {"value": "none"},
            "becomes.value",
            "'warning' has no answer 'none' that can be combined",
            id="exclusive option",
        ),
    ],
)
def test_the_check_refuses_a_retirement_it_could_not_apply(
    tiny_bank_copy: Path, cli: Cli, change: dict[str, str], field: str, message: str
) -> None:
    path = _retire(tiny_bank_copy, **change)
    key = field.rsplit(".", 1)[-1]
    line = next(
        n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if f"{key}:" in text
    )
    code, _, err = cli("questions", "--check", tiny_bank_copy)
    assert code == 1
    assert "1 problem:" in err
    where = rf"{RETIRED_FILE}:{line}: retired_questions\[0\]\.{re.escape(field)}: "
    assert re.search(where + re.escape(message), err), err


def test_the_check_accepts_a_sound_retirement(tiny_bank_copy: Path, cli: Cli) -> None:
    _retire(tiny_bank_copy)
    assert cli("questions", "--check", tiny_bank_copy)[0] == 0


def test_questions_json_lists_the_retired_questions(tiny_bank_copy: Path, cli: Cli) -> None:
    """`questions --json` says which old ids still load and what they became."""
    _retire(tiny_bank_copy)
    code, out, _ = cli("questions", "--json", "--questions", tiny_bank_copy)
    assert code == 0
    retired = json.loads(out)["retired_questions"]
    assert retired == [
        {"id": "old_sign", "becomes": {"question": "warning", "value": "today_sign"}}
    ]
