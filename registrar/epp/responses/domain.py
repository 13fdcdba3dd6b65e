"""Extractors for RFC 5731 domain responses: check, info, create and renew.

Extension data comes from `responses.fee`, `responses.secdns` and `responses.rgp`; transfer
data from `responses.transfer`. A successful create or renew need not carry its `resData`
(the .dk registry answers a create with 1001 and a renew with 1000, both without): their
extractors then return None and the command settles the dates with an `info`.
"""

from __future__ import annotations

from registrar.epp.objects import (
    DomainAvailability,
    DomainCreated,
    DomainInfo,
    DomainRenewed,
    HostAttribute,
)
from registrar.epp.responses.check import check_results
from registrar.epp.responses.envelope import EppResponse, required_text, res_data_child
from registrar.epp.responses.fee import fee_quotes_by_name
from registrar.epp.responses.host import host_address
from registrar.epp.responses.rgp import rgp_statuses
from registrar.epp.responses.secdns import secdns_info
from registrar.epp.wire.xml import (
    DOMAIN,
    Element,
    EppXmlError,
    child,
    child_text,
    children,
    parse_datetime,
    text_of,
)

ACTION_PENDING = 1001
"""RFC 5730: the command was accepted; the server completes it later and says so by poll."""


def domain_check_results(response: EppResponse) -> list[DomainAvailability]:
    """Every `<domain:cd>` in document order, each with its fee quotes when present."""
    checked = check_results(response, DOMAIN, "name")
    fees = fee_quotes_by_name(response)
    return [
        DomainAvailability(
            name=cd.key,
            available=cd.available,
            reason=cd.reason,
            fees=tuple(fees.get(cd.key.lower(), ())),
        )
        for cd in checked
    ]


def domain_info(response: EppResponse) -> DomainInfo:
    data = res_data_child(response, DOMAIN, "infData")
    contacts: dict[str, list[str]] = {}
    for node in children(data, DOMAIN, "contact"):
        contacts.setdefault(node.get("type", ""), []).append(text_of(node) or "")
    secdns = secdns_info(response)
    ns = child(data, DOMAIN, "ns")
    return DomainInfo(
        name=required_text(data, DOMAIN, "name"),
        roid=child_text(data, DOMAIN, "roid"),
        statuses=tuple(node.get("s", "") for node in children(data, DOMAIN, "status")),
        registrant=child_text(data, DOMAIN, "registrant") or None,
        contacts={kind: tuple(handles) for kind, handles in contacts.items()},
        nameservers=_nameservers(ns),
        hosts=tuple(text_of(node) or "" for node in children(data, DOMAIN, "host")),
        sponsor=child_text(data, DOMAIN, "clID"),
        creator=child_text(data, DOMAIN, "crID"),
        created_at=parse_datetime(child_text(data, DOMAIN, "crDate")),
        updater=child_text(data, DOMAIN, "upID"),
        updated_at=parse_datetime(child_text(data, DOMAIN, "upDate")),
        expires_at=parse_datetime(child_text(data, DOMAIN, "exDate")),
        transferred_at=parse_datetime(child_text(data, DOMAIN, "trDate")),
        auth_info=_auth_info(child(data, DOMAIN, "authInfo")),
        ds_data=secdns.ds_data,
        max_sig_life=secdns.max_sig_life,
        rgp_statuses=rgp_statuses(response),
        host_attributes=_host_attributes(ns),
        key_data=secdns.key_data,
    )


def _nameservers(ns: Element | None) -> tuple[str, ...]:
    if ns is None:
        return ()
    names = [text_of(node) or "" for node in children(ns, DOMAIN, "hostObj")]
    names += [child_text(attr, DOMAIN, "hostName") or "" for attr in children(ns, DOMAIN, "hostAttr")]
    return tuple(names)


def _host_attributes(ns: Element | None) -> tuple[HostAttribute, ...]:
    if ns is None:
        return ()
    return tuple(
        HostAttribute(
            name=required_text(attr, DOMAIN, "hostName"),
            addresses=tuple(host_address(addr) for addr in children(attr, DOMAIN, "hostAddr")),
        )
        for attr in children(ns, DOMAIN, "hostAttr")
    )


def _auth_info(node: Element | None) -> str | None:
    if node is None:
        return None
    return child_text(node, DOMAIN, "pw")


def domain_created(response: EppResponse) -> DomainCreated | None:
    """The `<domain:creData>`; None when the successful answer has no `resData`."""
    if response.res_data is None:
        return None
    data = res_data_child(response, DOMAIN, "creData")
    created_at = parse_datetime(child_text(data, DOMAIN, "crDate"))
    if created_at is None:
        raise EppXmlError("<domain:creData> lacks <domain:crDate>")
    return DomainCreated(
        name=required_text(data, DOMAIN, "name"),
        created_at=created_at,
        expires_at=parse_datetime(child_text(data, DOMAIN, "exDate")),
        pending=response.code == ACTION_PENDING,
    )


def domain_renewed(response: EppResponse) -> DomainRenewed | None:
    """The `<domain:renData>`; None when the successful answer has no `resData`."""
    if response.res_data is None:
        return None
    data = res_data_child(response, DOMAIN, "renData")
    return DomainRenewed(
        name=required_text(data, DOMAIN, "name"),
        expires_at=parse_datetime(child_text(data, DOMAIN, "exDate")),
        pending=response.code == ACTION_PENDING,
    )
