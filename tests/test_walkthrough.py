"""The walkthrough on the tiny bank: red flags first, going back, review, the summary, saving.

Most tests drive `Walkthrough` with a scripted prompter that fails on any prompt it was not told
to expect; the last ones use the real prompters (numbered text, and arrow-key menus in process).
That every path ends with the consult message is tests/test_safety_wording.py's to check.
"""

from __future__ import annotations

import io
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers.terminal import (
    NOTHING_SAVED,
    SAVE_AS,
    SAVE_MENU,
    TINY_BANK,
    FakeTty,
    Keyboard,
    Save,
    answer_keys,
    choice_keys,
    deadline,
    plain_answer,
    plain_save_lines,
    save_keys,
    save_menu,
)
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from fibrofoot import flow
from fibrofoot.answers import Answers, AnswerValue, read_answers, validate_answers
from fibrofoot.bank.base import LEVEL_ORDER, Level
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank, Question
from fibrofoot.errors import FibrofootError
from fibrofoot.render.formats import FORMATS
from fibrofoot.rules import asked_questions
from fibrofoot.terminal.menus import QuestionaryPrompter
from fibrofoot.terminal.plain import PlainPrompter
from fibrofoot.terminal.prompter import AnswerOrBack, Nav, Navigation, Prompter
from fibrofoot.terminal.saving import DONE as SAVE_DONE
from fibrofoot.terminal.saving import SaveOffer
from fibrofoot.terminal.screen import KEYS_HELP_MENUS, KEYS_HELP_PLAIN, Streams
from fibrofoot.terminal.start import start_walkthrough
from fibrofoot.terminal.walkthrough import REVIEW_CARRY_ON, REVIEW_DONE, Walkthrough

TINY = load_bank(TINY_BANK)  # for the saving tests' scripts
TODAY = date(2026, 1, 15)
SUMMARY_NAME = "fibrofoot-summary-2026-01-15.txt"
ANSWERS_NAME = "fibrofoot-answers-2026-01-15.yaml"

# Prompts of the walkthrough itself, matched as parts of the message.
STOP_OR_GO = "What would you like to do?"
REVIEW = "Your answers."
REPLACE = "already exists. Replace it?"
AFTER_REFUSAL = "What would you like to do?"
DEFAULT = "<keep the suggested name>"

# A walk through the tiny bank: no warning sign; stiffness opens its follow-up.
WALK: Answers = {
    "warning": ["none"],
    "where": ["heel"],
    "side": "left",
    "level": 5,
    "tingling": False,
    "stiffness": True,
    "stiff_long": "short",
    "note": "Worse after a long shift.",
}
# The same without stiffness, so the follow-up does not apply.
NOT_STIFF: Answers = {k: v for k, v in WALK.items() if k != "stiff_long"} | {"stiffness": False}

Reply = AnswerValue | Nav | str


