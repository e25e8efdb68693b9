"""Hostile content in answers files and banks, met through `fibrofoot report` and `fibrofoot
questions`: numbers that are not plain decimals, lone surrogates, files that cost too much to
read, and messages that must not repeat a note or let a file name forge a line.

Every refusal is a sentence with exit code 1 and the consult message last, never a traceback.
"""

from __future__ import annotations

import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from fibrofoot.bank.load import read_bank
from fibrofoot.errors import MAX_LISTED
from fibrofoot.safe_text import ascii_int

CliRun = tuple[int, str, str]
Cli = Callable[..., CliRun]
TINY_CONSULT = "Tiny consult. Please talk to a healthcare professional."
PRIVATE = "PRIVATE-NOTE-7731"


def refused(run: CliRun, *consults: str) -> str:
    """The stderr of a run that was refused as a person should see it: a sentence, then a
    consult message (the tiny bank's unless others are given: a bank that cannot be read
    ends with the shipped bank's)."""
    code, out, err = run
    assert (code, out) == (1, ""), err
    assert err.startswith("fibrofoot: ")
    assert "Traceback" not in err
    flat = " ".join(err.split())
    assert any(flat.endswith(" ".join(c.split())) for c in consults or (TINY_CONSULT,)), err
    return err


@pytest.fixture(scope="session")
def shipped_consult() -> str:
    """The consult message that ends `questions --check DIR` (that of the shipped bank)."""
    consult = read_bank().message("consult")
    assert consult
    return consult


@pytest.fixture
def report(cli: Cli, tiny_bank_dir: Path, tmp_path: Path) -> Callable[..., CliRun]:
    """`fibrofoot report FILE --format json` on the tiny bank, FILE holding `content`."""

    def run(content: str | bytes, name: str = "answers.yaml") -> CliRun:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return cli("--questions", tiny_bank_dir, "report", path, "--format", "json")

    return run


# 1. Digits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        (" 10 ", 10),
        ("007", 7),
        ("0", 0),
        ("11", None),
        ("-1", None),
        ("+5", None),
        ("²", None),
        ("①", None),
        ("٣", None),  # Arabic-Indic three: int() would take it
        ("５", None),  # fullwidth five: int() would take it
        ("1_0", None),
        ("", None),
        ("0" * 5000 + "3", 3),
        ("9" * 5000, None),
    ],
)
def test_only_ascii_digits_in_range_are_numbers(text: str, expected: int | None) -> None:
    """ascii_int (for numbered answers, COLUMNS, SOURCE_DATE_EPOCH) takes ASCII digits in
    range and nothing else, and never raises, however long the text."""
    assert ascii_int(text, 0, 10) == expected


@pytest.mark.parametrize("value", ["²", "٣", "５"])
def test_a_digit_that_is_not_ascii_is_not_a_pain_level(
    report: Callable[..., CliRun], value: str
) -> None:
    """A superscript, Arabic-Indic or fullwidth digit is refused as a pain level."""
    assert "'level': use a whole number from 0 to 10" in refused(report(f"level: {value}\n"))


# 9. Quiet wrong values ---------------------------------------------------------------------


@pytest.mark.parametrize("written", ["010", "0x0A", "1_0", "0b110", "+5", "1:30", "-01"])
def test_a_number_that_is_not_a_plain_decimal_is_refused(
    report: Callable[..., CliRun], written: str
) -> None:
    """YAML 1.1 reads 010 as 8 and 0x0A, 1_0, 1:30 as numbers: all refused, line named."""
    err = refused(report(f"tingling: yes\nlevel: {written}\n"))
    assert "answers.yaml:2: write a number in plain digits" in err


@pytest.mark.parametrize("written", ["1e1", "1.0e+1", "6.0", ".inf", "0o7"])
def test_a_number_that_is_not_whole_is_refused(report: Callable[..., CliRun], written: str) -> None:
    """1e1 and 0o7 (text in YAML 1.1) and floats are not pain levels."""
    assert "'level': use a whole number from 0 to 10" in refused(report(f"level: {written}\n"))


@pytest.mark.parametrize(("written", "level"), [("7", 7), ("0", 0), ("10", 10)])
def test_a_plain_decimal_is_read_as_written(
    report: Callable[..., CliRun], written: str, level: int
) -> None:
    """A plain decimal pain level is read as the number it says."""
    code, out, _ = report(f"level: {written}\n")
    assert code == 0
    assert json.loads(out)["answers"] == {"level": level}


def test_a_negative_number_is_out_of_range(report: Callable[..., CliRun]) -> None:
    """A plain negative number is read as one, and refused as out of range."""
    for content, name in (("level: -5\n", "answers.yaml"), ('{"level": -5}', "answers.json")):
        assert "'level': out of range" in refused(report(content, name))


