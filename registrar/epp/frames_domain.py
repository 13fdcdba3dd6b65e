"""Builders of RFC 5731 domain command frames with secDNS-1.1, fee-1.0 and idn-1.0 extensions."""

from __future__ import annotations

from collections.abc import Sequence

from registrar.epp.frames import command, extension, finish
from registrar.epp.objects import DomainCreateRequest, DsData
from registrar.epp.xml import DOMAIN, FEE, IDN, SECDNS, Element, sub

FEE_COMMANDS = ("create", "renew", "transfer", "restore", "update", "delete")


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
        fee = sub(extension(cmd), FEE, "check")
        if fee_currency:
            sub(fee, FEE, "currency", fee_currency)
        for fee_command in fee_commands:
            if fee_command not in FEE_COMMANDS:
                raise ValueError(f"fee-1.0 has no command {fee_command!r}")
            entry = sub(fee, FEE, "command", name=fee_command)
            _period(entry, FEE, fee_period)
    if idn_table:
        _idn(extension(cmd), idn_table)
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
    _period(create, DOMAIN, request.period_years)
    if request.nameservers:
        ns = sub(create, DOMAIN, "ns")
        for host in request.nameservers:
            sub(ns, DOMAIN, "hostObj", host)
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
        secdns = sub(extension(cmd), SECDNS, "create")
        if request.max_sig_life is not None:
            sub(secdns, SECDNS, "maxSigLife", str(request.max_sig_life))
        for ds in request.ds_data:
            ds_element(secdns, ds)
    if request.idn_language:
        _idn(extension(cmd), request.idn_language)
    if request.fee_amount is not None:
        fee = sub(extension(cmd), FEE, "create")
        if request.fee_currency:
            sub(fee, FEE, "currency", request.fee_currency)
        sub(fee, FEE, "fee", request.fee_amount)
    return finish(root, cmd, cltrid)


def ds_element(parent: Element, ds: DsData) -> Element:
    """Append one `<secDNS:dsData>`."""
    node = sub(parent, SECDNS, "dsData")
    sub(node, SECDNS, "keyTag", str(ds.key_tag))
    sub(node, SECDNS, "alg", str(ds.alg))
    sub(node, SECDNS, "digestType", str(ds.digest_type))
    sub(node, SECDNS, "digest", ds.digest)
    return node


def _period(parent: Element, namespace: str, years: int) -> None:
    sub(parent, namespace, "period", str(years), unit="y")


def _auth_info(parent: Element, password: str) -> None:
    auth = sub(parent, DOMAIN, "authInfo")
    sub(auth, DOMAIN, "pw", password)


def _idn(ext: Element, table: str) -> None:
    data = sub(ext, IDN, "data")
    sub(data, IDN, "table", table)
