"""Saving at the end of a walk (after all the questions, a warning-sign stop or finishing early):
one menu of what to keep, offered again after each save until the person is done; free default
names with the folder shown first, the format's extension added, replace, retry and skip."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fibrofoot.answers import Answers, dump_answers
from fibrofoot.bank.models import Bank
from fibrofoot.errors import FibrofootError
from fibrofoot.files import expand_path, path_kind, write_private
from fibrofoot.render.formats import EXTENSIONS, FORMAT_LABELS, FORMATS, render
from fibrofoot.safe_text import shown_path
from fibrofoot.summary import Summary
from fibrofoot.terminal.prompter import Prompter
from fibrofoot.terminal.stopping import NOTHING_SAVED, Signalled

ANSWERS = "answers"
DONE = "done"
# A page to print first: what most people bring to an appointment.
SUMMARY_FORMATS = ("html", *(fmt for fmt in FORMATS if fmt != "html"))
ANSWERS_LABEL = "Your answers, to load next time with --answers (.yaml)"
OFFERED = {fmt: FORMAT_LABELS[fmt] for fmt in SUMMARY_FORMATS} | {ANSWERS: ANSWERS_LABEL}
HOW_TO_PRINT = "To print it, open that file in a web browser and use the browser's Print command."


@dataclass(frozen=True)
class SaveOffer:
    """One more thing the end of a walk can keep, offered in the save menu beside the files.

    `value` names it among the menu's values (not a format, "answers" or "done"); `label` is
    what the person reads; `keep(summary, answers)` does it and returns the sentence to say
    ("Kept on this computer, so next time can show what changed."), or raises FibrofootError
    whose message is said instead (the offer then stays in the menu).
    """

    value: str
    label: str
    keep: Callable[[Summary, Answers], str]


class Saver:
    """The save dialogue, through the walkthrough's prompter.

    One choice: a page to print (HTML), the other formats, the answers for next time, each of
    `extra_offers` (the seam for more ways to keep a walk, such as a history on this computer:
    pass `SaveOffer`s, in the order to show, after the files), or "don't save". After each
    save the choices not taken yet come back until the person says they are done.
    `summary_went_to` names where standard output took the summary when it was not the
    screen (a file name, or words such as "the program reading fibrofoot's output"), or None.
    """

    def __init__(
        self,
        bank: Bank,
        prompter: Prompter,
        today: date,
        *,
        summary_went_to: str | None = None,
        extra_offers: Sequence[SaveOffer] = (),
    ) -> None:
        self.bank = bank
        self.p = prompter
        self.today = today
        self.summary_went_to = summary_went_to
        self.extra_offers = {offer.value: offer for offer in extra_offers}
        self.kept: list[str] = []

    def offer_saves(self, summary: Summary, answers: Answers) -> list[str]:
        """Offer until done; return a sentence for each thing kept. When nothing was, say so.

        Stopped (Ctrl-C, a signal) after something was kept, the stop carries what was kept
        (`Signalled.kept`), so that "Stopped." is not followed by "Nothing was saved."."""
        try:
            self._offer(summary, answers)
        except KeyboardInterrupt as stop:
            if not self.kept:
                raise
            signum = stop.signum if isinstance(stop, Signalled) else signal.SIGINT
            raise Signalled(signum, kept=" ".join(self.kept)) from None
        if not self.kept:
            self.p.say()
            self.p.say(NOTHING_SAVED)
        return self.kept

    def _offer(self, summary: Summary, answers: Answers) -> None:
        labels = OFFERED | {value: offer.label for value, offer in self.extra_offers.items()}
        while labels:
            self.p.say()
            choices = [*labels.items(), (DONE, "No, I'm done" if self.kept else "Don't save")]
            picked = self.p.choose(self._question(), choices, DONE)
            if picked == DONE:
                return
            if self._keep(picked, summary, answers):
                del labels[picked]

    def _question(self) -> str:
        if self.kept:
            return "Would you like to save anything else?"
        if self.summary_went_to:
            return (
                f"Your summary went to {self.summary_went_to}. "
                "Would you like to save another copy, or your answers?"
            )
        return "Would you like to save your summary, or your answers for next time?"

    def _keep(self, picked: str, summary: Summary, answers: Answers) -> bool:
        """Do what was picked; True if it was kept."""
        day = self.today.isoformat()
        if picked in self.extra_offers:
            try:
                sentence = self.extra_offers[picked].keep(summary, answers)
            except FibrofootError as error:
                self.p.say(error.message)
                return False
        elif picked == ANSWERS:
            header = (
                f"fibrofoot answers, {day}. Private: keep this file safe.\n"
                "Load it again with: fibrofoot --answers THIS_FILE"
            )
            text = dump_answers(answers, header)
            sentence = self._save(f"fibrofoot-answers-{day}", (".yaml", ".yml"), text, "answers")
        else:
            extensions = tuple(ext for ext, fmt in EXTENSIONS.items() if fmt == picked)
            text = render(summary, picked, self.bank)
            sentence = self._save(f"fibrofoot-summary-{day}", extensions, text, "summary")
            if sentence and picked == "html":
                sentence = f"{sentence} {HOW_TO_PRINT}"
        if sentence:
            self.p.say(sentence)
            self.kept.append(sentence)
        return bool(sentence)

    def _save(self, stem: str, extensions: tuple[str, ...], text: str, what: str) -> str:
        """Ask for a name until the file is saved (return the sentence saying where) or the
        person skips (return "").

        Every question put to the file system (expanding `~user`, what the name names, the
        write) is asked inside the handling that turns a refusal into a sentence followed by
        "choose another name or skip": nothing the person answered is lost to a traceback.
        Only an ordinary file is offered for replacing; anything else is refused by the write.
        """
        name = str(_free_name(Path(stem + extensions[0])))
        self.p.say(f"The {what} will be saved as {name} in the folder {_here()}.")
        self.p.say(
            f"Press Enter to save it, or type another name ({extensions[0]} is added "
            f"to a name without it). {self.p.how_to_skip}"
        )
        while True:
            typed = self.p.type_text("Save as:", name).strip()
            if not typed:
                self.p.say(f"Skipped: did not save the {what}.")
                return ""
            try:
                path = _with_extension(expand_path(typed), extensions)
                replace = path_kind(path) == "file"
                if replace and not self._yes(f"{shown_path(path)} already exists. Replace it?"):
                    if not self._try_again(what):
                        return ""
                    name = str(_free_name(path))
                    continue
                write_private(path, text, overwrite=replace, force_hint=False)
            except FibrofootError as error:
                self.p.say(error.message)
                where = "in the file named above" if self.summary_went_to else "on the screen above"
                self.p.say(f"Nothing was lost: your summary is {where}.")
                if not self._try_again(what):
                    return ""
                name = typed
                continue
            return f"Saved the {what} to {shown_path(path.resolve())} (only you can read it)."

    def _yes(self, message: str) -> bool:
        return self.p.choose(message, [("no", "No"), ("yes", "Yes")], "no") == "yes"

    def _try_again(self, what: str) -> bool:
        """After a refused name: another name, or skip (Enter alone must not loop for ever)."""
        choice = self.p.choose(
            "What would you like to do?",
            [("retry", "Choose another name"), ("skip", f"Skip saving the {what}")],
            "retry",
        )
        if choice == "skip":
            self.p.say(f"Skipped: did not save the {what}.")
        return choice == "retry"


def _here() -> str:
    try:
        return shown_path(os.getcwd())
    except OSError:  # the folder was removed while fibrofoot ran
        return "you started fibrofoot in"


def _with_extension(path: Path, extensions: tuple[str, ...]) -> Path:
    """`path` with the format's first extension added unless it ends with one of them, so
    that a double-click opens it with the right program."""
    if path.name.lower().endswith(extensions) or not path.name:
        return path
    return path.with_name(path.name + extensions[0])


def _free_name(path: Path) -> Path:
    """`path`, or the first of path-2, path-3, ... that names nothing yet; `path` itself when
    the system will not say (the save that follows explains why)."""
    stem, suffix = path.name.split(".", 1) if "." in path.name else (path.name, "")
    suffix = f".{suffix}" if suffix else ""
    candidate, number = path, 2
    try:
        while path_kind(candidate) is not None:
            candidate = path.with_name(f"{stem}-{number}{suffix}")
            number += 1
    except FibrofootError:
        return path
    return candidate