@dataclass
class Scripted(Prompter):
    """A prompter that follows a script of (question id or part of a message, reply) steps.

    `ask` must be called for the next step's question id; `choose` and `type_text` for a message
    containing the step's text. Anything else, or running off the end, fails the test.
    """

    script: list[tuple[str, Reply]]
    out: io.StringIO = field(default_factory=io.StringIO)
    events: list[str] = field(default_factory=list)
    asked: list[tuple[str, AnswerValue | None, bool]] = field(default_factory=list)
    menus: list[tuple[str, list[tuple[str, str]], str | None]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    navs: list[Navigation] = field(default_factory=list)

    def say(self, text: str = "", indent: str = "", first: str | None = None) -> None:
        super().say(text, indent, first)
        self.events.append(f"say {text}")

    def _step(self, kind: str, what: str) -> Reply:
        assert self.script, f"not in the script: {kind} {what!r}"
        expected, reply = self.script.pop(0)
        matches = expected == what if kind == "ask" else expected in what
        assert matches, f"script expected {expected!r}, the walkthrough asked {kind} {what!r}"
        self.events.append(f"{kind} {what}")
        return reply

    def ask(self, question: Question, default: AnswerValue | None, nav: Navigation) -> AnswerOrBack:
        reply = self._step("ask", question.id)
        self.asked.append((question.id, default, nav.can_go_back))
        self.navs.append(nav)
        if reply is Nav.BACK or reply is Nav.FINISH:
            return reply
        assert not isinstance(reply, Nav)
        return reply

    def choose(
        self, message: str, choices: list[tuple[str, str]], default: str | None = None
    ) -> str:
        reply = self._step("choose", message)
        self.menus.append((message, choices, default))
        assert reply in [value for value, _ in choices], f"{reply!r} is not offered: {choices}"
        assert isinstance(reply, str)
        return reply

    def type_text(self, message: str, default: str = "") -> str:
        reply = self._step("type", message)
        self.names.append(default)
        assert isinstance(reply, str)
        return default if reply == DEFAULT else reply

    def said(self) -> str:
        """Everything shown to the person, as words."""
        return " ".join(self.out.getvalue().split())

    def finished(self) -> None:
        assert not self.script, f"the walkthrough ended before these steps: {self.script}"


def answering(bank: Bank, answers: Answers) -> list[tuple[str, Reply]]:
    """Script steps that answer the questions that apply, in order, carrying on at red flags."""
    steps: list[tuple[str, Reply]] = []
    for question in asked_questions(bank, answers):
        if question.id not in answers:
            break
        steps.append((question.id, answers[question.id]))
        if flow.red_flags_for(bank, question.id, answers):
            steps.append((STOP_OR_GO, "continue"))
    return steps


def position(steps: list[tuple[str, Reply]], question_id: str) -> int:
    """Where a question's step is in a script."""
    return [step for step, _ in steps].index(question_id)


def saving(*saves: Save) -> list[tuple[str, Reply]]:
    """Script steps that save each of `saves` from the save menu, then say done; with no
    `saves`, the step that saves nothing."""
    steps: list[tuple[str, Reply]] = []
    for what, name in saves:
        steps += [(SAVE_MENU, what), (SAVE_AS, DEFAULT if name is None else name)]
    return [*steps, (SAVE_MENU, SAVE_DONE)]


DONE: list[tuple[str, Reply]] = [(REVIEW, REVIEW_DONE), *saving()]


@dataclass
class Run:
    code: int
    summary: str
    prompter: Scripted


def run(bank: Bank, script: Sequence[tuple[str, Reply]], prefill: Answers | None = None) -> Run:
    """Run the walkthrough to the end of the script; the summary goes to a string (a 'file')."""
    prompter = Scripted(list(script))
    summary_out = io.StringIO()
    code = Walkthrough(bank, prompter, TODAY).run(prefill or {}, summary_out)
    prompter.finished()
    return Run(code, summary_out.getvalue(), prompter)


def words(text: str) -> str:
    return " ".join(text.split())


def streams(typed: str, tty: bool = True) -> Streams:
    """Keyboard input holding `typed`; the terminal and the output are strings."""
    keyboard = FakeTty(typed) if tty else io.StringIO(typed)
    return Streams(keyboard, io.StringIO(), io.StringIO())


def written(stream: object) -> str:
    assert isinstance(stream, io.StringIO)
    return stream.getvalue()


def shown(where: Streams) -> str:
    """What the person saw on the terminal, as words."""
    return words(written(where.terminal))


@pytest.fixture(autouse=True)
def _setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Wide lines, and files saved into an empty folder of the test's own."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)
    with deadline():
        yield


# --- the whole walk ------------------------------------------------------------------------------


def test_a_whole_walk_asks_each_question_once_then_prints_the_summary(tiny_bank: Bank) -> None:
    """Every question that applies is asked once, in order; the summary follows the review."""
    result = run(tiny_bank, [*answering(tiny_bank, WALK), *DONE])
    assert result.code == 0
    asked = [question_id for question_id, _, _ in result.prompter.asked]
    assert asked == [q.id for q in asked_questions(tiny_bank, WALK)]
    assert "Worse after a long shift." in result.summary
    assert "5 out of 10" in result.summary


@pytest.mark.parametrize(("plain", "keys"), [(False, KEYS_HELP_MENUS), (True, KEYS_HELP_PLAIN)])
def test_the_welcome_comes_before_anything_is_asked(
    tiny_bank: Bank, tiny_bank_dir: Path, plain: bool, keys: str
) -> None:
    """Intro, what it is not, privacy and the keys to use, then "Press Enter to begin"."""
    where = streams("")  # no Enter: the welcome is all there is
    with pytest.raises(KeyboardInterrupt):
        start_walkthrough(tiny_bank_dir, where, answers_file=None, plain=plain, today=TODAY)
    messages = tiny_bank.messages
    parts = [messages.intro, messages.disclaimer, messages.privacy, keys, "Press Enter to begin."]
    positions = [shown(where).index(words(part)) for part in parts]
    assert positions == sorted(positions)
    assert written(where.output) == ""


def test_each_section_is_announced_and_each_question_has_a_progress_line(
    tiny_bank: Bank,
) -> None:
    """A progress line in words comes before every question, naming its section, with no
    symbols a screen reader would read out."""
    result = run(tiny_bank, [*answering(tiny_bank, WALK), *DONE])
    events = result.prompter.events
    asks = [i for i, e in enumerate(events) if e.startswith("ask ")]
    for number, index in enumerate(asks, start=1):
        section = tiny_bank.section_of(events[index][4:])
        line = events[index - 1]
        assert line.startswith(f"say Section {tiny_bank.sections.index(section) + 1} of 2: ")
        assert f": {section.title}. Question {number} of about " in line


def test_only_the_first_question_cannot_go_back(tiny_bank: Bank) -> None:
    """Every question but the first is asked with "back" available."""
    result = run(tiny_bank, [*answering(tiny_bank, WALK), *DONE])
    backs = [can_go_back for _, _, can_go_back in result.prompter.asked]
    assert backs == [False] + [True] * (len(backs) - 1)


def test_summary_to_a_file_says_where_it_went(tiny_bank: Bank) -> None:
    """When stdout is not a terminal, the save menu says where the summary went (a file the
    system cannot name, here) and offers another copy."""
    result = run(tiny_bank, [*answering(tiny_bank, WALK), *DONE])
    message = result.prompter.menus[-1][0]
    assert message.startswith("Your summary went to the file you sent fibrofoot's output to.")
    assert "another copy" in message


def test_summary_to_a_named_file_names_it(tiny_bank: Bank, tmp_path: Path) -> None:
    """Standard output on a file: the save menu names the file (from /proc/self/fd)."""
    prompter = Scripted([*answering(tiny_bank, WALK), *DONE])
    with (tmp_path / "out.txt").open("w", encoding="utf-8") as out:
        Walkthrough(tiny_bank, prompter, TODAY).run({}, out)
    assert prompter.menus[-1][0].startswith(f"Your summary went to {tmp_path / 'out.txt'}.")


def test_summary_to_the_terminal_says_nothing_about_a_file(tiny_bank: Bank) -> None:
    """On a terminal the summary is simply shown."""
    prompter = Scripted([*answering(tiny_bank, WALK), *DONE])
    assert Walkthrough(tiny_bank, prompter, TODAY).run({}, FakeTty()) == 0
    assert "went to" not in prompter.menus[-1][0]


def test_ctrl_c_leaves_the_walkthrough_with_nothing_printed_or_saved(
    tiny_bank: Bank, tmp_path: Path
) -> None:
    """KeyboardInterrupt from a prompt goes up to the CLI; no summary is written, no file saved."""

    class Interrupting(Scripted):
        def ask(
            self, question: Question, default: AnswerValue | None, nav: Navigation
        ) -> AnswerOrBack:
            if question.id == "level":
                raise KeyboardInterrupt
            return super().ask(question, default, nav)

    prompter = Interrupting(answering(tiny_bank, WALK))
    summary_out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        Walkthrough(tiny_bank, prompter, TODAY).run({}, summary_out)
    assert summary_out.getvalue() == ""
    assert list(tmp_path.iterdir()) == []


# --- going back ----------------------------------------------------------------------------------


def test_going_back_offers_the_earlier_answers_again(tiny_bank: Bank) -> None:
    """Back steps to the previous question with its answer as the default; later ones are kept."""
    steps = answering(tiny_bank, WALK)
    at = position(steps, "level")
    script = [
        *steps[:at],
        ("level", Nav.BACK),
        ("side", Nav.BACK),
        ("where", ["heel", "toes"]),
        ("side", "left"),
        *steps[at:],
        *DONE,
    ]
    result = run(tiny_bank, script)
    assert result.prompter.asked[at : at + 4] == [
        ("level", None, True),
        ("side", "left", True),
        ("where", ["heel"], True),
        ("side", "left", True),
    ]
    assert "Heel; Toes" in result.summary


def test_going_back_keeps_later_answers_that_still_apply(tiny_bank: Bank) -> None:
    """Back past several questions and forward again: each later answer is offered as before."""
    steps = answering(tiny_bank, WALK)
    at = position(steps, "stiffness")
    script = [
        *steps[:at],
        ("stiffness", Nav.BACK),
        ("tingling", Nav.BACK),
        ("level", Nav.BACK),
        ("side", "right"),
        ("level", 5),
        ("tingling", False),
        *steps[at:],
        *DONE,
    ]
    result = run(tiny_bank, script)
    assert [(q, d) for q, d, _ in result.prompter.asked[at : at + 7]] == [
        ("stiffness", None),
        ("tingling", False),
        ("level", 5),
        ("side", "left"),
        ("level", 5),
        ("tingling", False),
        ("stiffness", None),
    ]
    assert "Which foot: Right" in result.summary


def test_going_back_and_changing_drops_answers_that_no_longer_apply(tiny_bank: Bank) -> None:
    """Back to "stiffness", change to No: its follow-up is skipped, and left out of the review
    and the summary, with the contributor only it raised."""
    steps = answering(tiny_bank, WALK)
    at = position(steps, "note")
    script = [
        *steps[:at],
        ("note", Nav.BACK),
        ("stiff_long", Nav.BACK),
        ("stiffness", False),
        *steps[at:],
        *DONE,
    ]
    result = run(tiny_bank, script)
    asked = [q for q, _, _ in result.prompter.asked]
    after_change = asked[len(asked) - asked[::-1].index("stiffness") :]
    assert after_change == ["note"]
    review = result.prompter.menus[0][1]
    assert "stiff_long" not in [value for value, _ in review]
    assert tiny_bank.question("stiff_long").label not in result.summary
    assert "Pattern O" not in result.summary


def test_a_dropped_answer_is_not_offered_again(tiny_bank: Bank) -> None:
    """Stiff -> not stiff -> stiff: the follow-up comes back empty, not with the old answer."""
    steps = answering(tiny_bank, WALK)
    at = position(steps, "note")
    script = [
        *steps[:at],
        ("note", Nav.BACK),
        ("stiff_long", Nav.BACK),
        ("stiffness", False),
        ("note", Nav.BACK),
        ("stiffness", True),
        ("stiff_long", "long"),
        *steps[at:],
        *DONE,
    ]
    result = run(tiny_bank, script)
    offered = [d for q, d, _ in result.prompter.asked if q == "stiff_long"]
    assert offered == [None, "short", None]
    assert "Half an hour or more" in result.summary


# --- review --------------------------------------------------------------------------------------


def test_review_lists_every_answer_in_the_order_asked(tiny_bank: Bank) -> None:
    """The review menu starts with "these are right", then one entry per answer."""
    result = run(tiny_bank, [*answering(tiny_bank, WALK), *DONE])
    _, choices, default = result.prompter.menus[0]
    assert default == REVIEW_DONE
    assert [value for value, _ in choices] == [REVIEW_DONE, *WALK]
    labels = dict(choices)
    assert labels["side"] == "Which foot: Left"
    assert labels["level"] == "Pain (0-10): 5 out of 10"


def test_review_changes_an_answer(tiny_bank: Bank) -> None:
    """Choosing an answer asks its question again with the old answer, then returns to review."""
    script = [*answering(tiny_bank, WALK), (REVIEW, "side"), ("side", "both"), *DONE]
    result = run(tiny_bank, script)
    assert result.prompter.asked[-1] == ("side", "left", True)
    assert dict(result.prompter.menus[1][1])["side"] == "Which foot: Both"
    assert "Which foot: Both" in result.summary
    assert "Which foot: Left" not in result.summary


def test_review_asks_the_questions_a_change_opens(tiny_bank: Bank) -> None:
    """Changing stiffness to Yes asks its follow-up before returning to review, in bank order."""
    script = [
        *answering(tiny_bank, NOT_STIFF),
        (REVIEW, "stiffness"),
        ("stiffness", True),
        ("stiff_long", "long"),
        *DONE,
    ]
    result = run(tiny_bank, script)
    assert result.prompter.said().count("Your change opens a question:") == 1
    review = [value for value, _ in result.prompter.menus[1][1]]
    assert review[1:] == [q.id for q in tiny_bank.questions if q.id in review]
    assert "stiff_long" in review
    assert "Pattern R" in result.summary


def _with_a_long_stiffness_flag(folder: Path) -> Bank:
    """The tiny bank with a book-soon warning sign on a follow-up question."""
    (folder / "90-flag.yaml").write_text(
        "red_flags:\n"
        "  - id: flag_long_stiffness\n"
        "    level: soon\n"
        "    when: [{question: stiff_long, is: [long]}]\n"
        "    message: Tiny long-stiffness flag message.\n",
        encoding="utf-8",
    )
    return load_bank(folder)


def test_a_warning_sign_completed_by_a_question_a_review_change_opens_is_shown_at_once(
    tiny_bank_copy: Path,
) -> None:
    """A red flag on a follow-up that a review change opens stops the review the moment the
    follow-up is answered, as it would in the walk."""
    bank = _with_a_long_stiffness_flag(tiny_bank_copy)
    script = [
        *answering(bank, NOT_STIFF),
        (REVIEW, "stiffness"),
        ("stiffness", True),
        ("stiff_long", "long"),
        (STOP_OR_GO, "stop"),
        *saving(),
    ]
    result = run(bank, script)
    assert "Tiny long-stiffness flag message." in result.prompter.said()
    assert "Tiny long-stiffness flag message." in result.summary


def test_review_change_drops_answers_that_no_longer_apply(tiny_bank: Bank) -> None:
    """Changing stiffness to No removes its follow-up and the contributor only it raised, and
    asks nothing new."""
    script = [*answering(tiny_bank, WALK), (REVIEW, "stiffness"), ("stiffness", False), *DONE]
    result = run(tiny_bank, script)
    assert "stiff_long" in [value for value, _ in result.prompter.menus[0][1]]
    assert "stiff_long" not in [value for value, _ in result.prompter.menus[1][1]]
    assert "Pattern O" not in result.summary
    assert "Your change opens a question" not in result.prompter.said()


def test_review_back_keeps_the_answer(tiny_bank: Bank) -> None:
    """Going back from a question opened in review leaves its answer as it was."""
    script = [*answering(tiny_bank, WALK), (REVIEW, "level"), ("level", Nav.BACK), *DONE]
    assert "5 out of 10" in run(tiny_bank, script).summary


def test_any_answer_can_be_changed_in_review(tiny_bank: Bank) -> None:
    """Every entry of the review menu can be picked and changed (here: each kept as it was)."""
    script = [*answering(tiny_bank, WALK)]
    for question_id, value in WALK.items():
        script += [(REVIEW, question_id), (question_id, value)]
    result = run(tiny_bank, [*script, *DONE])
    changed = [q for q, _, _ in result.prompter.asked[len(WALK) :]]
    assert changed == list(WALK)


# --- red flags -----------------------------------------------------------------------------------


def one_flag_per_level(bank: Bank) -> list[tuple[str, Level]]:
    """Per level, the option whose tick raises that level's red flag: (option, level)."""
    found: dict[Level, tuple[str, Level]] = {}
    for flag in (f for f in bank.red_flags if len(f.when) == 1):  # one option each
        [condition] = flag.when
        assert condition.is_ is not None
        found.setdefault(flag.level, (str(condition.is_[0]), flag.level))
    return [found[level] for level in LEVEL_ORDER]


LEVELS = [
    ("emergency_sign", Level.EMERGENCY),
    ("today_sign", Level.SAME_DAY),
    ("soon_sign", Level.SOON),
]


def test_the_tiny_bank_has_one_warning_option_per_level(tiny_bank: Bank) -> None:
    """The red-flag tests below cover every level."""
    assert one_flag_per_level(tiny_bank) == LEVELS


def flag_message(bank: Bank, option: str) -> str:
    return next(f.message for f in bank.red_flags if f.when[0].is_ == (option,))


def stop_at_the_flag(bank: Bank, answers: Answers) -> list[tuple[str, Reply]]:
    steps = answering(bank, answers)
    return [*steps[: steps.index((STOP_OR_GO, "continue"))], (STOP_OR_GO, "stop"), *saving()]


@pytest.mark.parametrize(("option", "level"), LEVELS)
def test_a_red_flag_is_shown_at_once_and_offers_stop_or_carry_on(
    tiny_bank: Bank, option: str, level: Level
) -> None:
    """Right after the answer: the level's title, where to go and the message; then the choice."""
    result = run(tiny_bank, stop_at_the_flag(tiny_bank, {"warning": [option]}))
    events = result.prompter.events
    asked_at = events.index("ask warning")
    menu_at = next(i for i, e in enumerate(events) if e.startswith(f"choose {STOP_OR_GO}"))
    between = events[asked_at + 1 : menu_at]
    texts = tiny_bank.messages.levels[level]
    assert f"say {texts.marker}: {texts.title}" in between
    assert f"say {texts.where_to_go}" in between
    assert f"say {flag_message(tiny_bank, option)}" in between
    _, choices, default = result.prompter.menus[0]
    assert [value for value, _ in choices] == ["stop", "continue"]
    # Enter stops at an emergency; below that level it carries on.
    assert default == ("stop" if level is Level.EMERGENCY else "continue")


@pytest.mark.parametrize(("option", "level"), LEVELS)
def test_stopping_at_a_red_flag_still_gives_a_summary(
    tiny_bank: Bank, option: str, level: Level
) -> None:
    """Stop: no more questions, no review; the summary has the flag, and the save menu of a full
    walk is offered."""
    result = run(tiny_bank, stop_at_the_flag(tiny_bank, {"warning": [option]}))
    assert result.code == 0
    assert [q for q, _, _ in result.prompter.asked] == ["warning"]
    menus = result.prompter.menus
    assert [menu for menu, _, _ in menus][:1] == [STOP_OR_GO]
    assert SAVE_MENU in menus[1][0]
    assert [value for value, _ in menus[1][1]] == save_menu()
    assert tiny_bank.messages.levels[level].title in result.summary
    assert flag_message(tiny_bank, option) in result.summary


@pytest.mark.parametrize(("option", "level"), LEVELS)
def test_carrying_on_after_a_red_flag_asks_the_next_question(
    tiny_bank: Bank, option: str, level: Level
) -> None:
    """Carry on: the walk continues where it was, and the flag still leads the summary."""
    answers = {**WALK, "warning": [option]}
    result = run(tiny_bank, [*answering(tiny_bank, answers), *DONE])
    asked = [q for q, _, _ in result.prompter.asked]
    assert asked == [q.id for q in asked_questions(tiny_bank, answers)]
    title = tiny_bank.messages.levels[level].title
    assert result.summary.index(title) < result.summary.index("5 out of 10")


def test_flags_of_several_levels_from_one_answer_are_shown_most_urgent_first(
    tiny_bank: Bank,
) -> None:
    """Three warning signs ticked together: every message, each under its level's title once,
    the emergency first."""
    options = ["emergency_sign", "today_sign", "soon_sign"]
    result = run(tiny_bank, stop_at_the_flag(tiny_bank, {"warning": list(reversed(options))}))
    levels = tiny_bank.messages.levels
    titles = [f"say {levels[level].marker}: {levels[level].title}" for level in LEVEL_ORDER]
    stop = next(i for i, e in enumerate(result.prompter.events) if e.startswith("choose "))
    assert [e for e in result.prompter.events[:stop] if e in titles] == titles
    for option in options:
        assert flag_message(tiny_bank, option) in result.prompter.said()


def test_a_red_flag_raised_in_review_is_shown_at_once(tiny_bank: Bank) -> None:
    """Changing the warning answer in review shows the flag and offers to stop there."""
    script = [
        *answering(tiny_bank, WALK),
        (REVIEW, "warning"),
        ("warning", ["today_sign"]),
        (STOP_OR_GO, "stop"),
        *saving(),
    ]
    result = run(tiny_bank, script)
    assert flag_message(tiny_bank, "today_sign") in result.prompter.said()
    assert tiny_bank.messages.levels[Level.SAME_DAY].title in result.summary


# --- finishing early ------------------------------------------------------------------------


def test_finishing_early_goes_to_the_review_and_a_summary_of_what_was_answered() -> None:
    """f at the pain scale: the review of the answers so far (with a way back to the
    questions), then the summary saying it was finished early, then the save menu."""
    steps = answering(TINY, WALK)
    script = [*steps[: position(steps, "level")], ("level", Nav.FINISH), *DONE]
    result = run(TINY, script)
    message, choices, default = result.prompter.menus[0]
    assert "You finished early" in message
    assert [value for value, _ in choices] == [REVIEW_DONE, REVIEW_CARRY_ON, *WALK][:5]
    assert default == REVIEW_DONE
    assert "Finished early" in result.summary
    assert "out of 10" not in result.summary
    assert SAVE_MENU in result.prompter.menus[-1][0]


def test_every_question_of_the_walk_can_finish_early_and_none_in_the_review() -> None:
    result = run(TINY, [*answering(TINY, WALK), (REVIEW, "side"), ("side", "both"), *DONE])
    finishing = [nav for nav in result.prompter.navs]
    assert all(nav.can_finish for nav in finishing[:-1])
    assert not finishing[-1].can_finish


def test_after_finishing_early_the_person_can_carry_on_where_they_were() -> None:
    """ "Carry on with the questions" asks the question they finished at, then the rest; the
    summary is then a whole one."""
    steps = answering(TINY, WALK)
    at = position(steps, "level")
    script = [*steps[:at], ("level", Nav.FINISH), (REVIEW, REVIEW_CARRY_ON), *steps[at:], *DONE]
    result = run(TINY, script)
    assert "5 out of 10" in result.summary
    assert "Finished early" not in result.summary


def test_a_change_in_the_review_after_finishing_early_asks_nothing_new() -> None:
    """Changing stiffness to Yes after finishing early opens no follow-up there; the summary
    keeps the change."""
    steps = answering(TINY, NOT_STIFF)
    at = position(steps, "stiffness")
    script = [*steps[:at], ("stiffness", True), ("stiff_long", Nav.FINISH)]
    script += [(REVIEW, "stiffness"), ("stiffness", True), *DONE]
    result = run(TINY, script)
    assert [q for q, _, _ in result.prompter.asked].count("stiff_long") == 1
    assert "Finished early" in result.summary


def test_a_second_stop_repeats_the_most_urgent_warning_so_far(tiny_bank_copy: Path) -> None:
    """An emergency sign carried on from, then a book-soon sign: the second stop repeats the
    emergency's title and where to go, after the new warning."""
    bank = _with_a_long_stiffness_flag(tiny_bank_copy)
    answers = {**WALK, "warning": ["emergency_sign"], "stiff_long": "long"}
    steps = answering(bank, answers)
    script = [*steps[: position(steps, "stiff_long") + 1], (STOP_OR_GO, "stop"), *saving()]
    result = run(bank, script)
    events = result.prompter.events
    levels = bank.messages.levels
    second = events.index(f"say {levels[Level.SOON].marker}: {levels[Level.SOON].title}")
    emergency = levels[Level.EMERGENCY]
    repeated = events.index("say Still the most urgent, from before:", second)
    assert events[repeated + 1] == f"say {emergency.marker}: {emergency.title}"
    assert events[repeated + 2] == f"say {emergency.where_to_go}"
    stops = [default for message, _, default in result.prompter.menus if STOP_OR_GO in message]
    assert stops == ["stop", "stop"]  # Enter stops at a book-soon sign too, after an emergency


@pytest.mark.parametrize(("option", "level"), LEVELS)
def test_the_most_urgent_warning_is_said_again_after_the_saves(
    tiny_bank: Bank, option: str, level: Level
) -> None:
    """The save menu scrolls the summary's urgent box away: its most urgent level is said again
    just before the consult message."""
    result = run(tiny_bank, stop_at_the_flag(tiny_bank, {"warning": [option]}))
    events = result.prompter.events
    words_of = tiny_bank.messages.levels[level]
    last_menu = max(i for i, e in enumerate(events) if e.startswith("choose "))
    assert [e for e in events[last_menu:] if e != "say "][-3:] == [
        f"say {words_of.marker}: {words_of.title}",
        f"say {words_of.where_to_go}",
        f"say {tiny_bank.messages.consult}",
    ]


def test_no_warning_is_said_again_when_none_was_raised(tiny_bank: Bank) -> None:
    result = run(tiny_bank, [*answering(tiny_bank, WALK), *DONE])
    titles = {f"say {t.marker}: {t.title}" for t in tiny_bank.messages.levels.values()}
    assert not titles & set(result.prompter.events)


class Interrupted(Scripted):
    """Ctrl-C at the question after the script."""

    def ask(self, question: Question, default: AnswerValue | None, nav: Navigation) -> AnswerOrBack:
        if not self.script:
            raise KeyboardInterrupt
        return super().ask(question, default, nav)


def test_ctrl_c_after_a_warning_says_it_again(tiny_bank: Bank) -> None:
    """Carried on from a same-day sign, then Ctrl-C: the warning is said again on the way out
    (the CLI then says "Stopped." and the consult message)."""
    steps = answering(tiny_bank, {**WALK, "warning": ["today_sign"]})
    carry_on = steps.index((STOP_OR_GO, "continue"))
    prompter = Interrupted([*steps[: carry_on + 1]])
    with pytest.raises(KeyboardInterrupt):
        Walkthrough(tiny_bank, prompter, TODAY).run({}, io.StringIO())
    today = tiny_bank.messages.levels[Level.SAME_DAY]
    assert prompter.events[-2:] == [
        f"say {today.marker}: {today.title}",
        f"say {today.where_to_go}",
    ]


# --- saving --------------------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def after_review(*steps: tuple[str, Reply]) -> list[tuple[str, Reply]]:
    return [*answering(TINY, WALK), (REVIEW, REVIEW_DONE), *steps]


def test_save_writes_owner_only_files_with_dated_default_names(tmp_path: Path) -> None:
    """Both files are offered under dated names, saved 0600, and say where they went."""
    result = run(TINY, after_review(*saving(("text", None), ("answers", None))))
    assert result.prompter.names == [SUMMARY_NAME, ANSWERS_NAME]
    summary, answers = tmp_path / SUMMARY_NAME, tmp_path / ANSWERS_NAME
    assert mode(summary) == mode(answers) == 0o600
    assert "5 out of 10" in summary.read_text(encoding="utf-8")
    assert f"Saved the summary to {summary}" in result.prompter.said()


def test_the_save_menu_is_one_choice_that_starts_on_saving_nothing() -> None:
    """A page to print first, the other formats, the answers, then "Don't save", where the
    highlight starts: Enter alone stores nothing, and the last words before the consult
    message say so."""
    result = run(TINY, after_review(*saving()))
    _, choices, default = result.prompter.menus[-1]
    assert [value for value, _ in choices] == save_menu()  # the files, the history, done
    assert choices[0][1].startswith("A page to print")
    assert default == SAVE_DONE
    said = result.prompter.said()
    assert said.endswith(f"{NOTHING_SAVED} {TINY.messages.consult}")


def test_after_a_save_the_rest_are_offered_until_the_person_is_done(tmp_path: Path) -> None:
    """Each save takes its choice out of the menu; the menu comes back until "I'm done"."""
    result = run(TINY, after_review(*saving(("html", None), ("markdown", None))))
    menus = [choices for message, choices, _ in result.prompter.menus if SAVE_MENU in message]
    assert [[v for v, _ in choices] for choices in menus] == [
        save_menu(),
        save_menu(["html"]),
        save_menu(["html", "markdown"]),
    ]
    assert menus[1][-1][1] == "No, I'm done"
    assert NOTHING_SAVED not in result.prompter.said()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        SUMMARY_NAME.replace(".txt", ".html"),
        SUMMARY_NAME.replace(".txt", ".md"),
    ]


