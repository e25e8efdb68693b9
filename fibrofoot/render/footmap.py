"""The foot map's drawing: the shapes of the regions the bank's `map_areas` name, placed on
the feet its `map_feet` name. Every word on the map comes from the bank.

All four drawings (soles and tops, left and right) are seen the way a person sees their own feet:
the tops from above, the soles like footprints, so the big toes point inwards on both rows. One
set of shapes is drawn for the right foot and mirrored for the left. Answer values the bank's
mapping leaves out are not drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from fibrofoot.bank.models import Bank, Foot, FootMapText, MapRegion, Question
from fibrofoot.summary import Summary

View = Literal["sole", "top"]
Side = Foot
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
class Shape:
    view: View
    d: str
    at: tuple[float, float]  # where its word is written
    light: bool = False  # drawn underneath, lighter (the whole foot)


SHAPES: dict[MapRegion, Shape] = {
    "sole_whole": Shape("sole", OUTLINE, (55, 104), light=True),
    "top_whole": Shape("top", OUTLINE, (50, 140), light=True),
    "sole_heel": Shape("sole", _ellipse(51, 176, 19, 18), (51, 179)),
    "sole_arch": Shape("sole", _ellipse(35, 128, 11, 25), (36, 131)),
    "sole_ball": Shape("sole", _ellipse(50, 74, 32, 12), (54, 77)),
    "sole_toes": Shape("sole", _BIG_TOE + _SMALL_TOES, (67, 25)),
    "sole_big_toe": Shape("sole", _BIG_TOE + _ellipse(26, 57, 8, 8), (27, 33)),
    "top_toes": Shape("top", _BIG_TOE + _SMALL_TOES, (67, 25)),
    "top_big_toe": Shape("top", _BIG_TOE + _ellipse(26, 57, 8, 8), (27, 33)),
    "top_top": Shape("top", _ellipse(52, 105, 26, 34), (52, 108)),
    "top_ankle": Shape("top", _ellipse(51, 168, 23, 15), (51, 171)),
}

VIEWS: tuple[View, ...] = ("sole", "top")
SIDES: tuple[Side, ...] = ("left", "right")


@dataclass(frozen=True)
class _Shaded:
    shape: Shape
    word: str


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
    name: str  # "Left" or "Right", under the foot
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


def foot_map(summary: Summary, bank: Bank) -> FootMap | None:
    """The map for this summary, or None when no area the bank maps was reported."""
    words = bank.messages.foot_map
    areas_question = _mapping_question(bank, "map_areas")
    if words is None or areas_question is None:
        return None
    areas = summary.answers.get(areas_question.id)
    mapped = areas_question.map_areas
    chosen = [mapped[a] for a in areas if a in mapped] if isinstance(areas, list) else []
    if not chosen:
        return None
    feet, feet_caption = _feet(bank, summary, words)
    shaded = [_Shaded(SHAPES[region], area.word) for area in chosen for region in area.regions]
    names = {"left": words.left, "right": words.right}
    panels = tuple(
        _panel(view, side, names[side], row, column, shaded if side in feet else [])
        for row, view in enumerate(VIEWS)
        for column, side in enumerate(SIDES)
    )
    where = ", ".join(area.caption for area in chosen)
    titles = {"sole": words.sole, "top": words.top}
    return FootMap(
        panels=panels,
        caption=f"{words.where}: {where}. {words.shaded_on} {feet_caption}.",
        width=_GAP + 2 * (FOOT_WIDTH + _GAP),
        height=2 * _ROW,
        row_titles=tuple((titles[v], row * _ROW + 10) for row, v in enumerate(VIEWS)),
    )


def _mapping_question(bank: Bank, key: str) -> Question | None:
    return next((q for q in bank.questions if getattr(q, key)), None)


def _feet(bank: Bank, summary: Summary, words: FootMapText) -> tuple[Sequence[Side], str]:
    """The feet to shade and the caption's words for them: what the "which foot" answer maps
    to, or both feet when it was not answered."""
    question = _mapping_question(bank, "map_feet")
    answer = summary.answers.get(question.id) if question else None
    if question and isinstance(answer, str) and answer in question.map_feet:
        mapped = question.map_feet[answer]
        return mapped.feet, mapped.caption
    return SIDES, words.feet_not_answered


def _panel(
    view: View, side: Side, name: str, row: int, column: int, shaded: list[_Shaded]
) -> Panel:
    x = _GAP + column * (FOOT_WIDTH + _GAP)
    y = row * _ROW + _TOP
    mine = [s for s in shaded if s.shape.view == view]
    mine.sort(key=lambda s: not s.shape.light)  # light (whole foot) underneath the darker areas
    labels = tuple(
        Label(
            s.word,
            x + (FOOT_WIDTH - s.shape.at[0] if side == "left" else s.shape.at[0]),
            y + s.shape.at[1],
        )
        for s in mine
    )
    return Panel(
        view, side, name, x, y, tuple(Shade(s.shape.d, s.shape.light) for s in mine), labels
    )
