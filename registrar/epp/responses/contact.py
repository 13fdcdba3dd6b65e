"""Extractors for RFC 5733 contact responses."""

from __future__ import annotations

from registrar.epp.objects import (
    ContactAvailability,
    ContactCreated,
    ContactInfo,
    Disclose,
    PostalInfo,
)
from registrar.epp.responses.check import check_results
from registrar.epp.responses.envelope import EppResponse, parse_bool, required_text, res_data_child
from registrar.epp.wire.xml import (
    CONTACT,
    Element,
    EppXmlError,
    child,
    child_text,
    children,
    parse_datetime,
    text_of,
)


def contact_created(response: EppResponse) -> ContactCreated:
    data = res_data_child(response, CONTACT, "creData")
    created_at = parse_datetime(child_text(data, CONTACT, "crDate"))
    if created_at is None:
        raise EppXmlError("<contact:creData> lacks <contact:crDate>")
    return ContactCreated(handle=required_text(data, CONTACT, "id"), created_at=created_at)


def contact_check_results(response: EppResponse) -> list[ContactAvailability]:
    return [
        ContactAvailability(handle=cd.key, available=cd.available, reason=cd.reason)
        for cd in check_results(response, CONTACT, "id")
    ]


def contact_info(response: EppResponse) -> ContactInfo:
    data = res_data_child(response, CONTACT, "infData")
    auth = child(data, CONTACT, "authInfo")
    disclose = child(data, CONTACT, "disclose")
    return ContactInfo(
        handle=required_text(data, CONTACT, "id"),
        roid=child_text(data, CONTACT, "roid"),
        statuses=tuple(node.get("s", "") for node in children(data, CONTACT, "status")),
        postal_info=tuple(postal_info_from_element(node) for node in children(data, CONTACT, "postalInfo")),
        email=child_text(data, CONTACT, "email") or "",
        sponsor=child_text(data, CONTACT, "clID"),
        creator=child_text(data, CONTACT, "crID"),
        created_at=parse_datetime(child_text(data, CONTACT, "crDate")),
        voice=child_text(data, CONTACT, "voice") or None,
        fax=child_text(data, CONTACT, "fax") or None,
        updater=child_text(data, CONTACT, "upID"),
        updated_at=parse_datetime(child_text(data, CONTACT, "upDate")),
        transferred_at=parse_datetime(child_text(data, CONTACT, "trDate")),
        auth_info=child_text(auth, CONTACT, "pw") if auth is not None else None,
        disclose=disclose_from_element(disclose) if disclose is not None else None,
    )


def postal_info_from_element(node: Element) -> PostalInfo:
    """A `<contact:postalInfo>` as `PostalInfo`; without `<contact:addr>` (a registry hiding
    the address) city and cc are None."""
    addr = child(node, CONTACT, "addr")
    name = required_text(node, CONTACT, "name")
    org = child_text(node, CONTACT, "org") or None
    postal_type = node.get("type", "int")
    if addr is None:
        return PostalInfo(type=postal_type, name=name, org=org, city=None, cc=None)
    return PostalInfo(
        type=postal_type,
        name=name,
        org=org,
        street=tuple(text_of(line) or "" for line in children(addr, CONTACT, "street")),
        city=required_text(addr, CONTACT, "city"),
        sp=child_text(addr, CONTACT, "sp") or None,
        pc=child_text(addr, CONTACT, "pc") or None,
        cc=required_text(addr, CONTACT, "cc"),
    )


def disclose_from_element(node: Element) -> Disclose:
    def types(name: str) -> tuple[str, ...]:
        return tuple(item.get("type", "") for item in children(node, CONTACT, name))

    return Disclose(
        flag=parse_bool(node.get("flag")),
        name=types("name"),
        org=types("org"),
        addr=types("addr"),
        voice=child(node, CONTACT, "voice") is not None,
        fax=child(node, CONTACT, "fax") is not None,
        email=child(node, CONTACT, "email") is not None,
    )
