"""The summary a person brings to an appointment: a versioned model and the pure function that
builds it from answers. Every output format renders this one model."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fibrofoot.answers import Answers, AnswerValue, answer_text
from fibrofoot.bank.models import Bank, Kind, Level, Question
from fibrofoot.rules import applicable, contributors_listed, red_flags_raised

SCHEMA_VERSION: Literal["1"] = "1"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class RedFlagEntry(_Out):
    id: str
    level: Level
    title: str
    where_to_go: str
    message: str


class ReportedAnswer(_Out):
    question_id: str
    section: str
    label: str
    question: str
    answer: str = Field(description="The answer in the words the person chose.")


class ContributorEntry(_Out):
    id: str
    title: str
    explanation: str
    reasons: list[str] = Field(description="What the person said that raised it, in bank order.")
    ask_your_clinician: list[str]


class Summary(_Out):
    """What the person reported and what may be worth raising; never a diagnosis or a score."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    created: date
    tool_version: str
    about: str
    red_flags: list[RedFlagEntry]
    reported: list[ReportedAnswer]
    pertinent_negatives: list[str]
    contributors: list[ContributorEntry] = Field(
        description="In the source document's order; never ranked or scored."
    )
    notes: list[str]
    answers: dict[str, AnswerValue]
    emergency_line: str
    consult_message: str = Field(description="Always the last thing in every format.")

    @property
    def questions_to_ask(self) -> list[str]:
        return list(dict.fromkeys(q for c in self.contributors for q in c.ask_your_clinician))


def build_summary(bank: Bank, answers: Answers, created: date, tool_version: str) -> Summary:
    kept = applicable(bank, answers)
    levels = bank.messages.levels
    red_flags = [
        RedFlagEntry(
            id=flag.id,
            level=flag.level,
            title=levels[flag.level].title,
            where_to_go=levels[flag.level].where_to_go,
            message=flag.message,
        )
        for flag in red_flags_raised(bank, kept)
    ]
    listed = contributors_listed(bank, kept)
    contributors = [
        ContributorEntry(
            id=c.id,
            title=c.title,
            explanation=c.explanation,
            reasons=list(dict.fromkeys(signal.reason for signal in listed[c.id])),
            ask_your_clinician=list(c.ask_your_clinician),
        )
        for c in bank.contributors  # in the bank's order, the source document's
        if c.id in listed
    ]
    reported: list[ReportedAnswer] = []
    negatives: list[str] = []
    notes: list[str] = []
    for question in bank.questions:
        if question.id not in kept:
            continue
        value = kept[question.id]
        negative = _negative(question, value)
        if negative:
            negatives.append(negative)
        elif question.kind is Kind.TEXT:
            if str(value).strip():
                notes.append(str(value))
        else:
            reported.append(
                ReportedAnswer(
                    question_id=question.id,
                    section=bank.section_of(question.id).title,
                    label=question.label,
                    question=question.text,
                    answer=answer_text(question, value),
                )
            )
    return Summary(
        created=created,
        tool_version=tool_version,
        about=bank.messages.disclaimer,
        red_flags=red_flags,
        reported=reported,
        pertinent_negatives=negatives,
        contributors=contributors,
        notes=notes,
        answers=kept,
        consult_message=bank.messages.consult,
        emergency_line=bank.messages.emergency_line,
    )


def _negative(question: Question, value: AnswerValue) -> str | None:
    """The pertinent negative this answer stands for, if the bank gives one."""
    if question.kind is Kind.YES_NO and value is False:
        return question.when_no
    chosen = value if isinstance(value, list) else [value]
    options = {o.value: o for o in question.options}
    if len(chosen) == 1 and isinstance(chosen[0], str) and chosen[0] in options:
        return options[chosen[0]].negative
    return None
