"""Sandbox domain create (RFC 5731 §3.2.1 with secDNS-1.1, idn-1.0 and fee-1.0)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from registrar.epp.objects import CONTACT_TYPES, DsData
from registrar.epp.responses.secdns import ds_from_element
from registrar.epp.sandbox import billing, pricing
from registrar.epp.sandbox.context import Context, integer, required, years_of
from registrar.epp.sandbox.domain_query import verify_idn_table
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.sandbox.store import (
    RESERVED,
    Domain,
    Store,
    add_years,
    is_valid_name,
    served_tld,
)
from registrar.epp.wire.xml import (
    DOMAIN,
    EPP,
    FEE,
    SECDNS,
    Element,
    EppXmlError,
    child,
    child_text,
    children,
    element,
    format_datetime,
    sub,
    text_of,
)

MAX_YEARS = 10
MAX_NAMESERVERS = 13


def years_in_range(period: Element | None) -> int:
    years = years_of(period)
    if not 1 <= years <= MAX_YEARS:
        raise CommandFailed(2306, f"period must be 1 to {MAX_YEARS} years")
    return years


def verify_nameservers(store: Store, ns: Element | None) -> list[str]:
    """hostObj names that all exist as host objects, no duplicates, at most 13."""
    if ns is None:
        return []
    if children(ns, DOMAIN, "hostAttr"):
        raise CommandFailed(2102, "this registry uses host objects, not hostAttr")
    names = [(text_of(node) or "").lower() for node in children(ns, DOMAIN, "hostObj")]
    if len(set(names)) != len(names):
        raise CommandFailed(2306, "duplicate name server")
    if len(names) > MAX_NAMESERVERS:
        raise CommandFailed(2306, f"at most {MAX_NAMESERVERS} name servers")
    for name in names:
        if name not in store.hosts:
            raise CommandFailed(2303, f"host {name} does not exist")
    return [store.hosts[name].name for name in names]


def verify_contact(store: Store, handle: str, role: str) -> str:
    contact = store.contacts.get(handle.lower())
    if contact is None:
        raise CommandFailed(2303, f"{role} contact {handle} does not exist")
    return contact.handle


def parse_ds_data(parent: Element) -> list[DsData]:
    if children(parent, SECDNS, "keyData"):
        raise CommandFailed(2306, "this registry accepts dsData only")
    try:
        records = [ds_from_element(node) for node in children(parent, SECDNS, "dsData")]
    except EppXmlError as exc:
        raise CommandFailed(2005, str(exc)) from None
    return [replace(ds, digest=ds.digest.upper()) for ds in records]


def verify_fee(ctx: Context, fee_element: Element | None, expected: Decimal, premium: bool) -> None:
    """Premium names need the client to acknowledge the fee; a stated fee must match."""
    if fee_element is None:
        if premium:
            raise CommandFailed(2306, f"premium name: fee of {expected:.2f} must be acknowledged")
        return
    currency = child_text(fee_element, FEE, "currency")
    if currency and currency != pricing.CURRENCY:
        raise CommandFailed(2306, f"fees are charged in {pricing.CURRENCY}")
    try:
        stated = sum((Decimal(text_of(n) or "") for n in children(fee_element, FEE, "fee")), Decimal(0))
    except InvalidOperation:
        raise CommandFailed(2005, "fee is not a decimal") from None
    if stated != expected:
        raise CommandFailed(2306, f"fee mismatch: the fee is {expected:.2f}")


def fee_result(name: str, amount: Decimal, years: int | None) -> Element:
    """`<fee:creData>`-like transform result; `name` is the element name."""
    data = element(FEE, name)
    sub(data, FEE, "currency", pricing.CURRENCY)
    if years is not None:
        sub(data, FEE, "period", str(years), unit="y")
    sub(data, FEE, "fee", f"{amount:.2f}")
    return data


def create(ctx: Context) -> Reply:
    cmd = ctx.command
    name = required(cmd, DOMAIN, "name").lower()
    if not is_valid_name(name):
        raise CommandFailed(2005, "invalid domain name")
    if not served_tld(name):
        raise CommandFailed(2306, "TLD not served by this registry")
    if name in RESERVED:
        raise CommandFailed(2302, "Reserved")
    if name in ctx.store.domains:
        raise CommandFailed(2302, f"domain {name} exists")
    years = years_in_range(child(cmd, DOMAIN, "period"))
    nameservers = verify_nameservers(ctx.store, child(cmd, DOMAIN, "ns"))
    registrant = verify_contact(ctx.store, required(cmd, DOMAIN, "registrant"), "registrant")
    contacts = []
    for node in children(cmd, DOMAIN, "contact"):
        role = node.get("type", "")
        if role not in CONTACT_TYPES:
            raise CommandFailed(2005, f"unknown contact type {role[:20]!r}")
        contacts.append((role, verify_contact(ctx.store, text_of(node) or "", role)))
    auth = child(cmd, DOMAIN, "authInfo")
    auth_info = child_text(auth, DOMAIN, "pw") if auth is not None else None
    if not auth_info:
        raise CommandFailed(2003, "<domain:authInfo> is required")
    secdns = ctx.ext(SECDNS, "create")
    ds_data = parse_ds_data(secdns) if secdns is not None else []
    max_sig = child(secdns, SECDNS, "maxSigLife") if secdns is not None else None
    idn_table = verify_idn_table(ctx)
    price = pricing.price(name, "create", years)
    fee_element = ctx.ext(FEE, "create")
    verify_fee(ctx, fee_element, price.amount, price.premium)
    billing.charge(ctx, price.amount, "create")
    domain = Domain(
        name=name,
        roid=ctx.store.roid("D"),
        sponsor=ctx.clid,
        creator=ctx.clid,
        created_at=ctx.now,
        expires_at=add_years(ctx.now, years),
        registrant=registrant,
        auth_info=auth_info,
        contacts=contacts,
        nameservers=nameservers,
        ds_data=ds_data,
        max_sig_life=integer(max_sig, "maxSigLife") if max_sig is not None else None,
        idn_table=idn_table,
    )
    ctx.store.domains[name] = domain
    reply = _pending(ctx, domain) if ctx.policy.domain_create_pending else _created(domain)
    if fee_element is not None:
        reply.extensions.append(fee_result("creData", price.amount, years))
    return reply


def _created(domain: Domain) -> Reply:
    """1000 with the `<domain:creData>`."""
    data = element(DOMAIN, "creData")
    sub(data, DOMAIN, "name", domain.name)
    sub(data, DOMAIN, "crDate", format_datetime(domain.created_at))
    sub(data, DOMAIN, "exDate", format_datetime(domain.expires_at))
    reply = Reply()
    reply.res_data.append(data)
    return reply


def _pending(ctx: Context, domain: Domain) -> Reply:
    """1001 without data (`Policy.domain_create_pending`); the completion goes to the poll queue."""
    ctx.store.enqueue(ctx.clid, ctx.now, "Pending create completed.", pan_data(domain.name, True, ctx))
    return Reply(1001)


def pan_data(name: str, succeeded: bool, ctx: Context) -> Element:
    """`<domain:panData>`: the outcome of the command `ctx` answered with 1001."""
    data = element(DOMAIN, "panData")
    sub(data, DOMAIN, "name", name, paResult="1" if succeeded else "0")
    tr_id = sub(data, DOMAIN, "paTRID")
    if ctx.cltrid:
        sub(tr_id, EPP, "clTRID", ctx.cltrid)
    sub(tr_id, EPP, "svTRID", ctx.svtrid or "")
    sub(data, DOMAIN, "paDate", format_datetime(ctx.now))
    return data
