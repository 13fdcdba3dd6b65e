"""Extractors for RFC 5910 secDNS-1.1 data: the DS or DNSKEY records of a domain info."""

from __future__ import annotations

from dataclasses import dataclass

from registrar.epp.objects import DsData, KeyData
from registrar.epp.responses.envelope import EppResponse, extension_child, parse_int, required_text
from registrar.epp.wire.xml import SECDNS, Element, child_text, children


@dataclass(frozen=True)
class SecDnsInfo:
    """A `<secDNS:infData>`: dsData or keyData records (a registry uses one interface)."""

    ds_data: tuple[DsData, ...] = ()
    key_data: tuple[KeyData, ...] = ()
    max_sig_life: int | None = None


def secdns_info(response: EppResponse) -> SecDnsInfo:
    """The `<secDNS:infData>` of a domain info; empty when there is none."""
    data = extension_child(response, SECDNS, "infData")
    if data is None:
        return SecDnsInfo()
    max_sig = child_text(data, SECDNS, "maxSigLife")
    return SecDnsInfo(
        ds_data=tuple(ds_from_element(node) for node in children(data, SECDNS, "dsData")),
        key_data=tuple(key_from_element(node) for node in children(data, SECDNS, "keyData")),
        max_sig_life=parse_int(max_sig, "maxSigLife") if max_sig else None,
    )


def ds_from_element(node: Element) -> DsData:
    """A `<secDNS:dsData>` as `DsData`."""
    return DsData(
        key_tag=parse_int(child_text(node, SECDNS, "keyTag"), "keyTag"),
        alg=parse_int(child_text(node, SECDNS, "alg"), "alg"),
        digest_type=parse_int(child_text(node, SECDNS, "digestType"), "digestType"),
        digest=required_text(node, SECDNS, "digest"),
    )


def key_from_element(node: Element) -> KeyData:
    """A `<secDNS:keyData>` as `KeyData`."""
    return KeyData(
        flags=parse_int(child_text(node, SECDNS, "flags"), "flags"),
        protocol=parse_int(child_text(node, SECDNS, "protocol"), "protocol"),
        alg=parse_int(child_text(node, SECDNS, "alg"), "alg"),
        pub_key="".join(required_text(node, SECDNS, "pubKey").split()),
    )
