"""The foot map: which parts of which foot to shade, from the `pain_areas` and `pain_side` answers.

All four drawings (soles and tops, left and right) are seen the way a person sees their own feet:
the tops from above, the soles like footprints, so the big toes point inwards on both rows. One
set of shapes is drawn for the right foot and mirrored for the left. Area values the map does
not know are not drawn (the bank may gain areas before the map does).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fibrofoot.summary import Summary

View = Literal["sole", "top"]
Side = Literal["left", "right"]

AREAS_QUESTION = "pain_areas"
SIDE_QUESTION = "pain_side"
# Each foot is drawn in a FOOT_WIDTH x FOOT_HEIGHT box; the four sit in two rows of two.
FOOT_WIDTH = 100.0
FOOT_HEIGHT = 200.0
_GAP = 12.0
_TOP = 16.0  # room for the row title above the feet
_ROW = _TOP + FOOT_HEIGHT + 18.0  # and for "Left" / "Right" below them


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    return f"M{cx - rx:g},{cy}a{rx:g},{ry:g} 0 1,0 {2 * rx:g},0a{rx:g},{ry:g} 0 1,0 {-2 * rx:g},0Z"


_BIG_TOE = _ellipse(27, 30, 11, 16)
_SMALL_TOES = "".join(
    _ellipse(*toe) for toe in ((47, 34, 6.5, 10), (60, 38, 6, 9), (71, 44, 5.5, 8), (80, 53, 5, 7))
)
_BODY = (
    "M50,198C36,198 28,188 28,170C28,150 24,128 20,108C16,90 14,72 16,62"
    "C18,52 26,46 36,46C50,44 70,48 82,60C86,66 86,80 84,96"
    "C82,120 76,150 74,170C72,188 64,198 50,198Z"
)
OUTLINE = _BODY + _BIG_TOE + _SMALL_TOES


@dataclass(frozen=True)
class Region:
    view: View
    d: str
    label: str
    at: tuple[float, float]
    light: bool = False


REGIONS: dict[str, Region] = {
    "sole_whole": Region("sole", OUTLINE, "Whole foot", (55, 104), light=True),
    "top_whole": Region("top", OUTLINE, "Whole foot", (50, 140), light=True),
    "sole_heel": Region("sole", _ellipse(51, 176, 19, 18), "Heel", (51, 179)),
    "sole_arch": Region("sole", _ellipse(35, 128, 11, 25), "Arch", (36, 131)),
    "sole_ball": Region("sole", _ellipse(50, 74, 32, 12), "Ball", (54, 77)),
    "sole_toes": Region("sole", _BIG_TOE + _SMALL_TOES, "Toes", (67, 25)),
    "sole_big_toe": Region("sole", _BIG_TOE + _ellipse(26, 57, 8, 8), "Big toe", (27, 33)),
    "top_toes": Region("top", _BIG_TOE + _SMALL_TOES, "Toes", (67, 25)),
    "top_big_toe": Region("top", _BIG_TOE + _ellipse(26, 57, 8, 8), "Big toe", (27, 33)),
    "top_top": Region("top", _ellipse(52, 105, 26, 34), "Top", (52, 108)),
    "top_ankle": Region("top", _ellipse(51, 168, 23, 15), "Ankle", (51, 171)),
}

# `pain_areas` option value -> the regions it shades, and its name in the caption.
AREA_REGIONS: dict[str, tuple[str, ...]] = {
    "whole_foot": ("sole_whole", "top_whole"),
    "heel": ("sole_heel",),
    "arch": ("sole_arch",),
    "ball_of_foot": ("sole_ball",),
    "toes": ("sole_toes", "top_toes"),
    "big_toe": ("sole_big_toe", "top_big_toe"),
    "top_of_foot": ("top_top",),
    "ankle": ("top_ankle",),
}
AREA_NAMES: dict[str, str] = {
    "heel": "heel",
    "arch": "arch",
    "ball_of_foot": "ball of the foot",
    "toes": "toes",
    "big_toe": "big toe joint",
    "top_of_foot": "top of the foot",
    "ankle": "ankle",
    "whole_foot": "the whole foot (light shading)",
}

# `pain_side` answer -> the feet to shade and how the caption names them.
_ONE_SIDE: dict[str, Side] = {"left": "left", "right": "right"}
_BOTH_BECAUSE: dict[str | None, str] = {
    "both": "both feet",
    "changes_sides": "both feet, because you said it moves from one foot to the other",
    "not_sure": "both feet, because you were not sure which foot",
    None: "both feet, because which foot was not answered",
}
_OTHER_BOTH = "both feet"

VIEWS: tuple[View, ...] = ("sole", "top")
SIDES: tuple[Side, ...] = ("left", "right")
VIEW_TITLES: dict[View, str] = {"sole": "Soles, like footprints", "top": "Tops, seen from above"}
SIDE_TITLES: dict[Side, str] = {"left": "Left", "right": "Right"}


@dataclass(frozen=True)
class Shade:
    d: str
    light: bool


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float


@dataclass(frozen=True)
class Panel:
    view: View
    side: Side
    x: float
    y: float
    shades: tuple[Shade, ...]
    labels: tuple[Label, ...]

    @property
    def transform(self) -> str:
        """SVG transform placing the shapes; they are drawn for the right foot and mirrored for
        the left one (labels are placed separately, so their text is never mirrored)."""
        mirror = f" translate({FOOT_WIDTH:g} 0) scale(-1 1)" if self.side == "left" else ""
        return f"translate({self.x:g} {self.y:g}){mirror}"

    @property
    def name(self) -> str:
        return SIDE_TITLES[self.side]

    @property
    def name_at(self) -> tuple[float, float]:
        """Where "Left" or "Right" goes, centred under the foot."""
        return self.x + FOOT_WIDTH / 2, self.y + FOOT_HEIGHT + 14


@dataclass(frozen=True)
class FootMap:
    panels: tuple[Panel, ...]
    caption: str
    width: float
    height: float
    row_titles: tuple[tuple[str, float], ...]
    outline: str = OUTLINE


def foot_map(summary: Summary) -> FootMap | None:
    """The map for this summary, or None when no area the map knows was reported."""
    areas = summary.answers.get(AREAS_QUESTION)
    chosen = [a for a in areas if a in AREA_REGIONS] if isinstance(areas, list) else []
    if not chosen:
        return None
    side_answer = summary.answers.get(SIDE_QUESTION)
    side_value = side_answer if isinstance(side_answer, str) else None
    one_side = _ONE_SIDE.get(side_value) if side_value else None
    sides = (one_side,) if one_side else SIDES
    regions = [REGIONS[r] for area in chosen for r in AREA_REGIONS[area]]
    panels = tuple(
        _panel(view, side, row, column, regions, shaded=side in sides)
        for row, view in enumerate(VIEWS)
        for column, side in enumerate(SIDES)
    )
    where = ", ".join(AREA_NAMES[a] for a in chosen)
    feet = f"the {one_side} foot" if one_side else _BOTH_BECAUSE.get(side_value, _OTHER_BOTH)
    return FootMap(
        panels=panels,
        caption=f"Where you said it hurts: {where}. Shaded on {feet}.",
        width=_GAP + 2 * (FOOT_WIDTH + _GAP),
        height=2 * _ROW,
        row_titles=tuple((VIEW_TITLES[v], row * _ROW + 10) for row, v in enumerate(VIEWS)),
    )


def _panel(
    view: View, side: Side, row: int, column: int, regions: list[Region], *, shaded: bool
) -> Panel:
    x = _GAP + column * (FOOT_WIDTH + _GAP)
    y = row * _ROW + _TOP
    mine = [r for r in regions if r.view == view] if shaded else []
    mine.sort(key=lambda r: not r.light)  # light (whole foot) underneath the darker areas
    labels = tuple(
        Label(r.label, x + (FOOT_WIDTH - r.at[0] if side == "left" else r.at[0]), y + r.at[1])
        for r in mine
    )
    return Panel(view, side, x, y, tuple(Shade(r.d, r.light) for r in mine), labels)
