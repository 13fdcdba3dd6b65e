"""Extractors for RFC 5732 host responses."""

from __future__ import annotations

from registrar.epp.objects import HostAvailability, HostInfo
from registrar.epp.responses import EppResponse, parse_bool, required_text, res_data_child
from registrar.epp.xml import (
    HOST,
    EppXmlError,
    child,
    child_text,
    children,
    parse_datetime,
    text_of,
)


def host_check_results(response: EppResponse) -> list[HostAvailability]:
    chk = res_data_child(response, HOST, "chkData")
    results = []
    for cd in children(chk, HOST, "cd"):
        name_node = child(cd, HOST, "name")
        name = text_of(name_node)
        if name_node is None or not name:
            raise EppXmlError("<host:cd> lacks <host:name>")
        results.append(
            HostAvailability(
                name=name,
                available=parse_bool(name_node.get("avail")),
                reason=child_text(cd, HOST, "reason") or None,
            )
        )
    return results


def host_info(response: EppResponse) -> HostInfo:
    data = res_data_child(response, HOST, "infData")
    return HostInfo(
        name=required_text(data, HOST, "name"),
        roid=child_text(data, HOST, "roid"),
        statuses=tuple(node.get("s", "") for node in children(data, HOST, "status")),
        addresses=tuple(text_of(node) or "" for node in children(data, HOST, "addr")),
        sponsor=child_text(data, HOST, "clID"),
        creator=child_text(data, HOST, "crID"),
        created_at=parse_datetime(child_text(data, HOST, "crDate")),
        updater=child_text(data, HOST, "upID"),
        updated_at=parse_datetime(child_text(data, HOST, "upDate")),
        transferred_at=parse_datetime(child_text(data, HOST, "trDate")),
    )
