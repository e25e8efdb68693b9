"""Summaries to render (tiny-bank personas for the renderer tests; the shipped personas of
tests/personas/ for the tests of the shipped bank's own promises), a fixed date and version,
snapshot extensions, and readers of the output."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from fibrofoot.answers import Answers, read_answers, validate_answers
from fibrofoot.summary import AgendaItem, FunctionLine, ReportedAnswer, Summary, build_summary
from helpers.strategies import shipped_bank, tiny_test_bank

DATE = date(2026, 1, 15)
VERSION = "0.1.0"

# Answers to the tiny bank (tests/banks/tiny/): what the renderer tests and snapshots show.
TINY_PERSONAS: dict[str, Answers] = {
    # A typical summary: one foot, a few contributors, a pertinent negative and a note.
    "heel": {
        "warning": ["none"],
        "where": ["heel", "toes"],
        "side": "left",
        "level": 7,
        "tingling": False,
        "stiffness": True,
        "stiff_long": "short",
        "note": "Worst after a long shift.",
    },
    # Every section: a red flag at each level, most contributors, a note of two paragraphs.
    "everything": {
        "warning": ["emergency_sign", "today_sign", "soon_sign"],
        "where": ["heel", "whole_foot"],
        "side": "both",
        "level": 9,
        "tingling": False,
        "stiffness": True,
        "stiff_long": "long",
        "note": "First line of the note.\n\nA second paragraph.",
    },
    # An emergency sign straight away, then the walkthrough was stopped.
    "emergency_stop": {"warning": ["emergency_sign"]},
    # A few answers and nothing raised.
    "few": {"warning": ["none"], "level": 2, "note": ""},
}


def _pain_number(question_id: str, label: str, answer: str) -> ReportedAnswer:
    return ReportedAnswer(
        question_id=question_id, section="Pain", label=label, question=label, answer=answer
    )


# The parts the tiny bank asks nothing for (the agenda, the pain numbers, function, the goal),
# added to a tiny persona's summary: how each format lays them out, whatever asks for them.
TINY_ADDED: dict[str, tuple[str, dict[str, object]]] = {
    # The typical summary with all of them: a picked suggestion and the person's own words, a
    # "not sure" pain number, a how-often line asked but not answered, and a goal.
    "heel_agenda": (
        "heel",
        {
            "agenda": [
                AgendaItem(text="Tiny suggestion picked?", own_words=False),
                AgendaItem(text="My own words: can I keep working?", own_words=True),
            ],
            "pain_numbers": [
                _pain_number("pain_now", "Tiny now", "5 out of 10"),
                _pain_number("pain_typical", "Tiny typical", "Not sure"),
                _pain_number("pain_worst", "Tiny worst", "9 out of 10"),
            ],
            "function": [
                FunctionLine(question_id="walking", activity="Tiny walking", how_often="Most days"),
                FunctionLine(question_id="stairs", activity="Tiny stairs", how_often=None),
            ],
            "goal": "Walk to the tiny shop.",
        },
    ),
    # Only the goal: no agenda, pain numbers or how-often lines.
    "few_goal": ("few", {"goal": "Dance again."}),
}
TINY_SUMMARIES = tuple(sorted([*TINY_PERSONAS, *TINY_ADDED]))


def tiny_summary(persona: str, note: str | None = None) -> Summary:
    """A tiny-bank persona's summary (of `TINY_SUMMARIES`) on the fixed date; `note` replaces
    its own note."""
    base, added = TINY_ADDED.get(persona, (persona, {}))
    answers = dict(TINY_PERSONAS[base])
    if note is not None:
        answers["note"] = note
    return build_summary(tiny_test_bank(), answers, DATE, VERSION).model_copy(update=added)


PERSONAS_DIR = Path(__file__).parents[1] / "personas"
PERSONAS = tuple(sorted(p.stem for p in PERSONAS_DIR.glob("*.yaml") if p.stem != "expectations"))

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
        "pressure_spots",
    ],
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


@cache
def persona_answers(persona: str) -> Answers:
    """The answers of a shipped persona (tests/personas/PERSONA.yaml), or MAXIMAL."""
    if persona == "maximal":
        return MAXIMAL
    path = PERSONAS_DIR / f"{persona}.yaml"
    return validate_answers(shipped_bank(), read_answers(path), str(path))


def summary_for(persona: str) -> Summary:
    """A shipped persona's summary (or "maximal") on the fixed date."""
    return build_summary(shipped_bank(), persona_answers(persona), DATE, VERSION)


_STYLE = re.compile(r"<style>.*?</style>\n", re.DOTALL)


def without_style(html: str) -> str:
    """The page without its stylesheet, for snapshots (the CSS is tested on its own)."""
    return _STYLE.sub("<style>...</style>\n", html, count=1)


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