def test_before_saving_the_folder_and_full_name_are_shown_and_after_html_how_to_print(
    tmp_path: Path,
) -> None:
    """The folder and the name come before the name is asked; a page to print says how."""
    result = run(TINY, after_review(*saving(("html", None))))
    events = result.prompter.events
    asked_at = next(i for i, e in enumerate(events) if e.startswith(f"type {SAVE_AS}"))
    before = " ".join(events[:asked_at])
    html = SUMMARY_NAME.replace(".txt", ".html")
    assert f"as {html} in the folder {tmp_path}" in before
    assert "An empty name saves nothing." in before
    assert "open that file in a web browser" in result.prompter.said()


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("for-dr-lee", "for-dr-lee.txt"), ("notes.TXT", "notes.TXT"), ("a.b", "a.b.txt")],
)
def test_a_name_without_the_formats_extension_gets_it(
    tmp_path: Path, typed: str, saved: str
) -> None:
    """A typed name is given the format's extension unless it already ends with it."""
    run(TINY, after_review(*saving(("text", typed))))
    assert [p.name for p in tmp_path.iterdir()] == [saved]


def test_saved_answers_load_back_as_the_same_answers(tmp_path: Path) -> None:
    """The answers file reads back (as --answers would) to exactly the answers given."""
    run(TINY, after_review(*saving(("answers", None))))
    saved = tmp_path / ANSWERS_NAME
    assert validate_answers(TINY, read_answers(saved), str(saved)) == WALK
    assert saved.read_text(encoding="utf-8").startswith("# fibrofoot answers, 2026-01-15.")


