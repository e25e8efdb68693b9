"""The plain prompter on the tiny bank: numbered answers typed as text, for screen readers and
simple terminals."""

from __future__ import annotations

import io

import pytest

from fibrofoot.answers import AnswerValue
from fibrofoot.bank.base import NOT_SURE, Kind
from fibrofoot.bank.models import Bank, Question
from fibrofoot.terminal.plain import PlainPrompter
from fibrofoot.terminal.prompter import AnswerOrBack, Nav, Navigation, option_rows

BACK = Navigation(can_go_back=True)
FIRST = Navigation(can_go_back=False)


def typing(*lines: str) -> PlainPrompter:
    """A plain prompter that reads these lines, then end of input."""
    return PlainPrompter(io.StringIO("".join(f"{line}\n" for line in lines)), io.StringIO())


def said(prompter: PlainPrompter) -> str:
    out = prompter.out
    assert isinstance(out, io.StringIO)
    return " ".join(out.getvalue().split())


def ask(
    prompter: PlainPrompter,
    question: Question,
    default: AnswerValue | None = None,
    nav: Navigation = BACK,
) -> AnswerOrBack:
    return prompter.ask(question, default, nav)


def text_question(bank: Bank) -> Question:
    return next(q for q in bank.questions if q.kind is Kind.TEXT)


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


def test_answers_are_listed_with_numbers(tiny_bank: Bank) -> None:
    """Each answer is shown on its own line with the number to type."""
    prompter = typing("1")
    ask(prompter, tiny_bank.question("side"))
    out = prompter.out
    assert isinstance(out, io.StringIO)
    lines = out.getvalue().splitlines()
    assert "  1  Left" in lines
    assert "  3  Both" in lines


def test_yes_no_by_number(tiny_bank: Bank) -> None:
    """1 is Yes, 2 is No and 3 is Not sure."""
    prompter = typing("1", "2", "3")
    question = tiny_bank.question("tingling")
    assert [ask(prompter, question) for _ in range(3)] == [True, False, NOT_SURE]


def test_single_choice_by_number(tiny_bank: Bank) -> None:
    """A number picks that answer's value."""
    assert ask(typing("3"), tiny_bank.question("side")) == "both"


def test_multi_takes_several_numbers_in_any_order(tiny_bank: Bank) -> None:
    """Numbers separated by commas or spaces give the values in the bank's order."""
    prompter = typing("3, 1", "2 3;1")
    question = tiny_bank.question("where")
    assert ask(prompter, question) == ["heel", "whole_foot"]
    assert ask(prompter, question) == ["heel", "toes", "whole_foot"]


def test_multi_refuses_an_exclusive_answer_with_others(tiny_bank: Bank) -> None:
    """Ticking "None of these" with another answer is explained and asked again."""
    question = tiny_bank.question("warning")
    none = str([token for token, _ in option_rows(question)].index("none") + 1)
    prompter = typing(f"1,{none}", none)
    assert ask(prompter, question) == ["none"]
    assert "'None of these' cannot be combined with other answers." in said(prompter)


@pytest.mark.parametrize("typed", ["0", "4", "x", "1,2", "", "1.5"])
def test_single_choice_refuses_what_is_not_one_listed_number(tiny_bank: Bank, typed: str) -> None:
    """Anything but one number from the list says what to type and asks again."""
    prompter = typing(typed, "2")
    assert ask(prompter, tiny_bank.question("side")) == "right"
    assert "Please type a number from 1 to 3." in said(prompter)


def test_scale_takes_a_whole_number_from_0_to_10(tiny_bank: Bank) -> None:
    """The 0-10 question takes the number itself; out-of-range or other text is refused."""
    prompter = typing("11", "-1", "seven", "7", "0")
    question = tiny_bank.question("level")
    assert ask(prompter, question) == 7
    assert ask(prompter, question) == 0
    assert said(prompter).count("Please type a whole number from 0 to 10.") == 3


def test_scale_ends_are_described_once(tiny_bank: Bank) -> None:
    """The scale's ends are shown as the bank words them, without the number twice."""
    prompter = typing("4")
    ask(prompter, tiny_bank.question("level"))
    shown = said(prompter)
    assert "0 means none; 10 means the worst" in shown
    assert "0 = 0" not in shown


def test_text_returns_the_typed_line(tiny_bank: Bank) -> None:
    """A text question returns the line; an empty line skips it."""
    prompter = typing("Worse after work.", "")
    question = text_question(tiny_bank)
    assert ask(prompter, question) == "Worse after work."
    assert ask(prompter, question) == ""


