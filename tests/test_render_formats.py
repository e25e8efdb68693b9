"""The format registry, the one section structure every format renders, snapshots of every
format (on the tiny bank), the shipped bank's JSON and FHIR kept byte for byte, the JSON schema."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers.render_fixtures import (
    SNAPSHOT_EXTENSIONS,
    TINY_ADDED,
    TINY_PERSONAS,
    summary_for,
    tiny_summary,
    without_style,
)
from helpers.strategies import shipped_bank

from fibrofoot.bank.models import Bank
from fibrofoot.render.common import (
    Agenda,
    Explanations,
    Function,
    Listed,
    Notes,
    Patterns,
    Reported,
    Urgent,
    sections,
)
from fibrofoot.render.formats import FORMATS, file_extension, format_for_path, render
from fibrofoot.terminal import cli

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "schema" / "summary.schema.json"


def _load_schema_generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "schema" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("summary.txt", "text"),
        ("summary.md", "markdown"),
        ("Summary.MD", "markdown"),
        ("summary.html", "html"),
        ("summary.json", "json"),
        ("summary.fhir.json", "fhir"),
        ("visit.2026.FHIR.JSON", "fhir"),
        ("summary.pdf", None),
        ("summary", None),
        ("summary.json.txt", "text"),
    ],
)
def test_format_for_path(name: str, fmt: str | None) -> None:
    """The extension picks the format; .fhir.json is FHIR, not plain JSON."""
    assert format_for_path(Path("out") / name) == fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_extension_round_trips(fmt: str) -> None:
    """Each format's own extension leads back to the same format."""
    assert format_for_path(Path("summary" + file_extension(fmt))) == fmt


def test_sections_in_one_order_with_the_banks_headings(tiny_bank: Bank) -> None:
    """Urgent, reported, negatives, the patterns, their explanations, questions, notes; the
    words from the bank."""
    words = tiny_bank.messages.summary
    found = sections(tiny_summary("everything"), tiny_bank)
    assert [type(s) for s in found] == [
        Urgent,
        Reported,
        Listed,
        Patterns,
        Explanations,
        Listed,
        Notes,
    ]
    assert [s.heading for s in found] == [
        words.red_flags,
        words.reported,
        words.negatives,
        words.contributors,
        words.explanations,
        words.questions,
        words.notes,
    ]


def test_empty_sections_are_left_out(tiny_bank: Bank) -> None:
    """A summary with nothing urgent, raised or noted has only the sections it fills."""
    found = sections(tiny_summary("few"), tiny_bank)
    assert [s.heading for s in found] == [
        tiny_bank.messages.summary.reported,
        tiny_bank.messages.summary.negatives,
    ]


def test_the_persons_agenda_and_function_take_their_places(tiny_bank: Bank) -> None:
    """The agenda first (nothing is urgent here), the pain picture, then what foot pain made
    harder; a how-often line asked but not answered says so in the bank's words."""
    words = tiny_bank.messages.summary
    found = sections(tiny_summary("heel_agenda"), tiny_bank)
    assert [type(s) for s in found[:4]] == [Agenda, Reported, Function, Listed]
    function = found[2]
    assert isinstance(function, Function)
    assert function.lines == [("Tiny walking", "Most days"), ("Tiny stairs", words.not_answered)]
    assert (function.goal_label, function.goal) == (words.goal, "Walk to the tiny shop.")


def test_a_goal_alone_is_a_function_section(tiny_bank: Bank) -> None:
    """With no how-often lines, the goal still has its section, after the pain picture."""
    found = sections(tiny_summary("few_goal"), tiny_bank)
    assert [type(s) for s in found] == [Reported, Function, Listed]


AGENDA_FORMATS = ["text", "markdown", "html"]


def _flat(output: str) -> str:
    return " ".join(output.split())


@pytest.mark.parametrize("fmt", AGENDA_FORMATS)
def test_agenda_is_first_under_the_urgent_box(fmt: str, tiny_bank: Bank) -> None:
    """The agenda's items, in order, come after the warning signs and before the pain
    picture; picked suggestions and the person's own words alike."""
    summary = tiny_summary("everything").model_copy(
        update={"agenda": tiny_summary("heel_agenda").agenda}
    )
    output = _flat(render(summary, fmt, tiny_bank))
    words = tiny_bank.messages.summary
    places = [
        output.find(summary.red_flags[-1].message),
        *(output.find(item.text) for item in summary.agenda),
        output.find(words.reported if fmt != "text" else words.reported.upper()),
    ]
    assert -1 not in places
    assert places == sorted(places)


@pytest.mark.parametrize("fmt", AGENDA_FORMATS)
def test_pain_numbers_are_shown_together(fmt: str, tiny_bank: Bank) -> None:
    """Now, typical and worst on one line, each with its label, after the 'how much' label."""
    summary = tiny_summary("heel_agenda")
    together = " · ".join(f"{a.label}: {a.answer}" for a in summary.pain_numbers)
    shown = re.sub(r"<[^>]*>|\*\*", "", render(summary, fmt, tiny_bank))  # tags, bold marks
    assert f"{tiny_bank.messages.summary.how_much}: {together}" in _flat(shown)