def test_save_offers_each_format() -> None:
    """The save menu lists every format fibrofoot can write."""
    _, choices, _ = run(TINY, after_review(*saving())).prompter.menus[-1]
    assert set(FORMATS) <= {value for value, _ in choices}


def test_an_extra_offer_is_kept_through_its_callable_and_says_its_sentence() -> None:
    """The seam for more ways to keep a walk: an offer's callable gets the summary and the
    answers; its sentence is said, and it leaves the menu."""
    got: list[Answers] = []

    def keep(summary: object, answers: Answers) -> str:
        got.append(answers)
        return "Kept on this tiny computer."

    offer = SaveOffer("tiny_extra", "Keep it on a tiny computer", keep)
    prompter = Scripted(after_review((SAVE_MENU, "tiny_extra"), (SAVE_MENU, SAVE_DONE)))
    Walkthrough(TINY, prompter, TODAY, [offer]).run({}, io.StringIO())
    prompter.finished()
    assert got == [WALK]
    menus = [c for m, c, _ in prompter.menus if SAVE_MENU in m]
    assert ("tiny_extra", "Keep it on a tiny computer") in menus[0]
    assert "tiny_extra" not in [value for value, _ in menus[1]]
    assert "Kept on this tiny computer." in prompter.said()
    assert NOTHING_SAVED not in prompter.said()


