"""The text summary for a screen reader (`spoken`, shown at the end of a `--plain` walk): the
same words, without the symbols a screen reader reads aloud or skips without a pause."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from helpers.render_fixtures import TINY_SUMMARIES, tiny_summary
from helpers.terminal import FakeTty, plain_save_lines
from test_hostile_terminal import main_on, walk_lines

from fibrofoot.bank.models import Bank
from fibrofoot.render.text import render_text

SYMBOLS = re.compile(r"·|^-{3,}$|^\s*[-*] ", re.M)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.parametrize("persona", TINY_SUMMARIES)
def test_spoken_text_has_the_same_words_and_no_symbols(persona: str, tiny_bank: Bank) -> None:
    summary = tiny_summary(persona)
    printed = render_text(summary, tiny_bank, 72)
    spoken = render_text(summary, tiny_bank, 72, spoken=True)
    assert SYMBOLS.search(printed)  # what the spoken text leaves out is there to leave out
    assert not SYMBOLS.search(spoken), spoken
    assert _words(spoken) == _words(printed)
    assert spoken.rstrip().endswith(summary.consult_message.split()[-1])


def test_a_plain_walk_speaks_its_summary_on_the_terminal(
    tiny_bank: Bank, tiny_bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """stdout a terminal: the summary there is the spoken one."""
    monkeypatch.setenv("COLUMNS", "80")
    output = FakeTty()
    code, _, shown = main_on(tiny_bank_dir, [*walk_lines(tiny_bank), *plain_save_lines()],
                             output=output)  # fmt: skip
    assert code == 0
    assert tiny_bank.messages.summary.title in shown
    assert not SYMBOLS.search(shown)


def test_a_plain_walk_writes_the_printed_summary_to_a_file(
    tiny_bank: Bank, tiny_bank_dir: Path
) -> None:
    """stdout a file (`fibrofoot --plain > summary.txt`): the summary is for reading."""
    code, _, written = main_on(
        tiny_bank_dir, [*walk_lines(tiny_bank), *plain_save_lines()], output=io.StringIO()
    )
    assert code == 0
    assert tiny_bank.messages.summary.title.upper() in written
    assert SYMBOLS.search(written)