def test_red_flags_are_grouped_by_level_most_urgent_first(tiny_bank: Bank) -> None:
    """The urgent section holds one group per level, emergency first, each with its level's
    spoken marker."""
    urgent = sections(tiny_summary("everything"), tiny_bank)[0]
    assert isinstance(urgent, Urgent)
    assert [[f.id for f in group.flags] for group in urgent.levels] == [
        ["flag_emergency"],
        ["flag_today"],
        ["flag_soon"],
    ]
    levels = tiny_bank.messages.levels
    assert [group.marker for group in urgent.levels] == [
        levels[group.flags[0].level].marker for group in urgent.levels
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_each_warning_level_is_marked_with_a_spoken_word(fmt: str, tiny_bank: Bank) -> None:
    """Each level's title follows its marker word ("Urgent: ..."), a word a screen reader
    speaks; no "!" stands in for it."""
    summary = tiny_summary("everything")
    output = render(summary, fmt, tiny_bank)
    for flag in summary.red_flags:
        marker = tiny_bank.messages.levels[flag.level].marker
        assert f"{marker}: {flag.title}." in output
    assert "!" not in output.removeprefix("<!DOCTYPE html>")


def _snapshot_text(fmt: str, output: str) -> str:
    return without_style(output) if fmt == "html" else output


# Every format of every tiny persona; the summaries with parts added (TINY_ADDED) in every
# format that renders the summary (FHIR renders the answers, which they share with their base).
TINY_CASES = [
    *((persona, fmt) for persona in sorted(TINY_PERSONAS) for fmt in FORMATS),
    *((persona, fmt) for persona in sorted(TINY_ADDED) for fmt in FORMATS if fmt != "fhir"),
]


@pytest.mark.parametrize(("persona", "fmt"), TINY_CASES, ids=[f"{p}-{f}" for p, f in TINY_CASES])
def test_tiny_snapshot(persona: str, fmt: str, tiny_bank: Bank, snapshot: Any) -> None:
    """Every format for every tiny summary, on a fixed date and version, as readable files
    (HTML without its stylesheet)."""
    output = render(tiny_summary(persona), fmt, tiny_bank)
    assert _snapshot_text(fmt, output) == snapshot.use_extension(SNAPSHOT_EXTENSIONS[fmt])


# The shipped bank's JSON and FHIR for the same answers must never change (other programs and
# clinic systems read them). These outputs hold no contributor explanation, so editing the
# explanations' wording breaks none of them; the JSON of personas with contributors would.
SHIPPED = [
    *(f"{persona}-fhir" for persona in
      ("emergency_stop", "few_answers", "heel_mornings", "tingling_changes_sides", "widespread")),
    "emergency_stop-json",
    "few_answers-json",
]  # fmt: skip


@pytest.mark.parametrize("case", SHIPPED, ids=SHIPPED)
def test_snapshot(case: str, snapshot: Any) -> None:
    """The shipped bank's JSON and FHIR for these personas, byte for byte."""
    persona, fmt = case.rsplit("-", 1)
    output = render(summary_for(persona), fmt, shipped_bank())
    assert output == snapshot.use_extension(SNAPSHOT_EXTENSIONS[fmt])


def test_schema_file_is_up_to_date() -> None:
    """schema/summary.schema.json is what schema/generate.py makes from the Summary model."""
    generated = _load_schema_generator().summary_schema()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated, (
        "Run 'uv run python schema/generate.py' and commit the result."
    )


@pytest.mark.parametrize("persona", sorted(TINY_PERSONAS))
def test_report_json_validates_against_the_schema(
    persona: str, tmp_path: Path, tiny_bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fibrofoot report --format json` output is valid against the committed schema."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(TINY_PERSONAS[persona]), encoding="utf-8")
    args = ["--questions", str(tiny_bank_dir), "report", str(answers), "--format", "json"]
    assert cli.main(args) == 0
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(json.loads(capsys.readouterr().out))


def test_schema_rejects_a_changed_summary(tiny_bank: Bank) -> None:
    """The schema is strict: an extra field or a score is not a valid summary."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = json.loads(render(tiny_summary("heel"), "json", tiny_bank))
    data["score"] = 7
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("summary.md", "# Tiny summary title"),
        ("summary.html", "<!DOCTYPE html>"),
        ("summary.fhir.json", '"resourceType": "QuestionnaireResponse"'),
        ("summary.json", '"schema_version"'),
        ("summary.txt", "TINY SUMMARY TITLE"),
    ],
)
def test_report_output_format_follows_the_extension(
    name: str, marker: str, tmp_path: Path, tiny_bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`report -o PATH` without --format writes the format the extension names."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(TINY_PERSONAS["heel"]), encoding="utf-8")
    out = tmp_path / name
    assert (
        cli.main(["--questions", str(tiny_bank_dir), "report", str(answers), "-o", str(out)]) == 0
    )
    assert marker in out.read_text(encoding="utf-8")
    capsys.readouterr()
