"""A circuit breaker per registry binding.

closed → open after `failure_threshold` consecutive upstream failures (unavailable, timeout,
bad response); open → half_open once `cooldown` has passed on the injected clock; half_open →
closed on the next success, or back to open on the next failure. While open, calls fail fast
with `registry_unavailable` instead of piling onto a registry that is down.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from registrar.epp import results

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(
        self,
        now: Callable[[], datetime],
        failure_threshold: int = 5,
        cooldown: timedelta = timedelta(seconds=30),
    ) -> None:
        self._now = now
        self._threshold = failure_threshold
        self._cooldown = cooldown
        self._failures = 0
        self._opened_at: datetime | None = None

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return CLOSED
        if self._now() - self._opened_at >= self._cooldown:
            return HALF_OPEN
        return OPEN

    def check(self) -> None:
        """Raise `registry_unavailable` while the breaker is open."""
        if self.state == OPEN:
            raise results.unavailable("circuit breaker open: the registry failed repeatedly")

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def record_failure(self) -> None:
        if self.state == HALF_OPEN:
            self._opened_at = self._now()
            return
        self._failures += 1
        if self._failures >= self._threshold:
            self._opened_at = self._now()
