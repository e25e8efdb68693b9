"""The foot map's part of the bank: the region ids, what an answer shades, the map's words.

The shapes are drawn in fibrofoot/render/foot_shapes.py; fibrofoot/regions.py turns answers
into shaded regions.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from fibrofoot.bank.base import Strict, Text

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


class MapArea(Strict):
    """Where one answer to the "where does it hurt" question is shaded on the foot map."""

    regions: list[str] = Field(min_length=1, description="Regions like hindfoot.plantar.")
    caption: Text = Field(description="Its name in the sentence under the map.")


class MapFeet(Strict):
    """Which feet one answer to the "which foot" question shades, and how the caption says it."""

    feet: list[Foot] = Field(min_length=1)
    caption: Text


class MapRegionText(Strict):
    word: Text = Field(description="Written on the drawing, on the region.")
    label: Text = Field(description="Its plain name in the JSON and FHIR, after the side.")


class FootMapText(Strict):
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
