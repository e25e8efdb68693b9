"""The summary, on the tiny bank: red flags most urgent first, contributors in the bank's order
with their reasons, pertinent negatives, the answers in the person's words, the note apart."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers.render_fixtures import TINY_PERSONAS

from fibrofoot.answers import Answers
from fibrofoot.bank.base import Level
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank
from fibrofoot.render.json_format import render_json
from fibrofoot.summary import SCHEMA_VERSION, Summary, build_summary
from fibrofoot.yamlfile import parse

DAY = date(2026, 1, 15)

# Heel and toe pain on the left, stiff for a short while, no tingling, a note: the renderers'
# typical tiny persona.
MIXED: Answers = TINY_PERSONAS["heel"]
NOTE = str(MIXED["note"])


def _summary(bank: Bank, answers: Answers) -> Summary:
    return build_summary(bank, answers, DAY, "9.9.9")


def test_red_flags_come_most_urgent_first_with_their_level_texts(tiny_bank: Bank) -> None:
    """Red flags are listed emergency, same day, soon, each with its level's title and advice."""
    flags = _summary(
        tiny_bank, {"warning": ["soon_sign", "emergency_sign", "today_sign"]}
    ).red_flags
    assert [f.level for f in flags] == [Level.EMERGENCY, Level.SAME_DAY, Level.SOON]
    for flag in flags:
        level_text = tiny_bank.messages.levels[flag.level]
        assert (flag.title, flag.where_to_go) == (level_text.title, level_text.where_to_go)
        assert flag.message == next(f.message for f in tiny_bank.red_flags if f.id == flag.id)


def test_contributors_follow_the_banks_order_not_the_signals(tiny_bank: Bank) -> None:
    """Contributors appear in the order the bank lists them, whatever raised them first."""
    ids = [c.id for c in _summary(tiny_bank, MIXED).contributors]
    assert ids == ["tender_points", "muscle_connective_tissue", "gait", "plantar_fasciitis",
                   "osteoarthritis"]  # fmt: skip


def test_the_order_of_contributors_comes_from_the_bank(tiny_bank_copy: Path) -> None:
    """Listing the contributors the other way round in the YAML reverses them in the summary."""
    path = tiny_bank_copy / "01-contributors.yaml"
    data = parse(path.read_text(encoding="utf-8")).data
    data["contributors"].reverse()
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    ids = [c.id for c in _summary(load_bank(tiny_bank_copy), MIXED).contributors]
    assert ids == ["osteoarthritis", "plantar_fasciitis", "gait", "muscle_connective_tissue",
                   "tender_points"]  # fmt: skip


def test_each_contributor_carries_the_reasons_that_raised_it(tiny_bank: Bank) -> None:
    """A contributor's reasons are exactly those of the signals that raised it, in bank order;
    a signal that raises two contributors gives each its reason."""
    summary = _summary(tiny_bank, MIXED)
    reasons = {c.id: c.reasons for c in summary.contributors}
    assert reasons["tender_points"] == ["You said T1.", "You said T2."]
    assert reasons["plantar_fasciitis"] == ["You said P1.", "You said P2."]
    assert reasons["osteoarthritis"] == ["You said P2.", "You said O1."]
    entry = summary.contributors[0]
    in_bank = tiny_bank.contributors[0]
    assert (entry.title, entry.explanation) == (in_bank.title, in_bank.explanation)
    assert entry.ask_your_clinician == [s.text for s in in_bank.ask_your_clinician]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param({"tingling": "not_sure"}, {}, id="a supporting answer alone lists nothing"),
        pytest.param(
            {"side": "both", "tingling": "not_sure"},
            {"rheumatoid_arthritis": ["You said R2.", "You said S1."]},
            id="its reason only under a contributor already listed",
        ),
        pytest.param(
            {"where": ["whole_foot"], "tingling": True},
            {
                "muscle_connective_tissue": ["You said M2."],
                "peripheral_neuropathy": ["You said N1.", "You said N2."],
            },
            id="a characteristic pattern of two answers",
        ),
    ],
)
def test_only_a_characteristic_signal_lists_a_contributor(
    tiny_bank: Bank, answers: Answers, expected: dict[str, list[str]]
) -> None:
    """Contributors listed are those with a raised characteristic signal; their reasons are
    those of all their raised signals, characteristic and supporting, in bank order."""
    summary = _summary(tiny_bank, answers)
    assert {c.id: c.reasons for c in summary.contributors} == expected


