"""The arrow-key prompter on the tiny bank, in process: keys go in through prompt_toolkit's pipe
input."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from helpers.terminal import Keyboard, answer_keys, choice_keys, deadline
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from fibrofoot.answers import AnswerValue
from fibrofoot.bank.models import NOT_SURE, Bank, Kind, Question
from fibrofoot.terminal.menus import QuestionaryPrompter
from fibrofoot.terminal.prompter import AnswerOrBack, Nav, Navigation, option_rows

BACK = Navigation(can_go_back=True)
FIRST = Navigation(can_go_back=False)
DOWN, UP, LEFT = Keyboard.Down, Keyboard.Up, Keyboard.Left
ENTER, SPACE, CTRL_C = Keyboard.Enter, Keyboard.Space, Keyboard.ControlC


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[PipeInput]:
    """Keys typed into every prompt opened inside the test; the screen goes nowhere.

    A prompt still waiting after all the keys were used fails the test instead of hanging it.
    """
    monkeypatch.setenv("COLUMNS", "100")
    with (
        deadline(),
        create_pipe_input() as inp,
        create_app_session(input=inp, output=DummyOutput()),
    ):
        yield inp


@pytest.fixture
def prompter() -> QuestionaryPrompter:
    return QuestionaryPrompter(io.StringIO())


def said(prompter: QuestionaryPrompter) -> str:
    """What the prompter showed on its out stream, as words."""
    out = prompter.out
    assert isinstance(out, io.StringIO)
    return " ".join(out.getvalue().split())


def ask(
    prompter: QuestionaryPrompter,
    question: Question,
    default: AnswerValue | None = None,
    nav: Navigation = BACK,
) -> AnswerOrBack:
    return prompter.ask(question, default, nav)


def first_of_kind(bank: Bank, kind: Kind) -> Question:
    return next(q for q in bank.questions if q.kind is kind)


def menu_size(question: Question) -> int:
    return len(option_rows(question))


# --- every kind of question -------------------------------------------------------------------


def test_yes_no_answers_yes_no_and_not_sure(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """A yes/no question returns True, False or "not_sure" by position in the menu."""
    question = tiny_bank.question("tingling")
    keys.send_text(ENTER + DOWN + ENTER + DOWN * 2 + ENTER)
    assert [ask(prompter, question) for _ in range(3)] == [True, False, NOT_SURE]


def test_single_choice_returns_the_option_value(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """A one-answer question returns the value of the option the pointer is on."""
    question = tiny_bank.question("side")
    keys.send_text(answer_keys(question, "both"))
    assert ask(prompter, question) == "both"


def test_an_exclusive_not_sure_is_an_answer(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Ticking "Not sure" alone gives that answer; it is not a skip."""
    question = tiny_bank.question("warning")
    keys.send_text(answer_keys(question, [NOT_SURE]))
    assert ask(prompter, question, nav=FIRST) == [NOT_SURE]


