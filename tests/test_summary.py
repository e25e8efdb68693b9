"""The summary: red flags first, contributors in the document's order with their reasons,
pertinent negatives, the answers, and always the consult message last."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers.strategies import NO_URGENT, shipped_bank
from helpers.wording import assert_wording

from fibrofoot.answers import Answers
from fibrofoot.bank.models import CONTRIBUTOR_ORDER, Bank, Level
from fibrofoot.render.json_format import render_json
from fibrofoot.render.text import render_text
from fibrofoot.summary import SCHEMA_VERSION, Summary, build_summary

DAY = date(2026, 1, 15)

# Heel pain on the first steps, a stiff big toe, tingling at night, walking less.
MIXED: Answers = {
    "urgent_emergency": ["none"],
    "urgent_soon": ["wound_not_healing", "new_numbness_tingling"],
    "pain_areas": ["heel", "big_toe"],
    "pain_side": "both",
    "pain_level": 6,
    "pain_timing": ["first_steps", "at_night"],
    "first_steps_ease": True,
    "sensations": ["tingling", "burning"],
    "tender_spots": False,
    "nerve_pattern": "sock",
    "morning_stiffness": "no",
    "joint_swelling": "no",
    "big_toe_stiff": True,
    "big_toe_bump": "not_sure",
    "walk_differently": True,
    "walking_signs": ["avoid_walking"],
    "note": "Worse since I changed jobs.",
}


def _summary(bank: Bank, answers: Answers) -> Summary:
    return build_summary(bank, answers, DAY, "9.9.9")


def test_red_flags_come_most_urgent_first_with_their_level_texts(bank: Bank) -> None:
    """Red flags are listed emergency, same day, soon, each with its level's title and advice."""
    answers: Answers = {
        "urgent_emergency": ["red_hot_spreading"],
        "urgent_soon": ["hot_swollen_fever", "no_better_two_weeks"],
    }
    flags = _summary(bank, answers).red_flags
    assert [f.level for f in flags] == [Level.EMERGENCY, Level.SAME_DAY, Level.SOON]
    for flag in flags:
        level_text = bank.messages.levels[flag.level]
        assert (flag.title, flag.where_to_go) == (level_text.title, level_text.where_to_go)
        assert flag.message == next(f.message for f in bank.red_flags if f.id == flag.id)


def test_contributors_follow_the_documents_order_not_the_signals(bank: Bank) -> None:
    """Contributors appear in CONTRIBUTOR_ORDER, whatever order their signals come in."""
    ids = [c.id for c in _summary(bank, MIXED).contributors]
    assert ids == [c for c in CONTRIBUTOR_ORDER if c in ids]
    assert ids == [
        "muscle_connective_tissue",
        "gait",
        "plantar_fasciitis",
        "osteoarthritis",
        "peripheral_neuropathy",
    ]


@pytest.mark.parametrize(
    ("contributor", "signals"),
    [
        pytest.param(
            "plantar_fasciitis",
            ["heel_arch_first_steps", "heel_arch_eases_moving"],
            id="plantar fasciitis",
        ),
        pytest.param("osteoarthritis", ["big_toe_stiff"], id="osteoarthritis"),
        pytest.param("gait", ["walk_differently", "walking_less"], id="gait"),
        pytest.param(
            "peripheral_neuropathy",
            [
                "urgent_new_numbness_tingling",
                "burning_feeling",
                "tingling",
                "burning_shooting_at_night",
                "nerve_sock_pattern",
            ],
            id="neuropathy",
        ),
        pytest.param(
            "muscle_connective_tissue",
            ["urgent_new_numbness_tingling", "burning_feeling", "tingling"],
            id="muscle and pain processing",
        ),
    ],
)
def test_each_contributor_carries_the_reasons_that_raised_it(
    bank: Bank, contributor: str, signals: list[str]
) -> None:
    """A contributor's reasons are exactly those of the signals that raised it, in bank order."""
    entry = next(c for c in _summary(bank, MIXED).contributors if c.id == contributor)
    reasons = {s.id: s.reason for s in bank.signals}
    assert entry.reasons == [reasons[s] for s in signals]
    in_bank = next(c for c in bank.contributors if c.id == contributor)
    assert entry.title == in_bank.title
    assert entry.ask_your_clinician == in_bank.ask_your_clinician


def test_nothing_raised_means_no_contributors(bank: Bank) -> None:
    """Answers that raise no signal give a summary with no contributors and no questions."""
    summary = _summary(bank, {**NO_URGENT, "pain_level": 2})
    assert summary.contributors == []
    assert summary.questions_to_ask == []
    assert summary.red_flags == []


def test_pertinent_negatives_come_from_no_and_none_answers(bank: Bank) -> None:
    """'No' and 'None of these' answers become pertinent negatives, not reported answers."""
    summary = _summary(bank, MIXED)
    assert summary.pertinent_negatives == [
        "No emergency warning signs reported.",
        "No spots on the feet that hurt when pressed.",
        "No morning stiffness in the feet.",
        "No swollen or warm toe joints or balls of the feet.",
    ]
    reported = {r.question_id for r in summary.reported}
    for question_id in ("urgent_emergency", "tender_spots", "morning_stiffness"):
        assert question_id not in reported


