"""The question bank as pydantic models.

Every model forbids unknown keys so that a misspelt key in the YAML is reported instead of
silently ignored. Cross-references (ids, options, condition order) are checked in `check.py`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
)

# An id: lower case letters, digits and underscores, starting with a letter (unanchored, so other
# patterns can embed it).
ID_PATTERN = r"[a-z][a-z0-9_]*"
Id = Annotated[str, StringConstraints(pattern=rf"^{ID_PATTERN}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# Listed in the order the source document names them: summaries list contributors in this order.
ContributorId = Literal[
    "tender_points",
    "muscle_connective_tissue",
    "gait",
    "plantar_fasciitis",
    "osteoarthritis",
    "rheumatoid_arthritis",
    "peripheral_neuropathy",
]
CONTRIBUTOR_ORDER: tuple[ContributorId, ...] = get_args(ContributorId)

NOT_SURE = "not_sure"
SCALE_MIN = 0
SCALE_MAX = 10


class Level(StrEnum):
    """Red-flag levels, most urgent first."""

    EMERGENCY = "emergency"
    SAME_DAY = "same_day"
    SOON = "soon"


LEVEL_ORDER: tuple[Level, ...] = tuple(Level)


class Kind(StrEnum):
    YES_NO = "yes_no"
    SINGLE = "single"
    MULTI = "multi"
    SCALE = "scale"
    TEXT = "text"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Option(_Strict):
    value: Id
    label: Text
    exclusive: bool = Field(
        default=False, description="Cannot be combined with other options (e.g. 'None of these')."
    )
    negative: Text | None = Field(
        default=None, description="A pertinent negative for the summary when this option is chosen."
    )


def _condition_value(value: object) -> bool | str:
    """One clear problem for a bad value (a plain `bool | str` union reports one per member)."""
    if isinstance(value, bool | str):
        return value
    raise ValueError("use true, false, not_sure or an answer value (an id)")


ConditionValue = Annotated[bool | str, PlainValidator(_condition_value)]


class Condition(_Strict):
    """True when the answer to `question` is one of `is` (any of), or within the scale bounds."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    question: Id
    is_: tuple[ConditionValue, ...] | None = Field(default=None, alias="is")
    at_least: int | None = None
    at_most: int | None = None


class Question(_Strict):
    id: Id
    text: Text
    why: Text
    label: Text = Field(description="Short heading for this answer in the summary.")
    kind: Kind
    options: list[Option] = []
    ask_if: list[Condition] = Field(
        default=[], description="All of these must hold for the question to be asked."
    )
    allow_not_sure: bool = True
    when_no: Text | None = Field(
        default=None, description="A pertinent negative for the summary when answered 'no'."
    )
    scale_low: Text | None = None
    scale_high: Text | None = None


class Section(_Strict):
    id: Id
    title: Text
    questions: list[Question] = Field(min_length=1)


class Contributor(_Strict):
    id: ContributorId
    title: Text
    explanation: Text
    ask_your_clinician: list[Text] = Field(min_length=1)


class Signal(_Strict):
    id: Id
    raises: list[ContributorId] = Field(min_length=1)
    when: list[Condition] = Field(min_length=1)
    reason: Text


class RedFlag(_Strict):
    id: Id
    level: Level
    when: list[Condition] = Field(min_length=1)
    message: Text


class LevelText(_Strict):
    title: Text
    where_to_go: Text


class Messages(_Strict):
    intro: Text
    privacy: Text
    disclaimer: Text = Field(description="One line: what fibrofoot is and is not.")
    consult: Text
    emergency_line: Text
    levels: dict[Level, LevelText]


class Bank(_Strict):
    messages: Messages
    contributors: list[Contributor]
    red_flags: list[RedFlag]
    sections: list[Section] = Field(min_length=1)
    signals: list[Signal]

    _questions: dict[str, Question] = PrivateAttr(default_factory=dict)
    _section_of: dict[str, Section] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        for section in self.sections:
            for question in section.questions:
                self._questions.setdefault(question.id, question)
                self._section_of.setdefault(question.id, section)

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
