"""Builders of RFC 5731 `<domain:update>` frames: changes (with secDNS-1.1) and rgp-1.0 restore."""

from __future__ import annotations

from registrar.epp.frames import command, extension, finish, status_element
from registrar.epp.frames_domain import ds_element
from registrar.epp.objects import DomainUpdateRequest, ObjectStatus, RestoreReport
from registrar.epp.xml import DOMAIN, FEE, RGP, SECDNS, Element, format_datetime, sub


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
            sub(sub(chg, DOMAIN, "authInfo"), DOMAIN, "pw", request.auth_info)
    if request.changes_secdns:
        _secdns_update(extension(cmd), request)
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
        ns = sub(node, DOMAIN, "ns")
        for host in nameservers:
            sub(ns, DOMAIN, "hostObj", host)
    for contact_type, handle in contacts:
        sub(node, DOMAIN, "contact", handle, type=contact_type)
    for status in statuses:
        status_element(node, DOMAIN, status)


def _secdns_update(ext: Element, request: DomainUpdateRequest) -> None:
    update = sub(ext, SECDNS, "update")
    if request.ds_rem_all:
        sub(sub(update, SECDNS, "rem"), SECDNS, "all", "true")
    elif request.ds_rem:
        rem = sub(update, SECDNS, "rem")
        for ds in request.ds_rem:
            ds_element(rem, ds)
    if request.ds_add:
        add = sub(update, SECDNS, "add")
        for ds in request.ds_add:
            ds_element(add, ds)
    if request.max_sig_life is not None:
        sub(sub(update, SECDNS, "chg"), SECDNS, "maxSigLife", str(request.max_sig_life))


def build_domain_restore(
    name: str,
    report: RestoreReport | None = None,
    *,
    fee_amount: str | None = None,
    fee_currency: str | None = None,
    cltrid: str | None = None,
) -> bytes:
    """RFC 3915 restore: an empty `<domain:chg/>` plus `<rgp:restore op="request|report">`."""
    root, cmd, verb = command("update")
    update = sub(verb, DOMAIN, "update")
    sub(update, DOMAIN, "name", name)
    sub(update, DOMAIN, "chg")
    ext = extension(cmd)
    restore = sub(sub(ext, RGP, "update"), RGP, "restore", op="request" if report is None else "report")
    if report is not None:
        _report(restore, report)
    if fee_amount is not None:
        fee = sub(ext, FEE, "update")
        if fee_currency:
            sub(fee, FEE, "currency", fee_currency)
        sub(fee, FEE, "fee", fee_amount)
    return finish(root, cmd, cltrid)


def _report(restore: Element, report: RestoreReport) -> None:
    if not 1 <= len(report.statements) <= 2:
        raise ValueError("a restore report carries one or two statements")
    node = sub(restore, RGP, "report")
    sub(node, RGP, "preData", report.pre_data)
    sub(node, RGP, "postData", report.post_data)
    sub(node, RGP, "delTime", format_datetime(report.deleted_at))
    sub(node, RGP, "resTime", format_datetime(report.restored_at))
    sub(node, RGP, "resReason", report.reason)
    for statement in report.statements:
        sub(node, RGP, "statement", statement)
    if report.other:
        sub(node, RGP, "other", report.other)
