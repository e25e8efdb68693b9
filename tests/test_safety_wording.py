"""Safety wording: no format ever uses forbidden wording, every format and every way out of
fibrofoot ends with the consult message, and what a person typed reaches the terminal harmlessly.

"Last" is read in each format's own structure: the last paragraph of text, the last Markdown
block, the last text block of the HTML <body>, the last JSON key, the last paragraph of the FHIR
narrative.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pexpect
import pytest
from helpers.terminal import (
    FIBROFOOT,
    TIMEOUT,
    Keyboard,
    Terminal,
    choice_keys,
    deadline,
    on_screen,
    plain_answer,
    terminal_env,
    visible,
)
from hypothesis import given
from markdown_it import MarkdownIt
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output
from helpers.render_fixtures import parse_html
from helpers.strategies import PROPERTY, any_answers, shipped_bank, walked_answers
from helpers.wording import assert_wording

from fibrofoot.answers import Answers, read_answers, validate_answers
from fibrofoot.render.formats import FORMATS, file_extension, render
from fibrofoot.rules import asked_questions
from fibrofoot.summary import build_summary
from fibrofoot.terminal.menus import QuestionaryPrompter
from fibrofoot.terminal.plain import PlainPrompter
from fibrofoot.terminal.walkthrough import REVIEW_DONE, Walkthrough

BANK = shipped_bank()
DAY = date(2026, 1, 15)
PERSONAS = Path(__file__).parent / "personas"
# A red flag, several contributors and a note: most parts of a summary are there.
FULL = PERSONAS / "red_flag_soon.yaml"
CALM = PERSONAS / "plantar_fasciitis.yaml"  # no red flag, so no stop or carry-on menu

Cli = Callable[..., tuple[int, str, str]]


def words(text: str) -> str:
    return " ".join(text.split())


def consult() -> str:
    return words(BANK.messages.consult)


# --- the last paragraph of each format -------------------------------------------------------


def _last_text_paragraph(output: str) -> str:
    return output.strip().split("\n\n")[-1]


def _last_markdown_block(output: str) -> str:
    """The text of the last block; it must be followed by nothing but closing tokens."""
    tokens = MarkdownIt("commonmark").parse(output)
    last = max(i for i, token in enumerate(tokens) if token.type == "inline")
    assert all(token.nesting == -1 for token in tokens[last + 1 :]), tokens[last + 1 :]
    parts = []
    for child in tokens[last].children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _last_html_block(output: str) -> str:
    pieces = parse_html(output).pieces
    last = pieces[-1][0]
    return " ".join(text for block, text in pieces if block == last)


def _last_json_value(output: str) -> str:
    data = json.loads(output)
    assert list(data)[-1] == "consult_message"
    return str(data["consult_message"])


def _last_fhir_paragraph(output: str) -> str:
    div = ElementTree.fromstring(json.loads(output)["text"]["div"])  # noqa: S314 - our own output
    return "".join(list(div)[-1].itertext())


LAST: dict[str, Callable[[str], str]] = {
    "text": _last_text_paragraph,
    "markdown": _last_markdown_block,
    "html": _last_html_block,
    "json": _last_json_value,
    "fhir": _last_fhir_paragraph,
}


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON document, keys left out."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def readable_text(fmt: str, output: str) -> str:
    """What a reader of the format sees: decoded JSON strings, HTML without tags or entities."""
    if fmt in ("json", "fhir"):
        return "\n".join(_strings(json.loads(output)))
    if fmt == "html":
        return "\n".join(text for _, text in parse_html(output).pieces)
    return output


def check_output(fmt: str, output: str, where: str) -> None:
    """No forbidden wording (as written and as read), and the consult message last."""
    assert_wording(output, f"{where} ({fmt})")
    assert_wording(readable_text(fmt, output), f"{where} ({fmt}, as read)")
    assert words(LAST[fmt](output)) == consult(), f"{where} ({fmt}) does not end with it"


def test_every_format_has_a_reader_for_its_last_paragraph() -> None:
    """Each format the renderer knows is checked here, none forgotten."""
    assert set(LAST) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_last_paragraph_readers_can_fail(fmt: str) -> None:
    """A summary whose consult message was replaced is caught by each reader."""
    summary = build_summary(BANK, {"pain_level": 3}, DAY, "0")
    changed = summary.model_copy(update={"consult_message": "Something else entirely."})
    with pytest.raises(AssertionError):
        check_output(fmt, render(changed, fmt, BANK), "changed")


def test_the_wording_check_reads_decoded_json() -> None:
    """A phrase split by an escaped newline is invisible in the JSON text but found as read."""
    document = json.dumps({"answer": "you\nhave"})
    assert "you have" not in words(document)
    with pytest.raises(AssertionError):
        assert_wording(readable_text("json", document))


def _every_format(answers: Answers) -> None:
    summary = build_summary(BANK, answers, DAY, "0.0.0")
    for fmt in FORMATS:
        check_output(fmt, render(summary, fmt, BANK), "summary")


@PROPERTY
@given(walked_answers())
def test_every_format_for_walked_answers(answers: Answers) -> None:
    """Answers as the walkthrough collects them: every format keeps the rules."""
    _every_format(answers)


@PROPERTY
@given(any_answers())
def test_every_format_for_any_answers(answers: Answers) -> None:
    """Valid answers to any questions, even skipped ones: every format keeps the rules."""
    _every_format(answers)


# --- every way out of `fibrofoot` ends with the consult message ------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_to_stdout_ends_with_the_consult_message(fmt: str, cli: Cli) -> None:
    """`report --format F`: the summary on stdout ends with it, and (stdout not being a
    terminal here) so does what the terminal shows on stderr."""
    code, out, err = cli("report", FULL, "--format", fmt)
    assert code == 0
    check_output(fmt, out, "report to stdout")
    assert words(err) == consult()


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_to_a_file_ends_with_the_consult_message(fmt: str, cli: Cli, tmp_path: Path) -> None:
    """`report -o FILE`: the file ends with it, and so does the confirmation on stderr."""
    target = tmp_path / f"summary{file_extension(fmt)}"
    code, out, err = cli("report", FULL, "-o", target)
    assert (code, out) == (0, "")
    check_output(fmt, target.read_text(encoding="utf-8"), "report -o")
    assert_wording(err, "report -o stderr")
    assert words(_last_text_paragraph(err)) == consult()


@pytest.fixture
def broken_inputs(tmp_path: Path) -> Path:
    """A folder with the bad inputs the error cases below point at."""
    (tmp_path / "wrong.yaml").write_text("pain_level: eleven\nno_such_question: 1\n", "utf-8")
    (tmp_path / "broken.yaml").write_text('note: "never closed\n', encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (tmp_path / "exists.txt").write_text("keep me\n", encoding="utf-8")
    (tmp_path / "empty-bank").mkdir()
    (tmp_path / "bad-bank").mkdir()
    (tmp_path / "bad-bank" / "00.yaml").write_text("messages: [\n", encoding="utf-8")
    return tmp_path


ERRORS = [
    pytest.param(2, ["--no-such-flag"], id="usage-unknown-flag"),
    pytest.param(2, ["report"], id="usage-no-answers-file"),
    pytest.param(2, ["report", "{dir}/wrong.yaml", "--format", "pdf"], id="usage-format"),
    pytest.param(2, ["questions"], id="usage-questions-without-action"),
    pytest.param(1, ["report", "{dir}/missing.yaml"], id="data-missing-file"),
    pytest.param(1, ["report", "{dir}/wrong.yaml"], id="data-wrong-answers"),
    pytest.param(1, ["report", "{dir}/broken.yaml"], id="data-broken-yaml"),
    pytest.param(1, ["report", "{dir}/list.yaml"], id="data-not-a-mapping"),
    pytest.param(1, ["report", str(FULL), "-o", "{dir}/exists.txt"], id="data-output-exists"),
    pytest.param(1, ["report", str(FULL), "-o", "{dir}/no/such/dir.txt"], id="data-no-folder"),
    pytest.param(1, ["report", str(FULL), "-o", "{dir}"], id="data-output-is-a-folder"),
    pytest.param(1, ["questions", "--check", "{dir}/empty-bank"], id="data-empty-bank"),
    pytest.param(1, ["questions", "--check", "{dir}/bad-bank"], id="data-broken-bank"),
    pytest.param(1, ["--questions", "{dir}/bad-bank", "report", str(FULL)], id="data-bank-used"),
]


@pytest.mark.parametrize(("code", "argv"), ERRORS)
def test_every_error_ends_with_the_consult_message(
    code: int, argv: list[str], cli: Cli, broken_inputs: Path
) -> None:
    """Usage (2) and data (1) errors: a message, then the consult message as the last paragraph
    of stderr; nothing on stdout, no traceback, no forbidden wording."""
    got, out, err = cli(*(arg.format(dir=broken_inputs) for arg in argv))
    assert (got, out) == (code, "")
    assert err.startswith("fibrofoot: ")
    assert "Traceback" not in err
    assert_wording(err, "error message")
    assert words(_last_text_paragraph(err)) == consult()


def _report_into(stdout: int) -> subprocess.CompletedProcess[str]:
    """Run the installed `fibrofoot report` with stdout to the given place."""
    return subprocess.run(
        [str(FIBROFOOT), "report", str(FULL), "--format", "html"],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=terminal_env(),
        timeout=TIMEOUT,
        check=False,
    )


def test_report_to_a_full_disk_says_so_and_ends_with_the_consult_message() -> None:
    """`report A > /dev/full` says the output could not be written, no traceback, consult last."""
    with open("/dev/full", "w") as full:
        done = _report_into(full.fileno())
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("fibrofoot: ")
    assert words(_last_text_paragraph(done.stderr)) == consult()


def test_report_into_a_closed_pipe_ends_without_a_traceback() -> None:
    """`report A | true` ends without a BrokenPipeError traceback."""
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: writing the summary fails with EPIPE
    try:
        done = _report_into(writer)
    finally:
        os.close(writer)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    assert words(_last_text_paragraph(done.stderr)) == consult()


@pytest.mark.e2e
def test_walkthrough_into_a_full_disk_ends_with_the_consult_message(
    tmp_path: Path,
) -> None:
    """`fibrofoot > /dev/full`: the summary is shown on the terminal instead, consult last."""
    answers = _persona(CALM)
    term = Terminal(tmp_path, stdout_to="/dev/full")
    try:
        term.begin()
        term.walk(BANK, answers)
        term.choose("Your answers.", [REVIEW_DONE], REVIEW_DONE, REVIEW_DONE)
        # Stopping with a message, or carrying on to the save offers, are both fine.
        if term.child.expect([pexpect.EOF, on_screen("save this summary to a file?")]) == 1:
            term.child.expect(on_screen("Your choice:"))
            term.send(choice_keys(["no", "yes"], "no", "no"))
            term.choose("Save your answers too", ["no", "yes"], "no", "no")
        term.finish()
    finally:
        term.close()
    shown = term.shown()
    assert "Traceback" not in shown
    assert shown.endswith(consult())


# --- what a person typed reaches the terminal harmlessly -------------------------------------
# A note holding terminal escapes (set the window title, clear the screen), a C1 control and a
# bidi override; it can come back on screen from --answers FILE or in the review.

HOSTILE_NOTE = "a\x1b]0;pwned\x07b\x1b[2Jc\x9bd\u202ee"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def _persona(path: Path, note: str | None = None) -> Answers:
    answers = validate_answers(BANK, read_answers(path), str(path))
    return answers if note is None else {**answers, "note": note}


def _plain_run(lines: list[str], prefill: Answers) -> str:
    """A plain walkthrough reading these lines; what it showed on the terminal."""
    out = io.StringIO()
    prompter = PlainPrompter(io.StringIO("".join(f"{line}\n" for line in lines)), out)
    with deadline():
        try:
            Walkthrough(BANK, prompter, DAY).run(prefill, io.StringIO())
        except KeyboardInterrupt:  # end of input; pytest would take it for the user's Ctrl-C
            pytest.fail(f"the walkthrough wanted more lines than given:\n{out.getvalue()[-500:]}")
    return out.getvalue()


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


def test_the_review_lists_a_hostile_note_harmlessly_in_plain_mode(in_tmp: Path) -> None:
    """The review screen (plain prompter) shows the note's escapes as visible \\uXXXX text."""
    answers = _persona(CALM, note=HOSTILE_NOTE)
    lines = [plain_answer(q, answers[q.id]) for q in asked_questions(BANK, answers)]
    shown = _plain_run([*lines, "1", "1", "1"], {})
    review = shown[shown.index("Your answers.") :]
    assert "a\\u001b]0;pwned\\u0007b\\u001b[2Jc\\u009bd\\u202ee" in review
    for char in RAW:
        assert char not in review, repr(char)


