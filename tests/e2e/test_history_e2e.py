"""The history end to end in a real pseudo-terminal, with the installed command and the tiny
bank: a walkthrough kept, a check-in kept, `history`, a second walkthrough whose summary shows
what changed, `export` in each format, `forget --all` leaving no data folder."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from helpers.terminal import FIBROFOOT, TINY_BANK, TINY_CALM, Terminal

from fibrofoot.answers import Answers
from fibrofoot.bank.models import Bank
from fibrofoot.history import store
from fibrofoot.terminal.checkin import HISTORY_OFFER, KEEP_OFFER
from fibrofoot.terminal.walkthrough import REVIEW_DONE

pytestmark = pytest.mark.e2e


def run(*argv: str | Path, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(FIBROFOOT), "--questions", str(TINY_BANK), *map(str, argv)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=30,
        check=False,
    )


def walkthrough(bank: Bank, answers: Answers, work: Path, env: dict[str, str]) -> str:
    """The arrow-key walkthrough, kept on this computer from the save menu; what it showed."""
    term = Terminal(work, "--questions", str(TINY_BANK), env=env)
    try:
        term.begin()
        term.walk(bank, answers)
        term.choose("Your answers.", [REVIEW_DONE], REVIEW_DONE, REVIEW_DONE)
        term.choose_save(HISTORY_OFFER)
        term.expect("Kept in")
        term.choose_save("done", [HISTORY_OFFER])
        assert term.finish() == 0
    finally:
        term.close()
    return term.shown()


def test_keep_compare_export_and_forget(tiny_bank: Bank, tmp_path: Path) -> None:
    data, work = tmp_path / "data", tmp_path / "work"
    work.mkdir()
    env = {store.DATA_DIR_VARIABLE: str(data), "COLUMNS": "80"}

    walkthrough(tiny_bank, TINY_CALM, work, env)
    # As if it had been kept a week ago (the summary compares with an earlier day).
    db = sqlite3.connect(store.database_path(data))
    db.execute("UPDATE entry SET taken_at = '2026-01-08T18:00:00+01:00', taken_utc = "
               "'2026-01-08T17:00:00Z'")  # fmt: skip
    db.commit()
    db.close()

    term = Terminal(work, "--questions", str(TINY_BANK), "checkin", env=env)
    try:
        term.expect("Tiny check-in intro.")
        term.answer(tiny_bank.question("level"), 7)
        term.answer(tiny_bank.checkin_questions()[1], ["walking"])
        term.answer(tiny_bank.checkin_questions()[2], "A long walk.")
        term.choose(KEEP_OFFER, ["no", "yes"], "yes", "no")
        term.expect("Kept in")
        assert term.finish() == 0
    finally:
        term.close()

    listing = run("history", "--plain", env=env, cwd=work)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert "check-in" in lines[0]
    assert "2026-01-08 18:00 · full walkthrough" in lines[1]
    assert "oldest to newest: 5, 7" in listing.stdout

    shown = walkthrough(tiny_bank, {**TINY_CALM, "level": 8, "side": "right"}, work, env)
    assert "Since your last full walkthrough on 2026-01-08".upper() in shown
    assert "Pain (0-10): 5 then, 8 now (higher)." in shown

    for name in ("h.json", "h.csv", "h.fhir.json"):
        done = run("export", "-o", name, env=env, cwd=work)
        assert done.returncode == 0, done.stderr
        assert "Exported 3 entries" in done.stderr
    assert len(json.loads((work / "h.json").read_text())["entries"]) == 3
    states = {row["state"] for row in csv.DictReader((work / "h.csv").open())}
    assert {"answered", "none"} <= states  # the calm walk: "None of these" warning signs
    bundle = Bundle.model_validate_json((work / "h.fhir.json").read_text())
    assert bundle.entry is not None
    assert len(bundle.entry) == 3

    gone = run("forget", "--all", "--yes", env=env, cwd=work)
    assert gone.returncode == 0, gone.stderr
    assert "Deleted 3 entries" in gone.stderr
    assert not data.exists()
