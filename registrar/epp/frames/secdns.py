"""The RFC 5910 secDNS-1.1 parts of domain frames: DS records on create and update."""

from __future__ import annotations

from collections.abc import Sequence

from registrar.epp.objects import DomainUpdateRequest, DsData
from registrar.epp.wire.xml import SECDNS, Element, sub


def ds_element(parent: Element, ds: DsData) -> Element:
    """Append one `<secDNS:dsData>`."""
    node = sub(parent, SECDNS, "dsData")
    sub(node, SECDNS, "keyTag", str(ds.key_tag))
    sub(node, SECDNS, "alg", str(ds.alg))
    sub(node, SECDNS, "digestType", str(ds.digest_type))
    sub(node, SECDNS, "digest", ds.digest)
    return node


def secdns_create(ext: Element, ds_data: Sequence[DsData], max_sig_life: int | None) -> None:
    """Append `<secDNS:create>` with the optional `maxSigLife` and every `dsData`."""
    create = sub(ext, SECDNS, "create")
    if max_sig_life is not None:
        sub(create, SECDNS, "maxSigLife", str(max_sig_life))
    for ds in ds_data:
        ds_element(create, ds)


def secdns_update(ext: Element, request: DomainUpdateRequest) -> None:
    """Append `<secDNS:update>`: rem (all or some), then add, then chg, in schema order."""
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
