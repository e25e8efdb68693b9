"""Bank checks (cross-references and the wording rule): each problem is a path into the bank
(for file and line) and a fix."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fibrofoot.bank.check import cross_reference_problems
from fibrofoot.bank.models import Bank

Data = dict[str, Any]
Cli = Callable[..., tuple[int, str, str]]


def _question(data: Data, question_id: str) -> Data:
    return next(q for s in data["sections"] for q in s["questions"] if q["id"] == question_id)


def _signal(data: Data, signal_id: str) -> Data:
    return next(s for s in data["signals"] if s["id"] == signal_id)


def _set(path: tuple[str | int, ...], value: object) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


def _on_question(question_id: str, **changes: object) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        _question(data, question_id).update(changes)

    return edit


def _on_signal(signal_id: str, **changes: object) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        _signal(data, signal_id).update(changes)

    return edit


def _drop_signals(*signal_ids: str) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        data["signals"] = [s for s in data["signals"] if s["id"] not in signal_ids]

    return edit


def _in_question(question_id: str, *path: str | int, value: str) -> Callable[[Data], None]:
    """Set a nested field of a question, such as its first option's label."""

    def edit(data: Data) -> None:
        target: Any = _question(data, question_id)
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


def _drop_level(data: Data) -> None:
    del data["messages"]["levels"]["soon"]


def _drop_contributor(data: Data) -> None:
    data["contributors"] = [c for c in data["contributors"] if c["id"] != "gait"]
    data["signals"] = [s for s in data["signals"] if "gait" not in s["raises"]]


_OWN_SUGGESTION = [{"id": "ask_extra", "text": "An extra question?"}]


def _duplicate_contributor(data: Data) -> None:
    data["contributors"].append({**data["contributors"][0], "ask_your_clinician": _OWN_SUGGESTION})


def _add_contributor(data: Data) -> None:
    copy = {**data["contributors"][0], "id": "shoes", "ask_your_clinician": _OWN_SUGGESTION}
    data["contributors"].append(copy)


def _drop_map_feet(data: Data) -> None:
    del _question(data, "side")["map_feet"]["both"]


def _add_map_feet(data: Data) -> None:
    _question(data, "side")["map_feet"]["middle"] = {"feet": ["left"], "caption": "x"}


def _add_map_area(data: Data) -> None:
    _question(data, "where")["map_areas"]["shin"] = {"regions": ["whole"], "caption": "shin"}


def _drop_map_words(data: Data) -> None:
    data["messages"]["foot_map"] = None


# Paths in the table start with ("question", id) or ("signal", id), resolved against the bank.
Q_SIDE = ("question", "side")
Q_WHERE = ("question", "where")
Q_LONG = ("question", "stiff_long")
Q_TINGLING = ("question", "tingling")
Q_WARNING = ("question", "warning")
Q_LEVEL = ("question", "level")
S_TOES = ("signal", "o_toes")
AREA = {"regions": ["hindfoot.plantar"], "caption": "short"}

