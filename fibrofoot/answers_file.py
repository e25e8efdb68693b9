"""Reading and writing answers files (YAML or JSON), for `report` and `--answers`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from fibrofoot.answers import Answers
from fibrofoot.errors import FibrofootError
from fibrofoot.safe_text import named_key
from fibrofoot.yamlfile import YamlProblem, parse, read_text


def read_answers(path: Path) -> object:
    """The raw content of an answers file; `validate_answers` checks it against the bank."""
    text = read_text(path, "answers")
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text, object_pairs_hook=_no_duplicate_keys)
        except json.JSONDecodeError as error:
            raise FibrofootError(
                f"{path}:{error.lineno}: this is not valid JSON ({error.msg})."
            ) from None
        except (ValueError, RecursionError) as error:
            raise FibrofootError(f"{path}: {error}") from None
    try:
        return parse(text).data
    except YamlProblem as problem:
        where = f"{path}:{problem.line}" if problem.line else str(path)
        raise FibrofootError(f"{where}: {problem.message}") from None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"{named_key(key)} appears twice")
        result[key] = value
    return result


class _Dumper(yaml.SafeDumper):
    """Writes text with NEL, LS or PS (U+0085, U+2028, U+2029) double-quoted, as escapes.

    PyYAML writes them raw in a single-quoted scalar, and reading that back turns U+0085 into a
    space, so a note pasted with one would not come back as written.
    """


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_answers(answers: Answers, header: str) -> str:
    """YAML that `read_answers` reads back to the same answers."""
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    body = yaml.dump(dict(answers), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
    return comment + body