def test_the_pointer_starts_on_the_previous_answer(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Enter alone keeps the answer given before (going back, review, --answers)."""
    keys.send_text(ENTER + ENTER + ENTER)
    assert ask(prompter, tiny_bank.question("side"), "both") == "both"
    assert ask(prompter, tiny_bank.question("tingling"), False) is False
    assert ask(prompter, tiny_bank.question("level"), 7) == 7


def test_scale_returns_a_whole_number(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """A 0-10 question returns the number chosen, as an int."""
    question = tiny_bank.question("level")
    keys.send_text(DOWN * 6 + ENTER + UP + ENTER)
    assert ask(prompter, question) == 6
    assert ask(prompter, question, 3) == 2


def test_scale_ends_are_described_without_repeating_the_number(tiny_bank: Bank) -> None:
    """Words that start with their number are shown as they are ("0 means none", not
    "0 - 0 means none"); other words follow the number."""
    question = tiny_bank.question("level")
    assert question.scale_low == "0 means none"
    rows = dict(option_rows(question))
    assert rows["0"] == "0 means none"
    assert rows["10"] == "10 means the worst"
    assert rows["5"] == "5"
    reworded = dict(option_rows(question.model_copy(update={"scale_high": "the worst"})))
    assert reworded["10"] == "10 - the worst"


def test_multi_returns_the_ticked_options_in_bank_order(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Space ticks, Enter accepts; the answer lists the ticked values in the bank's order."""
    question = tiny_bank.question("where")
    keys.send_text(DOWN * 2 + SPACE + UP * 2 + SPACE + ENTER)
    assert ask(prompter, question) == ["heel", "whole_foot"]
    assert "→ Heel; Whole foot" in said(prompter)


def test_multi_starts_with_the_previous_answer_ticked(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """A multi question offered again shows the earlier ticks; Enter keeps them."""
    question = tiny_bank.question("where")
    keys.send_text(ENTER)
    assert ask(prompter, question, ["toes", "whole_foot"]) == ["toes", "whole_foot"]


def test_multi_refuses_an_empty_answer(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Enter with nothing ticked is refused, and the question stays open."""
    question = tiny_bank.question("where")
    keys.send_text(ENTER + DOWN + SPACE + ENTER)
    assert ask(prompter, question) == ["toes"]


def test_multi_refuses_an_exclusive_option_with_others(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Ticking "None of these" with another answer is refused until one is unticked."""
    question = tiny_bank.question("warning")
    none = [token for token, _ in option_rows(question)].index("none")
    # Tick the first answer and "None of these", try Enter, untick the first, Enter again.
    keys.send_text(SPACE + DOWN * none + SPACE + ENTER + UP * none + SPACE + ENTER)
    assert ask(prompter, question, nav=FIRST) == ["none"]


def test_the_exclusive_rule_is_explained_in_words(tiny_bank: Bank) -> None:
    """The refusal names the exclusive answer, so the person knows what to untick."""
    from fibrofoot.terminal.prompter import choice_problem

    question = tiny_bank.question("warning")
    problem = choice_problem(question, ["emergency_sign", "not_sure"])
    assert problem == "'Not sure' cannot be combined with other answers."
    assert choice_problem(question, ["emergency_sign", "today_sign"]) is None


@pytest.mark.parametrize(
    ("question_id", "problem"),
    [
        ("warning", "Choose at least one answer (or 'None of these')."),
        ("where", "Choose at least one answer."),
    ],
)
def test_an_empty_answer_is_explained_in_one_short_line(
    tiny_bank: Bank, question_id: str, problem: str
) -> None:
    """The message names the way out only where the question has one, and fits 60 columns."""
    from fibrofoot.terminal.prompter import choice_problem

    assert choice_problem(tiny_bank.question(question_id), []) == problem
    assert len(problem) < 60


def test_text_returns_what_was_typed(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """A text question returns the typed line; Enter alone keeps the earlier text."""
    question = first_of_kind(tiny_bank, Kind.TEXT)
    keys.send_text("It hurts most after work.\r" + ENTER)
    assert ask(prompter, question) == "It hurts most after work."
    assert ask(prompter, question, "Earlier note") == "Earlier note"


def test_text_may_be_left_empty(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """An empty text answer is allowed (the note is optional)."""
    keys.send_text(ENTER)
    assert ask(prompter, first_of_kind(tiny_bank, Kind.TEXT)) == ""


# --- going back --------------------------------------------------------------------------------


@pytest.mark.parametrize("question_id", ["side", "where", "level", "tingling"])
def test_left_arrow_goes_back(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter, question_id: str
) -> None:
    """← in any menu (one answer, ticks, scale, yes/no) returns Nav.BACK."""
    keys.send_text(LEFT)
    assert ask(prompter, tiny_bank.question(question_id)) is Nav.BACK


def test_left_arrow_after_ticking_still_goes_back(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """← goes back even with boxes ticked: ticks on a question left unanswered are not kept."""
    keys.send_text(SPACE + DOWN + SPACE + LEFT)
    assert ask(prompter, tiny_bank.question("where")) is Nav.BACK


def test_back_entry_goes_back(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """The "← Back to the previous question" entry under the answers returns Nav.BACK."""
    question = tiny_bank.question("side")
    # Answers, then "Why we ask this", then Back (Down skips the blank separator).
    keys.send_text(DOWN * (menu_size(question) + 1) + ENTER)
    assert ask(prompter, question) is Nav.BACK


def test_first_question_has_no_back(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """With nowhere to go back to, ← does nothing and there is no Back entry to land on."""
    question = tiny_bank.question("tingling")
    # ←, then the same Downs that reach Back elsewhere: here they wrap round to "Yes".
    keys.send_text(LEFT + DOWN * (menu_size(question) + 1) + ENTER)
    assert ask(prompter, question, nav=FIRST) is True
    assert said(prompter).count(question.text) == 1


def test_first_multi_question_keeps_ticks_when_left_is_pressed(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """At the first question a stray ← neither redraws the question nor loses the ticks."""
    question = tiny_bank.question("warning")
    keys.send_text(SPACE + LEFT + ENTER)
    assert ask(prompter, question, nav=FIRST) == [option_rows(question)[0][0]]


def test_typing_less_than_in_text_goes_back(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """In a text box, typing < (then Enter) goes back."""
    keys.send_text(" < \r")
    assert ask(prompter, first_of_kind(tiny_bank, Kind.TEXT)) is Nav.BACK


def test_less_than_key_in_a_menu_goes_back(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """The < key works in menus too, as the hint for text boxes says."""
    keys.send_text("<")
    assert ask(prompter, tiny_bank.question("side")) is Nav.BACK


# --- why we ask ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "value"),
    [("side", "both"), ("where", ["toes"]), ("level", 4), ("tingling", False)],
)
def test_question_mark_key_shows_why_and_asks_again(
    tiny_bank: Bank,
    keys: PipeInput,
    prompter: QuestionaryPrompter,
    question_id: str,
    value: AnswerValue,
) -> None:
    """? prints the "why we ask" line to the prompter's stream and the question comes back."""
    question = tiny_bank.question(question_id)
    keys.send_text("?" + answer_keys(question, value))
    assert ask(prompter, question) == value
    shown = said(prompter)
    assert f"Why we ask: {question.why}" in shown
    assert shown.count(question.text) == 2
    assert shown.index("Why we ask:") < shown.rindex(question.text)


def test_question_mark_keeps_the_boxes_ticked_so_far(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Ticks made before pressing ? are still ticked when the question comes back."""
    keys.send_text(SPACE + DOWN + SPACE + "?" + ENTER)
    assert ask(prompter, tiny_bank.question("where")) == ["heel", "toes"]


def test_why_entry_shows_why_and_asks_again(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Choosing "Why we ask this" prints the reason, then the same question is asked again."""
    question = tiny_bank.question("stiffness")
    keys.send_text(DOWN * menu_size(question) + ENTER + DOWN + ENTER)
    assert ask(prompter, question) is False
    assert f"Why we ask: {question.why}" in said(prompter)


def test_question_mark_in_text_shows_why(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """In a text box, typing ? alone shows why; a ? inside a sentence is just text."""
    question = first_of_kind(tiny_bank, Kind.TEXT)
    keys.send_text("?\r" + "Is it my shoes?\r")
    assert ask(prompter, question) == "Is it my shoes?"
    assert f"Why we ask: {question.why}" in said(prompter)


def test_hints_name_the_keys_that_work(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """The line under each question says how to answer, go back (when possible) and ask why."""
    keys.send_text(ENTER + ENTER + ENTER)
    ask(prompter, tiny_bank.question("side"))
    ask(prompter, tiny_bank.question("warning"), ["none"], FIRST)
    ask(prompter, first_of_kind(tiny_bank, Kind.TEXT))
    shown = said(prompter)
    assert "Enter chooses · ← back · ? why we ask" in shown
    assert "Space ticks, Enter when done · ? why we ask" in shown
    assert "Type, then Enter (empty skips) · < back · ? why we ask" in shown


# --- the walkthrough's own menus ------------------------------------------------------------------


def test_choose_returns_the_value_and_starts_on_the_default(
    keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """The stop/carry-on style menu returns a value; the pointer starts on the default."""
    choices = [("stop", "Stop here"), ("continue", "Carry on")]
    keys.send_text(ENTER + choice_keys(["stop", "continue"], "stop", "continue"))
    assert prompter.choose("What now?", choices, "continue") == "continue"
    assert prompter.choose("What now?", choices, "continue") == "stop"
    assert said(prompter).count("What now?") == 2


def test_type_text_offers_the_default(keys: PipeInput, prompter: QuestionaryPrompter) -> None:
    """A file-name box starts with the suggested name; Enter keeps it, or it can be replaced."""
    keys.send_text(ENTER + Keyboard.ControlU + "mine.txt\r")
    assert prompter.type_text("Save as:", "fibrofoot-summary.txt") == "fibrofoot-summary.txt"
    assert prompter.type_text("Save as:", "fibrofoot-summary.txt") == "mine.txt"


def test_review_and_change_with_real_menus(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """The review menu picks an answer to change; its question starts on the old answer."""
    review = [("__done__", "These are right"), ("side", "Which foot: Left")]
    question = tiny_bank.question("side")
    keys.send_text(DOWN + ENTER + answer_keys(question, "right", "left") + ENTER)
    picked = prompter.choose("Your answers.", review, "__done__")
    assert picked == "side"
    assert ask(prompter, tiny_bank.question(picked), "left") == "right"
    assert prompter.choose("Your answers.", review, "__done__") == "__done__"


# --- Ctrl-C ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("question_id", ["side", "where", "level", "tingling", "note"])
def test_ctrl_c_in_a_question_raises_keyboard_interrupt(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter, question_id: str
) -> None:
    """Ctrl-C is never swallowed: it leaves the prompt as KeyboardInterrupt (unsafe_ask)."""
    keys.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        ask(prompter, tiny_bank.question(question_id))


def test_ctrl_c_in_the_walkthrough_menus_raises_keyboard_interrupt(
    keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Ctrl-C in the stop/carry-on, review, save and file-name prompts stops too."""
    keys.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        prompter.choose("What now?", [("a", "A"), ("b", "B")], "a")
    keys.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        prompter.type_text("Save as:", "x.txt")