@pytest.mark.parametrize("route", ["answers-file", "review-change"])
def test_plain_prompt_shows_a_kept_note_harmlessly(route: str, in_tmp: Path) -> None:
    """Plain mode's "Enter keeps <note>" shows control characters as escapes."""
    answers = _persona(CALM, note=HOSTILE_NOTE)
    questions = asked_questions(BANK, answers)
    if route == "answers-file":  # fibrofoot --plain --answers FILE: Enter keeps each answer
        lines, prefill = [""] * len(questions), answers
    else:  # typed in, then chosen again in the review and kept with Enter
        review = [REVIEW_DONE, *answers]
        lines = [plain_answer(q, answers[q.id]) for q in questions]
        lines += [str(review.index("note") + 1), ""]
        prefill = {}
    shown = _plain_run([*lines, "1", "1", "1"], prefill)
    for char in RAW:
        assert char not in shown, f"{char!r} reached the terminal raw"


def test_plain_file_name_prompt_shows_a_typed_name_harmlessly(in_tmp: Path) -> None:
    """A refused file name offered again in plain mode shows control characters as escapes."""
    answers = _persona(CALM)
    lines = [plain_answer(q, answers[q.id]) for q in asked_questions(BANK, answers)]
    formats = list(FORMATS)
    name = "no-such-folder/x\x1b]0;pwned\x07.txt"
    lines += ["1", "2", str(formats.index("text") + 1), name, "1", "saved.txt", "1"]
    shown = _plain_run(lines, {})
    assert "The folder" in shown  # the name was refused, then offered again
    assert (in_tmp / "saved.txt").is_file()
    for char in ("\x1b", "\x07"):
        assert char not in shown, f"{char!r} reached the terminal raw"


