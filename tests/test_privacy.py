"""Privacy, on the tiny bank: fibrofoot never tries the network, writes nothing unless asked, and
never repeats an answer in an error message."""

from __future__ import annotations

import io
import socket
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import NoReturn

import pytest
from helpers.terminal import (
    STOP_VALUES,
    TINY_BANK,
    TINY_CALM,
    TINY_WALK,
    FakeTty,
    Terminal,
    answer_keys,
    choice_keys,
    deadline,
    plain_answer,
    plain_save_lines,
    save_keys,
    stop_default,
)
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from fibrofoot import flow
from fibrofoot.answers import MAX_TEXT_CHARS
from fibrofoot.bank.base import Kind
from fibrofoot.bank.models import Bank, Question
from fibrofoot.render.formats import FORMATS, file_extension
from fibrofoot.rules import asked_questions
from fibrofoot.terminal.cli import main
from fibrofoot.terminal.menus import QuestionaryPrompter
from fibrofoot.terminal.screen import Streams
from fibrofoot.terminal.walkthrough import REVIEW_DONE, Walkthrough

SOURCE_DATE_EPOCH = "1768478400"  # 2026-01-15
TODAY = date(2026, 1, 15)
SUMMARY_NAME = "fibrofoot-summary-2026-01-15.html"
ANSWERS_NAME = "fibrofoot-answers-2026-01-15.yaml"
PRIVATE = "MY-PRIVATE-ANSWER-7731"

Cli = Callable[..., tuple[int, str, str]]


class NetworkUsed(AssertionError):
    """Raised by the guard when anything tries to open a connection or look up a name."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refuse every new socket and name lookup; returns the list of attempts (should be empty).

    A socket wrapping an existing descriptor is allowed: `socket.socketpair()` makes one for
    asyncio's wake-up pipe (prompt_toolkit's event loop), which never leaves the process.
    """
    attempts: list[str] = []

    def refuse(what: str) -> NoReturn:
        attempts.append(what)
        raise NetworkUsed(f"fibrofoot tried the network: {what}")

    class GuardedSocket(socket.socket):  # defined before the patch, so on the real class
        def __init__(
            self,
            family: int = -1,
            type: int = -1,
            proto: int = -1,
            fileno: int | None = None,
        ) -> None:
            if fileno is None:
                refuse(f"socket(family={family}, type={type})")
            super().__init__(family, type, proto, fileno)

    def lookup(name: str) -> Callable[..., NoReturn]:
        def refused(*args: object, **kwargs: object) -> NoReturn:
            refuse(f"{name}{args}")

        return refused

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, lookup(name))
    return attempts


@pytest.fixture
def in_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, at a fixed date, 100 columns wide."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("COLUMNS", "100")
    return folder


def on_a_terminal(typed: str) -> Streams:
    """These lines typed on a 'terminal'; what fibrofoot shows and prints goes to strings."""
    return Streams(FakeTty(typed), io.StringIO(), io.StringIO())


def written(stream: object) -> str:
    assert isinstance(stream, io.StringIO)
    return stream.getvalue()


def test_the_guard_catches_a_connection(no_network: list[str]) -> None:
    """The guard itself works: an HTTP request is refused and recorded."""
    import urllib.request

    with pytest.raises(NetworkUsed):
        urllib.request.urlopen("http://fibrofoot.invalid/", timeout=1)
    assert no_network


def test_a_plain_walkthrough_with_saves_never_touches_the_network(
    tiny_bank: Bank, no_network: list[str], in_empty_folder: Path
) -> None:
    """`fibrofoot --plain`, in process: welcome, questions, red flag, review, both saves."""
    lines = [""]  # Enter at the welcome
    for question in asked_questions(tiny_bank, TINY_WALK):
        lines.append(plain_answer(question, TINY_WALK[question.id]))
        if flow.red_flags_for(tiny_bank, question.id, TINY_WALK):
            lines.append("2")  # carry on
    lines += ["1", *plain_save_lines(("html", None), ("answers", None))]
    streams = on_a_terminal("\n".join(lines) + "\n")
    with deadline():
        code = main(["--questions", str(TINY_BANK), "--plain"], streams)
    assert code == 0, written(streams.terminal)
    assert no_network == []
    assert "A tiny note." in written(streams.output)
    assert sorted(p.name for p in in_empty_folder.iterdir()) == [ANSWERS_NAME, SUMMARY_NAME]


def test_an_arrow_key_walkthrough_with_saves_never_touches_the_network(
    tiny_bank: Bank, no_network: list[str], in_empty_folder: Path
) -> None:
    """The arrow-key menus (prompt_toolkit's event loop included), in process, with saves."""
    keys = ""
    for question in asked_questions(tiny_bank, TINY_WALK):
        keys += answer_keys(question, TINY_WALK[question.id])
        if flags := flow.red_flags_for(tiny_bank, question.id, TINY_WALK):
            keys += choice_keys(STOP_VALUES, "continue", stop_default(flags))
    keys += choice_keys([REVIEW_DONE], REVIEW_DONE)
    keys += save_keys(("html", None), ("answers", None))
    summary = io.StringIO()
    with (
        deadline(),
        create_pipe_input() as inp,
        create_app_session(input=inp, output=DummyOutput()),
    ):
        inp.send_text(keys)
        walkthrough = Walkthrough(tiny_bank, QuestionaryPrompter(io.StringIO()), TODAY)
        assert walkthrough.run({}, summary) == 0
    assert no_network == []
    assert "A tiny note." in summary.getvalue()
    assert sorted(p.name for p in in_empty_folder.iterdir()) == [ANSWERS_NAME, SUMMARY_NAME]


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_in_every_format_never_touches_the_network(
    fmt: str,
    cli: Cli,
    no_network: list[str],
    in_empty_folder: Path,
    write_answers: Callable[..., Path],
) -> None:
    """`fibrofoot report` to stdout and to a file, in each format, opens no connection."""
    answers = write_answers(TINY_WALK)
    code, out, err = cli("--questions", TINY_BANK, "report", answers, "--format", fmt)
    assert code == 0, err
    assert out
    target = in_empty_folder / f"summary{file_extension(fmt)}"
    code, _, err = cli("--questions", TINY_BANK, "report", answers, "-o", target)
    assert code == 0, err
    assert target.is_file()
    assert no_network == []