def test_an_extra_offer_that_fails_says_why_and_stays_offered() -> None:
    def keep(summary: object, answers: Answers) -> str:
        raise FibrofootError("The tiny history is locked.")

    offer = SaveOffer("tiny_extra", "Keep it on a tiny computer", keep)
    steps = after_review((SAVE_MENU, "tiny_extra"), (SAVE_MENU, SAVE_DONE))
    prompter = Scripted(steps)
    Walkthrough(TINY, prompter, TODAY, [offer]).run({}, io.StringIO())
    menus = [c for m, c, _ in prompter.menus if SAVE_MENU in m]
    assert "tiny_extra" in [value for value, _ in menus[1]]
    said = prompter.said()
    assert "The tiny history is locked." in said
    assert NOTHING_SAVED in said


def test_ctrl_c_after_a_save_says_what_was_saved(tmp_path: Path) -> None:
    """Stopped in the menu that follows a save: the stop carries the sentence of the save
    (said by the command line instead of "Nothing was saved.")."""
    from fibrofoot.terminal.stopping import Signalled

    class Stopping(Scripted):
        def choose(
            self, message: str, choices: list[tuple[str, str]], default: str | None = None
        ) -> str:
            if "anything else" in message:
                raise KeyboardInterrupt
            return super().choose(message, choices, default)

    prompter = Stopping(after_review((SAVE_MENU, "text"), (SAVE_AS, DEFAULT)))
    with pytest.raises(Signalled) as stopped:
        Walkthrough(TINY, prompter, TODAY).run({}, io.StringIO())
    assert stopped.value.kept.startswith(f"Saved the summary to {tmp_path / SUMMARY_NAME}")


