"""Answers: what a value for each kind of question looks like, checked and normalised.

yes_no answers are True, False or "not_sure"; single answers an option value; multi answers a
list of option values (in the bank's order); scale answers an integer 0-10 (or
"not_sure" when the question offers it); text answers a string.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from fibrofoot.bank.base import NOT_SURE, SCALE_MAX, SCALE_MIN, Kind
from fibrofoot.bank.models import Bank, Question
from fibrofoot.errors import FibrofootError, problem_list
from fibrofoot.files import read_text
from fibrofoot.safe_text import LONE_SURROGATE, named_key, shown_path
from fibrofoot.yamlfile import MAX_VALUES, TOO_MANY_VALUES, YamlProblem, parse

AnswerValue = bool | int | str | list[str]
Answers = dict[str, AnswerValue]

MAX_TEXT_CHARS = 20_000
_YES_NO_WORDS: dict[str, bool | str] = {"yes": True, "no": False, NOT_SURE: NOT_SURE}


class AnswerProblem(ValueError):
    """A value that does not fit its question; the message says what would."""


def normalise(question: Question, value: object) -> AnswerValue:
    """Return `value` in canonical form for `question`, or raise AnswerProblem."""
    kind = question.kind
    if kind is Kind.YES_NO:
        result = _yes_no(value)
        if result == NOT_SURE and not question.allow_not_sure:
            raise AnswerProblem("this question has no 'not_sure' answer; use true or false")
        return result
    if kind is Kind.SCALE:
        if value == NOT_SURE and question.allow_not_sure:
            return NOT_SURE
        if isinstance(value, bool) or not isinstance(value, int):
            also = " or not_sure" if question.allow_not_sure else ""
            raise AnswerProblem(f"use a whole number from {SCALE_MIN} to {SCALE_MAX}{also}")
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise AnswerProblem(f"out of range; use {SCALE_MIN} to {SCALE_MAX}")
        return value
    if kind is Kind.TEXT:
        if not isinstance(value, str):
            raise AnswerProblem("use text")
        if len(value) > MAX_TEXT_CHARS:
            raise AnswerProblem(f"the text is longer than {MAX_TEXT_CHARS:,} characters")
        return value
    values = [o.value for o in question.options]
    if kind is Kind.SINGLE:
        if isinstance(value, bool):  # a bare yes/no in a hand-written YAML file
            value = "yes" if value else "no"
        if not isinstance(value, str) or value not in values:
            raise AnswerProblem(f"use one of: {', '.join(values)}")
        return value
    chosen = [value] if isinstance(value, str) else value
    if not isinstance(chosen, list) or not chosen:
        raise AnswerProblem(f"use a list of one or more of: {', '.join(values)}")
    unknown = [v for v in chosen if not isinstance(v, str) or v not in values]
    if unknown:
        raise AnswerProblem(f"unknown option; use any of: {', '.join(values)}")
    if len(set(chosen)) != len(chosen):
        raise AnswerProblem("an option is listed twice")
    exclusive = [o.value for o in question.options if o.exclusive and o.value in chosen]
    if exclusive and len(chosen) > 1:
        raise AnswerProblem(f"'{exclusive[0]}' cannot be combined with other options")
    if question.max_choices is not None and len(chosen) > question.max_choices:
        raise AnswerProblem(f"choose up to {question.max_choices} answers")
    return [v for v in values if v in chosen]


def validate_answers(bank: Bank, raw: object, source: str) -> Answers:
    """Check a whole answers mapping; raise FibrofootError listing every problem.

    Answers to retired questions are read first; a 'yes' is ticked in the question it became
    once that question's own answer has been checked.
    """
    if not isinstance(raw, Mapping):
        raise FibrofootError(
            f"{shown_path(source)}: an answers file must map question ids to answers, "
            "for example 'pain_level: 6'."
        )
    problems: list[str] = []
    answers: Answers = {}
    ticks = _retired_ticks(bank, raw, problems)
    for key, value in raw.items():
        if isinstance(key, str) and bank.retired(key):
            continue
        if not isinstance(key, str) or not bank.has_question(key):
            # Name it only if it looks like an id: a mis-indented note line could become a
            # key, and error messages never repeat what the person wrote.
            problems.append(
                f"{named_key(key)} is not a question id (see 'fibrofoot questions --json')."
            )
            continue
        try:
            answers[key] = normalise(bank.question(key), value)
        except AnswerProblem as problem:
            problems.append(f"'{key}': {problem}.")
    if problems:
        heading = f"{shown_path(source)}: {len(problems)} answer(s) need fixing:"
        raise FibrofootError(problem_list(heading, problems))
    for question_id, value in ticks:
        answers[question_id] = _with_tick(
            bank.question(question_id), answers.get(question_id), value
        )
    return answers


def _retired_ticks(
    bank: Bank, raw: Mapping[object, object], problems: list[str]
) -> list[tuple[str, str]]:
    """The (question, option) ticks that saved 'yes' answers to retired questions become; 'no'
    and 'not sure' become nothing, so the answer to the question they were folded into stands."""
    ticks: list[tuple[str, str]] = []
    for key, value in raw.items():
        retired = bank.retired(key) if isinstance(key, str) else None
        if retired is None:
            continue
        try:
            if _yes_no(value) is True:
                ticks.append((retired.becomes.question, retired.becomes.value))
        except AnswerProblem as problem:
            problems.append(f"'{key}': {problem}.")
    return ticks


def with_tick(question: Question, ticked: list[str], value: str) -> list[str]:
    """The ticks of a multi question with `value` ticked too, in the bank's order: ticking an
    answer unticks an exclusive one ("None of these", "Not sure"), and ticking an exclusive one
    unticks the rest, so the tick given last is never refused."""
    exclusive = {o.value for o in question.options if o.exclusive}
    kept = [] if value in exclusive else [v for v in ticked if v not in exclusive]
    return [o.value for o in question.options if o.value in {*kept, value}]


def _with_tick(question: Question, chosen: AnswerValue | None, value: str) -> AnswerValue:
    """`chosen` (a normalised multi answer, or None) with a retired question's tick added."""
    return normalise(
        question, with_tick(question, chosen if isinstance(chosen, list) else [], value)
    )


