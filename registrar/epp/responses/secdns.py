"""Extractors for RFC 5910 secDNS-1.1 data: the DS records of a domain info."""

from __future__ import annotations

from registrar.epp.objects import DsData
from registrar.epp.responses.envelope import EppResponse, extension_child, parse_int, required_text
from registrar.epp.wire.xml import SECDNS, Element, child_text, children


def secdns_info(response: EppResponse) -> tuple[tuple[DsData, ...], int | None]:
    """(DS records, maxSigLife) of a `<secDNS:infData>`; ((), None) when there is none."""
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
