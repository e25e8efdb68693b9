"""The walkthrough: red flags first, going back, review, the summary, saving, the consult message.

Most tests drive `Walkthrough` with a scripted prompter that fails on any prompt it was not told
to expect; the last ones use the real prompters (numbered text, and arrow-key menus in process).
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers.terminal import Keyboard, answer_keys, choice_keys, deadline, plain_answer
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from helpers.strategies import NO_URGENT, shipped_bank

from fibrofoot import flow
from fibrofoot.answers import Answers, AnswerValue, read_answers, validate_answers
from fibrofoot.bank.models import LEVEL_ORDER, Bank, Level, Question, RedFlag
from fibrofoot.errors import FibrofootError
from fibrofoot.render.formats import FORMATS
from fibrofoot.rules import asked_questions
from fibrofoot.terminal.menus import QuestionaryPrompter
from fibrofoot.terminal.plain import PlainPrompter
from fibrofoot.terminal.prompter import AnswerOrBack, Nav, Navigation, Prompter
from fibrofoot.terminal.screen import KEYS_HELP_MENUS, KEYS_HELP_PLAIN
from fibrofoot.terminal.start import start_walkthrough
from fibrofoot.terminal.walkthrough import REVIEW_DONE, Walkthrough

TODAY = date(2026, 1, 15)
SUMMARY_NAME = "fibrofoot-summary-2026-01-15.txt"
ANSWERS_NAME = "fibrofoot-answers-2026-01-15.yaml"

# Prompts of the walkthrough itself, matched as parts of the message.
STOP_OR_GO = "What would you like to do?"
REVIEW = "Your answers."
SAVE_SUMMARY = "save this summary"
FILE_KIND = "Which kind of file?"
SAVE_ANSWERS = "Save your answers too"
SAVE_AS = "Save as"
REPLACE = "already exists. Replace it?"
AFTER_REFUSAL = "What would you like to do?"
DEFAULT = "<keep the suggested name>"

# "None of these" to every question of the first (urgent) section.
# Heel pain on the first steps, stiff mornings that settle quickly, no swelling.
HEEL: Answers = {
    **NO_URGENT,
    "pain_areas": ["heel"],
    "pain_side": "left",
    "pain_level": 5,
    "pain_duration": "over_a_year",
    "pain_timing": ["first_steps"],
    "first_steps_ease": True,
    "sensations": ["none"],
    "tender_spots": False,
    "morning_stiffness": "under_30",
    "joint_swelling": "no",
    "walk_differently": False,
    "walking_signs": ["none"],
    "note": "Worse after a long shift.",
}
# The same, with swollen joints on both feet and sore hands: a follow-up question applies.
SWOLLEN: Answers = {**HEEL, "joint_swelling": "both_feet", "other_joints": True}
SWOLLEN = {q.id: SWOLLEN[q.id] for q in shipped_bank().questions if q.id in SWOLLEN}

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
        if reply is Nav.BACK:
            return Nav.BACK
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


NO_SAVES: list[tuple[str, Reply]] = [(SAVE_SUMMARY, "no"), (SAVE_ANSWERS, "no")]
DONE: list[tuple[str, Reply]] = [(REVIEW, REVIEW_DONE), *NO_SAVES]


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


def paragraphs(text: str) -> list[str]:
    return [words(p) for p in text.split("\n\n") if p.strip()]


@pytest.fixture(autouse=True)
def _setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Wide lines, and files saved into an empty folder of the test's own."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)
    with deadline():
        yield


def consult(bank: Bank) -> str:
    return words(bank.messages.consult)


def assert_consult_is_last(bank: Bank, result: Run) -> None:
    assert paragraphs(result.summary)[-1] == consult(bank)
    assert result.prompter.said().endswith(consult(bank))
    assert result.prompter.events[-1] == f"say {bank.messages.consult}"


# --- the whole walk ------------------------------------------------------------------------------


def test_a_whole_walk_prints_the_summary_and_ends_with_the_consult_message(bank: Bank) -> None:
    """Every question that applies is asked once, in order; the summary follows the review."""
    result = run(bank, [*answering(bank, HEEL), *DONE])
    assert result.code == 0
    asked = [question_id for question_id, _, _ in result.prompter.asked]
    assert asked == [q.id for q in asked_questions(bank, HEEL)]
    assert result.summary.startswith("FOOT PAIN SUMMARY")
    assert "Worse after a long shift." in result.summary
    assert_consult_is_last(bank, result)


@pytest.mark.parametrize(("plain", "keys"), [(False, KEYS_HELP_MENUS), (True, KEYS_HELP_PLAIN)])
def test_the_welcome_comes_before_anything_is_asked(
    bank: Bank,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    plain: bool,
    keys: str,
) -> None:
    """Intro, what it is not, privacy and the keys to use, then "Press Enter to begin"."""
    monkeypatch.setattr(sys, "stdin", FakeTty(""))  # no Enter: the welcome is all there is
    with pytest.raises(KeyboardInterrupt):
        start_walkthrough(None, answers_file=None, plain=plain, today=TODAY)
    shown = words(capsys.readouterr().err)
    messages = bank.messages
    parts = [messages.intro, messages.disclaimer, messages.privacy, keys, "Press Enter to begin."]
    positions = [shown.index(words(part)) for part in parts]
    assert positions == sorted(positions)


def test_each_section_is_announced_and_each_question_has_a_progress_line(bank: Bank) -> None:
    """Section titles appear once each; a progress line comes before every question."""
    result = run(bank, [*answering(bank, HEEL), *DONE])
    events = result.prompter.events
    titles = [e for e in events if e.startswith("say == ")]
    assert titles == [f"say == {s.title} ==" for s in bank.sections]
    for number, index in enumerate(
        (i for i, e in enumerate(events) if e.startswith("ask ")), start=1
    ):
        assert events[index - 1].startswith("say Section ")
        assert f"question {number} of about" in events[index - 1]


def test_only_the_first_question_cannot_go_back(bank: Bank) -> None:
    """Every question but the first is asked with "back" available."""
    result = run(bank, [*answering(bank, HEEL), *DONE])
    backs = [can_go_back for _, _, can_go_back in result.prompter.asked]
    assert backs == [False] + [True] * (len(backs) - 1)


def test_summary_to_a_file_says_where_it_went(bank: Bank) -> None:
    """When stdout is not a terminal, the person is told their summary went to that file."""
    result = run(bank, [*answering(bank, HEEL), *DONE])
    assert "Your summary went to the file you sent fibrofoot's output to." in result.prompter.said()


def test_summary_to_the_terminal_says_nothing_about_a_file(bank: Bank) -> None:
    """On a terminal the summary is simply shown."""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    prompter = Scripted([*answering(bank, HEEL), *DONE])
    assert Walkthrough(bank, prompter, TODAY).run({}, Tty()) == 0
    assert "went to the file" not in prompter.said()


def test_ctrl_c_leaves_the_walkthrough_with_nothing_printed_or_saved(
    bank: Bank, tmp_path: Path
) -> None:
    """KeyboardInterrupt from a prompt goes up to the CLI; no summary is written, no file saved."""

    class Interrupting(Scripted):
        def ask(
            self, question: Question, default: AnswerValue | None, nav: Navigation
        ) -> AnswerOrBack:
            if question.id == "pain_level":
                raise KeyboardInterrupt
            return super().ask(question, default, nav)

    prompter = Interrupting(answering(bank, HEEL))
    summary_out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        Walkthrough(bank, prompter, TODAY).run({}, summary_out)
    assert summary_out.getvalue() == ""
    assert list(tmp_path.iterdir()) == []


# --- going back ----------------------------------------------------------------------------------


def test_going_back_offers_the_earlier_answers_again(bank: Bank) -> None:
    """Back steps to the previous question with its answer as the default; later ones are kept."""
    steps = answering(bank, HEEL)
    at = position(steps, "pain_level")
    script = [
        *steps[:at],
        ("pain_level", Nav.BACK),
        ("pain_side", Nav.BACK),
        ("pain_areas", ["heel", "arch"]),
        ("pain_side", "left"),
        *steps[at:],
        *DONE,
    ]
    result = run(bank, script)
    assert result.prompter.asked[at : at + 4] == [
        ("pain_level", None, True),
        ("pain_side", "left", True),
        ("pain_areas", ["heel"], True),
        ("pain_side", "left", True),
    ]
    assert "The arch" in result.summary


def test_going_back_keeps_later_answers_that_still_apply(bank: Bank) -> None:
    """Back past several questions and forward again: each later answer is offered as before."""
    steps = answering(bank, HEEL)
    at = position(steps, "first_steps_ease")
    script = [
        *steps[:at],
        ("first_steps_ease", Nav.BACK),
        ("pain_timing", Nav.BACK),
        ("pain_duration", Nav.BACK),
        ("pain_level", 7),
        ("pain_duration", "over_a_year"),
        ("pain_timing", ["first_steps"]),
        *steps[at:],
        *DONE,
    ]
    result = run(bank, script)
    assert [(q, d) for q, d, _ in result.prompter.asked[at : at + 7]] == [
        ("first_steps_ease", None),
        ("pain_timing", ["first_steps"]),
        ("pain_duration", "over_a_year"),
        ("pain_level", 5),
        ("pain_duration", "over_a_year"),
        ("pain_timing", ["first_steps"]),
        ("first_steps_ease", None),
    ]
    assert "7 out of 10" in result.summary


def test_going_back_and_changing_drops_answers_that_no_longer_apply(bank: Bank) -> None:
    """Back to "swollen joints", change to No: its follow-up is skipped and left out."""
    steps = answering(bank, SWOLLEN)
    at = position(steps, "walk_differently")
    script = [
        *steps[:at],
        ("walk_differently", Nav.BACK),
        ("other_joints", Nav.BACK),
        ("joint_swelling", "no"),
        *steps[at:],
        *DONE,
    ]
    result = run(bank, script)
    asked = [q for q, _, _ in result.prompter.asked]
    after_change = asked[len(asked) - asked[::-1].index("joint_swelling") :]
    assert after_change[0] == "walk_differently"
    assert "other_joints" not in after_change
    review = result.prompter.menus[0][1]
    assert "other_joints" not in [value for value, _ in review]
    assert bank.question("other_joints").label not in result.summary
    assert "rheumatoid arthritis" not in result.summary


def test_a_dropped_answer_is_not_offered_again(bank: Bank) -> None:
    """Both feet -> No -> one foot: the follow-up comes back empty, not with the old answer."""
    steps = answering(bank, SWOLLEN)
    at = position(steps, "walk_differently")
    script = [
        *steps[:at],
        ("walk_differently", Nav.BACK),
        ("other_joints", Nav.BACK),
        ("joint_swelling", "no"),
        ("walk_differently", Nav.BACK),
        ("joint_swelling", "one_foot"),
        ("other_joints", False),
        *steps[at:],
        *DONE,
    ]
    result = run(bank, script)
    offered = [d for q, d, _ in result.prompter.asked if q == "other_joints"]
    assert offered == [None, True, None]
    assert "Yes, on one foot" in result.summary


# --- review --------------------------------------------------------------------------------------


def test_review_lists_every_answer_in_the_order_asked(bank: Bank) -> None:
    """The review menu starts with "these are right", then one entry per answer."""
    result = run(bank, [*answering(bank, HEEL), *DONE])
    _, choices, default = result.prompter.menus[0]
    assert default == REVIEW_DONE
    assert [value for value, _ in choices] == [REVIEW_DONE, *HEEL]
    labels = dict(choices)
    assert labels["pain_side"] == "Which foot: The left foot"
    assert labels["pain_level"] == "Pain (0-10): 5 out of 10"


def test_review_changes_an_answer(bank: Bank) -> None:
    """Choosing an answer asks its question again with the old answer, then returns to review."""
    script = [
        *answering(bank, HEEL),
        (REVIEW, "pain_side"),
        ("pain_side", "both"),
        *DONE,
    ]
    result = run(bank, script)
    assert result.prompter.asked[-1] == ("pain_side", "left", True)
    assert dict(result.prompter.menus[1][1])["pain_side"] == "Which foot: Both feet"
    assert "Both feet" in result.summary
    assert "The left foot" not in result.summary


def test_review_asks_the_questions_a_change_opens(bank: Bank) -> None:
    """Adding tingling asks its three follow-ups, in bank order, before returning to review."""
    script = [
        *answering(bank, HEEL),
        (REVIEW, "sensations"),
        ("sensations", ["tingling"]),
        ("nerve_pattern", "sock"),
        ("temperature_feel", True),
        ("nerve_risks", ["none"]),
        *DONE,
    ]
    result = run(bank, script)
    assert result.prompter.said().count("Your change opens a question:") == 3
    review = [value for value, _ in result.prompter.menus[1][1]]
    assert review[1:] == [q.id for q in bank.questions if q.id in review]
    assert {"nerve_pattern", "temperature_feel", "nerve_risks"} < set(review)
    assert "peripheral neuropathy" in result.summary


def test_review_change_drops_answers_that_no_longer_apply(bank: Bank) -> None:
    """Changing "swollen joints" to No removes its follow-up, and asks nothing new."""
    script = [
        *answering(bank, SWOLLEN),
        (REVIEW, "joint_swelling"),
        ("joint_swelling", "no"),
        *DONE,
    ]
    result = run(bank, script)
    assert "other_joints" in [value for value, _ in result.prompter.menus[0][1]]
    assert "other_joints" not in [value for value, _ in result.prompter.menus[1][1]]
    assert "rheumatoid arthritis" not in result.summary
    assert "Your change opens a question" not in result.prompter.said()


def test_review_change_removes_a_contributor(bank: Bank) -> None:
    """Morning stiffness that eases within 30 minutes, changed to No: osteoarthritis is gone."""
    first = run(bank, [*answering(bank, HEEL), *DONE])
    assert "osteoarthritis" in first.summary
    script = [
        *answering(bank, HEEL),
        (REVIEW, "morning_stiffness"),
        ("morning_stiffness", "no"),
        *DONE,
    ]
    assert "osteoarthritis" not in run(bank, script).summary


def test_review_back_keeps_the_answer(bank: Bank) -> None:
    """Going back from a question opened in review leaves its answer as it was."""
    script = [
        *answering(bank, HEEL),
        (REVIEW, "pain_level"),
        ("pain_level", Nav.BACK),
        *DONE,
    ]
    result = run(bank, script)
    assert "5 out of 10" in result.summary


def test_any_answer_can_be_changed_in_review(bank: Bank) -> None:
    """Every entry of the review menu can be picked and changed (here: each kept as it was)."""
    script = [*answering(bank, HEEL)]
    for question_id, value in HEEL.items():
        script += [(REVIEW, question_id), (question_id, value)]
    result = run(bank, [*script, *DONE])
    changed = [q for q, _, _ in result.prompter.asked[len(HEEL) :]]
    assert changed == list(HEEL)


# --- red flags -----------------------------------------------------------------------------------


def one_flag_per_level(bank: Bank) -> list[tuple[str, str, Level]]:
    """Per level, the first red flag that one ticked option raises: (question, option, level)."""
    found: dict[Level, tuple[str, str, Level]] = {}
    for flag in bank.red_flags:
        [condition] = flag.when
        assert condition.is_ is not None
        found.setdefault(flag.level, (condition.question, str(condition.is_[0]), flag.level))
    return [found[level] for level in LEVEL_ORDER]


FLAGS = one_flag_per_level(shipped_bank())


def flagged(question_id: str, option: str) -> Answers:
    return {**NO_URGENT, question_id: [option]}


def flag_for(bank: Bank, option: str) -> RedFlag:
    """The red flag raised by ticking this one urgent option."""
    return next(f for f in bank.red_flags if f.when[0].is_ == (option,))


@pytest.mark.parametrize(("question_id", "option", "level"), FLAGS)
def test_a_red_flag_is_shown_at_once_and_offers_stop_or_carry_on(
    bank: Bank, question_id: str, option: str, level: Level
) -> None:
    """Right after the answer: the level's title, where to go and the message; then the choice."""
    answers = flagged(question_id, option)
    steps = answering(bank, answers)
    stop_at = steps.index((STOP_OR_GO, "continue"))
    result = run(bank, [*steps[:stop_at], (STOP_OR_GO, "stop")])
    events = result.prompter.events
    asked_at = events.index(f"ask {question_id}")
    menu_at = next(i for i, e in enumerate(events) if e.startswith(f"choose {STOP_OR_GO}"))
    between = events[asked_at + 1 : menu_at]
    flag = flag_for(bank, option)
    texts = bank.messages.levels[level]
    assert f"say !! {texts.title}" in between
    assert f"say {texts.where_to_go}" in between
    assert f"say {flag.message}" in between
    _, choices, default = result.prompter.menus[0]
    assert [value for value, _ in choices] == ["stop", "continue"]
    # Enter stops at an emergency; below that level it carries on.
    assert default == ("stop" if level is Level.EMERGENCY else "continue")


