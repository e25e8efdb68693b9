"""The arrow-key prompter on the tiny bank, in process: keys go in through prompt_toolkit's pipe
input."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator

import pytest
from helpers.terminal import Keyboard, answer_keys, choice_keys, deadline, visible
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from fibrofoot.answers import AnswerValue
from fibrofoot.bank.base import NOT_SURE, Kind
from fibrofoot.bank.models import Bank, Question
from fibrofoot.terminal.menus import QuestionaryPrompter, _row
from fibrofoot.terminal.prompter import AnswerOrBack, Nav, Navigation, option_rows, to_token

BACK = Navigation(can_go_back=True)
FIRST = Navigation(can_go_back=False)
DOWN, UP, LEFT = Keyboard.Down, Keyboard.Up, Keyboard.Left
ENTER, SPACE, CTRL_C = Keyboard.Enter, Keyboard.Space, Keyboard.ControlC


@pytest.fixture
def drawn() -> io.StringIO:
    """What the menus drew on their screen (of 40 x 100), escape sequences and all."""
    return io.StringIO()


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch, drawn: io.StringIO) -> Iterator[PipeInput]:
    """Keys typed into every prompt opened inside the test; the screen goes to `drawn`.

    A prompt still waiting after all the keys were used fails the test instead of hanging it.
    """
    monkeypatch.setenv("COLUMNS", "100")
    output = Vt100_Output(drawn, lambda: Size(rows=40, columns=100), term="xterm")
    with (
        deadline(),
        create_pipe_input() as inp,
        create_app_session(input=inp, output=output),
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


def send_once_shown(keys: PipeInput, drawn: io.StringIO, words: str, more: str) -> None:
    """Send `more` keys once `words` are drawn under the menu: the prompt has drawn the keys
    sent so far (keys sent at once are all handled before the screen is drawn)."""

    def wait_then_send() -> None:
        for _ in range(500):
            if words in visible(drawn.getvalue()):
                keys.send_text(more)
                return
            time.sleep(0.01)

    threading.Thread(target=wait_then_send, daemon=True).start()


def to_token_of(answer: AnswerOrBack) -> str:
    assert not isinstance(answer, Nav)
    return to_token(answer)


def menu_size(question: Question) -> int:
    return len(option_rows(question))


# --- every kind of question -------------------------------------------------------------------


def test_yes_no_answers_yes_no_and_not_sure(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """A yes/no question returns True, False or "not_sure" by position in the menu."""
    question = tiny_bank.question("tingling")
    keys.send_text(DOWN + ENTER + DOWN * 2 + ENTER + DOWN * 3 + ENTER)
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
    keys.send_text(DOWN * 7 + ENTER + UP + ENTER)
    assert ask(prompter, question) == 6
    assert ask(prompter, question, 3) == 2


# --- nothing recorded that the person did not choose ---------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "how"),
    [
        ("tingling", "Use the arrows to choose an answer, then press Enter."),
        ("side", "Use the arrows to choose an answer, then press Enter."),
        ("level", "Use the arrows or type a number, then press Enter."),
    ],
)
def test_enter_on_a_fresh_menu_records_nothing_and_says_how_to_choose(
    tiny_bank: Bank,
    keys: PipeInput,
    drawn: io.StringIO,
    prompter: QuestionaryPrompter,
    question_id: str,
    how: str,
) -> None:
    """A question not answered yet has no answer highlighted: Enter alone chooses nothing and
    the menu says how to choose; Down then reaches the first answer."""
    question = tiny_bank.question(question_id)
    keys.send_text(ENTER)
    send_once_shown(keys, drawn, how, DOWN + ENTER)
    assert to_token_of(ask(prompter, question)) == option_rows(question)[0][0]


def test_scale_digits_move_the_highlight(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Typing 7 moves to 7 (Enter then chooses it); "1" then "0" typed at once is 10."""
    question = tiny_bank.question("level")
    keys.send_text("7" + ENTER + "10" + ENTER + "3" + UP + ENTER)
    assert [ask(prompter, question) for _ in range(3)] == [7, 10, 2]


