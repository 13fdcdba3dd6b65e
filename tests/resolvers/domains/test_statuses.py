"""Locks and holds: the event each lock action leaves."""

from __future__ import annotations

import pytest

from registrar.resolvers.domains.events import DomainEventType
from registrar.resolvers.domains.statuses import LOCK_EVENTS, LOCKS


@pytest.mark.parametrize("lock", sorted(LOCKS))
@pytest.mark.parametrize("applied", [True, False])
def test_every_lock_action_names_its_own_event(lock, applied):
    # when
    event = LOCK_EVENTS[lock, applied]
    # then
    assert event is DomainEventType(f"{lock}_lock_{'applied' if applied else 'released'}")


def test_lock_events_cover_exactly_the_locks():
    assert {lock for lock, _ in LOCK_EVENTS} == set(LOCKS)
