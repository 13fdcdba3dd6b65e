"""Builders of RFC 5732 host command frames."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from registrar.epp.frames import command, finish
from registrar.epp.xml import HOST, Element, sub


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


def build_host_create(
    name: str, addresses: Sequence[str] = (), *, cltrid: str | None = None
) -> bytes:
    """`<host:create>`; addresses are only for hosts subordinate to a domain of the registry."""
    root, cmd, verb = command("create")
    create = sub(verb, HOST, "create")
    sub(create, HOST, "name", name)
    add_addresses(create, addresses)
    return finish(root, cmd, cltrid)


def add_addresses(parent: Element, addresses: Sequence[str]) -> None:
    """Append `<host:addr ip="v4|v6">` elements."""
    for address in addresses:
        sub(parent, HOST, "addr", address, ip=address_version(address))
