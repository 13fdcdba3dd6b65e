"""Sandbox host commands (RFC 5732): check, info, create, update and delete with glue rules.

A host under a TLD this registry serves is subordinate: its superordinate domain must exist,
be sponsored by the caller, and the host needs at least one address (glue). A host under any
other TLD is external and must not have addresses. The rules hold for the name a host gets
by a rename, too. A host a domain delegates to cannot be deleted (2305).
"""

from __future__ import annotations

import ipaddress

from registrar.epp.objects import HOST_CLIENT_STATUSES
from registrar.epp.sandbox.changes import (
    changed,
    changed_statuses,
    only_unlocks,
    statuses_in,
    verify_update_allowed,
)
from registrar.epp.sandbox.context import Context, required
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.sandbox.store import Host, Store, is_valid_name, served_tld
from registrar.epp.wire.xml import HOST, Element, child, children, element, format_datetime, sub, text_of

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


def verify_glue(ctx: Context, name: str, addresses: list[str], missing_address_code: int = 2003) -> None:
    if served_tld(name):
        parent = ctx.store.superordinate(name)
        if parent is None:
            raise CommandFailed(2303, "superordinate domain does not exist")
        if parent.sponsor != ctx.clid:
            raise CommandFailed(2201, "superordinate domain is sponsored by another registrar")
        if not addresses:
            raise CommandFailed(missing_address_code, "a subordinate host needs at least one address")
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


def update(ctx: Context) -> Reply:
    host = find_host(ctx.store, ctx)
    if host.sponsor != ctx.clid:
        raise CommandFailed(2201, "host is sponsored by another registrar")
    verify_update_allowed(host.statuses, only_unlocks(ctx.command, HOST))
    add, rem = child(ctx.command, HOST, "add"), child(ctx.command, HOST, "rem")
    statuses = changed_statuses(host.statuses, statuses_in(add, HOST), statuses_in(rem, HOST), HOST_CLIENT_STATUSES)
    addresses = changed(host.addresses, _addresses(add), _addresses(rem), "address")
    if len(addresses) > MAX_ADDRESSES:
        raise CommandFailed(2306, f"at most {MAX_ADDRESSES} addresses")
    chg = child(ctx.command, HOST, "chg")
    new_name = required(chg, HOST, "name").lower() if chg is not None else host.name
    if new_name != host.name:
        if not is_valid_name(new_name):
            raise CommandFailed(2005, "invalid host name")
        if new_name in ctx.store.hosts:
            raise CommandFailed(2302, f"host {new_name} exists")
    verify_glue(ctx, new_name, addresses, missing_address_code=2306)
    if new_name != host.name:
        _rename(ctx.store, host, new_name)
    host.statuses, host.addresses = statuses, addresses
    host.updater, host.updated_at = ctx.clid, ctx.now
    return Reply()


def _addresses(part: Element | None) -> list[str]:
    return parse_addresses(children(part, HOST, "addr")) if part is not None else []


def _rename(store: Store, host: Host, new_name: str) -> None:
    """Rename in place: every domain delegating to the host follows it."""
    for domain in store.domains_using_host(host.name):
        domain.nameservers = [new_name if ns.lower() == host.name else ns for ns in domain.nameservers]
    del store.hosts[host.name]
    host.name = new_name
    store.hosts[new_name] = host


def delete(ctx: Context) -> Reply:
    host = find_host(ctx.store, ctx)
    if host.sponsor != ctx.clid:
        raise CommandFailed(2201, "host is sponsored by another registrar")
    for prefix in ("client", "server"):
        if f"{prefix}DeleteProhibited" in host.statuses:
            raise CommandFailed(2304, f"{prefix}DeleteProhibited")
    users = ctx.store.domains_using_host(host.name)
    if users:
        raise CommandFailed(2305, f"host {host.name} is a name server of {users[0].name}")
    del ctx.store.hosts[host.name]
    return Reply()