def test_save_does_not_silently_overwrite(tmp_path: Path) -> None:
    """An existing file is kept unless the person says to replace it; a free name is offered."""
    existing = tmp_path / SUMMARY_NAME
    existing.write_text("my old summary", encoding="utf-8")
    second = SUMMARY_NAME.replace(".txt", "-2.txt")
    script = after_review(
        (SAVE_MENU, "text"),
        (SAVE_AS, SUMMARY_NAME),
        (REPLACE, "no"),
        (AFTER_REFUSAL, "retry"),
        (SAVE_AS, DEFAULT),
        *saving(),
    )
    result = run(TINY, script)
    assert existing.read_text(encoding="utf-8") == "my old summary"
    assert "5 out of 10" in (tmp_path / second).read_text(encoding="utf-8")
    # The name offered skips the file that exists, before and after saying "no".
    assert result.prompter.names == [second, second]
    menus = {message: default for message, _, default in result.prompter.menus}
    assert menus[f"{SUMMARY_NAME} {REPLACE}"] == "no"
    assert menus[AFTER_REFUSAL] == "retry"


def test_save_replaces_when_asked(tmp_path: Path) -> None:
    """Saying yes to "Replace it?" overwrites the file, still readable only by its owner."""
    existing = tmp_path / SUMMARY_NAME
    existing.write_text("my old summary", encoding="utf-8")
    existing.chmod(0o644)
    script = after_review((SAVE_MENU, "text"), (SAVE_AS, SUMMARY_NAME), (REPLACE, "yes"), *saving())
    run(TINY, script)
    assert "5 out of 10" in existing.read_text(encoding="utf-8")
    assert mode(existing) == 0o600


