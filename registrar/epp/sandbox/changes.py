"""Rules every sandbox `<update>` shares (RFC 5731-5733 §3.2.5): status locks and add/rem lists.

An object with `serverUpdateProhibited` refuses every update; one with `clientUpdateProhibited`
refuses every update except the one that only removes that status. Adding something already
there, or removing something that is not, is a policy error (2306), and a registrar may only
touch the client statuses of the object's schema.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TypeVar

from registrar.epp.sandbox.replies import CommandFailed
from registrar.epp.wire.xml import Element, child, children

T = TypeVar("T")
UNLOCK = "clientUpdateProhibited"


def statuses_in(part: Element | None, namespace: str) -> list[str]:
    """The `s` values of the `<status>` children of an `<add>` or `<rem>`."""
    if part is None:
        return []
    return [node.get("s", "") for node in children(part, namespace, "status")]


def verify_update_allowed(statuses: Collection[str], only_unlocks: bool) -> None:
    """2304 when the object's statuses forbid this update."""
    if "serverUpdateProhibited" in statuses:
        raise CommandFailed(2304, "serverUpdateProhibited")
    if UNLOCK in statuses and not only_unlocks:
        raise CommandFailed(2304, f"{UNLOCK}: remove it first, in an update of its own")


def only_unlocks(update: Element, namespace: str, extension_changes: bool = False) -> bool:
    """Whether the `<update>` does nothing but remove `clientUpdateProhibited`."""
    add, rem, chg = (child(update, namespace, part) for part in ("add", "rem", "chg"))
    if extension_changes or add is not None or chg is not None or rem is None:
        return False
    return len(rem) == 1 and statuses_in(rem, namespace) == [UNLOCK]


def changed_statuses(
    current: Collection[str], add: Sequence[str], rem: Sequence[str], settable: Collection[str]
) -> set[str]:
    for status in (*add, *rem):
        if status not in settable:
            raise CommandFailed(2306, f"{status[:40]} is not a client-settable status")
    return set(changed(sorted(current), list(add), list(rem), "status"))


def changed(current: list[T], add: Sequence[T], rem: Sequence[T], what: str) -> list[T]:
    """`current` without `rem` and with `add` appended; 2306 for a missing or present item."""
    for item in rem:
        if item not in current:
            raise CommandFailed(2306, f"{what} {item} is not present")
    kept = [item for item in current if item not in rem]
    for item in add:
        if item in kept:
            raise CommandFailed(2306, f"{what} {item} is already present")
        kept.append(item)
    return kept
