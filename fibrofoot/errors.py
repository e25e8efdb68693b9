"""The one error type a person ever sees; the CLI turns it into a message and an exit code."""

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class FibrofootError(Exception):
    """A problem the person can fix: bad data, a bad file, a usage mistake."""

    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
