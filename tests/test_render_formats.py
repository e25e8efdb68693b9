"""The format registry, snapshots of every format, the JSON schema, and rules every format keeps."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers.render_fixtures import PERSONAS, SNAPSHOT_EXTENSIONS, summary_for
from helpers.strategies import shipped_bank as bank
from helpers.wording import forbidden_in

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


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_snapshot(persona: str, fmt: str, snapshot: Any) -> None:
    """Every format for every persona, on a fixed date and version, as readable files."""
    output = render(summary_for(persona), fmt, bank())
    assert output == snapshot.use_extension(SNAPSHOT_EXTENSIONS[fmt])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("persona", [*sorted(PERSONAS), "maximal"])
def test_no_forbidden_wording(persona: str, fmt: str) -> None:
    """No format says 'you have', 'diagnosis' (outside 'not a diagnosis') and the like."""
    assert forbidden_in(render(summary_for(persona), fmt, bank())) == []


@pytest.mark.parametrize("persona", [*sorted(PERSONAS), "maximal"])
def test_json_ends_with_the_consult_message(persona: str) -> None:
    """In JSON the consult message is the last field, as it is the last paragraph elsewhere."""
    data = json.loads(render(summary_for(persona), "json", bank()))
    assert list(data)[-1] == "consult_message"
    assert data["consult_message"] == bank().messages.consult


def test_schema_file_is_up_to_date() -> None:
    """schema/summary.schema.json is what schema/generate.py makes from the Summary model."""
    generated = _load_schema_generator().summary_schema()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated, (
        "Run 'uv run python schema/generate.py' and commit the result."
    )


@pytest.mark.parametrize("persona", [*sorted(PERSONAS), "maximal"])
def test_report_json_validates_against_the_schema(
    persona: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fibrofoot report --format json` output is valid against the committed schema."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(summary_for(persona).answers), encoding="utf-8")
    assert cli.main(["report", str(answers), "--format", "json"]) == 0
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(json.loads(capsys.readouterr().out))


def test_schema_rejects_a_changed_summary() -> None:
    """The schema is strict: an extra field or a score is not a valid summary."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = json.loads(render(summary_for("heel_mornings"), "json", bank()))
    data["score"] = 7
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("summary.md", "# Foot pain summary"),
        ("summary.html", "<!DOCTYPE html>"),
        ("summary.fhir.json", '"resourceType": "QuestionnaireResponse"'),
        ("summary.json", '"schema_version"'),
        ("summary.txt", "FOOT PAIN SUMMARY"),
    ],
)
def test_report_output_format_follows_the_extension(
    name: str, marker: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`report -o PATH` without --format writes the format the extension names."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(PERSONAS["heel_mornings"]), encoding="utf-8")
    out = tmp_path / name
    assert cli.main(["report", str(answers), "-o", str(out)]) == 0
    assert marker in out.read_text(encoding="utf-8")
    capsys.readouterr()
