"""Running the audit's event loop so that SIGTERM stops it as Ctrl-C does.

asyncio turns Ctrl-C (SIGINT) into an orderly stop: the main task is cancelled, the running visits
unwind, and KeyboardInterrupt is raised when they are done; the journal keeps the finished pages. It
does so only when SIGINT has its default handler. A process started in the background of a script
(`kaikille audit … &`, some CI runners) inherits SIGINT ignored, and a SIGTERM that went through
SIGINT was then lost: the run went on to the end. Here SIGTERM has its own handler inside the loop,
whatever SIGINT is, and a stop that some awaited call swallowed still ends the run as stopped.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coro)``, with SIGTERM cancelling it and raising KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        return asyncio.run(coro)  # signal handlers belong to the main thread: none to add here
    stopped = False
    main: asyncio.Task | None = None

    async def watched() -> T:
        nonlocal main
        main = asyncio.current_task()
        if stopped:  # told to stop before the run began
            coro.close()
            raise asyncio.CancelledError
        return await coro

    def terminate() -> None:
        nonlocal stopped
        stopped = True
        if main is not None and not main.done():
            main.cancel()

    previous = signal.getsignal(signal.SIGTERM)
    try:
        with asyncio.Runner() as runner:
            runner.get_loop().add_signal_handler(signal.SIGTERM, terminate)
            try:
                result = runner.run(watched())
            except asyncio.CancelledError:
                if stopped:
                    raise KeyboardInterrupt from None
                raise
            if stopped:  # a visit swallowed the cancellation and the run went on: it was still told to stop
                raise KeyboardInterrupt
            return result
    finally:
        # closing the loop leaves SIGTERM at its default (death without a word): give back the handler it had
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
