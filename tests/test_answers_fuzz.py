"""Whatever an answers file holds, and whatever it is called, `report` gives a summary or a
clear error, never a traceback; numbers are read only as plain decimals.

The machinery is tried on the tiny bank (tests/banks/tiny), so the shipped bank's wording can
change without touching these tests.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fibrofoot.bank.load import load_bank
from fibrofoot.terminal.cli import main

TINY = Path(__file__).parent / "banks" / "tiny"
BANK = load_bank(TINY)
IDS = [q.id for q in BANK.questions]
OPTION_VALUES = sorted({o.value for q in BANK.questions for o in q.options})
PRIVATE = "MY-PRIVATE-ANSWER-7731"
_LINE_OR_BIDI = "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

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
    code = main(["--questions", str(TINY), "report", str(path), "--format", "json"])
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
        ("huge-number.json", '{"level": ' + "9" * 5000 + "}"),
        ("huge-number.yaml", "level: " + "9" * 5000 + "\n"),
        ("duplicate.json", '{"level": 3, "level": 4}'),
        ("duplicate.yaml", "level: 3\nlevel: 4\n"),
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
        yaml.safe_dump({"level": PRIVATE, "side": PRIVATE, "where": [PRIVATE]}),
        encoding="utf-8",
    )
    code, _, err = _report(path, capsys)
    assert code == 1
    assert all(f"'{question}':" in err for question in ("level", "side", "where"))
    assert PRIVATE not in err


def _spellings(number: int) -> list[str]:
    """Ways YAML 1.1 reads as the whole number `number`: only the first is a plain decimal."""
    return [
        str(number),
        f"0{number:o}" if number else "00",
        f"0x{number:X}",
        f"0b{number:b}",
        f"+{number}",
        f"{number // 10}_{number % 10}",
        f"0:{number}",
        f"0{number}",
    ]


@FUZZ
@given(number=st.integers(min_value=0, max_value=10), which=st.integers(min_value=0, max_value=7))
def test_only_a_plain_decimal_is_a_number(
    number: int, which: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """However YAML 1.1 would read a number, only its plain decimal spelling is taken, and
    taken as the number it says; every other spelling is refused, never read as another."""
    path = tmp_path / "answers.yaml"
    path.write_text(f"level: {_spellings(number)[which]}\n", encoding="utf-8")
    code, out, err = _report(path, capsys)
    _check(code, out, err)
    if which == 0:
        assert json.loads(out)["answers"] == {"level": number}
    else:
        assert code == 1


@FUZZ
@given(
    before=st.text(max_size=10),
    half=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    after=st.text(max_size=10),
    where=st.sampled_from(["note", "key", "option"]),
)
def test_a_lone_surrogate_anywhere_in_json_is_refused(
    before: str,
    half: str,
    after: str,
    where: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Half of a surrogate pair anywhere in a JSON answers file (an escape such as \\ud800)
    is refused when the file is read, before any format tries to write it."""
    text = before + half + after
    document = {"note": {"note": text}, "key": {text: 1}, "option": {"where": [text]}}[where]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document), encoding="ascii")
    code, out, err = _report(path, capsys)
    _check(code, out, err)
    assert code == 1
    assert "lone surrogate" in err


@FUZZ
@given(name=st.text(st.characters(blacklist_characters="/\x00"), min_size=1, max_size=40))
def test_a_file_name_never_forges_a_line_or_acts_on_the_terminal(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever a file is called (newlines, escapes, bidi overrides), the error naming it is
    one line with no control characters in it."""
    path = tmp_path / f"{name}.yaml"
    try:
        path.write_text("level: [\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):  # a name the file system itself refuses
        return
    code, out, err = _report(path, capsys)
    _check(code, out, err)
    first = err.splitlines()[0]
    assert "YAML syntax error" in first  # the whole name stayed on the message's first line
    assert not [c for c in first if unicodedata.category(c) == "Cc" or c in _LINE_OR_BIDI]
