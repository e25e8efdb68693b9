"""The clinical test set's answers files (bench/clinical/answers/) fit the shipped bank: each is
valid and answers only questions the walkthrough would ask. Their scores are bench/clinical.py's
job, not a test's."""

from __future__ import annotations

from pathlib import Path

import pytest

from fibrofoot.answers import read_answers, validate_answers
from fibrofoot.bank.models import Bank
from fibrofoot.rules import applicable

ANSWERS_DIR = Path(__file__).resolve().parents[1] / "bench" / "clinical" / "answers"
ANSWER_FILES = sorted(ANSWERS_DIR.glob("*.yaml"))


@pytest.mark.parametrize("path", ANSWER_FILES, ids=[p.stem for p in ANSWER_FILES])
def test_answers_file_fits_the_shipped_bank(bank: Bank, path: Path) -> None:
    """Valid for the bank (validate_answers raises otherwise), and every answer is to a question
    the walkthrough would ask given the earlier answers."""
    answers = validate_answers(bank, read_answers(path), str(path))
    assert applicable(bank, answers) == answers
