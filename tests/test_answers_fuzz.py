"""Whatever an answers file holds, `report` gives a summary or a clear error, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fibrofoot.bank.load import load_bank
from fibrofoot.terminal.cli import main

BANK = load_bank()
IDS = [q.id for q in BANK.questions]
OPTION_VALUES = sorted({o.value for q in BANK.questions for o in q.options})
PRIVATE = "MY-PRIVATE-ANSWER-7731"

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.text(max_size=50),
    st.sampled_from([*OPTION_VALUES, "not_sure", "yes", "no", PRIVATE]),
    st.text(alphabet="\x00\x1b\u202e\u0645\U0001f600<>&[]()#*", max_size=20),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)
keys = st.one_of(st.sampled_from(IDS), st.text(max_size=20))
documents = st.one_of(
    st.dictionaries(keys, values, max_size=12),
    values,
)
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _report(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["report", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    return code, out, err


def _check(code: int, out: str, err: str) -> None:
    assert code in (0, 1)
    assert "Traceback" not in err
    if code == 0:
        assert json.loads(out)["consult_message"]
    else:
        assert err.startswith("fibrofoot: ")
        assert out == ""
    assert PRIVATE not in err


@FUZZ
@given(document=documents)
def test_random_json_gives_a_summary_or_a_clear_error(
    document: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Random JSON documents never raise out of `report`, and errors never echo answers."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document, allow_nan=True), encoding="utf-8")
    _check(*_report(path, capsys))


@FUZZ
@given(document=documents)
def test_random_yaml_gives_a_summary_or_a_clear_error(
    document: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Random YAML documents never raise out of `report`, and errors never echo answers."""
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    _check(*_report(path, capsys))


@FUZZ
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_bytes_give_a_summary_or_a_clear_error(
    raw: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Arbitrary bytes (broken YAML, invalid UTF-8, control characters) are handled."""
    for name in ("answers.yaml", "answers.json"):
        path = tmp_path / name
        path.write_bytes(raw)
        _check(*_report(path, capsys))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("deep.yaml", "[" * 100_000 + "]" * 100_000),
        ("huge-number.json", '{"pain_level": ' + "9" * 5000 + "}"),
        ("duplicate.json", '{"pain_level": 3, "pain_level": 4}'),
        ("duplicate.yaml", "pain_level: 3\npain_level: 4\n"),
        ("huge-note.yaml", "note: " + "x" * 1_900_000 + "\n"),
        ("nul.yaml", "note: a\x00b\n"),
    ],
)
def test_hostile_shapes_get_a_clear_error(
    name: str, content: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deep nesting, huge numbers and strings, duplicates and NUL bytes get a sentence."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = _report(path, capsys)
    _check(code, out, err)
    assert code == 1


def test_wrong_values_are_reported_without_repeating_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An answer that does not fit is named by its question, never by its content."""
    path = tmp_path / "answers.yaml"
    path.write_text(
        yaml.safe_dump({"pain_level": PRIVATE, "pain_side": PRIVATE, "pain_areas": [PRIVATE]}),
        encoding="utf-8",
    )
    code, _, err = _report(path, capsys)
    assert code == 1
    assert all(question in err for question in ("pain_level", "pain_side", "pain_areas"))
    assert PRIVATE not in err
