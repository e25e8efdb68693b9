"""`fibrofoot checkin`: the bank's few check-in questions, what was answered, and the offer to
keep it (or `--keep`). Also the one offer to keep an entry, which the walkthrough makes too.

Nothing is kept unless the person says so; a history that cannot be written (a full disk, a
read-only folder, a file that is not fibrofoot's) is said in a sentence, and what was answered
stays on the screen.
"""

from __future__ import annotations

import os
import signal
from datetime import datetime

from fibrofoot import __version__
from fibrofoot.answers import Answers, answer_text
from fibrofoot.bank.models import Bank
from fibrofoot.errors import EXIT_USAGE, FibrofootError
from fibrofoot.history import store
from fibrofoot.history.record import Entry, checkin_entry, full_entry, to_row
from fibrofoot.safe_text import harmless, shown_path
from fibrofoot.summary import Summary
from fibrofoot.terminal.prompter import Nav, Navigation, Prompter
from fibrofoot.terminal.saving import SaveOffer
from fibrofoot.terminal.screen import KEYS_HELP_MENUS, KEYS_HELP_PLAIN, Streams
from fibrofoot.terminal.stopping import Signalled

KEEP_OFFER = "Keep it on this computer so next time can show what changed?"
KEEP_LABEL = "Keep it on this computer so next time can show what changed"
HISTORY_OFFER = "history"
KEEP_CHOICES = [("no", "No, do not keep it"), ("yes", "Yes, keep it (only you can read it)")]
NO_TERMINAL = (
    "The check-in asks its questions in a terminal, and this input is not one. Run "
    "'fibrofoot checkin' in a terminal window."
)


def run_checkin(bank: Bank, streams: Streams, *, plain: bool, keep: bool) -> None:
    """Ask the check-in, show what was answered, keep it if the person says so."""
    if bank.checkin is None or not bank.checkin_questions():
        raise FibrofootError("This question bank has no check-in questions ('checkin').")
    keyboard = streams.input
    if keyboard is None or not keyboard.isatty():
        raise FibrofootError(NO_TERMINAL, EXIT_USAGE)
    plain = plain or os.environ.get("TERM") == "dumb"
    if plain:
        from fibrofoot.terminal.plain import PlainPrompter

        _checkin(bank, PlainPrompter(keyboard, streams.terminal), plain=True, keep=keep)
        return
    from prompt_toolkit.application import create_app_session_from_tty

    from fibrofoot.terminal.menus import QuestionaryPrompter

    with create_app_session_from_tty():
        _checkin(bank, QuestionaryPrompter(streams.terminal), plain=False, keep=keep)


def _checkin(bank: Bank, p: Prompter, *, plain: bool, keep: bool) -> None:
    assert bank.checkin is not None
    p.say(f"== {bank.checkin.title} ==")
    p.say(bank.checkin.intro)
    p.say(KEYS_HELP_PLAIN if plain else KEYS_HELP_MENUS)
    questions = bank.checkin_questions()
    answers: Answers = {}
    index = 0
    while index < len(questions):
        question = questions[index]
        p.say()
        p.say(f"Question {index + 1} of {len(questions)}")
        result = p.ask(question, answers.get(question.id), Navigation(can_go_back=index > 0))
        if result is Nav.BACK:
            index -= 1
            continue
        assert not isinstance(result, Nav)
        answers[question.id] = result
        index += 1
    p.say()
    p.say("Your check-in:")
    for question in questions:
        if question.id in answers and str(answers[question.id]).strip():
            shown = harmless(answer_text(question, answers[question.id])).replace("\n", " ")
            p.say(f"{question.label}: {shown}", "    ", "  - ")
    entry = checkin_entry(bank, answers, now(), __version__)
    offer_to_keep(p, entry, already_chosen=keep)


def offer_to_keep(p: Prompter, entry: Entry, *, already_chosen: bool = False) -> bool:
    """Ask (unless `already_chosen`) and keep the entry; True if it was kept. Stopped once it
    is kept, the stop carries what was kept (`Signalled.kept`), as the save menu's does, so
    that "Stopped." is not followed by "Nothing was saved."."""
    p.say()
    if not already_chosen and p.choose(KEEP_OFFER, KEEP_CHOICES, "no") != "yes":
        p.say("Not kept: nothing was written.")
        return False
    try:
        sentence = keep(entry)
    except FibrofootError as error:
        p.say(f"Not kept. {error.message}")
        return False
    try:
        p.say(sentence)
    except KeyboardInterrupt as stop:
        signum = stop.signum if isinstance(stop, Signalled) else signal.SIGINT
        raise Signalled(signum, kept=sentence) from None
    return True


def keep(entry: Entry) -> str:
    """Keep `entry` in the history; the sentence that says where (FibrofootError if not)."""
    folder = store.data_folder()
    store.add(folder, [to_row(entry)])
    return (
        f"Kept in {shown_path(store.database_path(folder))} (only you can read it), so next "
        "time can show what changed. 'fibrofoot history' shows what you kept; "
        "'fibrofoot forget' deletes it."
    )


def walkthrough_offer(bank: Bank) -> SaveOffer:
    """The end-of-walk offer to keep the walkthrough, in the save menu (default: not to)."""

    def keep_walk(summary: Summary, answers: Answers) -> str:
        return keep(full_entry(bank, answers, now(), __version__))

    return SaveOffer(HISTORY_OFFER, KEEP_LABEL, keep_walk)


def now() -> datetime:
    """This moment in local time, with its UTC offset."""
    return datetime.now().astimezone()
