"""Stop signals: the first becomes an exception, every later one is ignored, even when a
library puts the handler back while it tidies up after the first."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from fibrofoot.terminal import stopping


@pytest.fixture
def caught() -> Iterator[dict[int, object]]:
    previous = stopping.catch_stop_signals()
    handler = signal.getsignal(signal.SIGINT)
    yield {signal.SIGINT: handler}
    stopping.restore(previous)


def test_the_first_ctrl_c_is_an_exception(caught: dict[int, object]) -> None:
    with pytest.raises(KeyboardInterrupt):
        signal.raise_signal(signal.SIGINT)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_carries_its_number(caught: dict[int, object], signum: int) -> None:
    with pytest.raises(stopping.Signalled) as stop:
        signal.raise_signal(signum)
    assert stop.value.signum == signum


def test_once_stopping_a_second_signal_is_ignored(caught: dict[int, object]) -> None:
    stopping.begin_stop()  # as the menus do when their Ctrl-C key or <sigint> arrives
    signal.signal(signal.SIGINT, caught[signal.SIGINT])  # type: ignore[arg-type]  # put back
    try:
        signal.raise_signal(signal.SIGINT)
    except KeyboardInterrupt:
        pytest.fail("a second Ctrl-C after the stop began was raised again")


def test_a_new_run_catches_again(caught: dict[int, object]) -> None:
    stopping.begin_stop()
    previous = stopping.catch_stop_signals()
    try:
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
    finally:
        stopping.restore(previous)