@pytest.mark.parametrize(("question_id", "option", "level"), FLAGS)
def test_stopping_at_a_red_flag_still_gives_a_summary_ending_with_the_consult_message(
    bank: Bank, question_id: str, option: str, level: Level
) -> None:
    """Stop: no more questions, no review, no saving; the summary has the flag; consult last."""
    steps = answering(bank, flagged(question_id, option))
    stop_at = steps.index((STOP_OR_GO, "continue"))
    result = run(bank, [*steps[:stop_at], (STOP_OR_GO, "stop")])
    assert result.code == 0
    assert result.prompter.asked[-1][0] == question_id
    assert [menu for menu, _, _ in result.prompter.menus] == [STOP_OR_GO]
    assert bank.messages.levels[level].title in result.summary
    assert_consult_is_last(bank, result)


@pytest.mark.parametrize(("question_id", "option", "level"), FLAGS)
def test_carrying_on_after_a_red_flag_asks_the_next_question(
    bank: Bank, question_id: str, option: str, level: Level
) -> None:
    """Carry on: the walk continues where it was, and the flag still leads the summary."""
    answers = {**HEEL, question_id: [option]}
    result = run(bank, [*answering(bank, answers), *DONE])
    asked = [q for q, _, _ in result.prompter.asked]
    assert asked == [q.id for q in asked_questions(bank, answers)]
    title = bank.messages.levels[level].title
    assert result.summary.index(title) < result.summary.index("WHAT YOU REPORTED")
    assert_consult_is_last(bank, result)


