"""Extractors for RFC 5732 host responses, and the address reader domain `hostAttr`s share."""

from __future__ import annotations

from registrar.epp.objects import HostAddress, HostAvailability, HostInfo
from registrar.epp.responses.check import check_results
from registrar.epp.responses.envelope import EppResponse, required_text, res_data_child
from registrar.epp.wire.xml import HOST, Element, EppXmlError, child_text, children, parse_datetime, text_of

IP_VERSIONS = {"v4": 4, "v6": 6}


def host_check_results(response: EppResponse) -> list[HostAvailability]:
    return [
        HostAvailability(name=cd.key, available=cd.available, reason=cd.reason)
        for cd in check_results(response, HOST, "name")
    ]


def host_info(response: EppResponse) -> HostInfo:
    data = res_data_child(response, HOST, "infData")
    addresses = tuple(host_address(node) for node in children(data, HOST, "addr"))
    return HostInfo(
        name=required_text(data, HOST, "name"),
        roid=child_text(data, HOST, "roid"),
        statuses=tuple(node.get("s", "") for node in children(data, HOST, "status")),
        addresses=tuple(address.address for address in addresses),
        sponsor=child_text(data, HOST, "clID"),
        creator=child_text(data, HOST, "crID"),
        created_at=parse_datetime(child_text(data, HOST, "crDate")),
        updater=child_text(data, HOST, "upID"),
        updated_at=parse_datetime(child_text(data, HOST, "upDate")),
        transferred_at=parse_datetime(child_text(data, HOST, "trDate")),
        ip_addresses=addresses,
    )


def host_address(node: Element) -> HostAddress:
    """A `<host:addr>` or `<domain:hostAddr>`; `ip` is "v4" when absent (the XSD default)."""
    version = IP_VERSIONS.get((node.get("ip") or "v4").strip())
    if version is None:
        raise EppXmlError(f"address ip attribute {node.get('ip', '')[:10]!r} is neither v4 nor v6")
    address = text_of(node)
    if not address:
        raise EppXmlError("empty host address")
    return HostAddress(address=address, version=version)
