"""The bank's own words (`messages`): the welcome, the consult message, each warning level's
words, the summary's headings and the foot map's words."""

from __future__ import annotations

from pydantic import Field

from fibrofoot.bank.base import Level, Strict, Text
from fibrofoot.bank.foot_map import FootMapText


class LevelText(Strict):
    marker: Text = Field(
        description="One word a screen reader speaks before the title: 'Urgent', 'Warning'."
    )
    title: Text
    where_to_go: Text


class SummaryText(Strict):
    """The summary's title, headings and labels."""

    title: Text
    finished_early: Text = Field(description="After the date line when the walk ended early.")
    red_flags: Text
    agenda: Text = Field(description="Over what the person most wants to ask or tell.")
    reported: Text
    how_much: Text = Field(description="Before the pain numbers, shown together on one line.")
    function: Text = Field(description="Over what foot pain made harder.")
    goal: Text = Field(description="Before the one thing they most want to do again.")
    not_answered: Text = Field(description="A how-often line that was asked but not answered.")
    negatives: Text
    contributors: Text = Field(description="Safety-relevant: says 'may be worth raising'.")
    contributors_note: Text
    because: Text
    explanations: Text = Field(description="Over the longer words about each pattern listed.")
    questions: Text
    notes: Text


class Messages(Strict):
    intro: Text
    privacy: Text
    disclaimer: Text = Field(description="One line: what fibrofoot is and is not.")
    consult: Text
    emergency_line: Text
    levels: dict[Level, LevelText]
    summary: SummaryText
    foot_map: FootMapText | None = None