def test_several_flags_from_one_answer_are_all_shown_under_one_title(bank: Bank) -> None:
    """Two emergency signs ticked together: both messages, under the level's title once."""
    answers = {**NO_URGENT, "urgent_emergency": ["cold_pale_foot", "injury"]}
    steps = answering(bank, answers)
    stop_at = steps.index((STOP_OR_GO, "continue"))
    result = run(bank, [*steps[:stop_at], (STOP_OR_GO, "stop")])
    shown = result.prompter.said()
    for option in ("cold_pale_foot", "injury"):
        assert words(flag_for(bank, option).message) in shown
    assert shown.count(bank.messages.levels[Level("emergency")].title) == 1


def test_a_red_flag_raised_in_review_is_shown_at_once(bank: Bank) -> None:
    """Changing an urgent answer in review shows the flag and offers to stop there."""
    question_id, option, level = FLAGS[1]
    script = [
        *answering(bank, HEEL),
        (REVIEW, question_id),
        (question_id, [option]),
        (STOP_OR_GO, "stop"),
    ]
    result = run(bank, script)  # stopping at a flag: no save offers, as in the main flow
    assert words(flag_for(bank, option).message) in result.prompter.said()
    assert bank.messages.levels[level].title in result.summary
    assert_consult_is_last(bank, result)