def test_reported_answers_use_the_persons_words_in_bank_order(bank: Bank) -> None:
    """Each other answer is reported with its label, section and the option labels."""
    summary = _summary(bank, MIXED)
    order = [q.id for q in bank.questions]
    ids = [r.question_id for r in summary.reported]
    assert ids == sorted(ids, key=order.index)
    areas = next(r for r in summary.reported if r.question_id == "pain_areas")
    assert (areas.section, areas.label) == ("Your foot pain", "Where it hurts")
    assert areas.answer == "Under the heel; The big toe joint"
    bump = next(r for r in summary.reported if r.question_id == "big_toe_bump")
    assert bump.answer == "Not sure"


def test_merged_stiffness_and_swelling_answers_are_reported_in_the_persons_words(
    bank: Bank,
) -> None:
    """A 'yes' with its detail is one reported answer; its reasons say what the person said."""
    answers = {**MIXED, "morning_stiffness": "yes_unsure", "joint_swelling": "both_feet"}
    summary = _summary(bank, answers)
    reported = {r.question_id: r.answer for r in summary.reported}
    assert reported["morning_stiffness"] == "Yes, but I am not sure how long"
    assert reported["joint_swelling"] == "Yes, on both feet"
    negatives = " ".join(summary.pertinent_negatives).lower()
    assert "stiffness" not in negatives
    assert "swollen" not in negatives
    rheumatoid = next(c for c in summary.contributors if c.id == "rheumatoid_arthritis")
    assert rheumatoid.reasons == [
        s.reason
        for s in bank.signals
        if s.id in ("stiffness_length_unsure", "joint_swelling", "swelling_both_feet")
    ]


def test_the_note_is_kept_apart_and_an_empty_note_is_left_out(bank: Bank) -> None:
    """A written note goes to notes as written; an empty one adds nothing."""
    assert _summary(bank, MIXED).notes == ["Worse since I changed jobs."]
    empty = _summary(bank, {**MIXED, "note": "   "})
    assert empty.notes == []
    assert "note" not in {r.question_id for r in empty.reported}


def test_answers_to_skipped_questions_are_left_out(bank: Bank) -> None:
    """The summary's answers hold only questions that would have been asked."""
    answers = {**MIXED, "pain_areas": ["toes"], "other_joints": True}
    summary = _summary(bank, answers)
    assert "big_toe_stiff" not in summary.answers
    assert "big_toe_bump" not in summary.answers
    assert "other_joints" not in summary.answers
    assert not {"osteoarthritis", "rheumatoid_arthritis"} & {c.id for c in summary.contributors}
    assert summary.answers == {k: v for k, v in answers.items() if k in summary.answers}


def test_questions_to_ask_are_each_contributors_questions_once(bank: Bank) -> None:
    """The clinician questions are those of the raised contributors, in order, without repeats."""
    summary = _summary(bank, MIXED)
    expected = [q for c in summary.contributors for q in c.ask_your_clinician]
    assert summary.questions_to_ask == list(dict.fromkeys(expected))


def test_the_summary_carries_date_version_disclaimer_and_messages(bank: Bank) -> None:
    """Date, tool version, what the tool is not, the emergency line and the consult message."""
    summary = _summary(bank, {})
    assert summary.created == DAY
    assert summary.tool_version == "9.9.9"
    assert summary.about == bank.messages.disclaimer
    assert summary.emergency_line == bank.messages.emergency_line
    assert summary.consult_message == bank.messages.consult
    assert summary.schema_version == SCHEMA_VERSION


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({}, id="nothing"),
        pytest.param(NO_URGENT, id="no warning signs"),
        pytest.param(MIXED, id="mixed"),
        pytest.param({"urgent_emergency": ["injury"]}, id="emergency only"),
    ],
)
def test_text_ends_with_the_consult_message_and_keeps_the_wording_rules(
    bank: Bank, answers: Answers
) -> None:
    """Plain text starts with the title and ends with the consult message, wording clean."""
    text = render_text(_summary(bank, answers), shipped_bank())
    assert text.startswith("FOOT PAIN SUMMARY")
    assert " ".join(text.split()).endswith(" ".join(bank.messages.consult.split()))
    assert_wording(text, "text summary")


def test_text_lists_red_flags_before_what_was_reported(bank: Bank) -> None:
    """In the text, the urgent section comes before the answers and the contributors."""
    text = render_text(_summary(bank, MIXED), shipped_bank())
    urgent = text.index("URGENT")
    assert urgent < text.index("WHAT YOU REPORTED") < text.index("MAY BE WORTH RAISING")


def test_json_holds_the_documented_fields_and_ends_with_consult(bank: Bank) -> None:
    """The JSON has schema_version, red flags, contributors, answers; consult_message last."""
    document = json.loads(render_json(_summary(bank, MIXED), shipped_bank()))
    assert document["schema_version"] == "1"
    assert {"id", "level", "message"} <= set(document["red_flags"][0])
    assert {"id", "title", "reasons"} <= set(document["contributors"][0])
    assert document["answers"] == MIXED
    assert list(document)[-1] == "consult_message"
    assert document["consult_message"] == bank.messages.consult
