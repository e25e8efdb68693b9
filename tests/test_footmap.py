"""The foot map and its region ids, on a bank made for the test: the tiny bank with one answer
per drawn region. Each region is drawn and shaded when answered, left and right are never mixed
up, the caption names every shaded area, and the check refuses regions no drawing has."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from helpers.render_fixtures import (
    DATE,
    SNAPSHOT_EXTENSIONS,
    TINY_PERSONAS,
    VERSION,
    parse_html,
    tiny_summary,
)

from fibrofoot.answers import Answers
from fibrofoot.bank.check import cross_reference_problems
from fibrofoot.bank.foot_map import DRAWN_REGIONS, MAP_ASPECTS, MAP_PARTS, WHOLE_FOOT, FootMapText
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank
from fibrofoot.errors import FibrofootError
from fibrofoot.regions import shaded_regions
from fibrofoot.render.fhir import (
    FOOT_REGION_EXTENSION,
    FOOT_REGION_SYSTEM,
    questionnaire_response,
)
from fibrofoot.render.foot_shapes import DRAWINGS, SHAPES, VIEWS
from fibrofoot.render.footmap import FootMap, Panel, foot_map
from fibrofoot.render.html import render_html
from fibrofoot.render.json_format import render_json
from fibrofoot.summary import build_summary

Data = dict[str, Any]
REGIONS = [r for r in DRAWN_REGIONS if r != WHOLE_FOOT]


def _value(region: str) -> str:
    """The answer value that shades `region` in the map bank."""
    return "area_" + region.replace(".", "_")


def _where(data: Data) -> Data:
    return next(q for s in data["sections"] for q in s["questions"] if q["id"] == "where")


@pytest.fixture(scope="module")
def map_bank(tiny_bank: Bank) -> Bank:
    """The tiny bank plus an answer to "where" for each drawn region, with its words."""
    data = tiny_bank.model_dump(mode="json", by_alias=True)
    where = _where(data)
    for region in DRAWN_REGIONS:
        where["options"].append({"value": _value(region), "label": f"Area {region}"})
        where["map_areas"][_value(region)] = {"regions": [region], "caption": f"at {region}"}
    data["messages"]["foot_map"]["regions"] = {
        region: {"word": f"Word {region}", "label": f"label {region}"} for region in DRAWN_REGIONS
    }
    bank = Bank.model_validate(data)
    assert cross_reference_problems(bank) == []
    return bank


def _words(bank: Bank) -> FootMapText:
    assert bank.messages.foot_map is not None
    return bank.messages.foot_map


def _map(bank: Bank, answers: Answers) -> FootMap:
    footmap = foot_map(build_summary(bank, answers, DATE, VERSION), bank)
    assert footmap is not None
    return footmap


def _shaded(footmap: FootMap) -> dict[tuple[str, str], set[str]]:
    return {(p.view, p.side): {s.region for s in p.shades} for p in footmap.panels}


def _panel(footmap: FootMap, view: str, side: str) -> Panel:
    return next(p for p in footmap.panels if (p.view, p.side) == (view, side))


def _centre(panel: Panel) -> float:
    return panel.x + DRAWINGS[panel.view].width * panel.scale / 2


# --- the drawings ---------------------------------------------------------------------------


def test_every_drawn_region_follows_the_scheme_and_has_a_drawing() -> None:
    """The regions the bank may name are exactly those drawn, each `part.aspect` (or the whole
    foot), each on a view; a region on a top or a sole has its word there, and the small side
    views carry no words (they would hide the shading)."""
    assert set(SHAPES) == set(DRAWN_REGIONS)
    for region in REGIONS:
        part, aspect = region.split(".")
        assert part in MAP_PARTS
        assert aspect in MAP_ASPECTS
        large = [shape for shape in SHAPES[region] if shape.view in ("top", "sole")]
        assert not large or any(shape.at for shape in large)
        assert not any(shape.at for shape in SHAPES[region] if shape not in large)
    assert {shape.view for shapes in SHAPES.values() for shape in shapes} == set(VIEWS)
    assert [shape.view for shape in SHAPES[WHOLE_FOOT]] == list(VIEWS)


def test_the_ten_places_the_issue_names_are_drawn() -> None:
    """Toes, between the toes, ball, arch, heel underneath, back of the heel, top of the foot,
    big toe joint, inner and outer ankle: each a region of its own."""
    named = {
        "toes.plantar",
        "toes.dorsal",
        "toes.interdigital",
        "forefoot.plantar",
        "midfoot.plantar",
        "hindfoot.plantar",
        "hindfoot.posterior",
        "midfoot.dorsal",
        "forefoot.medial",
        "ankle.medial",
        "ankle.lateral",
    }
    assert named <= set(DRAWN_REGIONS)


# --- shading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("region", DRAWN_REGIONS)
def test_each_region_is_shaded_where_it_is_drawn(map_bank: Bank, region: str) -> None:
    """One answer shades its region on the left foot's views that draw it, and nowhere else;
    its word is written there; its id and label are the left foot's."""
    footmap = _map(map_bank, {"where": [_value(region)], "side": "left"})
    views = {shape.view for shape in SHAPES[region]}
    assert _shaded(footmap) == {
        (view, side): {region} if side == "left" and view in views else set()
        for view in VIEWS
        for side in ("left", "right")
    }
    written = {(p.view, label.text) for p in footmap.panels for label in p.labels}
    assert written == {
        (shape.view, f"Word {region}") for shape in SHAPES[region] if shape.at is not None
    }
    summary = build_summary(map_bank, {"where": [_value(region)], "side": "left"}, DATE, VERSION)
    assert shaded_regions(map_bank, summary.answers) == [
        (f"L.{region}", f"Tiny left: label {region}")
    ]
    page = render_html(summary, map_bank)
    assert page.count(f'data-region="{region}"') == len(SHAPES[region])