# 2. Encodings: lone surrogates -------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        '{"note": "a\\ud800b"}',
        '{"note": "\\udfff"}',
        '{"where": ["heel", "\\ud83d"]}',
        '{"\\ud800": "x"}',
    ],
    ids=["high", "low", "in-a-list", "in-a-key"],
)
def test_a_lone_surrogate_in_json_is_refused(report: Callable[..., CliRun], content: str) -> None:
    """Half of a UTF-16 pair, which no terminal or UTF-8 file can hold, is refused on reading."""
    assert "lone surrogate" in refused(report(content, "answers.json"))


def test_a_whole_escaped_pair_is_one_character(report: Callable[..., CliRun]) -> None:
    """A surrogate pair written as two escapes is a real character and is kept."""
    code, out, _ = report('{"note": "ok \\ud83d\\ude00"}', "answers.json")
    assert code == 0
    assert "\U0001f600" in out


def test_a_surrogate_escape_in_yaml_is_refused(report: Callable[..., CliRun]) -> None:
    """YAML's own reader refuses the escape; the message does not repeat the note."""
    err = refused(report(f'note: "{PRIVATE} \\ud800"\n'))
    assert "answers.yaml:1: YAML syntax error" in err
    assert PRIVATE not in err


# 7. Cost under the cap ---------------------------------------------------------------------


def _timed(run: Callable[[], CliRun]) -> tuple[CliRun, float, int]:
    """The run, the processor time it took in seconds (not wall time, which a busy machine
    running tests in parallel stretches) and the peak of Python memory it used, in bytes."""
    start = time.process_time()
    result = run()
    elapsed = time.process_time() - start
    tracemalloc.start()
    try:
        run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, elapsed, peak


def test_a_bank_with_a_huge_list_is_refused_fast_and_small(
    cli: Cli, tiny_bank_copy: Path, shipped_consult: str
) -> None:
    """A 1.8 MB bank file with a 900,000-item list is refused at once, in a few lines."""
    (tiny_bank_copy / "90-huge.yaml").write_text("signals: [" + "x," * 900_000 + "x]\n")
    assert (tiny_bank_copy / "90-huge.yaml").stat().st_size > 1_800_000
    run, elapsed, peak = _timed(lambda: cli("questions", "--check", tiny_bank_copy))
    err = refused(run, TINY_CONSULT, shipped_consult)
    assert "90-huge.yaml:" in err
    assert "more than 20,000 values" in err
    assert len(err.splitlines()) < 10
    assert elapsed < 1.0
    assert peak < 30_000_000


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("many-keys.yaml", "".join(f"k{i:06d}: {i}\n" for i in range(120_000))),
        ("many-items.yaml", "where:\n" + "- heel\n" * 270_000),
        ("deep.yaml", "[" * 900_000 + "]" * 900_000),
        ("deep-block.yaml", "".join(f"{' ' * i}a:\n" for i in range(1900))),
    ],
)
def test_a_two_megabyte_yaml_answers_file_is_refused_fast(
    report: Callable[..., CliRun], name: str, content: str
) -> None:
    """Answers files of almost 2 MB made of many keys, items or levels: refused at once."""
    assert 1_500_000 < len(content) < 2_000_000
    run, elapsed, peak = _timed(lambda: report(content, name))
    err = refused(run)
    assert "more than 20,000 values" in err or "nested too deeply" in err
    assert len(err.splitlines()) < 10
    assert elapsed < 1.0
    assert peak < 30_000_000


def test_a_two_megabyte_note_is_read_fast(report: Callable[..., CliRun]) -> None:
    """One long note near the cap is read (and refused only for its length) quickly."""
    run, elapsed, _ = _timed(lambda: report("note: " + "word " * 390_000 + "\n"))
    assert "'note': the text is longer than 20,000 characters" in refused(run)
    assert elapsed < 1.0


def test_a_huge_json_answers_file_is_refused_fast(report: Callable[..., CliRun]) -> None:
    """100,000 keys in a JSON answers file (read whole by a fast reader) are refused as too
    many values in one line, not listed as 100,000 unknown keys."""
    document = json.dumps({f"k{i}": 1 for i in range(100_000)})
    run, elapsed, _ = _timed(lambda: report(document, "answers.json"))
    err = refused(run)
    assert "answers.json: the file holds more than 20,000 values" in err
    assert len(err.splitlines()) < 10
    assert elapsed < 1.0


@pytest.mark.parametrize("name", ["answers.yaml", "answers.json"])
def test_many_problems_are_listed_up_to_twenty(report: Callable[..., CliRun], name: str) -> None:
    """5,000 unknown keys give the first twenty and how many more, not 5,000 lines."""
    keys = {f"k{i}": 1 for i in range(5_000)}
    content = json.dumps(keys) if name.endswith(".json") else yaml.safe_dump(keys)
    lines = refused(report(content, name)).splitlines()
    assert lines[0].endswith(f"{name}: 5000 answer(s) need fixing:")
    assert len([line for line in lines if "is not a question id" in line]) == MAX_LISTED
    assert "  ... and 4,980 more." in lines