CASES: list[Any] = [
    pytest.param(
        _set(("sections", 1, "questions", 0, "part"), "pain_number"),
        ("sections", 1, "questions", 0, "part"),
        "a pain_number question must be scale ('where')",
        id="a part that does not fit the kind",
    ),
    pytest.param(
        _set(("sections", 1, "questions", 1, "max_choices"), 2),
        ("sections", 1, "questions", 1, "max_choices"),
        "max_choices is only for multi questions ('side')",
        id="max_choices on a single question",
    ),
    pytest.param(
        _set(
            ("sections", 0, "questions", 0, "options", 0, "offer_if"),
            [{"question": "where", "is": ["heel"]}],
        ),
        ("sections", 0, "questions", 0, "options", 0, "offer_if", 0, "question"),
        "'where' is not asked before 'warning'",
        id="an option offered after a later answer",
    ),
    pytest.param(
        _set(
            ("contributors", 0, "ask_your_clinician", 0, "offer_if"),
            [{"question": "where", "is": ["ankle"]}],
        ),
        ("contributors", 0, "ask_your_clinician", 0, "offer_if", 0, "is", 0),
        "'where' has no answer 'ankle'",
        id="a suggestion's offer_if with an unknown answer",
    ),
    pytest.param(
        _set(("sections", 1, "questions", 6, "offers_suggestions"), True),
        ("sections", 1, "questions", 6, "offers_suggestions"),
        "only a multi question can offer suggestions ('note')",
        id="suggestions on a text question",
    ),
    pytest.param(
        _on_question("note", id="level"),
        ("sections", 1, "questions", 6, "id"),
        "question id 'level' is used more than once",
        id="duplicate question id",
    ),
    pytest.param(
        _set(("sections", 1, "id"), "warning"),
        ("sections", 1, "id"),
        "section id 'warning' is used more than once",
        id="duplicate section id",
    ),
    pytest.param(
        _duplicate_contributor,
        ("contributors", 7, "id"),
        "contributor id 'tender_points' is used more than once",
        id="duplicate contributor id",
    ),
    pytest.param(
        _set(("red_flags", 1, "id"), "flag_emergency"),
        ("red_flags", 1, "id"),
        "red flag id 'flag_emergency' is used more than once",
        id="duplicate red flag id",
    ),
    pytest.param(
        _on_question(
            "note",
            kind="single",
            options=[{"value": "x", "label": "A"}, {"value": "x", "label": "B"}],
        ),
        ("question", "note", "options", 1, "value"),
        "option value 'x' is used more than once",
        id="duplicate option value",
    ),
    pytest.param(
        _on_question("note", kind="single", options=[{"value": "x", "label": "X"}]),
        ("question", "note", "options"),
        "needs at least two options",
        id="single with one option",
    ),
    pytest.param(
        _on_question("side", when_no="Nothing."),
        (*Q_SIDE, "when_no"),
        "when_no is only for yes_no questions",
        id="when_no on a single",
    ),
    pytest.param(
        _on_question("side", scale_low="none"),
        (*Q_SIDE, "kind"),
        "only for scale questions",
        id="scale words on a single",
    ),
    pytest.param(
        _on_question("where", ask_if=[{"question": "side", "is": ["left"]}]),
        (*Q_WHERE, "ask_if", 0, "question"),
        "not asked before it",
        id="condition on a later question",
    ),
    pytest.param(
        _on_question("stiff_long", ask_if=[{"question": "stiff_long", "is": ["short"]}]),
        (*Q_LONG, "ask_if", 0, "question"),
        "not asked before it",
        id="condition on itself",
    ),
    pytest.param(
        _on_question(
            "stiff_long",
            ask_if=[
                {"question": "where", "is": ["heel", "toes"]},
                {"question": "tingling", "is": [True]},
            ],
        ),
        (*Q_LONG, "ask_if", 0, "is"),
        "each may list only one value",
        id="several conditions with several values",
    ),
    pytest.param(
        _on_question("stiff_long", ask_if=[{"question": "level", "is": ["high"]}]),
        (*Q_LONG, "ask_if", 0),
        "is a scale: use at_least and/or at_most",
        id="scale condition with is",
    ),
    pytest.param(
        _on_question("stiff_long", ask_if=[{"question": "level", "at_least": 11}]),
        (*Q_LONG, "ask_if", 0),
        "scale bounds must be between 0 and 10",
        id="scale bound out of range",
    ),
    pytest.param(
        _on_signal("o_toes", when=[{"question": "note", "is": ["x"]}]),
        (*S_TOES, "when", 0),
        "free-text question; conditions cannot use it",
        id="condition on free text",
    ),
    pytest.param(
        _on_signal("o_toes", when=[{"question": "tingling", "at_least": 1}]),
        (*S_TOES, "when", 0),
        "give the answers to match with 'is:'",
        id="bounds on a yes_no",
    ),
    pytest.param(
        _on_signal("o_toes", when=[{"question": "side", "is": [True]}]),
        (*S_TOES, "when", 0, "is", 0),
        "'side' has no answer 'true'; use one of",
        id="true on a single",
    ),
    pytest.param(
        _on_signal("o_toes", when=[{"question": "tingling", "is": ["yes"]}]),
        (*S_TOES, "when", 0, "is", 0),
        "'tingling' has no answer 'yes'",
        id="a word on a yes_no",
    ),
    pytest.param(
        _on_signal("o_toes", when=[{"question": "big_toe", "is": [True]}]),
        (*S_TOES, "when", 0, "question"),
        "there is no question with the id 'big_toe'",
        id="signal on an unknown question",
    ),
    pytest.param(
        _on_signal("o_toes", raises=["osteoarthritis", "osteoarthritis"]),
        (*S_TOES, "raises"),
        "'osteoarthritis' is listed twice",
        id="contributor listed twice",
    ),
    pytest.param(
        _on_signal("o_toes", raises=["osteoarthritis", "shoes"]),
        (*S_TOES, "raises", 1),
        "there is no contributor 'shoes'",
        id="signal raising an unknown contributor",
    ),
    pytest.param(
        _drop_signals("g_side"),
        ("contributors", 2, "id"),
        "contributor 'gait' needs at least 2 characteristic signals",
        id="contributor with one signal",
    ),
    pytest.param(
        _on_signal("g_side", role="supporting"),
        ("contributors", 2, "id"),
        "contributor 'gait' needs at least 2 characteristic signals",
        id="a supporting signal does not count",
    ),
    pytest.param(
        _on_signal("n_tingling", when=[{"question": "tingling", "is": [True, "not_sure"]}]),
        ("signal", "n_tingling", "when", 0, "is", 1),
        "a characteristic signal may not match 'not sure'",
        id="characteristic on a not-sure yes_no",
    ),
    pytest.param(
        _on_signal("o_toes", when=[{"question": "warning", "is": ["not_sure"]}]),
        (*S_TOES, "when", 0, "is", 0),
        "a characteristic signal may not match 'not sure'",
        id="characteristic on a not-sure option",
    ),
    pytest.param(
        _drop_contributor,
        ("contributors",),
        "these contributors are missing: gait",
        id="missing contributor",
    ),
    pytest.param(
        _add_contributor,
        ("contributors", 7, "id"),
        "'shoes' is not one of the seven contributors",
        id="an eighth contributor",
    ),
    pytest.param(
        _drop_level,
        ("messages", "levels"),
        "the text for the 'soon' level is missing",
        id="missing level text",
    ),
    # The foot map: every mapped value is an answer, every foot answer is mapped, one map.
    pytest.param(
        _add_map_area,
        (*Q_WHERE, "map_areas", "shin"),
        "'where' has no answer 'shin'; its answers are: heel, toes, whole_foot",
        id="map area for an unknown answer",
    ),
    pytest.param(
        _add_map_feet,
        (*Q_SIDE, "map_feet", "middle"),
        "'side' has no answer 'middle'",
        id="map feet for an unknown answer",
    ),
    pytest.param(
        _drop_map_feet,
        (*Q_SIDE, "map_feet"),
        "say which feet to shade for every answer; missing: both",
        id="an answer with no feet to shade",
    ),
    pytest.param(
        _on_question("stiff_long", map_areas={"short": AREA}),
        (*Q_LONG, "map_areas"),
        "only one question may have map_areas ('where' has)",
        id="two questions with map areas",
    ),
    pytest.param(
        _drop_map_words,
        ("messages",),
        "messages needs its foot_map words",
        id="a map without its words",
    ),
    # The wording rule: every string fibrofoot may show is checked.
    pytest.param(
        _on_question("tingling", text="Do you have tingling?"),
        (*Q_TINGLING, "text"),
        "uses 'you have'",
        id="forbidden in question text",
    ),
    pytest.param(
        _on_question("tingling", why="Tingling helps with a diagnosis."),
        (*Q_TINGLING, "why"),
        "uses 'diagnos'",
        id="forbidden in why",
    ),
    pytest.param(
        _on_question("tingling", label="Probability of tingling"),
        (*Q_TINGLING, "label"),
        "uses 'probability'",
        id="forbidden in label",
    ),
    pytest.param(
        _on_question("tingling", when_no="You are suffering from no tingling."),
        (*Q_TINGLING, "when_no"),
        "uses 'you are suffering'",
        id="forbidden in when_no",
    ),
    pytest.param(
        _in_question("warning", "options", 0, "label", value="A sign (you have it)"),
        (*Q_WARNING, "options", 0, "label"),
        "uses 'you have'",
        id="forbidden in an option label",
    ),
    pytest.param(
        _in_question("warning", "options", 3, "negative", value="This confirms nothing."),
        (*Q_WARNING, "options", 3, "negative"),
        "uses 'confirms'",
        id="forbidden in an option negative",
    ),
    pytest.param(
        _on_question("level", scale_high="You are likely to have a problem"),
        (*Q_LEVEL, "scale_high"),
        "uses 'likely'",
        id="forbidden in a scale label",
    ),
    pytest.param(
        _set(("messages", "foot_map", "regions", "hindfoot.plantar", "word"), "Diagnosed heel"),
        ("messages", "foot_map", "regions", "hindfoot.plantar", "word"),
        "uses 'diagnos'",
        id="forbidden in a foot map word",
    ),
    pytest.param(
        _in_question("side", "map_feet", "left", "caption", value="the foot you have"),
        (*Q_SIDE, "map_feet", "left", "caption"),
        "uses 'you have'",
        id="forbidden in a foot map caption",
    ),
    pytest.param(
        _set(("sections", 1, "title"), "Your diagnosis"),
        ("sections", 1, "title"),
        "uses 'diagnos'",
        id="forbidden in a section title",
    ),
    pytest.param(
        _set(("contributors", 4, "title"), "You have osteoarthritis"),
        ("contributors", 4, "title"),
        "uses 'you have'",
        id="forbidden in a contributor title",
    ),
    pytest.param(
        _set(("contributors", 4, "explanation"), "A stiff big toe confirms it."),
        ("contributors", 4, "explanation"),
        "uses 'confirms'",
        id="forbidden in a contributor explanation",
    ),
    pytest.param(
        _set(
            ("contributors", 4, "ask_your_clinician", 0, "text"),
            "What is the % chance it is arthritis?",
        ),
        ("contributors", 4, "ask_your_clinician", 0, "text"),
        "uses '% chance'",
        id="forbidden in ask_your_clinician",
    ),
    pytest.param(
        _on_signal("o_toes", reason="This confirms you have osteoarthritis (90% chance)."),
        (*S_TOES, "reason"),
        "uses 'you have', 'confirms', '% chance'",
        id="forbidden in a signal reason",
    ),
    pytest.param(
        _set(("red_flags", 0, "message"), "You said a cold foot; you\n   have an emergency."),
        ("red_flags", 0, "message"),
        "uses 'you have'",
        id="forbidden across a line break in a red flag",
    ),
    pytest.param(
        _set(("messages", "intro"), "fibrofoot gives a DIAGNOSIS."),
        ("messages", "intro"),
        "uses 'diagnos'",
        id="forbidden in a message, in capitals",
    ),
    pytest.param(
        _set(("messages", "levels", "soon", "where_to_go"), "Book soon: you have time."),
        ("messages", "levels", "soon", "where_to_go"),
        "uses 'you have'",
        id="forbidden in a level text",
    ),
    pytest.param(
        _set(("messages", "summary", "contributors"), "What you have"),
        ("messages", "summary", "contributors"),
        "uses 'you have'",
        id="forbidden in a summary heading",
    ),
    pytest.param(
        _set(("messages", "foot_map", "where"), "Where the diagnosis is"),
        ("messages", "foot_map", "where"),
        "uses 'diagnos'",
        id="forbidden in the foot map's words",
    ),
    # Characters that could hide or reorder what a terminal shows (issue 14, class 8).
    pytest.param(
        _on_question("tingling", text="Any\x07 tingling?"),
        (*Q_TINGLING, "text"),
        "invisible control or direction character (\\u0007)",
        id="a C0 control character",
    ),
    pytest.param(
        _on_question("tingling", why="Why we\task."),
        (*Q_TINGLING, "why"),
        "(\\u0009)",
        id="a tab",
    ),
    pytest.param(
        _in_question("warning", "options", 0, "label", value="An \x7femergency\x9b sign"),
        (*Q_WARNING, "options", 0, "label"),
        "(\\u007f, \\u009b)",
        id="DEL and a C1 control character",
    ),
    pytest.param(
        _set(("red_flags", 0, "message"), "Call \u202e999 now."),
        ("red_flags", 0, "message"),
        "(\\u202e)",
        id="a bidi override",
    ),
    pytest.param(
        _on_signal("o_toes", reason="You said \u2066O1\u2069."),
        (*S_TOES, "reason"),
        "(\\u2066, \\u2069)",
        id="bidi isolates",
    ),
]

