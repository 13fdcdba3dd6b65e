"""Extractors for RFC 5732 host responses."""

from __future__ import annotations

from registrar.epp.objects import HostAvailability, HostInfo
from registrar.epp.responses.check import check_results
from registrar.epp.responses.envelope import EppResponse, required_text, res_data_child
from registrar.epp.wire.xml import HOST, child_text, children, parse_datetime, text_of


def host_check_results(response: EppResponse) -> list[HostAvailability]:
    return [
        HostAvailability(name=cd.key, available=cd.available, reason=cd.reason)
        for cd in check_results(response, HOST, "name")
    ]


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