# --- saving --------------------------------------------------------------------------------------


def save_text_summary(name: str = DEFAULT) -> list[tuple[str, Reply]]:
    return [(SAVE_SUMMARY, "yes"), (FILE_KIND, "text"), (SAVE_AS, name)]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_save_writes_owner_only_files_with_dated_default_names(bank: Bank, tmp_path: Path) -> None:
    """Both files are offered under dated names, saved 0600, and say where they went."""
    script = [
        *answering(bank, HEEL),
        (REVIEW, REVIEW_DONE),
        *save_text_summary(),
        (SAVE_ANSWERS, "yes"),
        (SAVE_AS, DEFAULT),
    ]
    result = run(bank, script)
    assert result.prompter.names == [SUMMARY_NAME, ANSWERS_NAME]
    summary, answers = tmp_path / SUMMARY_NAME, tmp_path / ANSWERS_NAME
    assert mode(summary) == mode(answers) == 0o600
    assert paragraphs(summary.read_text(encoding="utf-8"))[-1] == consult(bank)
    assert f"Saved the summary to {summary}" in result.prompter.said()
    assert_consult_is_last(bank, result)


def test_saved_answers_load_back_as_the_same_answers(bank: Bank, tmp_path: Path) -> None:
    """The answers file reads back (as --answers would) to exactly the answers given."""
    script = [
        *answering(bank, HEEL),
        (REVIEW, REVIEW_DONE),
        (SAVE_SUMMARY, "no"),
        (SAVE_ANSWERS, "yes"),
        (SAVE_AS, DEFAULT),
    ]
    run(bank, script)
    saved = tmp_path / ANSWERS_NAME
    assert validate_answers(bank, read_answers(saved), str(saved)) == HEEL
    assert saved.read_text(encoding="utf-8").startswith("# fibrofoot answers, 2026-01-15.")


