"""Builders of RFC 5731 domain command frames: check, info, create, renew, transfer, delete and
update. Extension parts come from `frames.secdns`, `frames.fee` and `frames.idn`; the rgp-1.0
restore is in `frames.rgp`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from registrar.epp.frames.envelope import command, extension, finish, status_element
from registrar.epp.frames.fee import fee_agreement, fee_check
from registrar.epp.frames.idn import idn_data
from registrar.epp.frames.secdns import secdns_create, secdns_update
from registrar.epp.objects import DomainCreateRequest, DomainUpdateRequest, ObjectStatus
from registrar.epp.wire.xml import DOMAIN, Element, sub

TRANSFER_OPS = ("request", "query", "approve", "reject", "cancel")


def build_domain_check(
    names: Sequence[str],
    *,
    fee_commands: Sequence[str] = (),
    fee_period: int = 1,
    fee_currency: str | None = None,
    idn_table: str | None = None,
    cltrid: str | None = None,
) -> bytes:
    """`<domain:check>` for several names; a fee-1.0 `<fee:check>` when `fee_commands` is set."""
    if not names:
        raise ValueError("a domain check needs at least one name")
    root, cmd, verb = command("check")
    check = sub(verb, DOMAIN, "check")
    for name in names:
        sub(check, DOMAIN, "name", name)
    if fee_commands:
        fee_check(extension(cmd), fee_commands, fee_period, fee_currency)
    if idn_table:
        idn_data(extension(cmd), idn_table)
    return finish(root, cmd, cltrid)


def build_domain_info(
    name: str, *, auth_info: str | None = None, hosts: str = "all", cltrid: str | None = None
) -> bytes:
    """`<domain:info>`; `auth_info` lets a non-sponsor see the full record."""
    root, cmd, verb = command("info")
    info = sub(verb, DOMAIN, "info")
    sub(info, DOMAIN, "name", name, hosts=hosts)
    if auth_info is not None:
        _auth_info(info, auth_info)
    return finish(root, cmd, cltrid)


def build_domain_create(request: DomainCreateRequest, *, cltrid: str | None = None) -> bytes:
    """`<domain:create>` with optional secDNS `dsData`, IDN table and fee agreement."""
    root, cmd, verb = command("create")
    create = sub(verb, DOMAIN, "create")
    sub(create, DOMAIN, "name", request.name)
    _period(create, request.period_years)
    if request.nameservers:
        _nameservers(create, request.nameservers)
    sub(create, DOMAIN, "registrant", request.registrant)
    for contact_type, handles in (
        ("admin", request.admin),
        ("tech", request.tech),
        ("billing", request.billing),
    ):
        for handle in handles:
            sub(create, DOMAIN, "contact", handle, type=contact_type)
    _auth_info(create, request.auth_info)
    if request.ds_data:
        secdns_create(extension(cmd), request.ds_data, request.max_sig_life)
    if request.idn_language:
        idn_data(extension(cmd), request.idn_language)
    if request.fee_amount is not None:
        fee_agreement(extension(cmd), "create", request.fee_amount, request.fee_currency)
    return finish(root, cmd, cltrid)


def build_domain_renew(name: str, current_expiry: date, years: int = 1, *, cltrid: str | None = None) -> bytes:
    """`<domain:renew>`; `current_expiry` guards against renewing twice (RFC 5731 §3.2.3)."""
    root, cmd, verb = command("renew")
    renew = sub(verb, DOMAIN, "renew")
    sub(renew, DOMAIN, "name", name)
    sub(renew, DOMAIN, "curExpDate", current_expiry.isoformat())
    _period(renew, years)
    return finish(root, cmd, cltrid)


def build_domain_transfer(
    op: str,
    name: str,
    *,
    auth_info: str | None = None,
    years: int | None = None,
    cltrid: str | None = None,
) -> bytes:
    """`<transfer op=...><domain:transfer>`; a request carries the authInfo."""
    if op not in TRANSFER_OPS:
        raise ValueError(f"unknown transfer op {op!r}")
    root, cmd, verb = command("transfer")
    verb.set("op", op)
    transfer = sub(verb, DOMAIN, "transfer")
    sub(transfer, DOMAIN, "name", name)
    if years is not None:
        _period(transfer, years)
    if auth_info is not None:
        _auth_info(transfer, auth_info)
    return finish(root, cmd, cltrid)


def build_domain_delete(name: str, *, cltrid: str | None = None) -> bytes:
    root, cmd, verb = command("delete")
    sub(sub(verb, DOMAIN, "delete"), DOMAIN, "name", name)
    return finish(root, cmd, cltrid)


def build_domain_update(request: DomainUpdateRequest, *, cltrid: str | None = None) -> bytes:
    """`<domain:update>` with add, rem and chg parts in schema order, and `<secDNS:update>`."""
    if request.is_empty:
        raise ValueError("an update must change something")
    if request.ds_rem_all and request.ds_rem:
        raise ValueError("remove all DS records or some of them, not both")
    root, cmd, verb = command("update")
    update = sub(verb, DOMAIN, "update")
    sub(update, DOMAIN, "name", request.name)
    _add_rem(update, "add", request.add_nameservers, request.add_contacts, request.add_statuses)
    _add_rem(
        update,
        "rem",
        request.rem_nameservers,
        request.rem_contacts,
        tuple(ObjectStatus(status) for status in request.rem_statuses),
    )
    if request.registrant is not None or request.auth_info is not None:
        chg = sub(update, DOMAIN, "chg")
        if request.registrant is not None:
            sub(chg, DOMAIN, "registrant", request.registrant)
        if request.auth_info is not None:
            _auth_info(chg, request.auth_info)
    if request.changes_secdns:
        secdns_update(extension(cmd), request)
    return finish(root, cmd, cltrid)


def _add_rem(
    update: Element,
    part: str,
    nameservers: tuple[str, ...],
    contacts: tuple[tuple[str, str], ...],
    statuses: tuple[ObjectStatus, ...],
) -> None:
    if not (nameservers or contacts or statuses):
        return
    node = sub(update, DOMAIN, part)
    if nameservers:
        _nameservers(node, nameservers)
    for contact_type, handle in contacts:
        sub(node, DOMAIN, "contact", handle, type=contact_type)
    for status in statuses:
        status_element(node, DOMAIN, status)


def _nameservers(parent: Element, hosts: Sequence[str]) -> None:
    ns = sub(parent, DOMAIN, "ns")
    for host in hosts:
        sub(ns, DOMAIN, "hostObj", host)


def _period(parent: Element, years: int) -> None:
    sub(parent, DOMAIN, "period", str(years), unit="y")


def _auth_info(parent: Element, password: str) -> None:
    sub(sub(parent, DOMAIN, "authInfo"), DOMAIN, "pw", password)