def _menus_run(keys: str, prefill: Answers) -> tuple[str, str]:
    """The arrow-key walkthrough drawn on a real VT100 output; (what it drew, what it said)."""
    screen, said = io.StringIO(), io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=30, columns=100), term="xterm")
    with (
        deadline(),
        create_pipe_input() as inp,
        create_app_session(input=inp, output=output),
    ):
        inp.send_text(keys)
        Walkthrough(BANK, QuestionaryPrompter(said), DAY).run(prefill, io.StringIO())
    return screen.getvalue(), said.getvalue()


def _menus_keys_with_note_reviewed(answers: Answers) -> str:
    """Enter keeps every prefilled answer; the note is chosen in the review and kept."""
    review = [REVIEW_DONE, *answers]
    keys = Keyboard.Enter * len(asked_questions(BANK, answers))
    keys += choice_keys(review, "note", REVIEW_DONE) + Keyboard.Enter
    return keys + choice_keys(review, REVIEW_DONE, REVIEW_DONE) + Keyboard.Enter * 2


def test_arrow_key_menus_show_a_hostile_note_without_terminal_controls(in_tmp: Path) -> None:
    """Review titles and the note's text box (prompt_toolkit) show escapes as ^[ or \\uXXXX."""
    answers = _persona(CALM, note=HOSTILE_NOTE)
    drawn, said = _menus_run(_menus_keys_with_note_reviewed(answers), answers)
    seen = visible(drawn)  # without prompt_toolkit's own styling
    assert "^[]0;pwned^G" in seen  # the text box: prompt_toolkit's caret notation
    assert "\\u001b]0;pwned" in seen  # the review menu: harmless() escapes
    for sequence in ("\x1b]0;pwned", "\x1b[2J", "\x07", "\x9b"):
        assert sequence not in drawn, repr(sequence)
    for char in RAW:
        assert char not in said, repr(char)


def test_arrow_key_text_box_shows_a_bidi_override_as_an_escape(in_tmp: Path) -> None:
    """A kept note's U+202E is drawn as an escape in the arrow-key text box, not obeyed."""
    answers = _persona(CALM, note=HOSTILE_NOTE)
    drawn, _ = _menus_run(_menus_keys_with_note_reviewed(answers), answers)
    assert "\u202e" not in drawn