def test_every_region_at_once_on_both_feet(map_bank: Bank) -> None:
    """All regions answered, both feet: each foot's views shade the same regions, and the ids
    list the left foot, then the right, each in the drawings' order."""
    answers: Answers = {"where": [_value(r) for r in DRAWN_REGIONS], "side": "both"}
    footmap = _map(map_bank, answers)
    shaded = _shaded(footmap)
    for view in VIEWS:
        expected = {r for r in DRAWN_REGIONS if any(s.view == view for s in SHAPES[r])}
        assert shaded[view, "left"] == shaded[view, "right"] == expected
    ids = [region_id for region_id, _ in shaded_regions(map_bank, answers)]
    assert ids == [f"L.{r}" for r in DRAWN_REGIONS] + [f"R.{r}" for r in DRAWN_REGIONS]


def test_the_whole_foot_is_light_and_underneath(map_bank: Bank) -> None:
    """'Whole foot' is a light shade drawn first, so named areas stay visible on top of it."""
    answers: Answers = {"where": ["heel", "whole_foot"], "side": "right"}
    sole = _panel(_map(map_bank, answers), "sole", "right")
    assert [(shade.region, shade.light) for shade in sole.shades] == [
        (WHOLE_FOOT, True),
        ("hindfoot.plantar", False),
    ]


def test_answers_the_mapping_leaves_out_shade_nothing(map_bank: Bank) -> None:
    """An answer with no map_areas entry draws nothing; with no mapped answer there is no map,
    no region and no drawing on the page."""
    footmap = _map(map_bank, {"where": ["heel", "toes"], "side": "right"})
    assert "toes" not in footmap.caption
    assert sum(len(p.shades) for p in footmap.panels) == 1
    unmapped: list[Answers] = [{"where": ["toes"]}, {}, {"where": ["toes"], "side": "left"}]
    for answers in unmapped:
        summary = build_summary(map_bank, answers, DATE, VERSION)
        assert foot_map(summary, map_bank) is None
        assert shaded_regions(map_bank, summary.answers) == []
        assert "<svg" not in render_html(summary, map_bank)


# --- left and right ---------------------------------------------------------------------------


@pytest.mark.parametrize("side", ["left", "right"])
def test_one_foot_is_shaded_and_named_as_the_person_sees_it(map_bank: Bank, side: str) -> None:
    """Pain in one foot shades only that foot's views, named with the bank's word for it, and
    its ids start with its letter."""
    footmap = _map(map_bank, {"where": ["heel", _value("ankle.medial")], "side": side})
    words = _words(map_bank)
    names = {"left": words.left, "right": words.right}
    for panel in footmap.panels:
        assert panel.name == names[panel.side]
        assert bool(panel.shades) == (panel.side == side and panel.view in ("sole", "inner"))
    letter = side[0].upper()
    assert [i for i, _ in shaded_regions(map_bank, {"where": ["heel"], "side": side})] == [
        f"{letter}.hindfoot.plantar"
    ]