def test_up_from_the_first_scale_row_stays_there(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Up at 0 does not wrap round to "Back" or "Why we ask this"."""
    keys.send_text(DOWN + UP * 3 + ENTER)
    assert ask(prompter, tiny_bank.question("level")) == 0


@pytest.mark.parametrize("why", ["?", "?" * 2])
def test_why_keeps_the_scale_highlight_where_it_was(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter, why: str
) -> None:
    """Move to 7, press ? (once or twice): Enter then gives 7, not 0."""
    question = tiny_bank.question("level")
    keys.send_text("7" + why + ENTER)
    assert ask(prompter, question, nav=FIRST) == 7
    assert f"Why we ask: {question.why}" in said(prompter)


def test_why_keeps_a_yes_no_highlight(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """? on "No" comes back on "No"; ? on a fresh question comes back with nothing chosen."""
    question = tiny_bank.question("tingling")
    keys.send_text(DOWN * 2 + "?" + ENTER + "?" + ENTER + DOWN + ENTER)
    assert ask(prompter, question) is False
    assert ask(prompter, question) is True


def test_enter_on_a_fresh_multi_ticks_the_highlighted_answer(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """With nothing ticked, Enter on a highlighted answer ticks it and accepts it."""
    keys.send_text(DOWN * 2 + ENTER)
    assert ask(prompter, tiny_bank.question("where")) == ["toes"]


def test_enter_on_a_fresh_multi_with_no_highlight_records_nothing(
    tiny_bank: Bank, keys: PipeInput, drawn: io.StringIO, prompter: QuestionaryPrompter
) -> None:
    """A fresh multi question highlights no answer: Enter (or Space) there ticks nothing and
    says how to tick, right under the list."""
    question = tiny_bank.question("warning")
    keys.send_text(ENTER + SPACE)
    how = "Use the arrows to reach an answer, then Space ticks it."
    send_once_shown(keys, drawn, how, DOWN + ENTER)
    assert ask(prompter, question, nav=FIRST) == [option_rows(question)[0][0]]


def test_tick_all_and_invert_keys_tick_nothing(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """questionary's "a" (tick all) and "i" (invert) are off: they would tick "None of these"
    together with the signs."""
    question = tiny_bank.question("warning")
    keys.send_text(DOWN + "ai" + ENTER)
    assert ask(prompter, question, nav=FIRST) == [option_rows(question)[0][0]]


def test_ticking_a_real_answer_unticks_none(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """With "None of these" ticked, ticking a sign unticks "None"; ticking "None" unticks the
    signs."""
    question = tiny_bank.question("warning")
    tokens = [token for token, _ in option_rows(question)]
    none, soon = tokens.index("none"), tokens.index("soon_sign")
    keys.send_text(DOWN * (none + 1) + SPACE + UP * (none - soon) + SPACE + ENTER)
    assert ask(prompter, question, nav=FIRST) == ["soon_sign"]
    keys.send_text(DOWN * (soon + 1) + SPACE + DOWN * (none - soon) + SPACE + ENTER)
    assert ask(prompter, question, nav=FIRST) == ["none"]


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
    keys.send_text(DOWN * 3 + SPACE + UP * 2 + SPACE + ENTER)
    assert ask(prompter, question) == ["heel", "whole_foot"]
    assert f"{question.label}: Heel; Whole foot" in said(prompter)


def test_multi_starts_with_the_previous_answer_ticked(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """A multi question offered again shows the earlier ticks; Enter keeps them."""
    question = tiny_bank.question("where")
    keys.send_text(ENTER)
    assert ask(prompter, question, ["toes", "whole_foot"]) == ["toes", "whole_foot"]


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
    # From no answer: the answers, then "Why we ask this", then Back (Down skips the blank row).
    keys.send_text(DOWN * (menu_size(question) + 2) + ENTER)
    assert ask(prompter, question) is Nav.BACK


def test_first_question_has_no_back(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """With nowhere to go back to, ← does nothing and there is no Back entry to land on."""
    question = tiny_bank.question("tingling")
    # ←, then Downs that stop on the last row: "Why we ask this", as Ups from there reach "Yes"
    # (from a Back row under it they would stop on the second answer).
    keys.send_text(LEFT + DOWN * (menu_size(question) + 5) + UP * menu_size(question) + ENTER)
    assert ask(prompter, question, nav=FIRST) is True
    assert said(prompter).count(question.text) == 1


def test_first_multi_question_keeps_ticks_when_left_is_pressed(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """At the first question a stray ← neither redraws the question nor loses the ticks."""
    question = tiny_bank.question("warning")
    keys.send_text(DOWN + SPACE + LEFT + ENTER)
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
    """? prints the "why we ask" line under the question (shown once: the abandoned menu erased
    itself) and the menu comes back; ? again does not repeat the line."""
    question = tiny_bank.question(question_id)
    keys.send_text("??" + answer_keys(question, value))
    assert ask(prompter, question) == value
    shown = said(prompter)
    assert shown.count(f"Why we ask: {question.why}") == 1
    assert shown.count(question.text) == 1
    echoed = shown.rindex(f"{question.label}:")
    assert shown.index(question.text) < shown.index("Why we ask:") < echoed


def test_question_mark_keeps_the_boxes_ticked_so_far(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Ticks made before pressing ? are still ticked when the question comes back."""
    keys.send_text(DOWN + SPACE + DOWN + SPACE + "?" + ENTER)
    assert ask(prompter, tiny_bank.question("where")) == ["heel", "toes"]


def test_why_entry_shows_why_and_asks_again(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """Choosing "Why we ask this" prints the reason, then the same question is asked again."""
    question = tiny_bank.question("stiffness")
    # From no answer, past the answers to "Why we ask this"; it comes back highlighted there,
    # one Up from the last answer.
    keys.send_text(DOWN * (menu_size(question) + 1) + ENTER + UP + ENTER)
    assert to_token_of(ask(prompter, question)) == option_rows(question)[-1][0]
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
    keys.send_text(answer_keys(tiny_bank.question("side"), "left") + "5" + ENTER * 3)
    ask(prompter, tiny_bank.question("side"))
    ask(prompter, tiny_bank.question("level"))
    ask(prompter, tiny_bank.question("warning"), ["none"], FIRST)
    ask(prompter, first_of_kind(tiny_bank, Kind.TEXT))
    shown = said(prompter)
    assert "Enter chooses · ← back · ? why we ask" in shown
    assert "Arrows or a number, then Enter · ← back · ? why we ask" in shown
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


def test_the_chosen_answer_is_echoed_whole_words_at_a_narrow_width(
    keys: PipeInput, prompter: QuestionaryPrompter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The finished menu erases itself and the choice is echoed wrapped at word boundaries, so
    no word is cut at the edge of a 40-column terminal."""
    monkeypatch.setenv("COLUMNS", "40")
    label = "Your answers, to load next time with --answers (.yaml)"
    keys.send_text(ENTER)
    assert prompter.choose("Save?", [("answers", label)], "answers") == "answers"
    assert isinstance(prompter.out, io.StringIO)
    lines = prompter.out.getvalue().splitlines()
    assert all(len(line) < 40 for line in lines)
    echoed = " ".join(" ".join(lines).split())
    assert f"Your choice: {label}" in echoed


def test_a_multi_with_max_choices_says_so_and_waits_for_fewer(
    agenda_bank: Bank, keys: PipeInput, drawn: io.StringIO, prompter: QuestionaryPrompter
) -> None:
    """Four ticks on "pick up to 3": Enter says "Choose up to 3 answers." and waits; one untick
    and Enter accepts the three."""
    question = agenda_bank.question("agenda")
    keys.send_text(DOWN + SPACE + DOWN + SPACE + DOWN + SPACE + DOWN + SPACE + ENTER)
    send_once_shown(keys, drawn, "Choose up to 3 answers.", SPACE + ENTER)
    assert ask(prompter, question) == ["ask_t", "ask_m", "ask_m_shared"]


def test_a_scale_that_offers_not_sure_has_it_after_10(
    agenda_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    question = agenda_bank.question("now")
    assert option_rows(question)[-1] == (NOT_SURE, "Not sure")
    keys.send_text(DOWN * 12 + ENTER)
    assert ask(prompter, question) == NOT_SURE


FINISH = Navigation(can_go_back=True, can_finish=True)


@pytest.mark.parametrize("question_id", ["side", "where", "level", "tingling"])
def test_f_finishes_early_where_the_walk_allows_it_and_the_hints_say_so(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter, question_id: str
) -> None:
    keys.send_text("f")
    assert ask(prompter, tiny_bank.question(question_id), nav=FINISH) is Nav.FINISH
    assert "f finish now" in said(prompter)


def test_f_does_nothing_where_finishing_is_not_offered(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    """In the review's questions f is an ordinary key: the answer chosen after it counts."""
    question = tiny_bank.question("side")
    keys.send_text("f" + answer_keys(question, "right"))
    assert ask(prompter, question, nav=BACK) == "right"
    assert "finish" not in said(prompter)


def test_greater_than_typed_in_a_text_box_finishes_early(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter
) -> None:
    keys.send_text(">" + ENTER)
    assert ask(prompter, tiny_bank.question("note"), nav=FINISH) is Nav.FINISH
    assert "> finish now" in said(prompter)


def test_long_answers_wrap_under_their_first_word_instead_of_being_cut(
    keys: PipeInput, prompter: QuestionaryPrompter, drawn: io.StringIO
) -> None:
    """A menu row longer than the terminal is wrapped on word boundaries (the review at a
    narrow width shows every chosen word)."""
    long = "Where: " + " ".join(f"word{n}" for n in range(40))
    keys.send_text(ENTER)
    prompter.choose("Your answers.", [("done", "Done"), ("where", long)], "done")
    shown = visible(drawn.getvalue())
    for n in range(40):
        assert f"word{n}" in shown.split()


@pytest.mark.parametrize("question_id", ["side", "where", "level", "note"])
def test_two_ctrl_c_at_once_still_raise_keyboard_interrupt(
    tiny_bank: Bank, keys: PipeInput, prompter: QuestionaryPrompter, question_id: str
) -> None:
    """A second Ctrl-C read before the menu has finished closing (two presses, or two
    signals, at once) is not a second exit: the first one stops, with no other error."""
    keys.send_text(CTRL_C + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        ask(prompter, tiny_bank.question(question_id))


def test_a_wrapped_rows_later_lines_start_two_columns_in() -> None:
    """At 60 columns a long review row wraps; its later lines start two columns further in
    than its first word, so they are not read as answers of their own."""
    row = _row("Walking and balance: Walking less than before because of the pain", "   ", 50)
    first, *later = row.split("\n")
    assert first.startswith("Walking and balance:")
    assert later
    assert all(line.startswith("     ") and line[5] != " " for line in later)


@pytest.mark.parametrize("question_id", ["side", "where", "level", "note"])
def test_no_prompt_starts_with_a_question_mark(
    tiny_bank: Bank,
    keys: PipeInput,
    prompter: QuestionaryPrompter,
    drawn: io.StringIO,
    question_id: str,
) -> None:
    """The why-we-ask key is "?": a "?" before each prompt read as a hint to press it."""
    question = tiny_bank.question(question_id)
    keys.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        ask(prompter, question)
    shown = visible(drawn.getvalue())
    assert f"› {question.label}" in shown
    assert f"? {question.label}" not in shown
