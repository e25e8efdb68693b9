"""The pieces every bank model is built from: ids and texts, levels and kinds, conditions.

Every model forbids unknown keys (`Strict`), so that a misspelt key in the YAML is reported
instead of silently ignored.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, StringConstraints

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


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _condition_value(value: object) -> bool | str:
    """One clear problem for a bad value (a plain `bool | str` union reports one per member)."""
    if isinstance(value, bool | str):
        return value
    raise ValueError("use true, false, not_sure or an answer value (an id)")


ConditionValue = Annotated[bool | str, PlainValidator(_condition_value)]


class Condition(Strict):
    """True when the answer to `question` is one of `is` (any of), or within the scale bounds."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    question: Id
    is_: tuple[ConditionValue, ...] | None = Field(default=None, alias="is")
    at_least: int | None = None
    at_most: int | None = None