def test_save_offers_each_format(bank: Bank) -> None:
    """The file-kind menu lists every format fibrofoot can write."""
    result = run(
        bank,
        [*answering(bank, HEEL), (REVIEW, REVIEW_DONE), *save_text_summary(), (SAVE_ANSWERS, "no")],
    )
    _, choices, _ = result.prompter.menus[2]
    assert [value for value, _ in choices] == list(FORMATS)


def test_save_does_not_silently_overwrite(bank: Bank, tmp_path: Path) -> None:
    """An existing file is kept unless the person says to replace it; a free name is offered."""
    existing = tmp_path / SUMMARY_NAME
    existing.write_text("my old summary", encoding="utf-8")
    second = SUMMARY_NAME.replace(".txt", "-2.txt")
    script = [
        *answering(bank, HEEL),
        (REVIEW, REVIEW_DONE),
        *save_text_summary(SUMMARY_NAME),
        (REPLACE, "no"),
        (AFTER_REFUSAL, "retry"),
        (SAVE_AS, DEFAULT),
        (SAVE_ANSWERS, "no"),
    ]
    result = run(bank, script)
    assert existing.read_text(encoding="utf-8") == "my old summary"
    assert (tmp_path / second).read_text(encoding="utf-8").startswith("FOOT PAIN SUMMARY")
    # The name offered skips the file that exists, before and after saying "no".
    assert result.prompter.names == [second, second]
    replace_menu = result.prompter.menus[3]
    assert replace_menu[2] == "no"
    assert result.prompter.menus[4][2] == "retry"


