"""Where it hurts as foot map regions: what the answers shade, for the map, the JSON and FHIR.

A shaded region's id is its side and a bank region: `L.hindfoot.plantar` is under the left heel.
The bank says what each answer shades: the "where does it hurt" question's `map_areas` name the
regions of each answer, the "which foot" question's `map_feet` the feet (both feet when it was
not answered). Answers the mapping leaves out, like "not sure", shade nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from fibrofoot.answers import Answers
from fibrofoot.bank.foot_map import DRAWN_REGIONS, Foot, MapArea
from fibrofoot.bank.models import Bank, Question

FEET: tuple[Foot, ...] = ("left", "right")
SIDE_PREFIX: dict[Foot, str] = {"left": "L", "right": "R"}


@dataclass(frozen=True)
class Shading:
    """The areas the answers shade, on which feet, and the caption's words for those feet."""

    areas: tuple[MapArea, ...]
    feet: tuple[Foot, ...]
    feet_caption: str

    @property
    def regions(self) -> tuple[str, ...]:
        """Each region shaded once, in the drawings' order (toes to ankle)."""
        shaded = {region for area in self.areas for region in area.regions}
        return tuple(region for region in DRAWN_REGIONS if region in shaded)


def shading(bank: Bank, answers: Answers) -> Shading | None:
    """What these answers shade, or None when they name no area the bank maps."""
    words = bank.messages.foot_map
    areas_question = _mapping_question(bank, "map_areas")
    if words is None or areas_question is None:
        return None
    chosen = answers.get(areas_question.id)
    mapped = areas_question.map_areas
    areas = tuple(mapped[a] for a in chosen if a in mapped) if isinstance(chosen, list) else ()
    if not areas:
        return None
    side_question = _mapping_question(bank, "map_feet")
    side = answers.get(side_question.id) if side_question else None
    if side_question and isinstance(side, str) and side in side_question.map_feet:
        feet = side_question.map_feet[side]
        return Shading(areas, tuple(f for f in FEET if f in feet.feet), feet.caption)
    return Shading(areas, FEET, words.feet_not_answered)


def shaded_regions(bank: Bank, answers: Answers) -> list[tuple[str, str]]:
    """The id and plain label of every region these answers shade: left foot, then right."""
    shaded = shading(bank, answers)
    words = bank.messages.foot_map
    if shaded is None or words is None:
        return []
    sides = {"left": words.left, "right": words.right}
    return [
        (f"{SIDE_PREFIX[foot]}.{region}", f"{sides[foot]}: {words.regions[region].label}")
        for foot in shaded.feet
        for region in shaded.regions
    ]


def _mapping_question(bank: Bank, key: str) -> Question | None:
    return next((q for q in bank.questions if getattr(q, key)), None)
