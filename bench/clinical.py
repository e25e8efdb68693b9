"""How the shipped bank does on the clinical test set (issue 10), beside the targets.

Run with `uv run python bench/clinical.py`. For every picture in bench/clinical/pictures.yaml
that has an answers file bench/clinical/answers/<id>.yaml, it keeps the answers the walkthrough
would ask, builds the summary and compares it with what the picture's author decided before any
output was seen. It prints figures and the pictures that miss, and never fails.
"""

from __future__ import annotations

import statistics
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from fibrofoot import __version__
from fibrofoot.answers import read_answers, validate_answers
from fibrofoot.bank.base import LEVEL_ORDER, Level
from fibrofoot.bank.load import load_bank
from fibrofoot.bank.models import Bank
from fibrofoot.errors import FibrofootError
from fibrofoot.rules import applicable, next_unanswered
from fibrofoot.summary import build_summary

HERE = Path(__file__).resolve().parent / "clinical"
PICTURES = HERE / "pictures.yaml"
ANSWERS = HERE / "answers"
NONE = "none"
# Most urgent first; "none" (no warning shown) is the least urgent of all.
URGENCY = [level.value for level in LEVEL_ORDER] + [NONE]


class Picture(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    must_list: list[str]
    misleading: list[str]
    acceptable_levels: list[str]


@dataclass(frozen=True)
class Scored:
    picture: Picture
    listed: list[str]
    level: str
    asked: int
    dropped: int  # answers in the file that the walkthrough would not ask
    complete: bool  # the file answers every question the walkthrough would ask

    @property
    def missed(self) -> list[str]:
        return [c for c in self.picture.must_list if c not in self.listed]

    @property
    def misleading(self) -> list[str]:
        return [c for c in self.listed if c in self.picture.misleading]

    @property
    def triage(self) -> str:
        """One of ok, under (less urgent than every acceptable level) or over."""
        if self.level in self.picture.acceptable_levels:
            return "ok"
        rank = URGENCY.index(self.level)
        if all(rank > URGENCY.index(a) for a in self.picture.acceptable_levels):
            return "under"
        return "over"

    def problems(self) -> list[str]:
        found = [f"not listed: {', '.join(self.missed)}"] if self.missed else []
        if self.misleading:
            found.append(f"misleading: {', '.join(self.misleading)}")
        if self.triage != "ok":
            wanted = " or ".join(self.picture.acceptable_levels)
            found.append(f"{self.triage}-triage: {self.level} (wanted {wanted})")
        if self.dropped:
            found.append(f"{self.dropped} answer(s) the walkthrough would not ask, left out")
        return found


def score(bank: Bank, picture: Picture, path: Path) -> Scored:
    answers = validate_answers(bank, read_answers(path), path.name)
    kept = applicable(bank, answers)
    summary = build_summary(bank, kept, date.today(), __version__)
    levels: list[Level] = [flag.level for flag in summary.red_flags]
    return Scored(
        picture=picture,
        listed=[c.id for c in summary.contributors],
        level=levels[0].value if levels else NONE,  # red flags come most urgent first
        asked=len(kept),
        dropped=len(answers) - len(kept),
        complete=next_unanswered(bank, kept) is None,
    )


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}% ({part}/{whole})" if whole else "n/a"


def report(results: list[Scored], unscored: list[str]) -> list[str]:
    must = sum(len(r.picture.must_list) for r in results)
    missed = sum(len(r.missed) for r in results)
    misleading = sum(len(r.misleading) for r in results)
    triage = [r.triage for r in results]
    calm = [len(r.listed) for r in results if Level.EMERGENCY not in r.picture.acceptable_levels]
    asked = [r.asked for r in results]
    rows = [
        ("pictures scored", f"{len(results)}", ""),
        ("recall of must-list", percent(must - missed, must), "100%"),
        ("listed but misleading", f"{misleading}", "0"),
        ("warning level agreement", percent(triage.count("ok"), len(triage)), "100%"),
        ("  under-triage", f"{triage.count('under')}", "0"),
        ("  over-triage", f"{triage.count('over')}", ""),
        (
            "median listed (non-emergency)",
            f"{statistics.median(calm):g} (max {max(calm)})" if calm else "n/a",
            "<= 2",
        ),
        ("questions asked, median", f"{statistics.median(asked):g}" if asked else "n/a", "<= 16"),
        ("questions asked, max", f"{max(asked)}" if asked else "n/a", "<= 25"),
    ]
    lines = [f"{'figure':<32}{'value':<20}target", *(f"{a:<32}{b:<20}{c}" for a, b, c in rows)]
    failing = [(r.picture.id, r.problems()) for r in results if r.problems()]
    lines += ["", f"pictures that miss: {len(failing)}"]
    for picture_id, problems in failing:
        lines += [f"  {picture_id}", *(f"    - {p}" for p in problems)]
    stopped = [r.picture.id for r in results if not r.complete]
    if stopped:
        lines += [
            "",
            f"stop before the end of the walk (check against the picture): {len(stopped)}",
        ]
        lines += textwrap.wrap(", ".join(stopped), 98, initial_indent="  ", subsequent_indent="  ")
    if unscored:
        lines += ["", f"not scored: {len(unscored)}", *(f"  {u}" for u in unscored)]
    return lines


def main() -> None:
    bank = load_bank()
    pictures = [Picture.model_validate(p) for p in yaml.safe_load(PICTURES.read_text("utf-8"))]
    results: list[Scored] = []
    unscored: list[str] = []
    for picture in pictures:
        path = ANSWERS / f"{picture.id}.yaml"
        if not path.exists():
            unscored.append(f"{picture.id}: no answers file")
            continue
        try:
            results.append(score(bank, picture, path))
        except FibrofootError as problem:
            unscored.append(f"{picture.id}: {problem}".replace("\n", "\n    "))
    known = {p.id for p in pictures}
    unscored += [
        f"{p.name}: no such picture" for p in sorted(ANSWERS.glob("*.yaml")) if p.stem not in known
    ]
    print("\n".join(report(results, unscored)))


if __name__ == "__main__":
    main()