def test_save_replaces_when_asked(bank: Bank, tmp_path: Path) -> None:
    """Saying yes to "Replace it?" overwrites the file, still readable only by its owner."""
    existing = tmp_path / SUMMARY_NAME
    existing.write_text("my old summary", encoding="utf-8")
    existing.chmod(0o644)
    script = [
        *answering(bank, HEEL),
        (REVIEW, REVIEW_DONE),
        *save_text_summary(SUMMARY_NAME),
        (REPLACE, "yes"),
        (SAVE_ANSWERS, "no"),
    ]
    run(bank, script)
    assert existing.read_text(encoding="utf-8").startswith("FOOT PAIN SUMMARY")
    assert mode(existing) == 0o600


def test_a_failed_save_says_so_and_lets_the_person_try_another_name(
    bank: Bank, tmp_path: Path
) -> None:
    """A missing folder is explained, the summary was still printed, and a new name is asked."""
    script = [
        *answering(bank, HEEL),
        (REVIEW, REVIEW_DONE),
        *save_text_summary("no-such-folder/summary.txt"),
        (AFTER_REFUSAL, "retry"),
        (SAVE_AS, "summary.txt"),
        (SAVE_ANSWERS, "no"),
    ]
    result = run(bank, script)
    shown = result.prompter.said()
    assert "The folder no-such-folder does not exist" in shown
    assert "Nothing was lost" in shown
    assert result.summary.startswith("FOOT PAIN SUMMARY")
    assert result.prompter.names[1] == "no-such-folder/summary.txt"
    assert (tmp_path / "summary.txt").exists()
    assert not (tmp_path / "no-such-folder").exists()
    assert_consult_is_last(bank, result)


