"""The per-binding token bucket, on a fake clock: a burst goes out at once, then commands are
spaced at the rest of the minute's budget, and no minute carries more than the limit."""

from __future__ import annotations

import pytest

from registrar.epp.wire.pacing import CommandPacer


class FakeTime:
    """A monotonic clock that only moves when someone sleeps on it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def pacer(per_minute: int, time: FakeTime) -> CommandPacer:
    return CommandPacer(per_minute, monotonic=time.monotonic, sleep=time.sleep)


async def test_a_burst_of_a_sixth_of_the_budget_goes_out_without_waiting():
    time = FakeTime()
    bucket = pacer(60, time)
    for _ in range(10):
        await bucket.acquire()
    assert time.sleeps == []


async def test_after_the_burst_commands_are_spaced_at_the_rest_of_the_budget():
    # given: 60 a minute = a burst of 10, then 50 a minute (one every 1.2 s)
    time = FakeTime()
    bucket = pacer(60, time)
    for _ in range(10):
        await bucket.acquire()
    # when
    await bucket.acquire()
    await bucket.acquire()
    # then
    assert time.sleeps == pytest.approx([1.2, 1.2])


@pytest.mark.parametrize("per_minute", [1, 6, 60, 600])
async def test_no_minute_carries_more_than_the_limit(per_minute):
    # given
    time = FakeTime()
    bucket = pacer(per_minute, time)
    sent: list[float] = []
    # when: a caller sends as fast as the pacer lets it for five minutes
    while time.now < 1000.0 + 300:
        await bucket.acquire()
        sent.append(time.now)
    # then: every window of 60 seconds (open at its end) holds at most the limit
    for start in sent:
        assert sum(1 for moment in sent if start <= moment < start + 60) <= per_minute


async def test_an_idle_bucket_refills_up_to_its_burst_only():
    time = FakeTime()
    bucket = pacer(60, time)
    time.now += 3600
    for _ in range(10):
        await bucket.acquire()
    await bucket.acquire()
    assert time.sleeps == pytest.approx([1.2])


async def test_concurrent_callers_are_served_in_arrival_order_without_a_lock():
    # given: the burst is spent
    time = FakeTime()
    bucket = pacer(6, time)
    await bucket.acquire()
    # when: three callers arrive at once
    waits = [bucket.reserve() for _ in range(3)]
    # then: each waits one more refill interval (12 s) than the one before
    assert waits == pytest.approx([12.0, 24.0, 36.0])


def test_a_pacer_needs_a_positive_limit():
    with pytest.raises(ValueError):
        CommandPacer(0)
