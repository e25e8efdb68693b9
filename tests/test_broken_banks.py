"""Dozens of broken banks made from the tiny one: each gets a clear message, never a traceback.

Every case copies the tiny test bank, breaks one thing, and runs `fibrofoot questions --check`:
exit 1, a message naming the file and a line or the field, and no traceback.
"""

from __future__ import annotations

import re
import shutil
import tracemalloc
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers.strategies import TINY_BANK_DIR

from fibrofoot.bank.load import load_bank
from fibrofoot.errors import FibrofootError
from fibrofoot.terminal.cli import main
from fibrofoot.yamlfile import parse

BANK = TINY_BANK_DIR
LINE = re.compile(r"\.yaml:\d+: ")
Data = dict[str, Any]


@dataclass(frozen=True)
class Breakage:
    name: str
    file: str  # the file the message must name ("" for the folder itself)
    mention: str  # a field name or phrase the message must hold
    apply: Callable[[Path], None]


def _files() -> list[str]:
    return sorted(p.name for p in BANK.glob("*.yaml"))


def _edit(file: str, change: Callable[[Data], None]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / file
        data = parse(path.read_text(encoding="utf-8")).data
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")

    return apply


def _write(file: str, content: bytes | str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / file
        path.write_bytes(content if isinstance(content, bytes) else content.encode())

    return apply


def _text_edit(file: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _section_files() -> list[str]:
    return [f for f in _files() if "sections" in parse((BANK / f).read_text("utf-8")).data]


def _first_question(data: Data) -> Data:
    question: Data = data["sections"][0]["questions"][0]
    return question


def _set(path: list[str | int], value: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _drop(key: str) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        _first_question(data).pop(key)

    return change


def _remove_all_yaml(folder: Path) -> None:
    for path in folder.glob("*.yaml"):
        path.unlink()


def _cases() -> Iterator[Breakage]:
    sections = _section_files()
    for file in sections:
        for key in ("id", "text", "why", "label", "kind"):
            yield Breakage(
                f"missing-{key}-{file}",
                file,
                key,
                _edit(file, _drop(key)),
            )
    first = sections[1]
    q0: list[str | int] = ["sections", 0, "questions", 0]
    wrong_types: list[tuple[str, Any]] = [
        ("text", ["a", "list"]),
        ("kind", "maybe"),
        ("options", "not a list"),
        ("ask_if", "where"),
        ("allow_not_sure", "perhaps"),
        ("label", {"a": 1}),
    ]
    for key, value in wrong_types:
        yield Breakage(f"wrong-type-{key}", first, key, _edit(first, _set([*q0, key], value)))
    yield Breakage("unknown-key-question", first, "whyy", _edit(first, _set([*q0, "whyy"], "x")))
    yield Breakage(
        "unknown-key-option", first, "colour", _edit(first, _set([*q0, "options", 0, "colour"], 1))
    )
    yield Breakage(
        "unknown-key-section", first, "subtitle", _edit(first, _set(["sections", 0, "subtitle"], 1))
    )
    yield Breakage("unknown-key-top", first, "sectoins", _edit(first, _set(["sectoins"], [])))
    yield Breakage(
        "unknown-key-messages",
        "00-messages.yaml",
        "welcome",
        _edit("00-messages.yaml", _set(["messages", "welcome"], "hi")),
    )
    yield Breakage(
        "unknown-key-contributor",
        "01-contributors.yaml",
        "score",
        _edit("01-contributors.yaml", _set(["contributors", 0, "score"], 3)),
    )
    urgent = sections[0]
    yield Breakage(
        "unknown-key-red-flag",
        urgent,
        "colour",
        _edit(urgent, _set(["red_flags", 0, "colour"], "red")),
    )
    yield Breakage(
        "unknown-level", urgent, "level", _edit(urgent, _set(["red_flags", 0, "level"], "later"))
    )
    yield Breakage(
        "unknown-contributor",
        first,
        "raises",
        _edit(first, _set(["signals", 0, "raises"], ["gout"])),
    )
    yield Breakage(
        "signal-without-role",
        first,
        "role",
        _edit(first, lambda d: d["signals"][0].pop("role")),
    )
    yield Breakage(
        "signal-unknown-role", first, "role", _edit(first, _set(["signals", 0, "role"], "main"))
    )
    yield Breakage(
        "characteristic-on-not-sure",
        first,
        "not sure",
        _edit(first, _set(["signals", 0, "when"], [{"question": "tingling", "is": ["not_sure"]}])),
    )
    yield Breakage(
        "bidi-override-in-a-reason",
        first,
        "\\u202e",
        _edit(first, _set(["signals", 0, "reason"], "You said \u202eT1.")),
    )
    yield Breakage(
        "duplicate-question-id",
        first,
        "used more than once",
        _edit(first, lambda d: d["sections"][0]["questions"].append(deepcopy(_first_question(d)))),
    )
    yield Breakage(
        "duplicate-signal-id",
        first,
        "used more than once",
        _edit(first, lambda d: d["signals"].append(deepcopy(d["signals"][0]))),
    )
    yield Breakage(
        "duplicate-red-flag-id",
        urgent,
        "used more than once",
        _edit(urgent, lambda d: d["red_flags"].append(deepcopy(d["red_flags"][0]))),
    )
    yield Breakage(
        "duplicate-option",
        first,
        "used more than once",
        _edit(
            first,
            lambda d: _first_question(d)["options"].append(
                deepcopy(_first_question(d)["options"][0])
            ),
        ),
    )
    yield Breakage(
        "signal-unknown-question",
        first,
        "no_such_question",
        _edit(first, _set(["signals", 0, "when", 0, "question"], "no_such_question")),
    )
    yield Breakage(
        "signal-unknown-option",
        first,
        "no_such_option",
        _edit(first, _set(["signals", 0, "when", 0, "is"], ["no_such_option"])),
    )
    yield Breakage(
        "red-flag-unknown-option",
        urgent,
        "no_such_option",
        _edit(urgent, _set(["red_flags", 0, "when", 0, "is"], ["no_such_option"])),
    )
    yield Breakage(
        "condition-unknown-question",
        first,
        "no_such_question",
        _edit(first, _set([*q0, "ask_if"], [{"question": "no_such_question", "is": [True]}])),
    )
    yield Breakage(
        "condition-points-forward",
        first,
        "earlier questions",
        _edit(first, _set([*q0, "ask_if"], [{"question": "note", "is": ["x"]}])),
    )
    yield Breakage(
        "condition-on-itself",
        first,
        "earlier questions",
        _edit(
            first,
            lambda d: _first_question(d).update(
                ask_if=[{"question": _first_question(d)["id"], "is": ["x"]}]
            ),
        ),
    )
    yield Breakage(
        "yaml-unclosed-bracket", first, "YAML", _text_edit(first, "sections:", "sections: [\n")
    )
    yield Breakage(
        "yaml-bad-indent",
        first,
        "YAML",
        _text_edit(first, "\n  - id:", "\n - id:\n   x: y\n  - id:"),
    )
    yield Breakage("yaml-tab-indent", first, "tab", _text_edit(first, "\n    ", "\n\t  "))
    yield Breakage(
        "yaml-duplicate-key",
        first,
        "appears twice",
        _text_edit(first, "sections:", "sections: []\nsections:"),
    )
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
    )
    yield Breakage("yaml-alias-bomb", "70-bomb.yaml", "aliases", _write("70-bomb.yaml", bomb))
    yield Breakage(
        "ten-megabytes",
        "70-big.yaml",
        "MB",
        _write("70-big.yaml", "# padding\n" * 1_100_000),
    )
    yield Breakage(
        "not-utf8",
        "70-latin1.yaml",
        "UTF-8",
        _write("70-latin1.yaml", "note: caf\xe9\n".encode("latin-1")),
    )
    yield Breakage("empty-file", "70-empty.yaml", "empty", _write("70-empty.yaml", ""))
    yield Breakage(
        "file-is-a-list", "70-list.yaml", "mapping", _write("70-list.yaml", "- a\n- b\n")
    )
    yield Breakage(
        "messages-twice",
        "70-messages.yaml",
        "already",
        _write("70-messages.yaml", (BANK / "00-messages.yaml").read_text("utf-8")),
    )
    yield Breakage(
        "no-messages", "", "messages", lambda folder: (folder / "00-messages.yaml").unlink()
    )
    yield Breakage(
        "no-yaml-files",
        "",
        "no question files",
        _remove_all_yaml,
    )
    yield Breakage(
        "missing-level-text",
        "00-messages.yaml",
        "soon",
        _edit("00-messages.yaml", lambda d: d["messages"]["levels"].pop("soon")),
    )
    yield Breakage(
        "contributor-missing",
        "01-contributors.yaml",
        "missing",
        _edit("01-contributors.yaml", lambda d: d["contributors"].pop()),
    )
    yield Breakage(
        "scale-condition-with-is",
        first,
        "scale",
        _edit(first, _set(["signals", 0, "when", 0], {"question": "level", "is": ["x"]})),
    )
    yield Breakage(
        "missing-summary-heading",
        "00-messages.yaml",
        "contributors",
        _edit("00-messages.yaml", lambda d: d["messages"]["summary"].pop("contributors")),
    )
    yield Breakage(
        "unknown-map-region",
        first,
        "sole_heal",
        _edit(first, _set([*q0, "map_areas", "heel", "regions"], ["sole_heal"])),
    )
    yield Breakage(
        "map-for-an-unknown-answer",
        first,
        "shin",
        _edit(
            first,
            _set(
                [*q0, "map_areas", "shin"],
                {"regions": ["top_top"], "word": "Shin", "caption": "shin"},
            ),
        ),
    )


CASES = list(_cases())


def test_there_are_at_least_fifty_broken_banks() -> None:
    """The generator covers at least fifty different ways to break a bank."""
    assert len(CASES) >= 50
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_broken_bank_gets_a_clear_message(
    case: Breakage, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1, the file and a line or the field named, and no traceback."""
    folder = tmp_path / "questions"
    shutil.copytree(BANK, folder)
    case.apply(folder)
    assert main(["questions", "--check", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert case.mention.lower() in err.lower()
    if case.file:
        assert f"{folder / case.file}" in err
        named = [line for line in err.splitlines() if case.file in line]
        assert any(LINE.search(line) or case.mention in line for line in named)
    else:
        assert str(folder) in err


def test_an_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    """A billion-laughs file is refused at the first alias, using little memory."""
    folder = tmp_path / "questions"
    shutil.copytree(BANK, folder)
    bomb = next(case for case in CASES if case.name == "yaml-alias-bomb")
    bomb.apply(folder)
    tracemalloc.start()
    with pytest.raises(FibrofootError, match="aliases"):
        load_bank(folder)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20_000_000
