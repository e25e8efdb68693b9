"""The history at scale: ten years of daily check-ins (3,650) and 40 full walkthroughs.

Run with `uv run python bench/history.py` (add `--runs N`). It fills a history in a temporary
folder with the shipped bank's questions, then prints the median time of `fibrofoot history`
and of `fibrofoot report` with the history's changes and trend, and the file's size. Budgets
(issue 13): each under 1 s, the file a few megabytes. It prints figures and never fails.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from datetime import time as clock
from pathlib import Path

import yaml

from fibrofoot import __version__
from fibrofoot.answers import Answers, validate_answers
from fibrofoot.bank.base import Kind
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank
from fibrofoot.history import store
from fibrofoot.history.record import checkin_entry, full_entry, to_row

ROOT = Path(__file__).resolve().parents[1]
FIBROFOOT = str(Path(sys.executable).parent / "fibrofoot")
PERSONAS = ROOT / "tests" / "personas"
DAYS = 3650
FULL = 40
ZONE = timezone(timedelta(hours=1))


def fill(folder: Path, bank: Bank, today: datetime) -> None:
    """A check-in every day for ten years and a full walkthrough every three months."""
    rng = random.Random(13)
    questions = bank.checkin_questions()
    personas = sorted(p for p in PERSONAS.glob("*.yaml") if p.name != "expectations.yaml")
    walks = [validate_answers(bank, yaml.safe_load(p.read_text()), p.name) for p in personas]
    rows = []
    for day in range(DAYS):
        at = datetime.combine(today.date() - timedelta(days=DAYS - day), clock(9), ZONE)
        answers: Answers = {}
        for question in questions:
            if question.kind is Kind.SCALE:
                answers[question.id] = rng.randint(2, 8)
            elif question.kind is Kind.MULTI:
                plain = [o.value for o in question.options if not o.exclusive]
                answers[question.id] = sorted(rng.sample(plain, 2), key=plain.index)
            elif question.kind is Kind.TEXT:
                answers[question.id] = rng.choice(["", "A long walk in new shoes."])
        rows.append(to_row(checkin_entry(bank, answers, at, __version__)))
        if day % (DAYS // FULL) == 0 and len(rows) < DAYS + FULL:
            walk = walks[day % len(walks)]
            rows.append(to_row(full_entry(bank, walk, at + timedelta(hours=9), __version__)))
    store.add(folder, rows)


def median_seconds(argv: list[str], env: dict[str, str], runs: int) -> float:
    def once() -> float:
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=True)
        return time.perf_counter() - start

    once()  # warm the file cache
    return statistics.median(once() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    bank = load_bank()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "data"
        start = time.perf_counter()
        fill(folder, bank, datetime.now(ZONE))
        filled = time.perf_counter() - start
        env = {**os.environ, store.DATA_DIR_VARIABLE: str(folder)}
        answers = PERSONAS / "heel_mornings.yaml"
        report = [FIBROFOOT, "report", str(answers), "--format", "html"]
        rows = [
            ("entries kept", f"{len(store.read(folder)):,}", ""),
            ("filling them (one write)", f"{filled:.2f} s", ""),
            (
                "fibrofoot history",
                f"{median_seconds([FIBROFOOT, 'history'], env, runs) * 1000:.0f} ms",
                "< 1 s",
            ),
            (
                "fibrofoot report --format html (with the history)",
                f"{median_seconds(report, env, runs) * 1000:.0f} ms",
                "< 1 s",
            ),
            (
                "history file size",
                f"{store.database_path(folder).stat().st_size / 1e6:.1f} MB",
                "a few MB",
            ),
        ]
    width = max(len(name) for name, _, _ in rows)
    print(f"{'figure':<{width}}  {'value':>10}  budget")
    for name, value, budget in rows:
        print(f"{name:<{width}}  {value:>10}  {budget}")


if __name__ == "__main__":
    main()
