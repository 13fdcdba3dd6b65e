"""Extractors for RFC 5731 domain responses, with fee-1.0, secDNS-1.1 and rgp-1.0 data."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from registrar.epp.objects import DomainAvailability, DomainCreated, DomainInfo, DsData, FeeQuote
from registrar.epp.responses import (
    EppResponse,
    extension_child,
    parse_bool,
    parse_int,
    required_text,
    res_data_child,
)
from registrar.epp.xml import (
    DOMAIN,
    FEE,
    RGP,
    SECDNS,
    Element,
    EppXmlError,
    child,
    child_text,
    children,
    parse_datetime,
    text_of,
)


def domain_check_results(response: EppResponse) -> list[DomainAvailability]:
    """Every `<domain:cd>` in document order, each with its fee quotes when present."""
    chk = res_data_child(response, DOMAIN, "chkData")
    fees = _fee_quotes_by_name(response)
    results = []
    for cd in children(chk, DOMAIN, "cd"):
        name_node = child(cd, DOMAIN, "name")
        name = text_of(name_node)
        if name_node is None or not name:
            raise EppXmlError("<domain:cd> lacks <domain:name>")
        results.append(
            DomainAvailability(
                name=name,
                available=parse_bool(name_node.get("avail")),
                reason=child_text(cd, DOMAIN, "reason") or None,
                fees=tuple(fees.get(name.lower(), ())),
            )
        )
    return results


def _fee_quotes_by_name(response: EppResponse) -> dict[str, list[FeeQuote]]:
    chk = extension_child(response, FEE, "chkData")
    if chk is None:
        return {}
    currency = child_text(chk, FEE, "currency") or ""
    quotes: dict[str, list[FeeQuote]] = {}
    for cd in children(chk, FEE, "cd"):
        name = child_text(cd, FEE, "objID")
        if not name:
            raise EppXmlError("<fee:cd> lacks <fee:objID>")
        fee_class = child_text(cd, FEE, "class") or None
        available = parse_bool(cd.get("avail"), default=True)
        cd_reason = child_text(cd, FEE, "reason") or None
        for cmd in children(cd, FEE, "command"):
            quotes.setdefault(name.lower(), []).append(
                FeeQuote(
                    command=cmd.get("name") or "",
                    period_years=_years(child(cmd, FEE, "period")),
                    amount=_amount(children(cmd, FEE, "fee")),
                    currency=currency,
                    fee_class=fee_class,
                    premium=_is_premium(fee_class, cmd.get("standard")),
                    available=available,
                    reason=child_text(cmd, FEE, "reason") or cd_reason,
                )
            )
    return quotes


def _amount(fees: list[Element]) -> str:
    total = Decimal(0)
    for fee in fees:
        try:
            total += Decimal(text_of(fee) or "")
        except InvalidOperation:
            raise EppXmlError("<fee:fee> is not a decimal amount") from None
    if not total.is_finite():
        raise EppXmlError("<fee:fee> is not a finite amount")
    return str(total)


def _is_premium(fee_class: str | None, standard: str | None) -> bool:
    if fee_class and "premium" in fee_class.lower():
        return True
    return standard is not None and not parse_bool(standard)


def _years(period: Element | None) -> int | None:
    if period is None:
        return None
    value = parse_int(text_of(period), "period")
    unit = period.get("unit", "y")
    if unit == "y":
        return value
    return value // 12 if unit == "m" and value % 12 == 0 else None


def domain_info(response: EppResponse) -> DomainInfo:
    data = res_data_child(response, DOMAIN, "infData")
    contacts: dict[str, list[str]] = {}
    for node in children(data, DOMAIN, "contact"):
        contacts.setdefault(node.get("type", ""), []).append(text_of(node) or "")
    ds_data, max_sig_life = _secdns(response)
    rgp = extension_child(response, RGP, "infData")
    rgp_statuses = children(rgp, RGP, "rgpStatus") if rgp is not None else []
    return DomainInfo(
        name=required_text(data, DOMAIN, "name"),
        roid=child_text(data, DOMAIN, "roid"),
        statuses=tuple(node.get("s", "") for node in children(data, DOMAIN, "status")),
        registrant=child_text(data, DOMAIN, "registrant") or None,
        contacts={kind: tuple(handles) for kind, handles in contacts.items()},
        nameservers=_nameservers(child(data, DOMAIN, "ns")),
        hosts=tuple(text_of(node) or "" for node in children(data, DOMAIN, "host")),
        sponsor=child_text(data, DOMAIN, "clID"),
        creator=child_text(data, DOMAIN, "crID"),
        created_at=parse_datetime(child_text(data, DOMAIN, "crDate")),
        updater=child_text(data, DOMAIN, "upID"),
        updated_at=parse_datetime(child_text(data, DOMAIN, "upDate")),
        expires_at=parse_datetime(child_text(data, DOMAIN, "exDate")),
        transferred_at=parse_datetime(child_text(data, DOMAIN, "trDate")),
        auth_info=_auth_info(child(data, DOMAIN, "authInfo")),
        ds_data=ds_data,
        max_sig_life=max_sig_life,
        rgp_statuses=tuple(node.get("s", "") for node in rgp_statuses),
    )


def _nameservers(ns: Element | None) -> tuple[str, ...]:
    if ns is None:
        return ()
    names = [text_of(node) or "" for node in children(ns, DOMAIN, "hostObj")]
    names += [child_text(attr, DOMAIN, "hostName") or "" for attr in children(ns, DOMAIN, "hostAttr")]
    return tuple(names)


def _auth_info(node: Element | None) -> str | None:
    if node is None:
        return None
    return child_text(node, DOMAIN, "pw")


def _secdns(response: EppResponse) -> tuple[tuple[DsData, ...], int | None]:
    data = extension_child(response, SECDNS, "infData")
    if data is None:
        return (), None
    max_sig = child_text(data, SECDNS, "maxSigLife")
    return (
        tuple(ds_from_element(node) for node in children(data, SECDNS, "dsData")),
        parse_int(max_sig, "maxSigLife") if max_sig else None,
    )


def ds_from_element(node: Element) -> DsData:
    """A `<secDNS:dsData>` as `DsData`."""
    return DsData(
        key_tag=parse_int(child_text(node, SECDNS, "keyTag"), "keyTag"),
        alg=parse_int(child_text(node, SECDNS, "alg"), "alg"),
        digest_type=parse_int(child_text(node, SECDNS, "digestType"), "digestType"),
        digest=required_text(node, SECDNS, "digest"),
    )


def domain_created(response: EppResponse) -> DomainCreated:
    data = res_data_child(response, DOMAIN, "creData")
    created_at = parse_datetime(child_text(data, DOMAIN, "crDate"))
    if created_at is None:
        raise EppXmlError("<domain:creData> lacks <domain:crDate>")
    return DomainCreated(
        name=required_text(data, DOMAIN, "name"),
        created_at=created_at,
        expires_at=parse_datetime(child_text(data, DOMAIN, "exDate")),
    )