@pytest.mark.parametrize(
    ("question_id", "default", "kept"),
    [
        ("side", "both", "Both"),
        ("where", ["heel", "whole_foot"], "Heel; Whole foot"),
        ("level", 3, "3 out of 10"),
        ("tingling", False, "No"),
        ("note", "Earlier note", "Earlier note"),
    ],
)
def test_enter_keeps_the_previous_answer(
    tiny_bank: Bank, question_id: str, default: AnswerValue, kept: str
) -> None:
    """With an earlier answer, the prompt says in words what Enter keeps, and Enter keeps it."""
    prompter = typing("")
    assert ask(prompter, tiny_bank.question(question_id), default) == default
    assert f"Press Enter alone to keep: {kept}." in said(prompter)


@pytest.mark.parametrize("question_id", ["side", "where", "level", "tingling", "note"])
@pytest.mark.parametrize("typed", ["b", "B"])
def test_b_goes_back(tiny_bank: Bank, question_id: str, typed: str) -> None:
    """Typing b (either case) goes back from every kind of question."""
    prompter = typing(typed)
    assert ask(prompter, tiny_bank.question(question_id)) is Nav.BACK
    assert "Type b to go back" in said(prompter)


def test_b_at_the_first_question_says_there_is_nothing_before(tiny_bank: Bank) -> None:
    """At the first question b is explained, not obeyed, and the prompt offers no going back."""
    prompter = typing("b", "4")
    assert ask(prompter, tiny_bank.question("warning"), nav=FIRST) == ["none"]
    shown = said(prompter)
    assert "This is the first question; there is nothing to go back to." in shown
    assert "b to go back" not in shown


@pytest.mark.parametrize("question_id", ["side", "where", "level", "tingling", "note"])
def test_question_mark_shows_why_and_asks_again(tiny_bank: Bank, question_id: str) -> None:
    """Typing ? shows the "why we ask" line; the next line answers the same question."""
    question = tiny_bank.question(question_id)
    prompter = typing("?", "1")
    answer = ask(prompter, question)
    assert answer is not Nav.BACK
    assert f"Why we ask: {question.why}" in said(prompter)
    assert said(prompter).count("? for why we ask") == 2


def test_end_of_input_stops_like_ctrl_c(tiny_bank: Bank) -> None:
    """Ctrl-D (end of input) stops the walkthrough the way Ctrl-C does."""
    with pytest.raises(KeyboardInterrupt):
        ask(typing(), tiny_bank.question("side"))


def test_choose_by_number_with_a_default() -> None:
    """The walkthrough's menus are numbered too; Enter picks the default; bad input is refused."""
    prompter = typing("", "9", "2")
    choices = [("stop", "Stop here"), ("continue", "Carry on")]
    assert prompter.choose("What would you like to do?", choices, "stop") == "stop"
    assert prompter.choose("What would you like to do?", choices, "stop") == "continue"
    shown = said(prompter)
    assert "1 Stop here 2 Carry on" in shown
    assert "Press Enter alone for: Stop here." in shown
    assert "Please type a number from 1 to 2." in shown


def test_type_text_keeps_the_suggested_name() -> None:
    """A file-name prompt shows the suggestion; Enter keeps it, typing replaces it."""
    prompter = typing("", "mine.txt")
    assert prompter.type_text("Save as", "summary.txt") == "summary.txt"
    assert prompter.type_text("Save as", "summary.txt") == "mine.txt"
    assert "Save as (Enter for summary.txt):" in said(prompter)


def test_output_has_no_escape_sequences(tiny_bank: Bank) -> None:
    """Plain means plain: no colour or cursor codes for a screen reader to read out."""
    prompter = typing("1", "1,2", "5", "b")
    for question_id in ("side", "where", "level", "note"):
        ask(prompter, tiny_bank.question(question_id))
    out = prompter.out
    assert isinstance(out, io.StringIO)
    assert "\x1b" not in out.getvalue()