def test_a_bank_with_many_problems_lists_twenty(
    cli: Cli, tiny_bank_copy: Path, shipped_consult: str
) -> None:
    """Thirty unknown top-level keys in a bank give twenty problems and 'and 10 more'."""
    (tiny_bank_copy / "90-keys.yaml").write_text("".join(f"key{i}: 1\n" for i in range(30)))
    lines = refused(
        cli("questions", "--check", tiny_bank_copy), TINY_CONSULT, shipped_consult
    ).splitlines()
    assert lines[0] == "fibrofoot: The question bank has 30 problems:"
    assert len([line for line in lines if "unknown top-level key" in line]) == MAX_LISTED
    assert "  ... and 10 more." in lines


# 8. What messages carry --------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        f"note: !{PRIVATE} and more\n",
        f"note: !!{PRIVATE} and more\n",
        f"where: !{PRIVATE}\n  - heel\n",
        f"note: !<{PRIVATE}> x\n",
    ],
    ids=["local-tag", "secondary-tag", "tag-on-a-list", "verbatim-tag"],
)
def test_a_note_starting_with_a_bang_is_not_repeated(
    report: Callable[..., CliRun], content: str
) -> None:
    """YAML reads `!word` as a type tag; the refusal says so without repeating the words."""
    err = refused(report(content))
    assert "answers.yaml:1: a value starts with '!'" in err
    assert PRIVATE not in err


def test_quoted_bang_notes_are_kept(report: Callable[..., CliRun]) -> None:
    """A note that starts with '!' in quotes is the person's text, kept as written."""
    code, out, _ = report(f"note: '!{PRIVATE}'\n")
    assert code == 0
    assert f"!{PRIVATE}" in out


@pytest.mark.parametrize("written", ["=", "<<"])
def test_yaml_11_oddities_are_read_as_text(report: Callable[..., CliRun], written: str) -> None:
    """'=' and '<<', which YAML 1.1 gives types of their own, are text like any other."""
    assert "'side': use one of: left, right, both" in refused(report(f"side: {written}\n"))


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_file_name_cannot_forge_a_line(report: Callable[..., CliRun], suffix: str) -> None:
    """Newlines and escapes in an answers file's name are shown as escapes on one line."""
    name = f"a\nfibrofoot: FORGED\r\x1b[2Kb\u2028c{suffix}"
    err = refused(report("level: [\n", name))
    assert not any(line.startswith("fibrofoot: FORGED") for line in err.splitlines())
    assert not {"\x1b", "\r", "\u2028"} & set(err)
    assert "a\\u000afibrofoot: FORGED\\u000d\\u001b[2Kb\\u2028c" in err


def test_a_bank_file_name_cannot_forge_a_line(
    cli: Cli, tiny_bank_copy: Path, shipped_consult: str
) -> None:
    """A bank file whose name holds a newline is named on one line in the problem."""
    (tiny_bank_copy / "90-x\nFORGED: line.yaml").write_text("signals: [\n")
    err = refused(cli("questions", "--check", tiny_bank_copy), TINY_CONSULT, shipped_consult)
    assert not any(line.startswith("FORGED") for line in err.splitlines())
    assert "90-x\\u000aFORGED: line.yaml:" in err


def test_the_size_limit_says_the_real_size_and_limit(report: Callable[..., CliRun]) -> None:
    """A file just over the cap is told its size in bytes and the limit, not '2 MB; under 2 MB'."""
    err = refused(report("#" * 2_000_001))
    assert "the file is 2,000,001 bytes; answers files can be at most 2,000,000 bytes" in err


@pytest.mark.parametrize(
    ("name", "content", "expected", "not_python"),
    [
        ("nul.yaml", "note: a\x00b\n", "nul.yaml:1: the file holds a NUL character", "#x0000"),
        ("nul.json", '{"note":\n "a\x00b"}', "nul.json:2: the file holds a NUL", "control"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "the JSON is nested too deeply", "recursion"),
        ("long.json", '{"level": ' + "9" * 5000 + "}", "a number is far too long", "4300"),
        ("twice.json", '{"level": 1, "level": 2}', "the key 'level' appears twice", "Expecting"),
    ],
)
def test_messages_are_in_our_words(
    report: Callable[..., CliRun], name: str, content: str, expected: str, not_python: str
) -> None:
    """NUL bytes, deep JSON and huge numbers are explained in fibrofoot's words."""
    err = refused(report(content, name))
    assert expected in err
    assert not_python not in err


def test_a_control_character_yaml_cannot_read_is_named_with_its_line(
    report: Callable[..., CliRun],
) -> None:
    """A raw control character in an answers file is a sentence in our words with the file's
    line, not PyYAML's "<unicode string>, position N"."""
    err = refused(report('tingling: yes\nnote: "a\x01b"\n'))
    assert "answers.yaml:2: the file holds a control character (\\u0001)" in err
    assert "unicode string" not in err
