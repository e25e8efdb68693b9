"""The foot map's drawings: four views of the right foot, and the shape of each region on them.

Every view is drawn for the right foot and mirrored for the left one, as a person sees their
own feet: the top looking down (toes up, big toe on the inner side), the sole like the
person's own footprint (the same way round, so the big toes point inwards on both), the inner
side as seen between the feet (toes towards the other foot) and the outer side (toes outwards).
Shapes are clipped to their view's outline, so a region is simply the part of the foot it
covers. The region names are the bank's (`DRAWN_REGIONS`); a test holds the two together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

View = Literal["top", "sole", "inner", "outer"]
VIEWS: tuple[View, ...] = ("top", "sole", "inner", "outer")


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    return f"M{cx - rx:g},{cy}a{rx:g},{ry:g} 0 1,0 {2 * rx:g},0a{rx:g},{ry:g} 0 1,0 {-2 * rx:g},0Z"


def _ellipses(*shapes: tuple[float, float, float, float]) -> str:
    return "".join(_ellipse(*shape) for shape in shapes)


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    outline: str
    detail: str  # thin lines that tell the views apart (toenails, the arch, creases)


# Tops and soles stand upright in a 100 x 200 box, the sides lie in a 200 x 100 box (ground
# at the bottom).
_TOP_TOES = _ellipses((27, 30, 11, 16), (47, 34, 6.5, 10), (60, 38, 6, 9), (71, 44, 5.5, 8))
_TOP_TOES += _ellipse(80, 53, 5, 7)
_SOLE_TOES = _ellipses((27, 32, 11, 15), (47, 37, 6.5, 9), (60, 41, 6, 8.5), (71, 47, 5.5, 7.5))
_SOLE_TOES += _ellipse(80, 56, 5, 6.5)

DRAWINGS: dict[View, Drawing] = {
    # Looking down: the toes with their nails, the top of the foot and the leg coming down to
    # the ankle bones (the heel is under the leg).
    "top": Drawing(
        100,
        200,
        "M18,64C16,52 24,44 36,44C52,42 72,48 84,60C88,70 86,84 84,98C82,116 78,132 75,148"
        "L73,200L29,200L26,148C24,128 22,110 20,94C18,82 18,72 18,64Z" + _TOP_TOES,
        _ellipses((27, 22, 6, 6), (47, 28, 3.5, 3.5), (60, 33, 3, 3), (71, 39, 2.8, 2.8))
        + _ellipse(80, 49, 2.5, 2.5)
        + "M27,154C32,160 32,168 28,174M74,160C69,166 69,174 73,180",
    ),
    # Underneath, like a footprint: toe pads, the ball, the arch (dashed) and the heel pad.
    "sole": Drawing(
        100,
        200,
        "M50,198C36,198 29,188 29,170C29,150 28,134 26,118C24,100 16,88 16,72"
        "C16,58 25,50 38,50C54,48 72,52 83,62C88,70 87,86 85,102C83,126 77,152 73,172"
        "C71,190 63,198 50,198Z" + _SOLE_TOES,
        "M24,86C40,92 64,92 84,82M31,94C44,110 46,140 35,160M36,170C40,158 62,158 66,170",
    ),
    # The inner side: the big toe, the raised arch, the inner ankle bone and the back of the
    # heel, toes pointing to the left (to the other foot).
    "inner": Drawing(
        200,
        100,
        "M6,88C6,80 12,76 20,76C40,72 70,60 100,48C118,40 132,34 138,28L138,0L178,0"
        "C178,22 184,46 190,62C196,74 196,90 186,96L146,96C136,90 118,84 100,84"
        "C82,84 66,90 54,96L16,96C8,96 6,92 6,88Z",
        "M9,82C11,78 16,78 19,80M151,46C151,38 169,38 169,46",
    ),
    # The outer side: the flat outer edge, the outer ankle bone and the back of the heel, toes
    # pointing to the right (away from the other foot).
    "outer": Drawing(
        200,
        100,
        "M194,90C194,84 190,80 182,80C160,76 130,62 100,50C82,42 68,36 62,30L62,0L22,0"
        "C22,22 16,46 10,62C4,74 4,90 14,96L184,96C190,96 194,94 194,90Z",
        "M190,84C188,81 184,81 182,83M30,52C30,44 48,44 48,52",
    ),
}


@dataclass(frozen=True)
class Shape:
    view: View
    d: str
    # Where the region's word is written on this view. The small side views have none: their
    # titles say which side it is, and words there would hide the shading.
    at: tuple[float, float] | None = None


_BAND_TOP_ANKLE = "M0,138H100V176H0Z"
_BETWEEN_TOES = _ellipses((37, 48, 4.5, 6), (54, 47, 4, 5.5), (66, 51, 3.5, 5), (76, 57, 3, 4.5))
SHAPES: dict[str, tuple[Shape, ...]] = {
    "toes.plantar": (Shape("sole", _SOLE_TOES, (62, 26)),),
    "toes.dorsal": (Shape("top", _TOP_TOES, (62, 24)),),
    "toes.interdigital": (
        Shape("top", _BETWEEN_TOES, (58, 67)),
        Shape("sole", _BETWEEN_TOES),
    ),
    "forefoot.plantar": (Shape("sole", _ellipse(51, 74, 35, 13), (54, 77)),),
    "forefoot.medial": (
        Shape("top", _ellipse(27, 58, 8.5, 8.5), (38, 81)),
        Shape("inner", _ellipse(44, 85, 11, 10)),
    ),
    "midfoot.plantar": (
        Shape("sole", _ellipse(32, 124, 12, 28), (36, 127)),
        Shape("inner", _ellipse(100, 80, 42, 10)),
    ),
    "midfoot.dorsal": (Shape("top", _ellipse(52, 110, 26, 26), (52, 113)),),
    "hindfoot.plantar": (Shape("sole", _ellipse(51, 177, 19, 18), (51, 180)),),
    "hindfoot.posterior": (
        Shape("inner", "M168,16H200V92H183C182,76 178,64 174,52C171,40 168,28 168,16Z"),
        Shape("outer", "M32,16H0V92H17C18,76 22,64 26,52C29,40 32,28 32,16Z"),
    ),
    # The front of the ankle on the top only: on the small sides it would touch the ankle bones.
    "ankle.dorsal": (Shape("top", _BAND_TOP_ANKLE, (51, 160)),),
    "ankle.medial": (Shape("inner", _ellipse(158, 46, 12, 12)),),
    "ankle.lateral": (Shape("outer", _ellipse(40, 54, 12, 12)),),
    # The whole foot: every view's outline, shaded lightly underneath the others.
    "whole": tuple(
        Shape(view, DRAWINGS[view].outline, (52, 132) if view == "top" else None) for view in VIEWS
    ),
}
