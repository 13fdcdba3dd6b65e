"""Sandbox domain update (RFC 5731 §3.2.5 with secDNS-1.1 §5.2.5); rgp restores go to `rgp`.

Everything is checked before anything changes, so a refused update leaves the domain as it was.
"""

from __future__ import annotations

from registrar.epp.objects import CONTACT_TYPES, DOMAIN_CLIENT_STATUSES, DsData
from registrar.epp.responses.envelope import parse_bool
from registrar.epp.sandbox import rgp
from registrar.epp.sandbox.changes import (
    changed,
    changed_statuses,
    only_unlocks,
    statuses_in,
    verify_update_allowed,
)
from registrar.epp.sandbox.context import Context, integer
from registrar.epp.sandbox.domain_create import (
    MAX_NAMESERVERS,
    parse_ds_data,
    verify_contact,
    verify_nameservers,
)
from registrar.epp.sandbox.domain_rules import find_domain, verify_not_pending, verify_sponsor
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.sandbox.store import Domain
from registrar.epp.wire.xml import (
    DOMAIN,
    RGP,
    SECDNS,
    Element,
    EppXmlError,
    child,
    child_text,
    children,
    text_of,
)

MAX_DS_RECORDS = 8


def update(ctx: Context) -> Reply:
    restore = ctx.ext(RGP, "update")
    if restore is not None:
        return rgp.restore(ctx, restore)
    domain = find_domain(ctx)
    verify_sponsor(domain, ctx.clid)
    secdns = ctx.ext(SECDNS, "update")
    verify_update_allowed(domain.statuses, only_unlocks(ctx.command, DOMAIN, secdns is not None))
    verify_not_pending(domain)
    add, rem = child(ctx.command, DOMAIN, "add"), child(ctx.command, DOMAIN, "rem")
    statuses = changed_statuses(
        domain.statuses,
        statuses_in(add, DOMAIN),
        statuses_in(rem, DOMAIN),
        DOMAIN_CLIENT_STATUSES,
    )
    nameservers = changed(
        domain.nameservers,
        verify_nameservers(ctx.store, child(add, DOMAIN, "ns") if add is not None else None),
        _hostobjs(rem),
        "name server",
    )
    if len(nameservers) > MAX_NAMESERVERS:
        raise CommandFailed(2306, f"at most {MAX_NAMESERVERS} name servers")
    contacts = changed(domain.contacts, _contacts(ctx, add), _contacts(ctx, rem), "contact")
    registrant, auth_info = _chg(ctx, domain)
    ds_data, max_sig_life = _secdns(domain, secdns) if secdns is not None else (None, None)
    domain.statuses = statuses
    domain.nameservers = nameservers
    domain.contacts = contacts
    domain.registrant, domain.auth_info = registrant, auth_info
    if ds_data is not None:
        domain.ds_data = ds_data
    if max_sig_life is not None:
        domain.max_sig_life = max_sig_life
    domain.updater, domain.updated_at = ctx.clid, ctx.now
    return Reply()


def _hostobjs(part: Element | None) -> list[str]:
    ns = child(part, DOMAIN, "ns") if part is not None else None
    if ns is None:
        return []
    return [(text_of(node) or "").lower() for node in children(ns, DOMAIN, "hostObj")]


def _contacts(ctx: Context, part: Element | None) -> list[tuple[str, str]]:
    if part is None:
        return []
    contacts = []
    for node in children(part, DOMAIN, "contact"):
        role = node.get("type", "")
        if role not in CONTACT_TYPES:
            raise CommandFailed(2005, f"unknown contact type {role[:20]!r}")
        contacts.append((role, verify_contact(ctx.store, text_of(node) or "", role)))
    return contacts


def _chg(ctx: Context, domain: Domain) -> tuple[str, str]:
    chg = child(ctx.command, DOMAIN, "chg")
    if chg is None:
        return domain.registrant, domain.auth_info
    registrant = domain.registrant
    new_registrant = child(chg, DOMAIN, "registrant")
    if new_registrant is not None:
        if not text_of(new_registrant):
            raise CommandFailed(2306, "this registry requires a registrant")
        registrant = verify_contact(ctx.store, text_of(new_registrant) or "", "registrant")
    auth_info = domain.auth_info
    auth = child(chg, DOMAIN, "authInfo")
    if auth is not None:
        auth_info = child_text(auth, DOMAIN, "pw") or ""
        if not auth_info:
            raise CommandFailed(2306, "this registry requires a password authInfo")
    return registrant, auth_info


def _secdns(domain: Domain, update: Element) -> tuple[list[DsData], int | None]:
    """The DS set and maxSigLife after a `<secDNS:update>`: rem first, then add, then chg."""
    try:
        urgent = parse_bool(update.get("urgent"))
    except EppXmlError:
        raise CommandFailed(2005, "urgent is not a boolean") from None
    if urgent:
        raise CommandFailed(2102, "urgent DNSSEC updates are not offered")
    rem, add = child(update, SECDNS, "rem"), child(update, SECDNS, "add")
    current = list(domain.ds_data)
    if rem is not None and child(rem, SECDNS, "all") is not None:
        if child_text(rem, SECDNS, "all") in ("1", "true"):
            current = []
        rem = None
    ds_data = changed(
        current,
        parse_ds_data(add) if add is not None else [],
        parse_ds_data(rem) if rem is not None else [],
        "DS record",
    )
    if len(ds_data) > MAX_DS_RECORDS:
        raise CommandFailed(2306, f"at most {MAX_DS_RECORDS} DS records")
    chg = child(update, SECDNS, "chg")
    max_sig = child(chg, SECDNS, "maxSigLife") if chg is not None else None
    return ds_data, integer(max_sig, "maxSigLife") if max_sig is not None else None