def test_a_reason_given_by_two_signals_is_listed_once(tiny_bank: Bank) -> None:
    """Two raised signals with the same reason give that reason once."""
    data = tiny_bank.model_dump(mode="json", by_alias=True)
    supporting = next(s for s in data["signals"] if s["id"] == "s_unsure")
    supporting["reason"] = "You said R2."
    bank = Bank.model_validate(data)
    summary = _summary(bank, {"side": "both", "tingling": "not_sure"})
    assert [c.reasons for c in summary.contributors] == [["You said R2."]]


def test_nothing_raised_means_no_contributors(tiny_bank: Bank) -> None:
    """Answers that raise no signal give a summary with no contributors and no questions."""
    summary = _summary(tiny_bank, {"warning": ["none"], "level": 2})
    assert summary.contributors == []
    assert summary.other_questions == []
    assert summary.red_flags == []


def test_pertinent_negatives_come_from_no_and_none_answers(tiny_bank: Bank) -> None:
    """'No' and 'None of these' answers become pertinent negatives, not reported answers."""
    summary = _summary(tiny_bank, MIXED)
    assert summary.pertinent_negatives == ["No warning signs reported.", "No tingling reported."]
    reported = {r.question_id for r in summary.reported}
    assert not {"warning", "tingling"} & reported


def test_reported_answers_use_the_persons_words_in_bank_order(tiny_bank: Bank) -> None:
    """Each other answer is reported with its section, label and the option labels."""
    summary = _summary(tiny_bank, {**MIXED, "stiffness": False})
    assert [(r.section, r.label, r.answer) for r in summary.reported] == [
        ("Pain", "Where", "Heel; Toes"),
        ("Pain", "Which foot", "Left"),
        ("Pain", "Pain (0-10)", "7 out of 10"),
        ("Pain", "Morning stiffness", "No"),
    ]


def test_the_note_is_kept_apart_and_an_empty_note_is_left_out(tiny_bank: Bank) -> None:
    """A written note goes to notes as written; an empty one adds nothing."""
    assert _summary(tiny_bank, MIXED).notes == [NOTE]
    empty = _summary(tiny_bank, {**MIXED, "note": "   "})
    assert empty.notes == []
    assert "note" not in {r.question_id for r in empty.reported}


def test_answers_to_skipped_questions_are_left_out(tiny_bank: Bank) -> None:
    """The summary's answers hold only questions that would have been asked."""
    answers = {**MIXED, "stiffness": False}
    summary = _summary(tiny_bank, answers)
    assert "stiff_long" not in summary.answers
    assert not {"plantar_fasciitis", "osteoarthritis"} - {c.id for c in summary.contributors}
    assert summary.answers == {k: v for k, v in answers.items() if k != "stiff_long"}


def test_other_questions_are_each_listed_contributors_questions_once(tiny_bank: Bank) -> None:
    """The other questions are those of the listed contributors, in order, a text given by two
    contributors once."""
    summary = _summary(tiny_bank, {**MIXED, "where": ["heel", "whole_foot"]})
    assert summary.other_questions == [
        "Question about T?",
        "Question about M?",
        "Shared question?",
        "Question about G?",
        "Question about P?",
        "Question about O?",
    ]


def test_the_summary_carries_date_version_disclaimer_and_messages(tiny_bank: Bank) -> None:
    """Date, tool version, what the tool is not, the emergency line and the consult message."""
    summary = _summary(tiny_bank, {})
    assert summary.created == DAY
    assert summary.tool_version == "9.9.9"
    assert summary.about == tiny_bank.messages.disclaimer
    assert summary.emergency_line == tiny_bank.messages.emergency_line
    assert summary.consult_message == tiny_bank.messages.consult
    assert summary.schema_version == SCHEMA_VERSION


def test_json_holds_the_documented_fields(tiny_bank: Bank) -> None:
    """The JSON has schema_version, red flags, contributors and the answers as given."""
    answers = {**MIXED, "warning": ["today_sign"]}
    document = json.loads(render_json(_summary(tiny_bank, answers), tiny_bank))
    assert document["schema_version"] == "2"
    assert document["red_flags"][0]["id"] == "flag_today"
    assert {"id", "level", "message"} <= set(document["red_flags"][0])
    assert {"id", "title", "reasons"} <= set(document["contributors"][0])
    assert document["answers"] == answers
