"""Sandbox domain check (with fee-1.0) and info (RFC 5731 §3.1)."""

from __future__ import annotations

from registrar.epp.frames.secdns import ds_element
from registrar.epp.sandbox import pricing
from registrar.epp.sandbox.context import Context, years_of
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.sandbox.store import (
    RESERVED,
    SUPPORTED_IDN_TABLES,
    Domain,
    Store,
    is_valid_name,
    served_tld,
)
from registrar.epp.wire.xml import (
    DOMAIN,
    FEE,
    IDN,
    RGP,
    SECDNS,
    Element,
    child,
    child_text,
    children,
    element,
    format_datetime,
    sub,
    text_of,
)

MAX_CHECK_NAMES = 50


def unavailable_reason(store: Store, name: str) -> str | None:
    """Why `name` cannot be registered now, or None when it can."""
    key = name.lower()
    if not is_valid_name(key):
        return "Invalid domain name"
    if not served_tld(key):
        return "TLD not served by this registry"
    if key in RESERVED:
        return "Reserved"
    domain = store.domains.get(key)
    if domain is not None:
        return "In use" if domain.deleted_at is None else "Pending delete"
    return None


def verify_idn_table(ctx: Context) -> str | None:
    data = ctx.ext(IDN, "data")
    if data is None:
        return None
    table = child_text(data, IDN, "table") or ""
    if table.lower() not in SUPPORTED_IDN_TABLES:
        raise CommandFailed(2306, f"IDN table {table[:20]!r} is not supported")
    return table.lower()


def check(ctx: Context) -> Reply:
    names = [text_of(node) or "" for node in children(ctx.command, DOMAIN, "name")]
    if not names:
        raise CommandFailed(2003, "<domain:name> is required")
    if len(names) > MAX_CHECK_NAMES:
        raise CommandFailed(2306, f"at most {MAX_CHECK_NAMES} names per check")
    verify_idn_table(ctx)
    reply = Reply()
    chk = element(DOMAIN, "chkData")
    for name in names:
        reason = unavailable_reason(ctx.store, name)
        cd = sub(chk, DOMAIN, "cd")
        sub(cd, DOMAIN, "name", name, avail="0" if reason else "1")
        if reason:
            sub(cd, DOMAIN, "reason", reason)
    reply.res_data.append(chk)
    fee_check = ctx.ext(FEE, "check")
    if fee_check is not None:
        reply.extensions.append(_fee_chk_data(fee_check, names))
    return reply


def _fee_chk_data(fee_check: Element, names: list[str]) -> Element:
    currency = child_text(fee_check, FEE, "currency")
    if currency and currency != pricing.CURRENCY:
        raise CommandFailed(2306, f"prices are only quoted in {pricing.CURRENCY}")
    commands = children(fee_check, FEE, "command")
    data = element(FEE, "chkData")
    sub(data, FEE, "currency", pricing.CURRENCY)
    for name in names:
        cd = sub(data, FEE, "cd")
        valid = is_valid_name(name) and served_tld(name)
        if not valid or name.lower() in RESERVED:
            cd.set("avail", "0")
            sub(cd, FEE, "objID", name)
            sub(cd, FEE, "reason", "Reserved" if valid else "Invalid domain name")
            continue
        sub(cd, FEE, "objID", name)
        sub(cd, FEE, "class", pricing.yearly(name).fee_class)
        for cmd in commands:
            command_name = cmd.get("name", "")
            years = years_of(child(cmd, FEE, "period"))
            quote = pricing.price(name, command_name, years)
            out = sub(cd, FEE, "command", name=command_name)
            if command_name in ("create", "renew", "transfer"):
                sub(out, FEE, "period", str(1 if command_name == "transfer" else years), unit="y")
            sub(out, FEE, "fee", f"{quote.amount:.2f}", description=command_name)
    return data


def statuses_of(domain: Domain) -> list[str]:
    statuses = set(domain.statuses)
    if domain.transfer is not None and domain.transfer.status == "pending":
        statuses.add("pendingTransfer")
    if not domain.nameservers:
        statuses.add("inactive")
    return sorted(statuses) or ["ok"]


def info(ctx: Context) -> Reply:
    name_node = child(ctx.command, DOMAIN, "name")
    name = (text_of(name_node) or "").lower()
    if name_node is None or not name:
        raise CommandFailed(2003, "<domain:name> is required")
    domain = ctx.store.domains.get(name)
    if domain is None:
        raise CommandFailed(2303, f"domain {name} does not exist")
    auth = child(ctx.command, DOMAIN, "authInfo")
    if auth is not None and domain.sponsor != ctx.clid and child_text(auth, DOMAIN, "pw") != domain.auth_info:
        raise CommandFailed(2202, "authInfo does not match")
    reply = Reply()
    reply.res_data.append(inf_data(ctx.store, domain, name_node.get("hosts", "all"), domain.sponsor == ctx.clid))
    reply.extensions.extend(info_extensions(domain))
    return reply


def inf_data(store: Store, domain: Domain, hosts: str, show_auth: bool) -> Element:
    data = element(DOMAIN, "infData")
    sub(data, DOMAIN, "name", domain.name)
    sub(data, DOMAIN, "roid", domain.roid)
    for status in statuses_of(domain):
        sub(data, DOMAIN, "status", s=status)
    sub(data, DOMAIN, "registrant", domain.registrant)
    for contact_type, handle in domain.contacts:
        sub(data, DOMAIN, "contact", handle, type=contact_type)
    if hosts in ("all", "del") and domain.nameservers:
        ns = sub(data, DOMAIN, "ns")
        for host in domain.nameservers:
            sub(ns, DOMAIN, "hostObj", host)
    if hosts in ("all", "sub"):
        for host in store.linked_hosts(domain):
            sub(data, DOMAIN, "host", host.name)
    sub(data, DOMAIN, "clID", domain.sponsor)
    sub(data, DOMAIN, "crID", domain.creator)
    sub(data, DOMAIN, "crDate", format_datetime(domain.created_at))
    if domain.updater and domain.updated_at:
        sub(data, DOMAIN, "upID", domain.updater)
        sub(data, DOMAIN, "upDate", format_datetime(domain.updated_at))
    sub(data, DOMAIN, "exDate", format_datetime(domain.expires_at))
    if domain.transferred_at:
        sub(data, DOMAIN, "trDate", format_datetime(domain.transferred_at))
    if show_auth:
        sub(sub(data, DOMAIN, "authInfo"), DOMAIN, "pw", domain.auth_info)
    return data


def info_extensions(domain: Domain) -> list[Element]:
    extensions = []
    if domain.ds_data:
        secdns = element(SECDNS, "infData")
        if domain.max_sig_life is not None:
            sub(secdns, SECDNS, "maxSigLife", str(domain.max_sig_life))
        for ds in domain.ds_data:
            ds_element(secdns, ds)
        extensions.append(secdns)
    if domain.rgp_statuses:
        rgp = element(RGP, "infData")
        for status in sorted(domain.rgp_statuses):
            sub(rgp, RGP, "rgpStatus", s=status)
        extensions.append(rgp)
    return extensions
