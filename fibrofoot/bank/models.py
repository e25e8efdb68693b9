"""The question bank as pydantic models: questions, sections, contributors, signals, red flags,
the check-in and the bank itself (the pieces are in `base.py`, the words in `messages.py`, the
foot map's part in `foot_map.py`).

Cross-references (ids, options, condition order) are checked in
`check_shapes.py`, and contributors, roles, levels and wording in `check.py`.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, PrivateAttr

from fibrofoot.bank.base import Condition, Id, Kind, Level, Strict, Text
from fibrofoot.bank.foot_map import MapArea, MapFeet
from fibrofoot.bank.messages import Messages


class Option(Strict):
    value: Id
    label: Text
    exclusive: bool = Field(
        default=False, description="Cannot be combined with other options (e.g. 'None of these')."
    )
    negative: Text | None = Field(
        default=None, description="A pertinent negative for the summary when this option is chosen."
    )
    offer_if: list[Condition] = Field(
        default=[], description="Offered only when all of these hold (earlier questions only)."
    )


class Part(StrEnum):
    """Where a question's answer goes in the summary."""

    REPORTED = "reported"  # what the person reported (text questions: their note)
    PAIN_NUMBER = "pain_number"  # one of the pain numbers, shown together
    FUNCTION = "function"  # a how-often line; a multi here picks the activities asked about
    GOAL = "goal"  # the one thing they most want to do again, their words
    AGENDA = "agenda"  # what they want to ask or tell: picked suggestions, or their own words


class Question(Strict):
    id: Id
    text: Text
    why: Text
    label: Text = Field(description="Short heading for this answer in the summary.")
    kind: Kind
    asked_afresh: bool = Field(
        default=False,
        description="About right now (or the past few weeks): a saved answer is not reused; "
        "the question is asked again, with no answer chosen, on every walk.",
    )
    options: list[Option] = Field(default=[])
    ask_if: list[Condition] = Field(
        default=[], description="All of these must hold for the question to be asked."
    )
    allow_not_sure: bool = True
    when_no: Text | None = Field(
        default=None, description="A pertinent negative for the summary when answered 'no'."
    )
    scale_low: Text | None = None
    scale_high: Text | None = None
    map_areas: dict[Id, MapArea] = Field(
        default={}, description="For the foot map: the regions each answer value shades."
    )
    map_feet: dict[Id, MapFeet] = Field(
        default={}, description="For the foot map: the feet each answer value shades."
    )
    part: Part = Part.REPORTED
    max_choices: int | None = Field(
        default=None, ge=1, description="For multi questions: at most this many ticks."
    )
    offers_suggestions: bool = Field(
        default=False,
        description="Its options start with the contributors' suggestions (ask_your_clinician).",
    )


class Section(Strict):
    id: Id
    title: Text
    questions: list[Question] = Field(min_length=1)


class Suggestion(Strict):
    """A question a person might ask their clinician about a contributor: offered on the agenda
    and listed under "other questions" only when its contributor is listed and `offer_if` holds."""

    id: Id
    text: Text
    offer_if: list[Condition] = Field(default=[])


class Contributor(Strict):
    id: Id
    title: Text
    explanation: Text
    ask_your_clinician: list[Suggestion] = Field(min_length=1)


class Role(StrEnum):
    """What a raised signal does for its contributors."""

    CHARACTERISTIC = "characteristic"  # lists its contributors on its own
    SUPPORTING = "supporting"  # adds its reason only under a contributor already listed


class Signal(Strict):
    id: Id
    raises: list[Id] = Field(min_length=1)
    role: Role
    when: list[Condition] = Field(min_length=1)
    reason: Text


class RedFlag(Strict):
    id: Id
    level: Level
    when: list[Condition] = Field(min_length=1)
    message: Text


class Becomes(Strict):
    question: Id = Field(description="A multi question that is still asked.")
    value: Id = Field(description="The option ticked there for a saved 'yes'.")


class RetiredQuestion(Strict):
    """A yes/no question no longer asked whose saved answers still load: a saved `true`
    becomes a tick in another question (see `fibrofoot.answers.validate_answers`)."""

    id: Id
    becomes: Becomes


class CheckIn(Strict):
    """`fibrofoot checkin`: a few questions between appointments, asked in order. `asks`
    repeats walkthrough questions by id (their answers then compare with a walkthrough's);
    `questions` are the check-in's own."""

    title: Text
    intro: Text
    asks: list[Id] = Field(default=[])
    questions: list[Question] = Field(default=[])
    trend: Id = Field(description="The 0-10 question whose numbers the history's trend shows.")
    where: Id | None = Field(
        default=None,
        description="A multi question with the answer values of the foot map's question.",
    )


class Bank(Strict):
    messages: Messages
    contributors: list[Contributor]
    red_flags: list[RedFlag]
    sections: list[Section] = Field(min_length=1)
    signals: list[Signal]
    retired_questions: list[RetiredQuestion] = Field(default=[])
    checkin: CheckIn | None = None

    _questions: dict[str, Question] = PrivateAttr(default_factory=dict)
    _section_of: dict[str, Section] = PrivateAttr(default_factory=dict)
    _retired: dict[str, RetiredQuestion] = PrivateAttr(default_factory=dict)
    _suggested_for: dict[str, str] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        suggested = [
            (contributor.id, suggestion)
            for contributor in self.contributors
            for suggestion in contributor.ask_your_clinician
        ]
        for contributor_id, suggestion in suggested:
            self._suggested_for.setdefault(suggestion.id, contributor_id)
        for section in self.sections:
            for question in section.questions:
                if question.offers_suggestions:
                    options = [
                        Option(value=s.id, label=s.text, offer_if=s.offer_if) for _, s in suggested
                    ]
                    question = question.model_copy(
                        update={"options": [*options, *question.options]}
                    )
                self._questions.setdefault(question.id, question)
                self._section_of.setdefault(question.id, section)
        for retired in self.retired_questions:
            self._retired.setdefault(retired.id, retired)

    @property
    def questions(self) -> list[Question]:
        """Every question, in the order it would be asked."""
        return list(self._questions.values())

    def question(self, question_id: str) -> Question:
        return self._questions[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions

    def section_of(self, question_id: str) -> Section:
        return self._section_of[question_id]

    def checkin_questions(self) -> list[Question]:
        """The check-in's questions in the order asked (none if the bank has no check-in)."""
        if self.checkin is None:
            return []
        asked = [self._questions[i] for i in self.checkin.asks if i in self._questions]
        return [*asked, *self.checkin.questions]

    def suggested_for(self, option_value: str) -> str | None:
        """The contributor whose suggestion this option of a suggestions question is."""
        return self._suggested_for.get(option_value)

    def retired(self, question_id: str) -> RetiredQuestion | None:
        """The retired question with this id, if the bank has one."""
        return self._retired.get(question_id)
