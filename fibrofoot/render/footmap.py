"""The foot map: the regions the answers shade (fibrofoot/regions.py), placed on the drawings
(foot_shapes.py) of both feet in four views. Every word on the map comes from the bank.

The layout: the tops and the soles side by side in the first row, then, smaller, the outer and
inner sides of the left foot and the inner and outer sides of the right one; each view titled,
each foot named under it, the left foot always on the left.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fibrofoot.bank.foot_map import WHOLE_FOOT, Foot
from fibrofoot.bank.models import Bank
from fibrofoot.regions import shading
from fibrofoot.render.foot_shapes import DRAWINGS, SHAPES, View
from fibrofoot.summary import Summary

WIDTH = 480.0
HEIGHT = 334.0
SIDE_SCALE = 0.56  # the side views are drawn smaller, four in one row
_NAME_BELOW = 13.0  # "Left" / "Right", below each drawing
# Each drawing's top left corner: the tops and the soles in the first row, then the sides of
# the left foot (outer, inner) and of the right foot (inner, outer), so the inner sides face.
_CORNERS: dict[tuple[View, Foot], tuple[float, float]] = {
    ("top", "left"): (14, 18),
    ("top", "right"): (126, 18),
    ("sole", "left"): (254, 18),
    ("sole", "right"): (366, 18),
    ("outer", "left"): (4, 258),
    ("inner", "left"): (124, 258),
    ("inner", "right"): (244, 258),
    ("outer", "right"): (364, 258),
}
# The titles: one over the two tops and one over the two soles, one over each side view.
_TITLES: tuple[tuple[View, float, float], ...] = (
    ("top", 120, 11),
    ("sole", 360, 11),
    ("outer", 60, 252),
    ("inner", 180, 252),
    ("inner", 300, 252),
    ("outer", 420, 252),
)
DIVIDERS = ((240.0, 2.0, 240.0, 240.0), (4.0, 240.0, 476.0, 240.0))  # tops | soles, then the sides


@dataclass(frozen=True)
class Shade:
    region: str
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
    side: Foot
    name: str  # "Left" or "Right", under the foot
    x: float
    y: float
    shades: tuple[Shade, ...]
    labels: tuple[Label, ...]

    @property
    def scale(self) -> float:
        return 1.0 if self.view in ("top", "sole") else SIDE_SCALE

    @property
    def transform(self) -> str:
        """SVG transform placing the drawing; it is drawn for the right foot and mirrored for
        the left one (labels are placed separately, so their text is never mirrored)."""
        width = DRAWINGS[self.view].width * self.scale
        mirror = f" translate({width:g} 0) scale(-1 1)" if self.side == "left" else ""
        size = f" scale({self.scale:g})" if self.scale != 1 else ""
        return f"translate({self.x:g} {self.y:g}){mirror}{size}"

    @property
    def name_at(self) -> tuple[float, float]:
        """Where "Left" or "Right" goes, centred under the foot."""
        drawing = DRAWINGS[self.view]
        return (
            self.x + drawing.width * self.scale / 2,
            self.y + drawing.height * self.scale + _NAME_BELOW,
        )

    def place(self, at: tuple[float, float]) -> tuple[float, float]:
        """Where a point of the right foot's drawing lands on this panel."""
        x = DRAWINGS[self.view].width - at[0] if self.side == "left" else at[0]
        return self.x + x * self.scale, self.y + at[1] * self.scale


@dataclass(frozen=True)
class Title:
    text: str
    x: float
    y: float


@dataclass(frozen=True)
class FootMap:
    panels: tuple[Panel, ...]
    titles: tuple[Title, ...]
    caption: str
    width: float = WIDTH
    height: float = HEIGHT
    dividers: tuple[tuple[float, float, float, float], ...] = DIVIDERS
    drawings: tuple[tuple[View, str, str], ...] = tuple(
        (view, d.outline, d.detail) for view, d in DRAWINGS.items()
    )


def foot_map(summary: Summary, bank: Bank) -> FootMap | None:
    """The map for this summary, or None when no area the bank maps was reported."""
    shaded = shading(bank, summary.answers)
    words = bank.messages.foot_map
    if shaded is None or words is None:
        return None
    region_words = {region: words.regions[region].word for region in shaded.regions}
    names: dict[Foot, str] = {"left": words.left, "right": words.right}
    panels = tuple(
        _panel(view, side, names[side], shaded.regions if side in shaded.feet else (), region_words)
        for view, side in _CORNERS
    )
    view_titles = {"top": words.top, "sole": words.sole, "inner": words.inner, "outer": words.outer}
    where = ", ".join(area.caption for area in shaded.areas)
    return FootMap(
        panels=panels,
        titles=tuple(Title(view_titles[view], x, y) for view, x, y in _TITLES),
        caption=f"{words.where}: {where}. {words.shaded_on} {shaded.feet_caption}.",
    )


def _panel(
    view: View, side: Foot, name: str, regions: tuple[str, ...], words: dict[str, str]
) -> Panel:
    # The whole foot first, lightly, so the named areas stay visible on top of it.
    ordered = sorted(regions, key=lambda region: region != WHOLE_FOOT)
    mine = [(region, shape) for region in ordered for shape in SHAPES[region] if shape.view == view]
    shades = tuple(Shade(region, shape.d, region == WHOLE_FOOT) for region, shape in mine)
    panel = Panel(view, side, name, *_CORNERS[view, side], shades, ())
    labels = tuple(
        Label(words[region], *panel.place(shape.at)) for region, shape in mine if shape.at
    )
    return replace(panel, labels=labels)