@pytest.mark.parametrize("argv", [["--json"], ["--fhir"], ["--check", str(TINY_BANK)]])
def test_questions_commands_never_touch_the_network(
    argv: list[str], cli: Cli, no_network: list[str]
) -> None:
    """`fibrofoot questions --json/--fhir/--check` open no connection either."""
    code, _, err = cli("--questions", TINY_BANK, "questions", *argv)
    assert code == 0, err
    assert no_network == []


@pytest.mark.e2e
def test_declining_both_saves_writes_nothing_anywhere(
    tiny_bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole run answering No to both save offers leaves HOME, XDG dirs, TMPDIR and cwd empty."""
    home, work, temp, runtime = (tmp_path / name for name in ("home", "work", "tmp", "run"))
    for folder in (home, work, temp, runtime):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    for name, under in [
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ]:
        monkeypatch.setenv(name, str(home / under))
    term = Terminal(work, "--questions", str(TINY_BANK))  # its environment: os.environ, patched
    try:
        term.begin()
        term.walk(tiny_bank, TINY_CALM)
        term.choose("Your answers.", [REVIEW_DONE], REVIEW_DONE, REVIEW_DONE)
        term.save()
        code = term.finish()
    finally:
        term.close()
    assert code == 0
    assert "A tiny note." in term.shown()
    for folder in (home, work, temp, runtime):
        assert list(folder.rglob("*")) == [], folder


# --- no answer in an error message -----------------------------------------------------------
# tests/test_answers_fuzz.py checks three questions and random documents; these check every
# question with every wrong shape, broken files, and the --answers path of the walkthrough.


def _wrong_values(question: Question) -> list[object]:
    """Values holding PRIVATE that are not a valid answer to `question`."""
    shapes: list[object] = [[PRIVATE], {"answer": PRIVATE}, [[PRIVATE]]]
    if question.kind is Kind.TEXT:
        return [*shapes, PRIVATE * (MAX_TEXT_CHARS // len(PRIVATE) + 1)]
    return [PRIVATE, f"{PRIVATE}\n{PRIVATE}", *shapes]


def _all_wrong(bank: Bank) -> Iterator[tuple[str, object]]:
    for question in bank.questions:
        for value in _wrong_values(question):
            yield question.id, value


def test_every_wrong_answer_is_named_by_its_question_only(
    tiny_bank: Bank, cli: Cli, write_answers: Callable[..., Path]
) -> None:
    """Each question given a wrong value holding a private string: the error names the question
    id and never the value, whatever the value's shape and the question's kind."""
    assert {q.kind for q in tiny_bank.questions} == set(Kind)
    for question_id, value in _all_wrong(tiny_bank):
        path = write_answers({question_id: value}, "answers.json")
        code, out, err = cli("--questions", TINY_BANK, "report", path)
        assert code == 1, (question_id, value)
        assert f"'{question_id}'" in err
        assert PRIVATE not in err + out, (question_id, err)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("unterminated.yaml", f'note: "{PRIVATE}\nlevel: 3\n'),
        ("bad-indent.yaml", f"note: {PRIVATE}\n  level: 3\n"),
        ("tab.yaml", f"note:\t{PRIVATE}\n\tlevel: 3\n"),
        ("colon.yaml", f"note: {PRIVATE}: {PRIVATE}\n"),
        ("unterminated.json", f'{{"note": "{PRIVATE}'),
        ("trailing.json", f'{{"note": "{PRIVATE}",}}'),
        ("control.json", f'{{"note": "{PRIVATE}\x01"}}'),
        ("not-utf8.yaml", f"note: {PRIVATE} \xe9\n"),
    ],
)
def test_a_broken_answers_file_is_described_without_its_content(
    name: str, content: str, cli: Cli, tmp_path: Path
) -> None:
    """Syntax errors, stray tabs and bad encodings name the file and line, not the text."""
    path = tmp_path / name
    encoding = "latin-1" if name.startswith("not-utf8") else "utf-8"
    path.write_bytes(content.encode(encoding))
    code, out, err = cli("--questions", TINY_BANK, "report", path)
    assert code == 1
    assert name in err
    assert PRIVATE not in err + out


def test_a_wrong_answers_file_at_the_start_of_a_walkthrough_keeps_its_values_private(
    in_empty_folder: Path, write_answers: Callable[..., Path]
) -> None:
    """`fibrofoot --answers FILE` with wrong values: exit 1, questions named, values not."""
    path = write_answers({"side": PRIVATE, "note": [PRIVATE], "level": PRIVATE})
    streams = on_a_terminal("\n")  # Enter at the welcome
    with deadline():
        code = main(["--questions", str(TINY_BANK), "--plain", "--answers", str(path)], streams)
    err, out = written(streams.terminal), written(streams.output)
    assert code == 1
    assert all(f"'{q}'" in err for q in ("side", "note", "level"))
    assert PRIVATE not in err + out
    assert list(in_empty_folder.iterdir()) == []