def test_long_answers_wrap_under_their_text(
    tiny_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a narrow terminal an answer's second line lines up under its words, not its number."""
    monkeypatch.setenv("COLUMNS", "40")
    side = tiny_bank.question("side")
    long = side.options[0].model_copy(
        update={"label": "Sudden cold, pale or blue foot, very sore or numb"}
    )
    prompter = typing("1")
    ask(prompter, side.model_copy(update={"options": [long, *side.options[1:]]}))
    out = prompter.out
    assert isinstance(out, io.StringIO)
    lines = out.getvalue().splitlines()
    first = lines.index("  1  Sudden cold, pale or blue foot,")
    assert lines[first + 1] == "     very sore or numb"


def test_a_scale_that_offers_not_sure_takes_n(agenda_bank: Bank) -> None:
    """Typing n answers "Not sure" where the scale offers it, and the prompt says so."""
    prompter = typing("n", "4")
    question = agenda_bank.question("now")
    assert ask(prompter, question) == "not_sure"
    assert ask(prompter, question) == 4
    assert "Type a number from 0 to 10 or n for not sure" in said(prompter)


def test_a_multi_with_max_choices_asks_again_for_fewer(agenda_bank: Bank) -> None:
    question = agenda_bank.question("agenda")
    prompter = typing("1 2 3 4", "1 2 3")
    assert ask(prompter, question) == ["ask_t", "ask_m", "ask_m_shared"]
    assert "Choose up to 3 answers." in said(prompter)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("y", True), ("Yes", True), ("N", False), ("no", False), ("not sure", NOT_SURE)],
)
def test_yes_no_questions_take_the_words(tiny_bank: Bank, typed: str, value: AnswerValue) -> None:
    """y, yes, n, no (any case) and the other answers' words are accepted; the choice is
    echoed in words."""
    prompter = typing(typed)
    assert ask(prompter, tiny_bank.question("tingling")) == value
    echoed = {True: "Yes", False: "No", NOT_SURE: "Not sure"}[value]
    assert f"You chose: {echoed}." in said(prompter)


def test_a_typed_number_is_echoed_in_words(tiny_bank: Bank) -> None:
    prompter = typing("1,3", "7")
    assert ask(prompter, tiny_bank.question("where")) == ["heel", "whole_foot"]
    assert ask(prompter, tiny_bank.question("level")) == 7
    assert "You chose: Heel; Whole foot." in said(prompter)
    assert "You chose: 7 out of 10." in said(prompter)


@pytest.mark.parametrize("question_id", ["side", "where", "level", "tingling", "note"])
def test_f_finishes_early_where_the_walk_allows_it(tiny_bank: Bank, question_id: str) -> None:
    prompter = typing("f")
    finishing = Navigation(can_go_back=True, can_finish=True)
    assert ask(prompter, tiny_bank.question(question_id), nav=finishing) is Nav.FINISH
    assert "f to finish now" in said(prompter)


def test_prompts_read_well_aloud_and_wrap_on_words(
    tiny_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No '=' or other symbols in the keys' words; at 40 columns no line is longer than the
    terminal and no word is cut."""
    monkeypatch.setenv("COLUMNS", "40")
    prompter = typing("1")
    ask(prompter, tiny_bank.question("side"), "both", Navigation(True, can_finish=True))
    assert isinstance(prompter.out, io.StringIO)
    lines = prompter.out.getvalue().splitlines()
    assert all(len(line) < 40 for line in lines)
    assert "=" not in prompter.out.getvalue()
    assert "Type b to go back, ? for why we ask, f to finish now." in said(prompter)


def test_a_kept_note_can_be_emptied(tiny_bank: Bank) -> None:
    prompter = typing("clear")
    assert ask(prompter, text_question(tiny_bank), "Earlier note") == ""
    assert "Type clear to empty it." in said(prompter)


STIFFNESS = Question.model_validate(
    {
        "id": "stiff",
        "text": "Stiff?",
        "why": "Why.",
        "label": "Stiffness",
        "kind": "multi",
        "options": [
            {"value": "both_feet", "label": "Both feet"},
            {"value": "short", "label": "Yes, it eases within 30 minutes"},
            {"value": "long", "label": "Yes, for 30 minutes or more"},
            {"value": "none", "label": "None of these", "exclusive": True},
        ],
    }
)


@pytest.mark.parametrize(
    ("typed", "value"), [("both", ["both_feet"]), ("None", ["none"]), ("yes, it", ["short"])]
)
def test_the_first_words_of_one_answer_choose_it(typed: str, value: AnswerValue) -> None:
    """A tired person types "both" or "none", not "Both feet" or "None of these"."""
    prompter = typing(typed)
    assert ask(prompter, STIFFNESS) == value


def test_words_that_start_several_answers_ask_for_a_number() -> None:
    prompter = typing("yes", "3")
    assert ask(prompter, STIFFNESS) == ["long"]
    assert "Answers 2 and 3 start with those words: type the number of one." in said(prompter)


def test_a_word_inside_another_does_not_choose_it() -> None:
    """ "no" is not the start of "None of these"."""
    prompter = typing("no", "4")
    assert ask(prompter, STIFFNESS) == ["none"]
    assert "Please type numbers from 1 to 4." in said(prompter)