def test_the_left_foot_is_drawn_on_the_left_and_mirrored(map_bank: Bank) -> None:
    """In every view the left foot is left of the right one; the drawings are of the right foot,
    mirrored for the left, so the big toes and the inner sides face each other."""
    answers: Answers = {
        "where": [_value("forefoot.medial"), _value("hindfoot.posterior")],
        "side": "both",
    }
    footmap = _map(map_bank, answers)
    lefts = [p for p in footmap.panels if p.side == "left"]
    rights = [p for p in footmap.panels if p.side == "right"]
    for view in VIEWS:
        left, right = _panel(footmap, view, "left"), _panel(footmap, view, "right")
        assert left.x + DRAWINGS[view].width * left.scale <= right.x
    assert max(p.x for p in lefts if p.view in ("inner", "outer")) < min(
        p.x for p in rights if p.view in ("inner", "outer")
    )
    assert all("scale(-1 1)" in p.transform for p in lefts)
    assert not any("scale(-1 1)" in p.transform for p in rights)

    def shade_x(view: str, side: str) -> float:
        """Where the big toe joint's shape (on a top) or the heel's (on a side) starts."""
        panel = _panel(footmap, view, side)
        region = "forefoot.medial" if view == "top" else "hindfoot.posterior"
        (shade,) = [shade for shade in panel.shades if shade.region == region]
        start = re.match(r"M([0-9.]+),([0-9.]+)", shade.d)
        assert start is not None
        return panel.place((float(start[1]), float(start[2])))[0]

    # Looking down, each big toe joint is on the side towards the other foot.
    assert shade_x("top", "left") > _centre(_panel(footmap, "top", "left"))
    assert shade_x("top", "right") < _centre(_panel(footmap, "top", "right"))
    # Seen between the feet, the heels are away from the other foot (the toes point to it);
    # on the outer sides, the other way round.
    assert shade_x("inner", "left") < _centre(_panel(footmap, "inner", "left"))
    assert shade_x("inner", "right") > _centre(_panel(footmap, "inner", "right"))
    assert shade_x("outer", "left") > _centre(_panel(footmap, "outer", "left"))
    assert shade_x("outer", "right") < _centre(_panel(footmap, "outer", "right"))
    # The big toe joint's word is written on the inner side of each top too.
    (left_word,) = _panel(footmap, "top", "left").labels
    (right_word,) = _panel(footmap, "top", "right").labels
    assert left_word.x > _centre(_panel(footmap, "top", "left"))
    assert right_word.x < _centre(_panel(footmap, "top", "right"))


# --- the caption and the words ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("side", "feet"),
    [
        ("left", "tiny left foot"),
        ("both", "tiny both feet"),
        (None, "tiny both feet unanswered"),
    ],
)
def test_the_caption_names_every_shaded_area(map_bank: Bank, side: str | None, feet: str) -> None:
    """The text alternative names each area answered, in order, and the feet shaded."""
    answers: Answers = {"where": ["heel", *(_value(r) for r in REGIONS)]}
    if side is not None:
        answers["side"] = side
    footmap = _map(map_bank, answers)
    areas = ", ".join(["tiny heel", *(f"at {r}" for r in REGIONS)])
    assert footmap.caption == f"Tiny where: {areas}. tiny shaded on {feet}."
    assert [t.text for t in footmap.titles] == [
        "Tiny tops",
        "Tiny soles",
        "Tiny outer side",
        "Tiny inner side",
        "Tiny inner side",
        "Tiny outer side",
    ]


def test_renaming_the_words_in_the_bank_changes_the_map(tiny_bank_copy: Path) -> None:
    """The words on the map, in its caption and in the region labels are the bank's."""
    path = tiny_bank_copy / "00-messages.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("word: Tiny heel", "word: Renamed heel").replace(
            "label: tiny under the heel", "label: renamed heel"
        ),
        encoding="utf-8",
    )
    bank = load_bank(tiny_bank_copy)
    answers: Answers = {"where": ["heel"], "side": "left"}
    footmap = _map(bank, answers)
    assert [label.text for p in footmap.panels for label in p.labels] == ["Renamed heel"]
    assert shaded_regions(bank, answers) == [("L.hindfoot.plantar", "Tiny left: renamed heel")]


@pytest.mark.parametrize("persona", sorted(TINY_PERSONAS))
def test_map_in_the_page_matches_the_answers(persona: str, tiny_bank: Bank) -> None:
    """The page holds the map (labelled by its caption, every word shown) exactly when mapped
    areas were reported: eight outlines, one shade per shaded shape."""
    summary = tiny_summary(persona)
    footmap = foot_map(summary, tiny_bank)
    html = render_html(summary, tiny_bank)
    page = parse_html(html)
    if footmap is None:
        assert not any(tag == "svg" for tag, _ in page.tags)
        return
    assert page.texts("figcaption") == [footmap.caption]
    assert 'aria-labelledby="footmap-caption"' in html
    labels = [label.text for p in footmap.panels for label in p.labels]
    shown = page.texts("text")
    assert [t for t in shown if t in labels] == labels
    classes = [a.get("class") for tag, a in page.tags if tag == "path"]
    assert classes.count("outline") == len(footmap.panels) == 8
    shades = [c for c in classes if c in ("shade", "shade-light")]
    assert len(shades) == sum(len(p.shades) for p in footmap.panels)


