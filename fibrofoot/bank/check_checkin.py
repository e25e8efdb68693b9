"""Checks of the check-in (`checkin` in the bank): the walkthrough questions it repeats exist,
its own questions have ids of their own and the shapes their kinds need, and its trend is a
0-10 question it asks. Problems are paths into the merged bank, as in `check_shapes.py`."""

from __future__ import annotations

from collections.abc import Iterator

from fibrofoot.bank.base import Kind
from fibrofoot.bank.models import Bank, Question
from fibrofoot.yamlfile import Path_

Problem = tuple[Path_, str]


def checkin_problems(bank: Bank) -> Iterator[Problem]:
    checkin = bank.checkin
    if checkin is None:
        return
    seen: set[str] = set()
    for a, question_id in enumerate(checkin.asks):
        where: Path_ = ("checkin", "asks", a)
        if not bank.has_question(question_id):
            yield where, f"there is no walkthrough question with the id '{question_id}' to ask."
        elif question_id in seen:
            yield where, f"'{question_id}' is asked twice in the check-in."
        seen.add(question_id)
    for q, question in enumerate(checkin.questions):
        path: Path_ = ("checkin", "questions", q)
        if bank.has_question(question.id):
            yield (
                (*path, "id"),
                (
                    f"'{question.id}' is a walkthrough question already; list it under 'asks' "
                    "to ask it again, or give this question an id of its own."
                ),
            )
        elif question.id in seen:
            yield (*path, "id"), f"the question id '{question.id}' is used more than once."
        seen.add(question.id)
        if question.kind in (Kind.SINGLE, Kind.MULTI) and len(question.options) < 2:
            yield (*path, "options"), f"question '{question.id}' needs at least two options."
        if question.kind not in (Kind.SINGLE, Kind.MULTI) and question.options:
            yield (*path, "options"), "only single and multi questions have options."
        if question.ask_if:
            yield (*path, "ask_if"), "check-in questions are all asked; remove ask_if."
        if question.map_areas or question.map_feet:
            yield (*path, "map_areas"), "the foot map is drawn from the walkthrough's questions."
    asked = {q.id: q for q in bank.checkin_questions()}
    trend = asked.get(checkin.trend)
    if trend is None or trend.kind is not Kind.SCALE:
        yield ("checkin", "trend"), "the trend must be a 0-10 (scale) question the check-in asks."
    if checkin.where is not None:
        yield from _where(bank, asked.get(checkin.where))


def _where(bank: Bank, where: Question | None) -> Iterator[Problem]:
    """The check-in's "where" answers places of the foot map: its values are the map's."""
    mapped = next((q for q in bank.questions if q.map_areas), None)
    if where is None or where.kind is not Kind.MULTI or mapped is None:
        yield (
            ("checkin", "where"),
            "'where' must be a multi question the check-in asks, and the bank needs a "
            "question with map_areas.",
        )
        return
    places = {o.value for o in mapped.options}
    unknown = [o.value for o in where.options if not o.exclusive and o.value not in places]
    if unknown:
        yield (
            ("checkin", "where"),
            f"these answers of '{where.id}' are not answers of '{mapped.id}' (the foot map's "
            f"question): {', '.join(unknown)}.",
        )


def checkin_texts(bank: Bank) -> Iterator[tuple[Path_, str]]:
    """The check-in's own texts, for the wording and character checks."""
    checkin = bank.checkin
    if checkin is None:
        return
    yield ("checkin", "title"), checkin.title
    yield ("checkin", "intro"), checkin.intro
    for q, question in enumerate(checkin.questions):
        path: Path_ = ("checkin", "questions", q)
        for key in ("text", "why", "label", "scale_low", "scale_high"):
            text = getattr(question, key)
            if text is not None:
                yield (*path, key), text
        for o, option in enumerate(question.options):
            yield (*path, "options", o, "label"), option.label