def test_after_a_refused_name_the_person_can_skip_instead_of_looping(
    bank: Bank, tmp_path: Path
) -> None:
    """A failed save offers "another name" or "skip"; skipping moves on with nothing written."""
    script = [
        *answering(bank, HEEL),
        (REVIEW, REVIEW_DONE),
        *save_text_summary("no-such-folder/summary.txt"),
        (AFTER_REFUSAL, "skip"),
        (SAVE_ANSWERS, "no"),
    ]
    result = run(bank, script)
    assert list(tmp_path.iterdir()) == []
    assert "Skipped: did not save the summary." in result.prompter.said()
    assert_consult_is_last(bank, result)


def test_an_empty_name_skips_saving(bank: Bank, tmp_path: Path) -> None:
    """Leaving the name empty saves nothing and says so."""
    script = [
        *answering(bank, HEEL),
        (REVIEW, REVIEW_DONE),
        *save_text_summary(""),
        (SAVE_ANSWERS, "yes"),
        (SAVE_AS, "  "),
    ]
    result = run(bank, script)
    assert list(tmp_path.iterdir()) == []
    shown = result.prompter.said()
    assert "Skipped: did not save the summary." in shown
    assert "Skipped: did not save the answers." in shown


# --- answers given in advance (--answers) --------------------------------------------------------


def test_prefilled_answers_are_the_defaults(bank: Bank) -> None:
    """Each question offers the saved answer; the intro says Enter keeps them."""
    script = [(q, v) for q, v in answering(bank, HEEL)]
    result = run(bank, [*script, *DONE], prefill=HEEL)
    assert [(q, d) for q, d, _ in result.prompter.asked] == list(HEEL.items())
    assert (
        "Your saved answers are filled in; press Enter to keep each one." in result.prompter.said()
    )


class FakeTty(io.StringIO):
    """Typed lines on a 'terminal'."""

    def isatty(self) -> bool:
        return True