@pytest.mark.parametrize("side", ["left", "both"])
def test_the_map_with_every_region_snapshot(map_bank: Bank, side: str, snapshot: Any) -> None:
    """The foot map as printed, every region shaded: on the left foot only, and on both."""
    answers: Answers = {"where": [_value(r) for r in DRAWN_REGIONS], "side": side}
    page = render_html(build_summary(map_bank, answers, DATE, VERSION), map_bank)
    figure = page[page.index('<figure class="footmap">') : page.index("</figure>") + 9]
    assert figure == snapshot.use_extension(SNAPSHOT_EXTENSIONS["html"])


# --- JSON and FHIR -----------------------------------------------------------------------------


def test_the_json_and_fhir_carry_the_shaded_regions(map_bank: Bank) -> None:
    """The summary's regions are the shaded ones, in its JSON and as foot-region codings on the
    FHIR "where" item, in a valid R4B QuestionnaireResponse."""
    answers: Answers = {"where": ["heel", _value("ankle.lateral")], "side": "right"}
    summary = build_summary(map_bank, answers, DATE, VERSION)
    expected = [
        ("R.hindfoot.plantar", "Tiny right: label hindfoot.plantar"),
        ("R.ankle.lateral", "Tiny right: label ankle.lateral"),
    ]
    assert [(r.id, r.label) for r in summary.regions] == expected
    printed = json.loads(render_json(summary, map_bank))
    assert printed["regions"] == [{"id": i, "label": label} for i, label in expected]
    response = questionnaire_response(summary, map_bank)
    QuestionnaireResponse.model_validate(response)
    items = {item["linkId"]: item for group in response["item"] for item in group["item"]}
    assert [e["url"] for e in items["where"]["extension"]] == [FOOT_REGION_EXTENSION] * 2
    codings = [e["valueCoding"] for e in items["where"]["extension"]]
    assert [(c["system"], c["code"], c["display"]) for c in codings] == [
        (FOOT_REGION_SYSTEM, i, label) for i, label in expected
    ]
    assert all("extension" not in item for link, item in items.items() if link != "where")


def test_no_regions_without_a_mapped_area(map_bank: Bank) -> None:
    """Nothing mapped: an empty list in the JSON and no extension in FHIR."""
    summary = build_summary(map_bank, {"where": ["toes"], "side": "left"}, DATE, VERSION)
    assert json.loads(render_json(summary, map_bank))["regions"] == []
    response = questionnaire_response(summary, map_bank)
    assert not any("extension" in item for g in response["item"] for item in g["item"])


# --- the check --------------------------------------------------------------------------------


def _set_heel_regions(regions: list[str]) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        _where(data)["map_areas"]["heel"]["regions"] = regions

    return edit


def _add_region_words(region: str) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        data["messages"]["foot_map"]["regions"][region] = {"word": "W", "label": "l"}

    return edit


HEEL_REGION = ("sections", 1, "questions", 0, "map_areas", "heel", "regions", 0)


@pytest.mark.parametrize(
    ("edit", "path", "message"),
    [
        pytest.param(
            _set_heel_regions(["sole_heel"]),
            HEEL_REGION,
            "'sole_heel' is not a foot map region. A region is a part (toes, forefoot",
            id="not a region id",
        ),
        pytest.param(
            _set_heel_regions(["hindfoot.dorsal"]),
            HEEL_REGION,
            "no drawing shows 'hindfoot.dorsal'; the drawn regions are: toes.plantar,",
            id="a region no drawing has",
        ),
        pytest.param(
            _set_heel_regions(["ankle.medial"]),
            ("messages", "foot_map", "regions"),
            "the answer 'heel' shades 'ankle.medial', so give 'ankle.medial' a word",
            id="a region without its words",
        ),
        pytest.param(
            _add_region_words("L.heel"),
            ("messages", "foot_map", "regions", "L.heel"),
            "'L.heel' is not a foot map region",
            id="words for an unknown region",
        ),
    ],
)
def test_unknown_regions_are_refused(
    tiny_bank: Bank, edit: Callable[[Data], None], path: tuple[str | int, ...], message: str
) -> None:
    """A region must follow the scheme, be drawn, and have its words: one problem, at the
    field to fix."""
    data = tiny_bank.model_dump(mode="json", by_alias=True)
    edit(data)
    problems = cross_reference_problems(Bank.model_validate(data))
    assert len(problems) == 1, problems
    assert problems[0][0] == path
    assert message in problems[0][1]


def test_a_refused_region_is_named_with_its_file_and_line(tiny_bank_copy: Path) -> None:
    """Loading a bank with a region no drawing has fails with the file, line and fix."""
    path = tiny_bank_copy / "20-pain.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[hindfoot.plantar]", "[toes.posterior]"), encoding="utf-8")
    with pytest.raises(FibrofootError) as refused:
        load_bank(tiny_bank_copy)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "[hindfoot.plantar]" in t)
    assert re.search(
        rf"20-pain\.yaml:{line}: .*no drawing shows 'toes\.posterior'", str(refused.value)
    )
