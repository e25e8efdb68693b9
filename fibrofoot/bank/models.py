"""The question bank as pydantic models.

Every model forbids unknown keys so that a misspelt key in the YAML is reported instead of
silently ignored. Cross-references (ids, options, condition order) are checked in
`check_shapes.py`, and contributors, roles, levels and wording in `check.py`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
)

# An id: lower case letters, digits and underscores, starting with a letter.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

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


class Option(_Strict):
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


# The foot map's regions: `part.aspect` (like `hindfoot.plantar`, under the heel) or `whole`;
# the "which foot" answer adds the side (`L.` or `R.`). Only DRAWN_REGIONS have a drawing, in
# fibrofoot/render/foot_shapes.py (a test holds the two together); the check refuses the rest.
MAP_PARTS = ("toes", "forefoot", "midfoot", "hindfoot", "ankle")
MAP_ASPECTS = ("plantar", "dorsal", "medial", "lateral", "posterior", "interdigital")
WHOLE_FOOT = "whole"
DRAWN_REGIONS = (
    "toes.plantar",
    "toes.dorsal",
    "toes.interdigital",
    "forefoot.plantar",
    "forefoot.medial",
    "midfoot.plantar",
    "midfoot.dorsal",
    "hindfoot.plantar",
    "hindfoot.posterior",
    "ankle.dorsal",
    "ankle.medial",
    "ankle.lateral",
    WHOLE_FOOT,
)
Foot = Literal["left", "right"]


class MapArea(_Strict):
    """Where one answer to the "where does it hurt" question is shaded on the foot map."""

    regions: list[str] = Field(min_length=1, description="Regions like hindfoot.plantar.")
    caption: Text = Field(description="Its name in the sentence under the map.")


class MapFeet(_Strict):
    """Which feet one answer to the "which foot" question shades, and how the caption says it."""

    feet: list[Foot] = Field(min_length=1)
    caption: Text


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


class Section(_Strict):
    id: Id
    title: Text
    questions: list[Question] = Field(min_length=1)


class Suggestion(_Strict):
    """A question a person might ask their clinician about a contributor: offered on the agenda
    and listed under "other questions" only when its contributor is listed and `offer_if` holds."""

    id: Id
    text: Text
    offer_if: list[Condition] = []


class Contributor(_Strict):
    id: Id
    title: Text
    explanation: Text
    ask_your_clinician: list[Suggestion] = Field(min_length=1)


class Role(StrEnum):
    """What a raised signal does for its contributors."""

    CHARACTERISTIC = "characteristic"  # lists its contributors on its own
    SUPPORTING = "supporting"  # adds its reason only under a contributor already listed


class Signal(_Strict):
    id: Id
    raises: list[Id] = Field(min_length=1)
    role: Role
    when: list[Condition] = Field(min_length=1)
    reason: Text


class RedFlag(_Strict):
    id: Id
    level: Level
    when: list[Condition] = Field(min_length=1)
    message: Text


class LevelText(_Strict):
    marker: Text = Field(
        description="One word a screen reader speaks before the title: 'Urgent', 'Warning'."
    )
    title: Text
    where_to_go: Text


class SummaryText(_Strict):
    """The summary's title, headings and labels."""

    title: Text
    finished_early: Text = Field(description="After the date line when the walk ended early.")
    red_flags: Text
    agenda: Text = Field(description="Over what the person most wants to ask or tell.")
    reported: Text
    how_much: Text = Field(description="Before the pain numbers, shown together on one line.")
    function: Text = Field(description="Over what foot pain made harder.")
    goal: Text = Field(description="Before the one thing they most want to do again.")
    not_answered: Text = Field(description="A how-often line that was asked but not answered.")
    negatives: Text
    contributors: Text = Field(description="Safety-relevant: says 'may be worth raising'.")
    contributors_note: Text
    because: Text
    explanations: Text = Field(description="Over the longer words about each pattern listed.")
    questions: Text
    notes: Text


class MapRegionText(_Strict):
    word: Text = Field(description="Written on the drawing, on the region.")
    label: Text = Field(description="Its plain name in the JSON and FHIR, after the side.")


class FootMapText(_Strict):
    """The foot map's own words; what each answer shades is on the questions (map_areas,
    map_feet)."""

    where: Text = Field(description="Starts the caption: 'Where you said it hurts: heel, ...'.")
    shaded_on: Text = Field(description="'Shaded on' the feet named by map_feet.")
    feet_not_answered: Text = Field(
        description="The caption's feet when 'which foot' is unanswered."
    )
    top: Text
    sole: Text
    inner: Text
    outer: Text
    left: Text
    right: Text
    regions: dict[str, MapRegionText] = Field(
        default={}, description="The words for each region map_areas shades."
    )


class Messages(_Strict):
    intro: Text
    privacy: Text
    disclaimer: Text = Field(description="One line: what fibrofoot is and is not.")
    consult: Text
    emergency_line: Text
    levels: dict[Level, LevelText]
    summary: SummaryText
    foot_map: FootMapText | None = None


class Becomes(_Strict):
    question: Id = Field(description="A multi question that is still asked.")
    value: Id = Field(description="The option ticked there for a saved 'yes'.")


class RetiredQuestion(_Strict):
    """A yes/no question no longer asked whose saved answers still load: a saved `true`
    becomes a tick in another question (see `fibrofoot.answers.validate_answers`)."""

    id: Id
    becomes: Becomes


class CheckIn(_Strict):
    """`fibrofoot checkin`: a few questions between appointments, asked in order. `asks`
    repeats walkthrough questions by id (their answers then compare with a walkthrough's);
    `questions` are the check-in's own."""

    title: Text
    intro: Text
    asks: list[Id] = []
    questions: list[Question] = []
    trend: Id = Field(description="The 0-10 question whose numbers the history's trend shows.")
    where: Id | None = Field(
        default=None,
        description="A multi question with the answer values of the foot map's question.",
    )


class Bank(_Strict):
    messages: Messages
    contributors: list[Contributor]
    red_flags: list[RedFlag]
    sections: list[Section] = Field(min_length=1)
    signals: list[Signal]
    retired_questions: list[RetiredQuestion] = []
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