def test_a_failed_save_says_so_and_lets_the_person_try_another_name(tmp_path: Path) -> None:
    """A missing folder is explained, the summary was still printed, and a new name is asked."""
    script = after_review(
        (SAVE_MENU, "text"),
        (SAVE_AS, "no-such-folder/summary.txt"),
        (AFTER_REFUSAL, "retry"),
        (SAVE_AS, "summary.txt"),
        *saving(),
    )
    result = run(TINY, script)
    said = result.prompter.said()
    assert "The folder no-such-folder does not exist" in said
    assert "Nothing was lost" in said
    assert "5 out of 10" in result.summary
    assert result.prompter.names[1] == "no-such-folder/summary.txt"
    assert (tmp_path / "summary.txt").exists()
    assert not (tmp_path / "no-such-folder").exists()


def test_after_a_refused_name_the_person_can_skip_instead_of_looping(tmp_path: Path) -> None:
    """A failed save offers "another name" or "skip"; skipping moves on with nothing written."""
    script = after_review(
        (SAVE_MENU, "text"),
        (SAVE_AS, "no-such-folder/summary.txt"),
        (AFTER_REFUSAL, "skip"),
        *saving(),
    )
    result = run(TINY, script)
    assert list(tmp_path.iterdir()) == []
    assert "Skipped: did not save the summary." in result.prompter.said()
    assert NOTHING_SAVED in result.prompter.said()


def test_an_empty_name_skips_saving(tmp_path: Path) -> None:
    """Leaving the name empty saves nothing and says so; the choice stays in the menu."""
    script = after_review(
        (SAVE_MENU, "text"), (SAVE_AS, ""), (SAVE_MENU, "answers"), (SAVE_AS, "  "), *saving()
    )
    result = run(TINY, script)
    assert list(tmp_path.iterdir()) == []
    said = result.prompter.said()
    assert "Skipped: did not save the summary." in said
    assert "Skipped: did not save the answers." in said
    assert said.endswith(f"{NOTHING_SAVED} {TINY.messages.consult}")


# --- answers given in advance (--answers) and the start ----------------------------------------


def test_saved_answers_go_straight_to_the_review(tiny_bank: Bank) -> None:
    """Saved answers that answer every question: no question is asked; the review lists them
    all, and the summary has them."""
    result = run(tiny_bank, DONE, prefill=WALK)
    assert result.prompter.asked == []
    _, choices, _ = result.prompter.menus[0]
    assert [value for value, _ in choices] == [REVIEW_DONE, *WALK]
    assert "Your saved answers are filled in" in result.prompter.said()
    assert "5 out of 10" in result.summary
    assert "Finished early" not in result.summary


def test_saved_answers_ask_only_the_questions_they_do_not_answer(tiny_bank: Bank) -> None:
    """A file without the pain level and the note: only those two are asked, then the review;
    a saved answer is offered as the default on going back."""
    saved = {k: v for k, v in WALK.items() if k not in ("level", "note")}
    script: list[tuple[str, Reply]] = [("level", Nav.BACK), ("side", "both"), ("level", 6)]
    script += [(q, WALK[q]) for q in ("tingling", "stiffness", "stiff_long", "note")]
    result = run(tiny_bank, [*script, *DONE], prefill=saved)
    asked = [(q, d) for q, d, _ in result.prompter.asked]
    assert asked[:3] == [("level", None), ("side", "left"), ("level", None)]
    assert "6 out of 10" in result.summary


def test_saved_answers_with_a_warning_sign_show_it_first(tiny_bank: Bank) -> None:
    """A saved warning sign is shown before anything else, with stop or carry on."""
    saved = {**WALK, "warning": ["today_sign"]}
    result = run(tiny_bank, [(STOP_OR_GO, "continue"), *DONE], prefill=saved)
    assert flag_message(tiny_bank, "today_sign") in result.prompter.said()
    assert result.prompter.asked == []


def test_answers_file_prefills_the_walkthrough(
    tiny_bank: Bank, tiny_bank_dir: Path, tmp_path: Path
) -> None:
    """--answers FILE fills in the walkthrough; Enter at the welcome and at every prompt keeps
    each answer, and the summary goes to the output stream alone."""
    path = tmp_path / "saved.yaml"
    path.write_text(yaml.safe_dump(WALK), encoding="utf-8")
    prompts = 1 + len(asked_questions(tiny_bank, WALK)) + len(DONE)
    where = streams("\n" * prompts)
    code = start_walkthrough(tiny_bank_dir, where, answers_file=path, plain=True, today=TODAY)
    assert code == 0
    out = written(where.output)
    assert "Worse after a long shift." in out
    assert "5 out of 10" in out
    assert "Press Enter" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saved.yaml"]


