"""The summary a person brings to an appointment: a versioned model and the pure function that
builds it from answers. Every output format renders this one model."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fibrofoot.answers import Answers, AnswerValue, answer_text
from fibrofoot.bank.base import Kind, Level
from fibrofoot.bank.models import Bank, Part, Question
from fibrofoot.history.compare import SinceLast
from fibrofoot.regions import shaded_regions
from fibrofoot.rules import all_hold, applicable, contributors_listed, is_asked, red_flags_raised

SCHEMA_VERSION: Literal["2"] = "2"


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
    ask_your_clinician: list[str] = Field(description="Its suggestions that fit the answers.")


class RegionEntry(_Out):
    id: str = Field(description="The foot and a foot map region, such as 'L.hindfoot.plantar'.")
    label: str = Field(description="In plain words, such as 'Left: under the heel'.")


class AgendaItem(_Out):
    text: str
    own_words: bool = Field(description="Written by the person, not a suggestion they picked.")


class FunctionLine(_Out):
    question_id: str
    activity: str = Field(description="What foot pain made harder, such as 'Walking'.")
    how_often: str | None = Field(
        description="How often in the past month, such as 'Most days'; None if not answered."
    )


class Summary(_Out):
    """What the person reported and what may be worth raising; never a diagnosis or a score."""

    schema_version: Literal["2"] = SCHEMA_VERSION
    created: date
    tool_version: str
    about: str
    finished_early: bool = Field(
        default=False, description="The person finished before every question was answered."
    )
    red_flags: list[RedFlagEntry]
    agenda: list[AgendaItem] = Field(
        description="What they most want to ask or tell: picked suggestions in bank order, "
        "then their own words."
    )
    pain_numbers: list[ReportedAnswer] = Field(description="Now, typical and worst, in that order.")
    reported: list[ReportedAnswer]
    regions: list[RegionEntry] = Field(
        description="Where it hurts as foot map regions: the left foot's, then the right's."
    )
    function: list[FunctionLine] = Field(description="What foot pain made harder, how often.")
    goal: str | None = Field(description="The one thing they most want to do again, their words.")
    pertinent_negatives: list[str]
    contributors: list[ContributorEntry] = Field(
        description="In the source document's order; never ranked or scored."
    )
    other_questions: list[str] = Field(
        description="The listed contributors' fitting suggestions not already on the agenda."
    )
    notes: list[str]
    answers: dict[str, AnswerValue]
    since_last: SinceLast | None = Field(
        default=None,
        description="What changed since the last full walkthrough kept on this computer; "
        "present only when entries are kept (issue 13).",
    )
    emergency_line: str
    consult_message: str = Field(description="Always the last thing in every format.")


def build_summary(
    bank: Bank,
    answers: Answers,
    created: date,
    tool_version: str,
    *,
    finished_early: bool = False,
) -> Summary:
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
    fitting = {
        c.id: [s for s in c.ask_your_clinician if all_hold(s.offer_if, kept)]
        for c in bank.contributors  # in the bank's order, the source document's
        if c.id in listed
    }
    contributors = [
        ContributorEntry(
            id=c.id,
            title=c.title,
            explanation=c.explanation,
            reasons=list(dict.fromkeys(signal.reason for signal in listed[c.id])),
            ask_your_clinician=[s.text for s in fitting[c.id]],
        )
        for c in bank.contributors
        if c.id in listed
    ]
    parts = _Parts()
    for question in bank.questions:
        if question.id in kept:
            parts.add(bank, question, kept[question.id])
        elif (
            question.part is Part.FUNCTION
            and question.kind is Kind.SINGLE
            and is_asked(question, kept)
        ):
            parts.function.append(FunctionLine(
                question_id=question.id, activity=question.label, how_often=None
            ))  # fmt: skip
    picked = {v for q in bank.questions if q.part is Part.AGENDA for v in _ticks(kept.get(q.id))}
    return Summary(
        finished_early=finished_early,
        created=created,
        tool_version=tool_version,
        about=bank.messages.disclaimer,
        red_flags=red_flags,
        agenda=parts.agenda,
        pain_numbers=parts.pain_numbers,
        reported=parts.reported,
        regions=[RegionEntry(id=i, label=label) for i, label in shaded_regions(bank, kept)],
        function=parts.function,
        goal=parts.goal,
        pertinent_negatives=parts.negatives,
        contributors=contributors,
        other_questions=list(
            dict.fromkeys(s.text for group in fitting.values() for s in group if s.id not in picked)
        ),
        notes=parts.notes,
        answers=kept,
        consult_message=bank.messages.consult,
        emergency_line=bank.messages.emergency_line,
    )


@dataclass
class _Parts:
    """The answers sorted into the summary's parts, in bank order."""

    agenda: list[AgendaItem] = field(default_factory=list)
    pain_numbers: list[ReportedAnswer] = field(default_factory=list)
    reported: list[ReportedAnswer] = field(default_factory=list)
    function: list[FunctionLine] = field(default_factory=list)
    goal: str | None = None
    negatives: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, bank: Bank, question: Question, value: AnswerValue) -> None:
        negative = _negative(question, value)
        text = str(value).strip() if question.kind is Kind.TEXT else ""
        if negative:
            self.negatives.append(negative)
        elif question.part is Part.AGENDA:
            self._add_agenda(bank, question, value, text)
        elif question.kind is Kind.TEXT:
            if text and question.part is Part.GOAL:
                self.goal = text
            elif text:
                self.notes.append(str(value))
        elif question.part is Part.FUNCTION:
            if question.kind is not Kind.MULTI:  # a multi only picks the activities asked about
                self.function.append(FunctionLine(
                    question_id=question.id,
                    activity=question.label,
                    how_often=answer_text(question, value),
                ))  # fmt: skip
        else:
            answer = ReportedAnswer(
                question_id=question.id,
                section=bank.section_of(question.id).title,
                label=question.label,
                question=question.text,
                answer=answer_text(question, value),
            )
            (self.pain_numbers if question.part is Part.PAIN_NUMBER else self.reported).append(
                answer
            )

    def _add_agenda(self, bank: Bank, question: Question, value: AnswerValue, text: str) -> None:
        """The person's own words first (a text question, asked after the tick that opens it),
        then the picked suggestions in bank order: the order they were ticked in is not known,
        so none is implied. That tick and exclusive ones ("Nothing for now") are not items."""
        if question.kind is Kind.TEXT:
            if text:
                self.agenda.insert(0, AgendaItem(text=str(value), own_words=True))
            return
        placeholders = _opening_values(bank, question)
        ticked = set(_ticks(value))
        self.agenda.extend(
            AgendaItem(text=o.label, own_words=False)
            for o in question.options
            if o.value in ticked and not o.exclusive and o.value not in placeholders
        )


def _ticks(value: AnswerValue | None) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _opening_values(bank: Bank, question: Question) -> set[str]:
    """The ticks of an agenda question that open its own-words question (not items themselves)."""
    return {
        str(value)
        for other in bank.questions
        if other.part is Part.AGENDA and other.kind is Kind.TEXT
        for condition in other.ask_if
        if condition.question == question.id
        for value in condition.is_ or ()
    }


def _negative(question: Question, value: AnswerValue) -> str | None:
    """The pertinent negative this answer stands for, if the bank gives one."""
    if question.kind is Kind.YES_NO and value is False:
        return question.when_no
    chosen = value if isinstance(value, list) else [value]
    options = {o.value: o for o in question.options}
    if len(chosen) == 1 and isinstance(chosen[0], str) and chosen[0] in options:
        return options[chosen[0]].negative
    return None
