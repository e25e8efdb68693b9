"""Load a question bank folder into a validated `Bank`, or one clear message per problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fibrofoot.bank.check import cross_reference_problems
from fibrofoot.bank.folder import default_bank_dir
from fibrofoot.bank.models import Bank
from fibrofoot.errors import FibrofootError, problem_list
from fibrofoot.files import folder_files, read_text
from fibrofoot.safe_text import named_key, shown_path
from fibrofoot.yamlfile import Located, Path_, YamlProblem, parse

LIST_KEYS = ("contributors", "red_flags", "retired_questions", "sections", "signals")
ONE_FILE_KEYS = ("messages", "checkin")  # each given whole, in one file
TOP_KEYS = (*ONE_FILE_KEYS, *LIST_KEYS)


@dataclass
class _Origin:
    file: Path
    located: Located
    path_in_file: Path_


@dataclass
class BankFiles:
    """The bank's YAML files, read and merged but not yet validated.

    The welcome screen takes its texts from here while the rest is validated (see
    `fibrofoot.terminal.start`), so the bank is read once, by one reader.
    """

    folder: Path
    merged: dict[str, Any]
    origins: dict[Path_, _Origin]
    problems: list[str]

    def message(self, key: str) -> str | None:
        """One of the `messages` texts as written, or None if it is missing or not text."""
        messages = self.merged.get("messages")
        text = messages.get(key) if isinstance(messages, dict) else None
        return text.strip() if isinstance(text, str) and text.strip() else None


def read_bank(directory: Path | None = None) -> BankFiles:
    """Read every `*.yaml` file in `directory` (file-name order) and merge them."""
    folder = directory or default_bank_dir()
    files = folder_files(folder, ".yaml", "question (*.yaml)")
    if not files:
        raise FibrofootError(f"{shown_path(folder)}: no question files (*.yaml) in this folder.")

    problems: list[str] = []
    merged: dict[str, Any] = {key: [] for key in LIST_KEYS}
    origins: dict[Path_, _Origin] = {}
    for file in files:
        try:
            located = parse(read_text(file, "question"))
        except YamlProblem as problem:
            problems.append(_where(file, problem.line) + problem.message)
            continue
        except FibrofootError as error:
            problems.append(error.message)
            continue
        problems.extend(_merge(file, located, merged, origins))
    if "messages" not in merged and not problems:
        problems.append(
            f"{shown_path(folder)}: no file has the 'messages' section; add it to one file."
        )
    return BankFiles(folder, merged, origins, problems)


def validate_bank(files: BankFiles) -> Bank:
    """The merged files as a checked `Bank`, or FibrofootError listing every problem."""
    if files.problems:
        raise FibrofootError(_report(files.problems))
    try:
        bank = Bank.model_validate(files.merged)
    except ValidationError as error:
        raise FibrofootError(
            _report([_describe(err, files.origins, files.folder) for err in error.errors()])
        ) from None
    cross = cross_reference_problems(bank)
    if cross:
        raise FibrofootError(
            _report(
                [
                    _locate(path, files.origins, files.folder, path) + message
                    for path, message in cross
                ]
            )
        )
    return bank


def load_bank(directory: Path | None = None) -> Bank:
    """Read and validate the bank in `directory` (the shipped one by default)."""
    return validate_bank(read_bank(directory))


def _merge(
    file: Path, located: Located, merged: dict[str, Any], origins: dict[Path_, _Origin]
) -> list[str]:
    data = located.data
    if data is None:
        return [f"{shown_path(file)}: the file is empty; remove it or add questions to it."]
    if not isinstance(data, dict):
        where = _where(file, located.line_of(()))
        return [f"{where}the file must be a mapping with keys such as 'sections' or 'signals'."]
    problems = []
    for key, value in data.items():
        where = _where(file, located.line_of((key,)))
        if key not in TOP_KEYS:
            problems.append(
                f"{where}unknown top-level key ({named_key(key)}); "
                f"use one of {', '.join(TOP_KEYS)}."
            )
        elif key in ONE_FILE_KEYS:
            if key in merged:
                problems.append(f"{where}'{key}' is already given in another file.")
            merged[key] = value
            origins[(key,)] = _Origin(file, located, (key,))
        elif not isinstance(value, list):
            problems.append(f"{where}'{key}' must be a list (each item starts with '- ').")
        else:
            for index, item in enumerate(value):
                origins[(key, len(merged[key]))] = _Origin(file, located, (key, index))
                merged[key].append(item)
    return problems


def _locate(path: Path_, origins: dict[Path_, _Origin], folder: Path, field: Path_) -> str:
    """'file:line: field: ' for paths into the merged bank (path[0] is a top-level key).

    The line is that of `path` (or of its deepest part the file has); `field` is shown as the
    person sees it in that file, so 'sections[0]' is the first section of that file, not of the
    merged bank.
    """
    origin = origins.get(tuple(path[:2])) or origins.get(tuple(path[:1]))
    if origin is None and len(path) == 1:  # a whole list, such as 'contributors': its first file
        first = next((o for key, o in origins.items() if key[0] == path[0]), None)
        origin = first and _Origin(first.file, first.located, (path[0],))
    if origin is None:
        return _where(folder, None) + (f"{_dotted(field)}: " if field else "")
    depth = 1 if path[0] in ONE_FILE_KEYS else 2
    line = origin.located.line_of((*origin.path_in_file, *path[depth:]))
    shown = _dotted((*origin.path_in_file, *field[depth:]))
    return _where(origin.file, line) + f"{shown}: "


def _describe(error: Any, origins: dict[Path_, _Origin], folder: Path) -> str:
    loc: Path_ = tuple(error["loc"])
    kind = error["type"]
    if loc and loc[-1] == "[key]":  # a bad key of a mapping, such as an unknown level name
        loc = loc[:-1]
        text = f"unknown key '{loc[-1]}': {error['msg']}."
        return _locate(loc, origins, folder, loc[:-1]) + text
    if kind == "missing":
        return _locate(loc, origins, folder, loc[:-1]) + f"missing required key '{loc[-1]}'."
    if kind == "extra_forbidden":
        text = f"unknown key '{loc[-1]}' (check the spelling)."
        return _locate(loc, origins, folder, loc[:-1]) + text
    if kind == "value_error":  # our own validators: the message without pydantic's prefix
        message = str(error["ctx"]["error"])
    elif kind in ("list_type", "tuple_type"):
        message = "this should be a list: [a, b] or items on their own lines starting with '- '"
    else:
        message = error["msg"]
    return _locate(loc, origins, folder, loc) + f"{message} (found {error.get('input')!r:.60})."


def _dotted(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _where(file: Path, line: int | None) -> str:
    shown = shown_path(file)
    return f"{shown}:{line}: " if line else f"{shown}: "


def _report(problems: list[str]) -> str:
    count = len(problems)
    heading = (
        "The question bank has 1 problem:"
        if count == 1
        else f"The question bank has {count:,} problems:"
    )
    return problem_list(heading, problems)