def test_a_bad_answers_file_is_refused_before_any_question(
    tiny_bank_dir: Path, tmp_path: Path
) -> None:
    """An answers file with an unknown question id is an error naming the file, raised before
    the welcome asks for Enter (nothing is read from the keyboard)."""
    path = tmp_path / "saved.yaml"
    path.write_text("no_such_question: 3\n", encoding="utf-8")
    where = streams("\n")
    with pytest.raises(FibrofootError) as raised:
        start_walkthrough(tiny_bank_dir, where, answers_file=path, plain=True, today=TODAY)
    assert "saved.yaml" in raised.value.message
    assert "no_such_question" in raised.value.message
    assert where.input is not None
    assert where.input.read() == "\n"  # the Enter is still unread


def test_a_broken_bank_is_reported_before_the_welcome(tiny_bank_copy: Path) -> None:
    """A bank file that cannot be read (here, a misspelt top-level key) is reported before the
    welcome asks for Enter, even though the welcome texts themselves read fine."""
    (tiny_bank_copy / "90-broken.yaml").write_text("signal: []\n", encoding="utf-8")
    where = streams("\n")
    with pytest.raises(FibrofootError) as raised:
        start_walkthrough(tiny_bank_copy, where, answers_file=None, plain=True, today=TODAY)
    assert "90-broken.yaml" in raised.value.message
    assert where.input is not None
    assert where.input.read() == "\n"  # the Enter is still unread


def test_a_missing_answers_file_is_reported_before_the_welcome(
    tiny_bank_dir: Path, tmp_path: Path
) -> None:
    """--answers with a wrong path fails before the welcome text is shown."""
    where = streams("")
    missing = tmp_path / "nope.yaml"
    with pytest.raises(FibrofootError, match="no such file"):
        start_walkthrough(tiny_bank_dir, where, answers_file=missing, plain=True, today=TODAY)
    assert "Press Enter" not in shown(where)


def test_without_a_terminal_it_says_how_to_use_report(tiny_bank_dir: Path) -> None:
    """Input that is not a terminal is a usage error (2) that points to `fibrofoot report`."""
    where = streams("", tty=False)
    with pytest.raises(FibrofootError) as raised:
        start_walkthrough(tiny_bank_dir, where, answers_file=None, plain=False, today=TODAY)
    assert raised.value.exit_code == 2
    assert "fibrofoot report" in raised.value.message
    assert shown(where) == ""


def test_term_dumb_chooses_the_plain_prompter(
    tiny_bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With TERM=dumb the numbered prompts are used even without --plain."""
    monkeypatch.setenv("TERM", "dumb")
    where = streams("\n")  # Enter at the welcome, then no more
    with pytest.raises(KeyboardInterrupt):  # end of input
        start_walkthrough(tiny_bank_dir, where, answers_file=None, plain=False, today=TODAY)
    assert "Type b to go back" in shown(where)  # the welcome names the plain keys
    assert "Type the numbers of all that apply" in shown(where)
    assert "\x1b" not in written(where.terminal)


# --- with the real prompters ---------------------------------------------------------------------


def test_plain_prompter_whole_walk_with_back_why_review_and_save(
    tiny_bank: Bank, tmp_path: Path
) -> None:
    """Numbered answers typed as text, with b, ?, a review change and a saved summary."""
    lines: list[str] = []
    for question in asked_questions(tiny_bank, WALK):
        if question.id == "level":
            lines += ["?", "b", plain_answer(tiny_bank.question("side"), "left")]
        lines.append(plain_answer(question, WALK[question.id]))
    review = [REVIEW_DONE, *WALK]
    lines += [
        str(review.index("level") + 1),
        "8",
        "1",  # these are right
        *plain_save_lines(("text", None)),
    ]
    prompter = PlainPrompter(io.StringIO("\n".join(lines) + "\n"), io.StringIO())
    summary_out = io.StringIO()
    assert Walkthrough(tiny_bank, prompter, TODAY).run({}, summary_out) == 0
    assert isinstance(prompter.out, io.StringIO)
    said = words(prompter.out.getvalue())
    assert f"Why we ask: {tiny_bank.question('level').why}" in said
    assert "8 out of 10" in summary_out.getvalue()
    assert mode(tmp_path / SUMMARY_NAME) == 0o600


def test_arrow_key_prompter_whole_walk_with_back_review_change_and_save(
    tiny_bank: Bank, tmp_path: Path
) -> None:
    """The real menus, in process: ← back, a review change that opens a question, a save."""
    keys = ""
    for question in asked_questions(tiny_bank, NOT_STIFF):
        if question.id == "tingling":
            side = tiny_bank.question("side")
            keys += Keyboard.Left + Keyboard.Left + answer_keys(side, "right", "left")
            keys += answer_keys(tiny_bank.question("level"), 5, 5)
        keys += answer_keys(question, NOT_STIFF[question.id])
    review = [REVIEW_DONE, *NOT_STIFF]
    keys += choice_keys(review, "stiffness", REVIEW_DONE)
    keys += answer_keys(tiny_bank.question("stiffness"), True, False)
    keys += answer_keys(tiny_bank.question("stiff_long"), "long")
    keys += choice_keys(review, REVIEW_DONE, REVIEW_DONE)
    keys += save_keys(("text", None))
    summary_out = io.StringIO()
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        prompter = QuestionaryPrompter(io.StringIO())
        assert Walkthrough(tiny_bank, prompter, TODAY).run({}, summary_out) == 0
    summary = summary_out.getvalue()
    assert "Which foot: Right" in summary
    assert "Half an hour or more" in summary
    assert "Pattern R" in summary
    saved = tmp_path / SUMMARY_NAME
    assert mode(saved) == 0o600
    assert "Half an hour or more" in saved.read_text(encoding="utf-8")


def test_arrow_key_prompter_ctrl_c_mid_walk(tiny_bank: Bank, tmp_path: Path) -> None:
    """Ctrl-C in the real menus stops the walkthrough with KeyboardInterrupt, nothing saved."""
    order = asked_questions(tiny_bank, WALK)
    keys = "".join(answer_keys(q, WALK[q.id]) for q in order[:4]) + Keyboard.ControlC
    summary_out = io.StringIO()
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        prompter = QuestionaryPrompter(io.StringIO())
        with pytest.raises(KeyboardInterrupt):
            Walkthrough(tiny_bank, prompter, TODAY).run({}, summary_out)
    assert summary_out.getvalue() == ""
    assert list(tmp_path.iterdir()) == []