def _yes_no(value: object) -> bool | str:
    """True, False or "not_sure" for a yes/no answer as written, or AnswerProblem."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _YES_NO_WORDS:
        return _YES_NO_WORDS[value.lower()]
    raise AnswerProblem("use true, false or not_sure")


def answer_text(question: Question, value: AnswerValue) -> str:
    """The answer in the words the person saw."""
    if question.kind is Kind.YES_NO:
        return "Yes" if value is True else "No" if value is False else "Not sure"
    if question.kind is Kind.SCALE:
        return "Not sure" if value == NOT_SURE else f"{value} out of {SCALE_MAX}"
    if question.kind is Kind.TEXT:
        return str(value)
    labels = {o.value: o.label for o in question.options}
    chosen = value if isinstance(value, list) else [str(value)]
    return "; ".join(labels[v] for v in chosen)


def read_answers(path: Path) -> object:
    """The raw content of an answers file; `validate_answers` checks it against the bank."""
    text = read_text(path, "answers")
    shown = shown_path(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_int=_plain_int)
        except json.JSONDecodeError as error:
            raise FibrofootError(
                f"{shown}:{error.lineno}: this is not valid JSON ({error.msg})."
            ) from None
        except _JsonProblem as problem:
            raise FibrofootError(f"{shown}: {problem}.") from None
        except RecursionError:
            raise FibrofootError(f"{shown}: the JSON is nested too deeply.") from None
    else:
        try:
            data = parse(text, plain_numbers=True).data
        except YamlProblem as problem:
            where = f"{shown}:{problem.line}" if problem.line else shown
            raise FibrofootError(f"{where}: {problem.message}") from None
    refusal = _content_problem(data)
    if refusal:
        raise FibrofootError(f"{shown}: {refusal}.")
    return data


class _JsonProblem(ValueError):
    """Raised from inside json.loads; said in our words, never repeating the file's text."""


_MAX_NUMBER_DIGITS = 20


def _plain_int(digits: str) -> int:
    # Python refuses to convert more than 4,300 digits, in its own words; no answer needs 20.
    if len(digits.lstrip("-")) > _MAX_NUMBER_DIGITS:
        raise _JsonProblem("a number is far too long; answers use whole numbers 0-10")
    return int(digits)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _JsonProblem(f"{named_key(key)} appears twice")
        result[key] = value
    return result


def _content_problem(data: object) -> str | None:
    """What no answers file may hold, YAML or JSON: more values than MAX_VALUES (JSON is read
    whole by a fast reader, YAML stops at the limit), or half of a UTF-16 surrogate pair, as
    JSON's '\\ud800' gives, which no terminal or UTF-8 file can show."""
    pending = [data]
    count = 0
    while pending:
        item = pending.pop()
        count += 1
        if count > MAX_VALUES:
            return TOO_MANY_VALUES
        if isinstance(item, str):
            if LONE_SURROGATE.search(item):
                return (
                    "the file holds a \\u escape for half of a character (a lone surrogate), "
                    "which no text can show; remove it or write the whole character"
                )
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return None


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
