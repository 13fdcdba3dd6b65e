"""Command pacing for one registry binding: a token bucket per process.

Registries cap the commands a registrar may send per minute. `CommandPacer` holds a bucket of
`burst` tokens (a sixth of the minute's budget, at least one) refilled continuously at the rest
of the budget, `per_minute - burst` tokens a minute (at least one), so a burst of checks goes
out at once and no minute carries more than `per_minute` commands from this process.

The bucket lives in process memory: with several API processes and workers, each paces itself,
so a binding's limit is per process; set it to the registry's limit divided by the number of
processes that talk to that registry.

A caller takes its token at once, even a token that is only refilled later (the balance goes
negative), and then sleeps until that moment: waiters are served in arrival order without a
lock, and a waiter that is cancelled still counts, which errs on the side of the registry.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

SECONDS_PER_MINUTE = 60.0
BURST_SHARE = 6
"""The bucket holds a sixth of the minute's budget: ten seconds' worth of commands."""


class CommandPacer:
    def __init__(
        self,
        per_minute: int,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if per_minute < 1:
            raise ValueError("a pacer needs a positive number of commands per minute")
        self.per_minute = per_minute
        self.burst = max(1, per_minute // BURST_SHARE)
        self._rate = max(1, per_minute - self.burst) / SECONDS_PER_MINUTE  # tokens per second
        self._monotonic = monotonic
        self._sleep = sleep
        self._tokens = float(self.burst)
        self._updated = monotonic()

    def reserve(self) -> float:
        """Take one token; the seconds to wait before it may be used (0 when one was there)."""
        now = self._monotonic()
        self._tokens = min(float(self.burst), self._tokens + (now - self._updated) * self._rate)
        self._updated = now
        self._tokens -= 1.0
        return 0.0 if self._tokens >= 0 else -self._tokens / self._rate

    async def acquire(self) -> None:
        """Wait until one more command may be sent."""
        wait = self.reserve()
        if wait > 0:
            await self._sleep(wait)
