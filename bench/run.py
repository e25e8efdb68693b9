"""Performance and question-count figures for fibrofoot, as ratios to Python's own floors.

Run with `uv run python bench/run.py` (add `--runs N` for more repetitions). It prints a table
and never fails on a slow machine: budgets are shown beside the figures, not asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FIBROFOOT = str(BIN / "fibrofoot")
PYTHON = sys.executable
PERSONAS = ROOT / "tests" / "personas"
ONE_QUESTION = "import questionary\nquestionary.confirm('Ready to begin?').unsafe_ask()\n"
WELCOME_PROMPT = "Press Enter to begin"
FIRST_QUESTION = "Emergency warning signs"


def median_seconds(run: Callable[[], float], runs: int) -> float:
    run()  # warm the file cache
    return statistics.median(run() for _ in range(runs))


def timed_command(argv: list[str], env: dict[str, str] | None = None) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
        )
        return time.perf_counter() - start

    return run


def timed_pty(
    argv: list[str], pattern: str, first_output: bool = False, enter_at: str = ""
) -> Callable[[], float]:
    """Seconds from spawn until `pattern` (or any output at all) shows in a real terminal.

    With `enter_at`, Enter is pressed the moment that text appears (a person in a hurry).
    A pseudo-terminal does not answer prompt_toolkit's cursor-position query, so the query is
    switched off for every program measured, the floors included.
    """

    def run() -> float:
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "NO_COLOR": "1",
            "PROMPT_TOOLKIT_NO_CPR": "1",
        }
        start = time.perf_counter()
        child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(30, 100), timeout=20)
        if enter_at:
            child.expect(enter_at)
            child.send("\r")
        child.expect(r"\S" if first_output else pattern)
        elapsed = time.perf_counter() - start
        child.sendcontrol("c")
        child.close(force=True)
        return elapsed

    return run


def bank_load_seconds(question_count: int) -> float:
    """Validate a synthetic bank: the real one plus `question_count` extra yes/no questions."""
    from fibrofoot.bank.folder import default_bank_dir
    from fibrofoot.bank.load import load_bank

    with tempfile.TemporaryDirectory() as folder:
        for source in default_bank_dir().glob("*.yaml"):
            (Path(folder) / source.name).write_text(source.read_text(encoding="utf-8"))
        extra = [
            {
                "id": f"extra_{n}",
                "text": f"In the past month, has extra thing {n} happened?",
                "why": "It is part of a size test.",
                "label": f"Extra {n}",
                "kind": "yes_no",
                "ask_if": [{"question": "pain_areas", "is": ["heel"]}] if n % 3 == 0 else [],
            }
            for n in range(question_count)
        ]
        # 250 questions a file: one file stays well under the reader's limit of values a file.
        for first in range(0, question_count, 250):
            part = extra[first : first + 250]
            section = {"sections": [{"id": f"extra_{first}", "title": "Extra", "questions": part}]}
            name = f"99-extra-{first:05d}.yaml"
            (Path(folder) / name).write_text(yaml.safe_dump(section), encoding="utf-8")
        start = time.perf_counter()
        load_bank(Path(folder))
        return time.perf_counter() - start


def broken_bank_seconds(name: str, content: str) -> float:
    """`fibrofoot questions --check` on the real bank plus one hostile file (it must refuse)."""
    from fibrofoot.bank.folder import default_bank_dir

    with tempfile.TemporaryDirectory() as folder:
        for source in default_bank_dir().glob("*.yaml"):
            (Path(folder) / source.name).write_text(source.read_text(encoding="utf-8"))
        (Path(folder) / name).write_text(content, encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run(
            [FIBROFOOT, "questions", "--check", folder], capture_output=True, check=False
        )
        assert done.returncode == 1, done
        return time.perf_counter() - start


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)


def persona_question_counts() -> dict[str, int]:
    """How many questions each persona answers in the walkthrough (answers that apply)."""
    from fibrofoot.answers import read_answers, validate_answers
    from fibrofoot.bank.load import load_bank
    from fibrofoot.rules import applicable

    bank = load_bank()
    counts = {}
    for path in sorted(PERSONAS.glob("*.yaml")):
        raw = read_answers(path)
        if isinstance(raw, dict) and all(bank.has_question(k) for k in raw):
            counts[path.stem] = len(applicable(bank, validate_answers(bank, raw, path.name)))
    return counts


def persona_key_presses() -> dict[str, tuple[int, int, int, int]]:
    """For each persona: questions asked, and the key presses of a whole walk in the arrow-key
    menus and in --plain (the welcome's Enter, the answers, carrying on at a warning sign, the
    review's Enter and the save menu's Enter, which saves nothing; a note's own words are not
    counted, only its Enter). In the menus a question not
    answered yet starts with the highlight on no answer, so the first Down reaches the first
    row; a scale takes its digits; Enter on a multi with nothing ticked ticks the highlight."""
    from fibrofoot import flow
    from fibrofoot.answers import read_answers, validate_answers
    from fibrofoot.bank.base import Kind
    from fibrofoot.bank.load import load_bank
    from fibrofoot.rules import applicable, asked_questions
    from fibrofoot.terminal.prompter import option_rows, to_token

    bank = load_bank()
    figures = {}
    for path in sorted(PERSONAS.glob("*.yaml")):
        raw = read_answers(path)
        if not (isinstance(raw, dict) and all(bank.has_question(k) for k in raw)):
            continue
        answers = applicable(bank, validate_answers(bank, raw, path.name))
        asked = [q for q in asked_questions(bank, answers) if q.id in answers]
        menus = plain = 3  # welcome, review, save menu: Enter each
        resumed = 3  # with --answers: the same Enters, and the questions about right now again
        for question in asked:
            before = menus
            value = answers[question.id]
            tokens = [token for token, _ in option_rows(question)]
            if question.kind is Kind.TEXT:  # the typing of the words themselves not counted
                menus, plain = menus + 1, plain + 1
                continue
            if question.kind is Kind.SCALE and isinstance(value, int):
                menus += len(str(value)) + 1
            elif isinstance(value, list):
                rows = sorted(tokens.index(v) for v in value)
                moves = rows[-1] + 1  # Downs from no row to the last tick
                menus += moves + (1 if len(rows) == 1 else len(rows) + 1)  # Space(s), Enter
            else:
                menus += tokens.index(to_token(value)) + 2
            if question.kind is Kind.SCALE:  # the number itself, or n for not sure
                plain += (len(str(value)) if isinstance(value, int) else 1) + 1
            else:
                chosen = value if isinstance(value, list) else [to_token(value)]
                plain += len(",".join(str(tokens.index(t) + 1) for t in chosen)) + 1
            if flow.red_flags_for(bank, question.id, answers):
                menus, plain = menus + 2, plain + 2  # carry on
            if question.asked_afresh:
                resumed += menus - before
        figures[path.stem] = (len(asked), menus, plain, resumed)
    return figures


def compile_bytecode() -> None:
    """Measure what a person's machine has after the first run: every module byte-compiled.

    (Some machines set PYTHONDONTWRITEBYTECODE, and then every start would compile pydantic and
    prompt_toolkit from source, which is not what anyone runs day to day.)
    """
    import sysconfig

    folders = [sysconfig.get_paths()["purelib"], str(ROOT / "fibrofoot")]
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", *folders], check=True, stdout=subprocess.DEVNULL
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    compile_bytecode()
    rows: list[tuple[str, str, str, str]] = []

    def row(name: str, seconds: float, floor: float | None, budget: str) -> None:
        ratio = f"{seconds / floor:.2f} x" if floor else ""
        rows.append((name, f"{seconds * 1000:.0f} ms", ratio, budget))

    python_floor = median_seconds(timed_command([PYTHON, "-c", "pass"]), runs)
    row("python -c pass (floor)", python_floor, None, "")
    for flag, budget in (("--version", "<= 2.5 x python"), ("--help", "<= 4 x python")):
        seconds = median_seconds(timed_command([FIBROFOOT, flag]), runs)
        row(f"fibrofoot {flag}", seconds, python_floor, budget)

    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "one_question.py"
        script.write_text(ONE_QUESTION)
        prompt_floor = median_seconds(timed_pty([PYTHON, str(script)], "Ready to begin"), runs)
    row("one-question questionary script (floor)", prompt_floor, None, "")
    first_words = median_seconds(timed_pty([FIBROFOOT], "", first_output=True), runs)
    row("fibrofoot: first words on screen", first_words, prompt_floor, "<= 0.5 x script")
    first_prompt = median_seconds(timed_pty([FIBROFOOT], WELCOME_PROMPT), runs)
    row(
        "fibrofoot: first prompt (welcome) accepts input",
        first_prompt,
        prompt_floor,
        "<= 1.6 x script",
    )
    hurry = timed_pty([FIBROFOOT], FIRST_QUESTION, enter_at=WELCOME_PROMPT)
    row(
        "fibrofoot: first question, Enter pressed at once",
        median_seconds(hurry, runs),
        prompt_floor,
        "<= 2 x script",
    )

    import_floor = median_seconds(
        timed_command([PYTHON, "-c", "import pydantic, yaml, jinja2"]), runs
    )
    row("python -c 'import pydantic, yaml, jinja2' (floor)", import_floor, None, "")
    persona = PERSONAS / "plantar_fasciitis.yaml"
    if persona.exists():
        with tempfile.TemporaryDirectory() as folder:
            out = str(Path(folder) / "s.html")
            report = timed_command(
                [FIBROFOOT, "report", str(persona), "--format", "html", "-o", out, "--force"]
            )
            row(
                "fibrofoot report --format html",
                median_seconds(report, runs),
                import_floor,
                "<= 2 x imports",
            )

    bank_load_seconds(10)  # imports and first-use costs out of the way
    for size in (500, 1000, 2000):
        seconds = statistics.median(bank_load_seconds(size) for _ in range(3))
        row(
            f"load and validate a {size}-question bank",
            seconds,
            None,
            "< 250 ms" if size == 2000 else "linear",
        )

    for name, content in (
        ("99-alias-bomb.yaml", ALIAS_BOMB),
        ("99-ten-megabytes.yaml", "# padding\n" * 1_100_000),
        ("99-tabs.yaml", "sections:\n\t- id: x\n"),
    ):
        seconds = statistics.median(broken_bank_seconds(name, content) for _ in range(3))
        row(f"questions --check refuses {name[3:-5]}", seconds, None, "< 1 s")

    counts = persona_question_counts()
    width = max(len(r[0]) for r in rows)
    print(
        f"fibrofoot benchmark · {platform.python_implementation()} {platform.python_version()} "
        f"· {platform.machine()} · {os.cpu_count()} cores · median of {runs} runs"
    )
    print()
    print(f"| {'measure'.ljust(width)} | time | ratio | budget |")
    print(f"|{'-' * (width + 2)}|------|-------|--------|")
    for name, seconds_text, ratio, budget in rows:
        print(f"| {name.ljust(width)} | {seconds_text} | {ratio} | {budget} |")
    if counts:
        values = sorted(counts.values())
        print()
        print(
            f"Questions answered per persona ({len(values)} personas): "
            f"median {statistics.median(values):g}, max {max(values)} "
            "(budget: median <= 16, max <= 25)"
        )
        for name, count in sorted(counts.items()):
            print(f"  {name}: {count}")
    presses = persona_key_presses()
    if presses:
        print()
        print("Key presses for a whole walk (questions asked: menus / --plain):")
        for name, (asked, menus, plain, _) in presses.items():
            print(f"  {name}: {asked} questions: {menus} / {plain}")
        menu_counts = sorted(m for _, m, _, _ in presses.values())
        print(f"  median in the menus {statistics.median(menu_counts):g}, max {max(menu_counts)}")
        resumed = sorted(r for *_, r in presses.values())
        print(
            f"  with --answers FILE answering everything: median {statistics.median(resumed):g}, "
            f"max {max(resumed)} in the menus (the welcome's, review's and save menu's Enter, and "
            "the questions about right now asked again)"
        )


if __name__ == "__main__":
    main()
