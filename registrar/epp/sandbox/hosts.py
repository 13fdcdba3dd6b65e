"""Sandbox host commands (RFC 5732): check, info and create with glue rules.

A host under a TLD this registry serves is subordinate: its superordinate domain must exist,
be sponsored by the caller, and the host needs at least one address (glue). A host under any
other TLD is external and must not have addresses.
"""

from __future__ import annotations

import ipaddress

from registrar.epp.sandbox.context import Context, required
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.sandbox.store import Host, Store, is_valid_name, served_tld
from registrar.epp.xml import HOST, Element, children, element, format_datetime, sub, text_of

MAX_ADDRESSES = 13


def check(ctx: Context) -> Reply:
    names = [text_of(node) or "" for node in children(ctx.command, HOST, "name")]
    if not names:
        raise CommandFailed(2003, "<host:name> is required")
    data = element(HOST, "chkData")
    for name in names:
        exists = name.lower() in ctx.store.hosts
        reason = "In use" if exists else None if is_valid_name(name) else "Invalid host name"
        cd = sub(data, HOST, "cd")
        sub(cd, HOST, "name", name, avail="0" if reason else "1")
        if reason:
            sub(cd, HOST, "reason", reason)
    reply = Reply()
    reply.res_data.append(data)
    return reply


def parse_addresses(nodes: list[Element]) -> list[str]:
    """Canonical address texts; 2005 for a bad literal or an `ip` attribute that lies."""
    addresses: list[str] = []
    for node in nodes:
        raw = text_of(node) or ""
        try:
            address = ipaddress.ip_address(raw)
        except ValueError:
            raise CommandFailed(2005, f"not an IP address: {raw[:45]!r}") from None
        if node.get("ip", "v4") != f"v{address.version}":
            raise CommandFailed(2005, f"{raw} is not an IPv{node.get('ip', 'v4')[1:]} address")
        if str(address) in addresses:
            raise CommandFailed(2306, f"duplicate address {address}")
        addresses.append(str(address))
    if len(addresses) > MAX_ADDRESSES:
        raise CommandFailed(2306, f"at most {MAX_ADDRESSES} addresses")
    return addresses


def verify_glue(ctx: Context, name: str, addresses: list[str]) -> None:
    if served_tld(name):
        parent = ctx.store.superordinate(name)
        if parent is None:
            raise CommandFailed(2303, "superordinate domain does not exist")
        if parent.sponsor != ctx.clid:
            raise CommandFailed(2201, "superordinate domain is sponsored by another registrar")
        if not addresses:
            raise CommandFailed(2003, "a subordinate host needs at least one address")
    elif addresses:
        raise CommandFailed(2306, "an external host must not have addresses")


def create(ctx: Context) -> Reply:
    name = required(ctx.command, HOST, "name").lower()
    if not is_valid_name(name):
        raise CommandFailed(2005, "invalid host name")
    if name in ctx.store.hosts:
        raise CommandFailed(2302, f"host {name} exists")
    addresses = parse_addresses(children(ctx.command, HOST, "addr"))
    verify_glue(ctx, name, addresses)
    host = Host(name, ctx.store.roid("H"), ctx.clid, ctx.clid, ctx.now, addresses)
    ctx.store.hosts[name] = host
    data = element(HOST, "creData")
    sub(data, HOST, "name", host.name)
    sub(data, HOST, "crDate", format_datetime(host.created_at))
    reply = Reply()
    reply.res_data.append(data)
    return reply


def find_host(store: Store, ctx: Context) -> Host:
    name = required(ctx.command, HOST, "name").lower()
    host = store.hosts.get(name)
    if host is None:
        raise CommandFailed(2303, f"host {name} does not exist")
    return host


def statuses_of(store: Store, host: Host) -> list[str]:
    statuses = set(host.statuses)
    if store.domains_using_host(host.name):
        statuses.add("linked")
    return sorted(statuses) or ["ok"]


def info(ctx: Context) -> Reply:
    host = find_host(ctx.store, ctx)
    data = element(HOST, "infData")
    sub(data, HOST, "name", host.name)
    sub(data, HOST, "roid", host.roid)
    for status in statuses_of(ctx.store, host):
        sub(data, HOST, "status", s=status)
    for address in host.addresses:
        sub(data, HOST, "addr", address, ip=f"v{ipaddress.ip_address(address).version}")
    sub(data, HOST, "clID", host.sponsor)
    sub(data, HOST, "crID", host.creator)
    sub(data, HOST, "crDate", format_datetime(host.created_at))
    if host.updater and host.updated_at:
        sub(data, HOST, "upID", host.updater)
        sub(data, HOST, "upDate", format_datetime(host.updated_at))
    if host.transferred_at:
        sub(data, HOST, "trDate", format_datetime(host.transferred_at))
    reply = Reply()
    reply.res_data.append(data)
    return reply
