"""Persona answers, a fixed date and version, snapshot extensions, and readers of the output
for the renderer tests."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

from helpers.strategies import NO_URGENT, shipped_bank
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from fibrofoot.answers import Answers
from fibrofoot.render.common import HEADINGS
from fibrofoot.summary import Summary, build_summary

DATE = date(2026, 1, 15)
VERSION = "0.1.0"

PERSONAS: dict[str, Answers] = {
    # Heel and arch pain on one foot, worst on the first steps: a typical, short summary.
    "heel_mornings": {
        **NO_URGENT,
        "pain_areas": ["heel", "arch"],
        "pain_side": "left",
        "pain_level": 6,
        "pain_duration": "three_to_12_months",
        "pain_timing": ["first_steps", "long_standing"],
        "first_steps_ease": True,
        "sensations": ["deep_ache"],
        "tender_spots": False,
        "morning_stiffness": "under_30",
        "joint_swelling": "no",
        "walk_differently": True,
        "walking_signs": ["none"],
        "note": "It is worst after a long shift at work (I stand all day).",
    },
    # Widespread pain with many symptoms and one red flag: a long summary that must still fit
    # on two printed pages.
    "widespread": {
        "urgent_emergency": ["none"],
        "urgent_soon": ["severe_or_stops_activities"],
        "pain_areas": ["heel", "arch", "ball_of_foot", "toes", "whole_foot"],
        "pain_side": "both",
        "pain_level": 7,
        "pain_duration": "over_a_year",
        "pain_timing": ["first_steps", "at_night", "end_of_day"],
        "first_steps_ease": False,
        "sensations": ["deep_ache", "burning", "tingling", "cramps", "touch_hurts"],
        "tender_spots": True,
        "nerve_pattern": "patches",
        "temperature_feel": False,
        "nerve_risks": ["none"],
        "morning_stiffness": "under_30",
        "joint_swelling": "no",
        "walk_differently": True,
        "walking_signs": ["avoid_walking", "stumble"],
        "note": (
            "My feet hurt most on days when the rest of my fibromyalgia flares too.\n"
            "Warm foot baths help for an hour or so."
        ),
    },
    # An emergency sign reported straight away, then the walkthrough was stopped.
    "emergency_stop": {
        "urgent_emergency": ["cold_pale_foot"],
    },
    # Nerve-type feelings that move from one foot to the other, and mostly "No" elsewhere.
    "tingling_changes_sides": {
        **NO_URGENT,
        "pain_areas": ["toes", "whole_foot"],
        "pain_side": "changes_sides",
        "pain_level": 4,
        "pain_duration": "six_weeks_to_3_months",
        "pain_timing": ["no_pattern"],
        "sensations": ["tingling", "touch_hurts"],
        "tender_spots": "not_sure",
        "nerve_pattern": "patches",
        "temperature_feel": False,
        "nerve_risks": ["none"],
        "morning_stiffness": "no",
        "joint_swelling": "no",
        "walk_differently": False,
        "walking_signs": ["none"],
    },
    # Only a few answers and nothing raised: the summary still makes sense.
    "few_answers": {
        **NO_URGENT,
        "pain_level": 3,
        "pain_side": "not_sure",
        "note": "",
    },
}

# Every question answered with every symptom: more than a person is likely to report. Used to
# check that even this prints without cutting blocks in half, not for the two-page limit.
MAXIMAL: Answers = {
    "urgent_emergency": ["none"],
    "urgent_soon": [
        "wound_not_healing",
        "severe_or_stops_activities",
        "new_numbness_tingling",
        "swollen_joints_stiffness",
    ],
    "pain_areas": ["heel", "arch", "ball_of_foot", "toes", "big_toe", "top_of_foot", "ankle"],
    "pain_side": "both",
    "pain_level": 8,
    "pain_duration": "over_a_year",
    "pain_timing": ["first_steps", "long_standing", "at_night", "end_of_day"],
    "first_steps_ease": "not_sure",
    "sensations": [
        "deep_ache",
        "burning",
        "shooting",
        "tingling",
        "numbness",
        "cramps",
        "tightness",
        "touch_hurts",
    ],
    "tender_spots": True,
    "nerve_pattern": "sock",
    "temperature_feel": True,
    "nerve_risks": ["diabetes", "low_b12"],
    "morning_stiffness": "over_30",
    "joint_swelling": "both_feet",
    "other_joints": True,
    "big_toe_stiff": True,
    "big_toe_bump": True,
    "walk_differently": True,
    "walking_signs": ["avoid_walking", "shoe_wear", "stumble", "unfelt_sores"],
    "note": (
        "The pain moved around a lot this winter. My GP changed my medication in November.\n"
        "I keep a pain diary and can bring it to the appointment."
    ),
}


def summary_for(persona: str, note: str | None = None) -> Summary:
    """The persona's summary on the fixed date; `note` replaces the persona's own note."""
    answers = dict(MAXIMAL if persona == "maximal" else PERSONAS[persona])
    if note is not None:
        answers["note"] = note
    return build_summary(shipped_bank(), answers, DATE, VERSION)


def expected_headings(summary: Summary) -> list[str]:
    """The section headings every format shows for `summary`, in order; empty sections left out."""
    present = {
        "red_flags": summary.red_flags,
        "reported": summary.reported,
        "negatives": summary.pertinent_negatives,
        "contributors": summary.contributors,
        "questions": summary.questions_to_ask,
        "notes": summary.notes,
    }
    return [HEADINGS[key] for key, items in present.items() if items]


# Elements that start a new block of text: text on either side of one is not run together.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "svg", "text",
}  # fmt: skip
_TEXT_TAGS = {"p", "h1", "h2", "h3", "li", "figcaption", "dt", "dd", "text"}
_HIDDEN = {"script", "style", "template"}


class HtmlPage(HTMLParser):
    """What the tests read in a page: every tag with its attributes, the text of paragraphs,
    headings, list items and the like, and the visible text of <body> by block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.blocks: list[tuple[str, str, dict[str, str]]] = []  # (tag, text, attributes)
        self.pieces: list[tuple[int, str]] = []  # (block number, visible text in <body>)
        self._open: list[tuple[str, dict[str, str], list[str]]] = []
        self._in_body = False
        self._hidden = 0
        self._block = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag in _TEXT_TAGS:
            self._open.append((tag, attributes, []))
        self._in_body = self._in_body or tag == "body"
        self._hidden += tag in _HIDDEN
        self._block += tag in _BLOCKS

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            name, attributes, parts = self._open.pop()
            self.blocks.append((name, "".join(parts), attributes))
        self._in_body = self._in_body and tag != "body"
        self._hidden -= tag in _HIDDEN
        self._block += tag in _BLOCKS  # text after a block's end is a new block

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)
        if self._in_body and not self._hidden and data.strip():
            self.pieces.append((self._block, data))

    def texts(self, tag: str) -> list[str]:
        return [text for name, text, _ in self.blocks if name == tag]

    def tag_names(self) -> list[str]:
        return [tag for tag, _ in self.tags]


def parse_html(html: str) -> HtmlPage:
    page = HtmlPage()
    page.feed(html)
    page.close()
    return page


class _TextSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT


class MarkdownSnapshot(_TextSnapshot):
    file_extension = "md"


class HtmlSnapshot(_TextSnapshot):
    file_extension = "html"


class JsonSnapshot(_TextSnapshot):
    file_extension = "json"


class TextSnapshot(_TextSnapshot):
    file_extension = "txt"


SNAPSHOT_EXTENSIONS: dict[str, type[SingleFileSnapshotExtension]] = {
    "text": TextSnapshot,
    "markdown": MarkdownSnapshot,
    "html": HtmlSnapshot,
    "json": JsonSnapshot,
    "fhir": JsonSnapshot,
}
