"""The one error type a person ever sees; the CLI turns it into a message and an exit code."""

from __future__ import annotations

from collections.abc import Sequence

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

MAX_LISTED = 20
"""How many problems a message lists before "... and N more": a list a person can read."""


class FibrofootError(Exception):
    """A problem the person can fix: bad data, a bad file, a usage mistake."""

    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def problem_list(heading: str, problems: Sequence[str]) -> str:
    """`heading`, then the first MAX_LISTED problems indented, then how many more there are."""
    lines = [heading, *(f"  {problem}" for problem in problems[:MAX_LISTED])]
    if len(problems) > MAX_LISTED:
        lines.append(f"  ... and {len(problems) - MAX_LISTED:,} more.")
    return "\n".join(lines)
