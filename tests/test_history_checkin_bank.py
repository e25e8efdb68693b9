"""The check-in in a bank (`checkin`, on a copy of the tiny bank): what `questions --check`
refuses, with the file and line, and what the shipped bank's check-in promises."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from fibrofoot.bank.base import Kind
from fibrofoot.bank.models import Bank

Cli = Callable[..., tuple[int, str, str]]


def _edit_checkin(folder: Path, change: Callable[[dict[str, object]], None]) -> None:
    path = folder / "70-checkin.yaml"
    data = yaml.safe_load(path.read_text())
    change(data["checkin"])
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _own(index: int, **changes: object) -> Callable[[dict[str, object]], None]:
    def change(checkin: dict[str, object]) -> None:
        questions = checkin["questions"]
        assert isinstance(questions, list)
        questions[index].update(changes)

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c.update(asks=["nowhere"]), "no walkthrough question with the id 'nowhere'"),
        (lambda c: c.update(asks=["level", "level"]), "'level' is asked twice"),
        (_own(0, id="side"), "'side' is a walkthrough question already"),
        (_own(1, id="stopped"), "'stopped' is used more than once"),
        (lambda c: c.update(trend="stopped"), "the trend must be a 0-10 (scale) question"),
        (_own(0, ask_if=[{"question": "level", "at_least": 1}]), "remove ask_if"),
        (_own(0, label="You have plantar fasciitis"), "fibrofoot must never say"),
        (lambda c: c.update(colour="blue"), "unknown key 'colour'"),
    ],
)
def test_a_checkin_mistake_is_named_with_its_file(
    change: Callable[[dict[str, object]], None], message: str, tiny_bank_copy: Path, cli: Cli
) -> None:
    _edit_checkin(tiny_bank_copy, change)
    code, _, err = cli("questions", "--check", tiny_bank_copy)
    assert code == 1
    assert message in err
    assert "70-checkin.yaml" in err


def test_checkin_may_be_given_in_one_file_only(tiny_bank_copy: Path, cli: Cli) -> None:
    (tiny_bank_copy / "80-again.yaml").write_text((tiny_bank_copy / "70-checkin.yaml").read_text())
    code, _, err = cli("questions", "--check", tiny_bank_copy)
    assert code == 1
    assert "'checkin' is already given in another file" in err


def test_a_bank_without_a_checkin_has_no_checkin_questions(tiny_bank_copy: Path) -> None:
    from fibrofoot.bank.load import load_bank

    (tiny_bank_copy / "70-checkin.yaml").unlink()
    assert load_bank(tiny_bank_copy).checkin_questions() == []


def test_the_shipped_checkin_is_four_questions_with_a_number_right_now(bank: Bank) -> None:
    """About four questions, under a minute: a 0-10 number now, where, what it stopped, a note."""
    questions = bank.checkin_questions()
    assert bank.checkin is not None
    assert [q.kind for q in questions] == [Kind.SCALE, Kind.MULTI, Kind.MULTI, Kind.TEXT]
    assert questions[0].id == bank.checkin.trend == "pain_now"
    where = {o.value for o in questions[1].options if not o.exclusive}
    assert where <= {o.value for o in bank.question("pain_areas").options}
