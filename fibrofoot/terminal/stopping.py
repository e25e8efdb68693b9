"""How a run stops early: the stop signals, met as exceptions, and the words that say so.

Each stop signal (Ctrl-C's SIGINT, SIGTERM, SIGHUP) becomes an exception where the program was
(SIGTERM and SIGHUP would otherwise end Python without running `finally`, leaving a temporary
file), and the exit code is 128 + the signal's number: 130, 143, 129.

Once a stop has begun, every later stop signal is ignored, however the first arrived: through
the handler here, or as the `<sigint>` key of a prompt_toolkit menu (`menu_keys.stop_keys`),
after which prompt_toolkit puts this module's handler back while it is still tidying up. A
second Ctrl-C in that moment must not raise inside the library's clean-up (`begin_stop`).
"""

from __future__ import annotations

import signal
from types import FrameType
from typing import Any

STOPPED = {
    "SIGINT": "Stopped.",
    "SIGTERM": "Stopped: fibrofoot was asked to end (SIGTERM).",
    "SIGHUP": "Stopped: the terminal was closed (SIGHUP).",
}
NOTHING_SAVED = "Nothing was saved."

_stopping = False


class Signalled(KeyboardInterrupt):
    """SIGTERM or SIGHUP, met like Ctrl-C: every `finally` runs on the way out. Also any stop
    signal (Ctrl-C too) that came after something was saved: `kept` says what, in a sentence,
    where "Nothing was saved." is said otherwise."""

    def __init__(self, signum: int, kept: str = "") -> None:
        super().__init__(signum)
        self.signum = signum
        self.kept = kept


def catch_stop_signals() -> dict[int, Any]:
    """Turn each stop signal into an exception; return the handlers there were. Nothing
    changes off the main thread, where Python allows none."""
    global _stopping
    _stopping = False  # a new run (the tests run several in one process)
    previous: dict[int, Any] = {}
    for name in STOPPED:
        signum = getattr(signal, name)
        try:
            previous[signum] = signal.signal(signum, _on_stop_signal)
        except ValueError:
            break
    return previous


def begin_stop() -> None:
    """A stop has begun: ignore every stop signal from now on."""
    global _stopping
    _stopping = True
    for name in STOPPED:
        try:
            signal.signal(getattr(signal, name), signal.SIG_IGN)
        except ValueError:
            return


def restore(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        if handler is not None:  # None: set outside Python, and Python cannot set it back
            signal.signal(signum, handler)


def _on_stop_signal(signum: int, frame: FrameType | None) -> None:
    if _stopping:
        return
    begin_stop()
    raise KeyboardInterrupt if signum == signal.SIGINT else Signalled(signum)