def test_answers_file_prefills_the_walkthrough(
    bank: Bank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--answers FILE fills in the walkthrough; Enter at the welcome and at every prompt keeps
    each answer."""
    path = tmp_path / "saved.yaml"
    path.write_text(yaml.safe_dump(HEEL), encoding="utf-8")
    prompts = 1 + len(asked_questions(bank, HEEL)) + len(DONE)
    monkeypatch.setattr(sys, "stdin", FakeTty("\n" * prompts))
    code = start_walkthrough(None, answers_file=path, plain=True, today=TODAY)
    out, err = capsys.readouterr()
    assert code == 0
    assert "Worse after a long shift." in out
    assert "5 out of 10" in out
    assert words(err).endswith(consult(bank))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saved.yaml"]


def test_a_bad_answers_file_is_refused_before_any_question(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answers file with an unknown question id is an error naming the file, raised before
    the welcome asks for Enter (nothing is read from the keyboard)."""
    path = tmp_path / "saved.yaml"
    path.write_text("no_such_question: 3\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", FakeTty(""))
    with pytest.raises(FibrofootError) as raised:
        start_walkthrough(None, answers_file=path, plain=True, today=TODAY)
    assert "saved.yaml" in raised.value.message
    assert "no_such_question" in raised.value.message


def test_a_missing_answers_file_is_reported_before_the_welcome(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--answers with a wrong path fails before the welcome text is shown."""
    monkeypatch.setattr(sys, "stdin", FakeTty(""))
    with pytest.raises(FibrofootError, match="no such file"):
        start_walkthrough(None, answers_file=tmp_path / "nope.yaml", plain=True, today=TODAY)
    assert "Press Enter" not in capsys.readouterr().err


def test_without_a_terminal_it_says_how_to_use_report(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Input that is not a terminal is a usage error (2) that points to `fibrofoot report`."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(FibrofootError) as raised:
        start_walkthrough(None, answers_file=None, plain=False, today=TODAY)
    assert raised.value.exit_code == 2
    assert "fibrofoot report" in raised.value.message


def test_term_dumb_chooses_the_plain_prompter(
    bank: Bank, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With TERM=dumb the numbered prompts are used even without --plain."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setattr(sys, "stdin", FakeTty("\n"))  # Enter at the welcome, then no more
    with pytest.raises(KeyboardInterrupt):  # end of input
        start_walkthrough(None, answers_file=None, plain=False, today=TODAY)
    err = capsys.readouterr().err
    assert "Type b to go back" in err  # the welcome names the plain keys
    assert "Type the numbers of all that apply" in err
    assert "\x1b" not in err


# --- with the real prompters ---------------------------------------------------------------------


def test_plain_prompter_whole_walk_with_back_why_review_and_save(
    bank: Bank, tmp_path: Path
) -> None:
    """Numbered answers typed as text, with b, ?, a review change and a saved summary."""
    lines: list[str] = []
    for question in asked_questions(bank, HEEL):
        if question.id == "pain_level":
            lines += ["?", "b", plain_answer(bank.question("pain_side"), "left")]
        lines.append(plain_answer(question, HEEL[question.id]))
    review = [REVIEW_DONE, *HEEL]
    formats = list(FORMATS)
    lines += [
        str(review.index("pain_level") + 1),
        "8",
        "1",  # these are right
        "2",  # save the summary: yes
        str(formats.index("text") + 1),
        "",  # keep the suggested name
        "1",  # answers: no
    ]
    prompter = PlainPrompter(io.StringIO("\n".join(lines) + "\n"), io.StringIO())
    summary_out = io.StringIO()
    assert Walkthrough(bank, prompter, TODAY).run({}, summary_out) == 0
    out = prompter.out
    assert isinstance(out, io.StringIO)
    shown = words(out.getvalue())
    assert f"Why we ask: {bank.question('pain_level').why}" in shown
    assert "8 out of 10" in summary_out.getvalue()
    assert mode(tmp_path / SUMMARY_NAME) == 0o600
    assert shown.endswith(consult(bank))


def test_arrow_key_prompter_whole_walk_with_back_review_change_and_save(
    bank: Bank, tmp_path: Path
) -> None:
    """The real menus, in process: ← back, a review change that opens questions, a save."""
    order = asked_questions(bank, HEEL)
    keys = ""
    for question in order:
        if question.id == "pain_duration":
            side = bank.question("pain_side")
            keys += Keyboard.Left + Keyboard.Left + answer_keys(side, "right", "left")
            keys += answer_keys(bank.question("pain_level"), 5, 5)
        keys += answer_keys(question, HEEL[question.id])
    review = [REVIEW_DONE, *HEEL]
    formats = list(FORMATS)
    default_format = "html" if "html" in formats else formats[0]
    keys += choice_keys(review, "joint_swelling", REVIEW_DONE)
    keys += answer_keys(bank.question("joint_swelling"), "one_foot", "no")
    keys += answer_keys(bank.question("other_joints"), True)
    keys += choice_keys(review, REVIEW_DONE, REVIEW_DONE)
    keys += choice_keys(["no", "yes"], "yes", "no")
    keys += choice_keys(formats, "text", default_format)
    keys += Keyboard.Enter  # the suggested name
    keys += choice_keys(["no", "yes"], "no", "no")
    summary_out = io.StringIO()
    prompter = QuestionaryPrompter(io.StringIO())
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        assert Walkthrough(bank, prompter, TODAY).run({}, summary_out) == 0
    summary = summary_out.getvalue()
    assert "The right foot" in summary
    assert "Yes, on one foot" in summary
    assert "rheumatoid arthritis" in summary
    saved = tmp_path / SUMMARY_NAME
    assert mode(saved) == 0o600
    assert paragraphs(saved.read_text(encoding="utf-8"))[-1] == consult(bank)
    out = prompter.out
    assert isinstance(out, io.StringIO)
    assert words(out.getvalue()).endswith(consult(bank))


def test_arrow_key_prompter_ctrl_c_mid_walk(bank: Bank, tmp_path: Path) -> None:
    """Ctrl-C in the real menus stops the walkthrough with KeyboardInterrupt, nothing saved."""
    order = asked_questions(bank, HEEL)
    keys = "".join(answer_keys(q, HEEL[q.id]) for q in order[:4]) + Keyboard.ControlC
    summary_out = io.StringIO()
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        with pytest.raises(KeyboardInterrupt):
            Walkthrough(bank, QuestionaryPrompter(io.StringIO()), TODAY).run({}, summary_out)
    assert summary_out.getvalue() == ""
    assert list(tmp_path.iterdir()) == []
    assert os.listdir(tmp_path) == []
