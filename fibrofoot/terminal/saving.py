"""Saving at the end of a walk: the offers, free default names, replace, retry and skip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fibrofoot.answers import Answers, dump_answers
from fibrofoot.bank.models import Bank
from fibrofoot.errors import FibrofootError
from fibrofoot.files import expand_path, path_kind, write_private
from fibrofoot.render.formats import FORMAT_LABELS, FORMATS, file_extension, render
from fibrofoot.safe_text import shown_path
from fibrofoot.summary import Summary
from fibrofoot.terminal.prompter import Prompter


class Saver:
    """The save dialogue, through the walkthrough's prompter."""

    def __init__(
        self, bank: Bank, prompter: Prompter, today: date, summary_on_screen: bool
    ) -> None:
        self.bank = bank
        self.p = prompter
        self.today = today
        self.summary_on_screen = summary_on_screen

    def offer_saves(self, summary: Summary, answers: Answers) -> None:
        self.p.say()
        if self._yes("Would you like to save this summary to a file?"):
            offered = [(fmt, FORMAT_LABELS[fmt]) for fmt in FORMATS]
            fmt = self.p.choose("Which kind of file?", offered, "html")
            name = f"fibrofoot-summary-{self.today.isoformat()}{file_extension(fmt)}"
            self._save(Path(name), render(summary, fmt, self.bank), "summary")
        if self._yes("Save your answers too, so you can load them next time with --answers?"):
            header = (
                f"fibrofoot answers, {self.today.isoformat()}. Private: keep this file safe.\n"
                "Load it again with: fibrofoot --answers THIS_FILE"
            )
            name = f"fibrofoot-answers-{self.today.isoformat()}.yaml"
            self._save(Path(name), dump_answers(answers, header), "answers")

    def _yes(self, message: str) -> bool:
        return self.p.choose(message, [("no", "No"), ("yes", "Yes")], "no") == "yes"

    def _save(self, suggested: Path, text: str, what: str) -> None:
        """Ask for a name until the file is saved or the person skips.

        Every question put to the file system (expanding `~user`, what the name names, the
        write) is asked inside the handling that turns a refusal into a sentence followed by
        "choose another name or skip": nothing the person answered is lost to a traceback.
        Only an ordinary file is offered for replacing; anything else is refused by the write.
        """
        name = str(_free_name(suggested))
        while True:
            typed = self.p.type_text("Save as:", name).strip()
            if not typed:
                self.p.say(f"Skipped: did not save the {what}.")
                return
            try:
                path = expand_path(typed)
                replace = path_kind(path) == "file"
                if replace and not self._yes(f"{shown_path(path)} already exists. Replace it?"):
                    if not self._try_again(what):
                        return
                    name = str(_free_name(path))
                    continue
                write_private(path, text, overwrite=replace, force_hint=False)
            except FibrofootError as error:
                self.p.say(error.message)
                where = "on the screen above" if self.summary_on_screen else "in your output file"
                self.p.say(f"Nothing was lost: your summary is {where}.")
                if not self._try_again(what):
                    return
                name = typed
                continue
            self.p.say(f"Saved the {what} to {shown_path(path.resolve())} (only you can read it).")
            return

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
