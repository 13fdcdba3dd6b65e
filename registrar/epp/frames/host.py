"""Builders of RFC 5732 host command frames."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from registrar.epp.frames.envelope import command, finish, status_element
from registrar.epp.objects import ObjectStatus
from registrar.epp.wire.xml import HOST, Element, sub


def address_version(address: str) -> str:
    """ "v4" or "v6" for an IP address literal; ValueError for anything else."""
    return "v4" if ipaddress.ip_address(address).version == 4 else "v6"


def build_host_check(names: Sequence[str], *, cltrid: str | None = None) -> bytes:
    if not names:
        raise ValueError("a host check needs at least one name")
    root, cmd, verb = command("check")
    check = sub(verb, HOST, "check")
    for name in names:
        sub(check, HOST, "name", name)
    return finish(root, cmd, cltrid)


def build_host_info(name: str, *, cltrid: str | None = None) -> bytes:
    root, cmd, verb = command("info")
    info = sub(verb, HOST, "info")
    sub(info, HOST, "name", name)
    return finish(root, cmd, cltrid)


def build_host_create(name: str, addresses: Sequence[str] = (), *, cltrid: str | None = None) -> bytes:
    """`<host:create>`; addresses are only for hosts subordinate to a domain of the registry."""
    root, cmd, verb = command("create")
    create = sub(verb, HOST, "create")
    sub(create, HOST, "name", name)
    address_elements(create, addresses)
    return finish(root, cmd, cltrid)


def address_elements(parent: Element, addresses: Sequence[str]) -> None:
    """Append `<host:addr ip="v4|v6">` elements."""
    for address in addresses:
        sub(parent, HOST, "addr", address, ip=address_version(address))


def build_host_update(
    name: str,
    *,
    add_addresses: Sequence[str] = (),
    rem_addresses: Sequence[str] = (),
    add_statuses: Sequence[ObjectStatus] = (),
    rem_statuses: Sequence[str] = (),
    new_name: str | None = None,
    cltrid: str | None = None,
) -> bytes:
    """`<host:update>`: add/rem addresses and statuses, rename through `<host:chg>`."""
    root, cmd, verb = command("update")
    update = sub(verb, HOST, "update")
    sub(update, HOST, "name", name)
    for part, addresses, statuses in (
        ("add", add_addresses, add_statuses),
        ("rem", rem_addresses, [ObjectStatus(status) for status in rem_statuses]),
    ):
        if addresses or statuses:
            node = sub(update, HOST, part)
            address_elements(node, addresses)
            for status in statuses:
                status_element(node, HOST, status)
    if new_name is not None:
        sub(sub(update, HOST, "chg"), HOST, "name", new_name)
    if len(update) == 1:
        raise ValueError("a host update must change something")
    return finish(root, cmd, cltrid)


def build_host_delete(name: str, *, cltrid: str | None = None) -> bytes:
    root, cmd, verb = command("delete")
    sub(sub(verb, HOST, "delete"), HOST, "name", name)
    return finish(root, cmd, cltrid)
