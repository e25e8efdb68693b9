"""Bank checks of ids, shapes and conditions: what the field types alone cannot express.

Each problem is a path into the merged bank (so the loader can name file and line) and a
sentence that says what to change. The checks of content (contributors, roles, levels, wording)
are in `check.py`, which runs both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fibrofoot.bank.base import NOT_SURE, SCALE_MAX, SCALE_MIN, Condition, Kind
from fibrofoot.bank.foot_map import DRAWN_REGIONS, MAP_ASPECTS, MAP_PARTS, WHOLE_FOOT
from fibrofoot.bank.models import Bank, Question
from fibrofoot.yamlfile import Path_

Problem = tuple[Path_, str]


def shape_problems(bank: Bank) -> list[Problem]:
    return [
        *_duplicate_ids(bank),
        *_question_shapes(bank),
        *_conditions(bank),
        *_foot_map(bank),
        *_retired(bank),
    ]


def question_paths(bank: Bank) -> Iterator[tuple[Path_, Question]]:
    for s, section in enumerate(bank.sections):
        for q, question in enumerate(section.questions):
            yield ("sections", s, "questions", q), question


def _duplicates(
    items: Iterable[tuple[Path_, str]], what: str, key: str = "id"
) -> Iterator[Problem]:
    seen: set[str] = set()
    for path, item_id in items:
        if item_id in seen:
            yield (*path, key), f"the {what} {key} '{item_id}' is used more than once."
        seen.add(item_id)


def _duplicate_ids(bank: Bank) -> Iterator[Problem]:
    yield from _duplicates(((p, q.id) for p, q in question_paths(bank)), "question")
    lists = {
        "sections": "section",
        "contributors": "contributor",
        "signals": "signal",
        "red_flags": "red flag",
        "retired_questions": "retired question",
    }
    for key, what in lists.items():
        items = getattr(bank, key)
        yield from _duplicates((((key, i), item.id) for i, item in enumerate(items)), what)
    for path, question in question_paths(bank):
        yield from _duplicates(
            (((*path, "options", i), o.value) for i, o in enumerate(question.options)),
            "option",
            "value",
        )


def _question_shapes(bank: Bank) -> Iterator[Problem]:
    for path, question in question_paths(bank):
        has_options = question.kind in (Kind.SINGLE, Kind.MULTI)
        if has_options and len(question.options) < 2:
            yield (*path, "options"), f"question '{question.id}' needs at least two options."
        if not has_options and question.options:
            yield (
                (*path, "options"),
                (
                    f"question '{question.id}' is {question.kind.value}; only single and multi "
                    "questions have options."
                ),
            )
        if question.kind is not Kind.YES_NO and question.when_no:
            yield (*path, "when_no"), f"when_no is only for yes_no questions ('{question.id}')."
        if question.kind is not Kind.SCALE and (question.scale_low or question.scale_high):
            yield (
                (*path, "kind"),
                f"scale_low/scale_high are only for scale questions ('{question.id}').",
            )


def _conditions(bank: Bank) -> Iterator[Problem]:
    position = {q.id: i for i, q in enumerate(bank.questions)}
    for path, question in question_paths(bank):
        conditions = question.ask_if
        for c, condition in enumerate(conditions):
            where = (*path, "ask_if", c)
            yield from condition_problems(bank, condition, where)
            if position.get(condition.question, -1) >= position[question.id]:
                yield (
                    (*where, "question"),
                    (
                        f"question '{question.id}' depends on '{condition.question}', which is not "
                        "asked before it; a condition may only use earlier questions."
                    ),
                )
            if len(conditions) > 1 and len(condition.is_ or ()) > 1:
                yield (
                    (*where, "is"),
                    ("when ask_if has several conditions, each may list only one value."),
                )
    for s, signal in enumerate(bank.signals):
        for c, condition in enumerate(signal.when):
            yield from condition_problems(bank, condition, ("signals", s, "when", c))
    for f, flag in enumerate(bank.red_flags):
        for c, condition in enumerate(flag.when):
            yield from condition_problems(bank, condition, ("red_flags", f, "when", c))


def condition_problems(bank: Bank, condition: Condition, where: Path_) -> Iterator[Problem]:
    if not bank.has_question(condition.question):
        yield (*where, "question"), f"there is no question with the id '{condition.question}'."
        return
    question = bank.question(condition.question)
    bounded = condition.at_least is not None or condition.at_most is not None
    if question.kind is Kind.SCALE:
        if condition.is_ is not None or not bounded:
            yield where, f"'{question.id}' is a scale: use at_least and/or at_most, not 'is'."
        for bound in (condition.at_least, condition.at_most):
            if bound is not None and not SCALE_MIN <= bound <= SCALE_MAX:
                yield where, f"scale bounds must be between {SCALE_MIN} and {SCALE_MAX}."
        return
    if question.kind is Kind.TEXT:
        yield where, f"'{question.id}' is a free-text question; conditions cannot use it."
        return
    if bounded or not condition.is_:
        yield where, f"give the answers to match with 'is:' (a list of values of '{question.id}')."
        return
    allowed: set[bool | str]
    if question.kind is Kind.YES_NO:
        allowed = {True, False, NOT_SURE}
    else:
        allowed = {o.value for o in question.options}
    for v, value in enumerate(condition.is_):
        if value not in allowed or (isinstance(value, bool) and question.kind is not Kind.YES_NO):
            shown = ", ".join(str(a).lower() for a in sorted(allowed, key=str))
            hint = ""
            if isinstance(value, bool) and question.kind is not Kind.YES_NO:
                hint = ' YAML reads a bare yes/no as true/false: write "yes" or "no" in quotes.'
            yield (
                (*where, "is", v),
                f"'{question.id}' has no answer '{str(value).lower()}'; use one of: {shown}.{hint}",
            )


def _foot_map(bank: Bank) -> Iterator[Problem]:
    """Each map key must be an answer value of its question, and a map needs its words."""
    for key in ("map_areas", "map_feet"):
        mapped = [(path, q) for path, q in question_paths(bank) if getattr(q, key)]
        for path, _ in mapped[1:]:
            yield (*path, key), f"only one question may have {key} ('{mapped[0][1].id}' has)."
        for path, question in mapped:
            values = [o.value for o in question.options]
            for value in getattr(question, key):
                if value not in values:
                    shown = ", ".join(values) or "none (it has no options)"
                    yield (
                        (*path, key, value),
                        f"'{question.id}' has no answer '{value}'; "
                        + (f"its answers are: {shown}."),
                    )
            if unmapped := [v for v in values if key == "map_feet" and v not in question.map_feet]:
                missing = ", ".join(unmapped)
                yield (*path, key), f"say which feet to shade for every answer; missing: {missing}."
    yield from _map_regions(bank)


def _map_regions(bank: Bank) -> Iterator[Problem]:
    """Every region shaded is one a drawing has, and has its words in messages.foot_map."""
    used: dict[str, str] = {}  # region -> the first answer that shades it
    for path, question in question_paths(bank):
        for value, area in question.map_areas.items():
            for r, region in enumerate(area.regions):
                where: Path_ = (*path, "map_areas", value, "regions", r)
                if problem := _region_problem(region):
                    yield where, problem
                else:
                    used.setdefault(region, value)
    words = bank.messages.foot_map
    if words is None:
        if used:
            yield ("messages",), "a question has map_areas, so messages needs its foot_map words."
        return
    for region in words.regions:
        if problem := _region_problem(region):
            yield ("messages", "foot_map", "regions", region), problem
    for region, value in used.items():
        if region not in words.regions:
            yield (
                ("messages", "foot_map", "regions"),
                f"the answer '{value}' shades '{region}', so give '{region}' a word and a "
                "label here.",
            )


def _region_problem(region: str) -> str | None:
    """Why `region` cannot be shaded: not a region id, or one no drawing has."""
    if region in DRAWN_REGIONS:
        return None
    part, _, aspect = region.partition(".")
    if part in MAP_PARTS and aspect in MAP_ASPECTS:
        drawn = ", ".join(DRAWN_REGIONS)
        return f"no drawing shows '{region}'; the drawn regions are: {drawn}."
    return (
        f"'{region}' is not a foot map region. A region is a part ({', '.join(MAP_PARTS)}), a "
        f"dot and a side of it ({', '.join(MAP_ASPECTS)}), like hindfoot.plantar, or "
        f"'{WHOLE_FOOT}' for the whole foot."
    )


def _retired(bank: Bank) -> Iterator[Problem]:
    """A retired id is no longer asked, and a saved 'yes' to it becomes a tick that can be
    combined with the others ticked in a multi question."""
    for r, retired in enumerate(bank.retired_questions):
        where: Path_ = ("retired_questions", r)
        if bank.has_question(retired.id):
            yield (
                (*where, "id"),
                (
                    f"'{retired.id}' is still a question; remove the question, or remove it from "
                    "retired_questions."
                ),
            )
        target = retired.becomes.question
        if not bank.has_question(target) or bank.question(target).kind is not Kind.MULTI:
            yield (
                (*where, "becomes", "question"),
                f"'{target}' is not a multi question; a retired answer becomes a tick in one.",
            )
            continue
        options = {o.value: o for o in bank.question(target).options}
        option = options.get(retired.becomes.value)
        if option is None or option.exclusive:
            shown = ", ".join(value for value, o in options.items() if not o.exclusive)
            yield (
                (*where, "becomes", "value"),
                (
                    f"'{target}' has no answer '{retired.becomes.value}' that can be combined "
                    f"with others; use one of: {shown}."
                ),
            )