VALID_EDITS: list[Any] = [
    pytest.param(
        _set(
            ("red_flags", 0, "when"),
            [{"question": "stiff_long", "is": ["long"]}, {"question": "side", "is": ["both"]}],
        ),
        id="a red flag on later questions, combined",
    ),
    pytest.param(
        _on_signal("s_unsure", raises=["gait"]),
        id="a supporting signal on not sure",
    ),
    pytest.param(
        _on_question("tingling", text="Any tingling?\nSay yes or no."),
        id="a line break in a text",
    ),
    pytest.param(
        _on_question("tingling", text="Any ‘tingling’ — or “pins and needles”?"),
        id="typographic punctuation",
    ),
]


@pytest.fixture
def data(tiny_bank: Bank) -> Data:
    """The tiny bank as plain data, to edit and validate again."""
    return tiny_bank.model_dump(mode="json", by_alias=True)


def _resolve(bank: Bank, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Turn ("question", id, ...) or ("signal", id, ...) into the path inside the bank."""
    kind, rest = path[0], path[2:]
    if kind == "question":
        for s, section in enumerate(bank.sections):
            for q, question in enumerate(section.questions):
                if question.id == path[1]:
                    return ("sections", s, "questions", q, *rest)
    if kind == "signal":
        index = next(i for i, signal in enumerate(bank.signals) if signal.id == path[1])
        return ("signals", index, *rest)
    return path


@pytest.mark.parametrize(("edit", "path", "message"), CASES)
def test_each_cross_reference_problem_is_found_with_its_path(
    tiny_bank: Bank,
    data: Data,
    edit: Callable[[Data], None],
    path: tuple[str | int, ...],
    message: str,
) -> None:
    """One bad cross-reference gives exactly one problem, at the path of the field to fix."""
    edit(data)
    problems = cross_reference_problems(Bank.model_validate(data))
    assert len(problems) == 1, problems
    found_path, found_message = problems[0]
    assert found_path == _resolve(tiny_bank, path)
    assert message in found_message


@pytest.mark.parametrize("edit", VALID_EDITS)
def test_allowed_shapes_are_not_a_problem(data: Data, edit: Callable[[Data], None]) -> None:
    """Red flags may use any question and combine questions; supporting signals may match
    'not sure'; a text may hold line breaks and typographic punctuation."""
    edit(data)
    assert cross_reference_problems(Bank.model_validate(data)) == []


def test_a_supporting_signal_needs_a_contributor_with_a_characteristic_one(data: Data) -> None:
    """Making all of a contributor's signals supporting is reported on the contributor and on
    each supporting signal that names it."""
    for signal_id in ("g_side", "g_level"):
        _on_signal(signal_id, role="supporting")(data)
    bank = Bank.model_validate(data)
    problems = cross_reference_problems(bank)
    index = {signal.id: i for i, signal in enumerate(bank.signals)}
    assert [path for path, _ in problems] == [
        ("contributors", 2, "id"),
        ("signals", index["g_side"], "raises", 0),
        ("signals", index["g_level"], "raises", 0),
    ]
    assert all("'gait' has no characteristic signal" in message for _, message in problems[1:])


@pytest.mark.parametrize(
    "text",
    [
        "This is not a diagnosis.",
        "fibrofoot cannot diagnose anything.",
        "Do any of these apply to you?",
        "It may be worth raising with a clinician.",
    ],
)
def test_allowed_wording_is_not_a_problem(data: Data, text: str) -> None:
    """'not a diagnosis', 'cannot diagnose' and gentle phrases pass the wording check."""
    _on_signal("o_toes", reason=text)(data)
    assert cross_reference_problems(Bank.model_validate(data)) == []


def test_forbidden_wording_is_reported_with_file_and_line(tiny_bank_copy: Path, cli: Cli) -> None:
    """`questions --check` names the file, line and field of a forbidden phrase."""
    path = tiny_bank_copy / "20-pain.yaml"
    text = path.read_text(encoding="utf-8")
    old = "reason: You said O1."
    assert old in text
    path.write_text(
        text.replace(old, "reason: This confirms you have osteoarthritis (90% chance)."), "utf-8"
    )
    line = text[: text.index(old)].count("\n") + 1
    code, _, message = cli("questions", "--check", tiny_bank_copy)
    assert code == 1
    assert "1 problem:" in message
    assert re.search(
        rf"20-pain\.yaml:{line}: signals\[\d+\]\.reason: this text uses 'you have', 'confirms', "
        "'% chance'",
        message,
    ), message
