"""The circuit breaker: open after the threshold, half-open after the cooldown, closed on success."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from registrar.epp.wire.breaker import CircuitBreaker
from registrar.errors import RegistrarError


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2025, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment


def test_breaker_opens_after_threshold_then_half_opens_then_closes() -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, failure_threshold=3, cooldown=timedelta(seconds=30))
    for _ in range(2):
        breaker.record_failure()
    assert breaker.state == "closed"
    breaker.record_failure()
    assert breaker.state == "open"
    with pytest.raises(RegistrarError) as caught:
        breaker.check()
    assert caught.value.code == "registry_unavailable"
    clock.moment += timedelta(seconds=30)
    assert breaker.state == "half_open"
    breaker.check()
    breaker.record_success()
    assert breaker.state == "closed"


def test_breaker_reopens_when_the_half_open_trial_fails() -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, failure_threshold=1, cooldown=timedelta(seconds=10))
    breaker.record_failure()
    clock.moment += timedelta(seconds=10)
    assert breaker.state == "half_open"
    breaker.record_failure()
    assert breaker.state == "open"


def test_breaker_success_resets_the_consecutive_count() -> None:
    breaker = CircuitBreaker(Clock(), failure_threshold=2)
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    assert breaker.state == "closed"
