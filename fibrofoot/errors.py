"""The one error type a person ever sees; the CLI turns it into a message and an exit code."""


class FibrofootError(Exception):
    """A problem the person can fix: bad data, a bad file, a usage mistake."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
